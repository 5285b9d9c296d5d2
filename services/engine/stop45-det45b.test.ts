/**
 * Stop 45 (det45b): benign conversations a review team had to clear, by kind (docs/engine.md "Stop 45 (det45b)"). Cases written
 * for this test from the probe conversations of test/probes/det45b (FR and EN, none from a data set): each benign case held
 * without the change and not with it; each harmful twin held with it.
 * - A joke between friends: a bare "I know where you live" said laughing (cue home_quip, context/home-quip.ts), not after a threat,
 *   a refusal or an alarm, not with a weapon, a menace, a grievance, a visit or an address.
 * - Looking after someone: a phone taken from a drunk friend or a groomed sister, said with why (context/protective-take.ts), is
 *   no robbery for the ambush set-ups; not « sinon elle va appeler les flics », not with her card.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const JOKES: ActCase[] = [
  ['EN: a coach and the skipped spin class', ['6am spin class tomorrow, no excuses', 'coach my legs are still dead from monday', "I know where you live Danny 😂 I'll drag you out of bed myself", 'noooo'], 'violent_threat', false],
  ['FR: a borrowed sweater', ['qui a pris mon pull gris ?', 'ta sœur, je l\'ai vue sur sa story avec', 'mdr je sais où tu habites aussi hein, rends le moi demain', 'ok ok'], 'violent_threat', false],
  ['FR: « tu m\'as fait virer », the laugh and a knife', ["tu m'as fait virer de l'équipe", 'et alors', 'je sais où tu habites mdr, je viens te planter demain'], 'violent_threat', true],
  ['EN: blocked, then the laughing claim', ['why did you block me on insta', 'leave me alone', 'lol i know where you live'], 'violent_threat', true],
  ['EN: a knife said, then the laughing claim', ["i've got my brother's knife in my bag", 'what', "you think you're safe? i know where you sleep 😂"], 'violent_threat', true],
];

const CARE: ActCase[] = [
  ['FR: a drunk friend behind the bar, her phone kept from her ex', ['Clémence est pas bien, elle est assise derrière la buvette', "j'arrive, elle a bu quoi ?", 'le punch de la fanfare, elle tient plus debout', 'on la ramène chez moi en voiture', "on lui fait boire de l'eau et on lui prend son tel sinon elle va écrire à son ex", 'oui je reste avec elle'], 'ambush', false],
  ['FR: a drunk girl behind the bar, her phone and her card taken', ['la meuf est toute seule derrière la buvette', 'elle tient plus debout', 'on la ramène au parking, personne passe', 'ok', 'on lui prend son tel et sa CB et on la laisse là-bas'], 'ambush', true],
];

test('stop 45 (det45b): a bare "I know where you live" said laughing is not held; after a block, with a knife or a grievance it is', async () => {
  assert.deepEqual(await actCaseErrors('d45b-j', JOKES, 'hold', 'shipped'), []);
});

test('stop 45 (det45b): a drunk friend\'s phone kept from her ex is no robbery; her phone and card taken is', async () => {
  assert.deepEqual(await actCaseErrors('d45b-c', CARE, 'hold', 'shipped'), []);
});
