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
import { resolve } from 'node:path';
import { actCaseErrors, dialogue, type ActCase } from './dialogue.test-support.js';
import { createEngine, createState } from './engine.js';
import { REPO_ROOT } from './engine-options.js';

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

// Review of det45b: the laughing claim said by someone the addressee never answered (a stranger, a witness's intimidator), or by
// an adult to a child, is no joke between friends: still held as on main.
const NOT_FRIENDS: [string, string[], 'stranger' | 'minor'][] = [
  ['EN: a witness told he is known, no answer', ['heard you talked to the cops about saturday', 'nothing personal haha', 'we know where you live lol'], 'stranger'],
  ['EN: a parcel label, no answer', ['nice pic of your parcel', 'you should hide the label better lol', 'I know where you live now 😂'], 'stranger'],
  ['FR: an adult to a 13-year-old', ["t'es trop mignonne pour ton âge", 'euh merci', "mdr je sais où tu habites, je t'ai vue sortir du collège 😂"], 'minor'],
];

test('stop 45 (review of det45b): the laughing claim from a stranger never answered or from an adult to a child is held', async () => {
  const engine = await createEngine({ modelDir: resolve(REPO_ROOT, 'models/vigie-fasttext-v1'), windowModelDir: resolve(REPO_ROOT, 'models/vigie-window-v1') });
  const wrong: string[] = [];
  try {
    for (const [k, [name, lines, kind]] of NOT_FRIENDS.entries()) {
      const msgs = dialogue('d45b-r', k, lines).map((m, i) => kind === 'stranger'
        ? { ...m, senderId: `a${k}`, recipientId: `b${k}` }
        : { ...m, senderDeclaredAge: i % 2 ? 13 : 30 });
      const verdicts = await engine.classifyBatch(msgs, createState());
      const held = verdicts.some((v) => (v.action === 'hold' || v.action === 'block' || v.escalation !== null) && v.categories.some((c) => c.category === 'violent_threat'));
      if (!held) wrong.push(`${name}: violent_threat not held`);
    }
  } finally {
    await engine.close();
  }
  assert.deepEqual(wrong, []);
});
