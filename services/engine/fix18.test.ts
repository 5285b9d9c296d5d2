/**
 * int18 whole-rules review fixes (fix18). S1: « ta mère a raison de te tuer » softens a threat said in the same message
 * only when the speaker adds no blow of their own (« et moi je vais t'éclater ») and no « sale chien ». S2: a theatre, film or
 * script line ("in the play the pimp says she does what i tell her") is no pimp's control. M1: an engine "I'll kill" is its own
 * `mechanics` cue and softens threats only, so a gun-for-drugs swap said next keeps its weapons category. An armed wait
 * "outside your flat" is a threat (only a flat tyre is DIY). M2: tren beside a cardiologist's or a "stupid idea" is no item.
 * Messages written for this test, each beside the innocent one with the same words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';
import { replay } from './context/replay.test-support.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

const rulesOf = async (): Promise<{ has: (text: string, label: string) => boolean; ids: (text: string) => string[] }> => {
  const rs = await loadRuleSet(RULES_DIR);
  return {
    has: (text, label) => rs.match(normalise(text)).some((h) => h.label === label),
    ids: (text) => rs.match(normalise(text)).map((h) => h.ruleId),
  };
};

/** The score of `cat` on each message of a replayed two-person conversation. */
const scores = async (lines: readonly string[], cat: 'violent_threat' | 'weapons_trafficking'): Promise<number[]> => {
  const out: number[] = [];
  await replay(lines, (o) => { out.push(o.categories[cat]?.score ?? 0); }, true);
  return out;
};

test('fix18 S1: a parent "right to kill you" followed by the speaker\'s own blow stays a threat', async () => {
  const { has } = await rulesOf();
  for (const t of [
    'tes parents ont raison de te tuer, moi je vais te massacrer', 'ta mere a bien raison de te tuer et moi je vais t\'éclater',
    'ta mère a raison de te tuer, et moi je vais t\'exploser la tête', 'ta daronne a raison de te buter, je vais te péter la gueule sale chien',
    'ur mum\'s right to kill u, and imma smash your face in',
  ]) {
    assert.ok(!has(t, 'cue:hazard'), t);
    assert.ok((await scores([`a: ${t}`], 'violent_threat'))[0]! >= 0.5, t);
  }
  for (const t of ['ta mère a raison de te tuer 😄', 'ton père a bien raison de te tuer', 'ta mère a raison de te tuer, moi je vais te laisser tranquille']) {
    assert.ok(has(t, 'cue:hazard'), t);
  }
});

test('fix18 S2: a play, a film or a script line is no pimp\'s control; the real thing still is', async () => {
  const { has, ids } = await rulesOf();
  for (const t of [
    'in the play the pimp says she does what i tell her, 200 cash a night, i hate my lines',
    'my character in the movie says she does what i say, 300 cash a night',
    'dans la pièce le mac dit elle fait ce que je lui dis, 200 cash la nuit, j\'ai ce rôle',
  ]) {
    assert.ok(!ids(t).includes('pr.en.controlled'), t);
    assert.ok(!has(t, 'cue:pimping'), t);
  }
  for (const t of ['she does what i tell her, 200 cash a night, no questions', 'elle fait ce que je lui dis, 150 en liquide la nuit']) {
    assert.ok(ids(t).includes('pr.en.controlled'), t);
  }
});

test('fix18 M1: an engine "I\'ll kill" softens threats only, not a gun-for-drugs swap said next', async () => {
  const { has } = await rulesOf();
  assert.ok(has('ce moteur je vais le tuer', 'cue:mechanics'));
  assert.ok(!has('ce moteur je vais le tuer', 'cue:household'));
  const w = await scores(['a: ce moteur je vais le tuer', 'a: la carabine contre 2 plaques de shit tu prends?'], 'weapons_trafficking');
  assert.ok(w[1]! >= 0.5, String(w));
  const v = await scores(['a: ce moteur je vais le tuer, il démarre pas'], 'violent_threat');
  assert.ok(v[0]! < 0.5, String(v));
});

test('fix18: an armed wait outside your flat is a threat; a flat tyre is not', async () => {
  const { ids } = await rulesOf();
  for (const t of ['you owe me 2k, i\'ll be waiting outside your flat with the crowbar tonight', 'i\'ll be waiting for him at his flat with a bat']) {
    assert.ok(ids(t).includes('vt.en.wait_armed_r18'), t);
  }
  for (const t of ['got a flat, i\'ll be waiting with the wheel brace on the hard shoulder', 'had a flat tyre, waiting with the tyre iron for the AA', 'i\'ll be waiting there with the wheel brace in case the tyre is flat again']) {
    assert.ok(!ids(t).includes('vt.en.wait_armed_r18'), t);
  }
});

test('fix18 M2: tren said by a cardiologist or called a stupid idea is no drug item', async () => {
  const { has } = await rulesOf();
  assert.ok(!has('tren 100 mg a week is a stupid idea, my cardiologist said', 'cue:drug_item'));
  assert.ok(has('tren 100mg x10 vials, 80 each, dm me', 'cue:drug_item'));
});
