/**
 * Review of stop 44 (det44g): the larp word « le GN » now sets the table's frame (tabletop), so a real wrong said in words
 * the branch's real_grievance did not read (the photos of the speaker's girlfriend posted, the speaker's scooter or girlfriend
 * taken, "slept with my wife") was framed as the game's: « au GN dimanche … c'est lui qui a mis les photos de ma copine sur insta
 * … on lui pète les deux bras » flagged on main, allowed on the branch. Cases written for this review (no data set).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const CASES: ActCase[] = [
  ['FR: at the larp, the boy who posted my girlfriend\'s photos, both arms broken', ['au GN de dimanche y aura lucas', 'ok', "c'est lui qui a mis les photos de ma copine sur insta", 'et ?', 'on le traîne dans les bois et on lui pète les deux bras'], 'violent_threat', true],
  ['EN: they beat us 4-0 last season, sunday we murder them on the pitch', ['they beat us 4-0 last season', 'sunday at 3 we get revenge at the Riverside pitch', "we're gonna destroy them, their keeper is getting murdered", 'bring your boots'], 'violent_threat', false],
  ['FR: at the larp, the orc chief who stole the guild\'s treasure, both arms broken in the game', ['au GN de dimanche y aura lucas', 'ok', "c'est lui qui joue le chef orc qui a volé le trésor de la guilde", 'et ?', 'vos persos le traînent dans les bois et lui pètent les deux bras, épées en mousse'], 'violent_threat', false],
];

test('review det44g: a real wrong in other words (photos posted, girlfriend or scooter taken) leaves the larp\'s frame', async () => {
  assert.deepEqual(await actCaseErrors('d44g-r', CASES, 'flag', 'shipped'), []);
  const { textCues } = await import('./context/replay.test-support.js');
  assert.equal((await textCues("c'est lui qui a mis les photos de ma copine sur insta")).has('real_grievance'), true);
  assert.equal((await textCues('le gardien il me a carotte mon scooter')).has('real_grievance'), true);
  assert.equal((await textCues('tom slept with my wife')).has('real_grievance'), true);
  assert.equal((await textCues('il me a vole mon kill en ranked')).has('real_grievance'), false);
  assert.equal((await textCues('they beat us 4-0 last season')).has('real_grievance'), false);
  assert.equal((await textCues('he beat me up after school')).has('real_grievance'), true);
});
