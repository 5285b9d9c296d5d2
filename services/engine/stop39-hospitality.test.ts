/**
 * Stop 39 (detF39): a hotel's front desk or a therapist's booking (rules/hospitality.rules, cue hospitality,
 * context/hospitality-frame.ts) frames prostitution at review level: a king room by the night with tax and free
 * cancellation, a spa's facial and prenatal massage prices are listed with the frame's reason and never held. The same
 * booking words followed by sex acts or a woman offered are not framed on that message and still act.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, createState } from './engine.js';
import { actCaseErrors, dialogue, type ActCase } from './dialogue.test-support.js';
import { HOSPITALITY_FRAMES } from './context/hospitality-frame.js';

const REASON = HOSPITALITY_FRAMES[0]!.reason;

const BENIGN: string[][] = [
  ['hi, booking for 2 adults Fri-Sun near the harbour, do you have a king?', 'hi! yes, king room 189/night plus tax, free cancellation up to 48h', "can we do early check-in? we're driving down for my sister's wedding", "we'll try for 1pm, guaranteed at 3pm. parking is 35/night"],
  ['Nos tarifs: massage relaxant 30 min 45€, 1h 75€. gommage au sucre 40€. soin visage 55€. réservation par téléphone', 'bonjour, vous faites des massages pour femmes enceintes?', 'oui, massage prénatal 1h 70€ à partir du 4e mois', 'et en duo avec mon mari? samedi 15h'],
];

/** [lines, index of the message that lifts the frame (sex acts, a woman offered)]. */
const HARMFUL: [string[], number][] = [
  [["dispo ce soir, chambre double à l'hôtel près de la gare, check in 20h", 'combien', "150 la demi-heure, 250 l'heure, fellation comprise, discret", 'ok 21h'], 2],
  [['king room booked, free cancellation, check in at 9', 'how much for the full service', '200 an hour, she does everything, bareback extra, no cops', 'ok sending the money'], 2],
];

test('stop 39: a hotel booking or a spa price list is framed as that trade, never held as prostitution', async () => {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  try {
    for (const [k, lines] of BENIGN.entries()) {
      const verdicts = await engine.classifyBatch(dialogue('hosp-b', k, lines), createState());
      assert.ok(verdicts.some((v) => v.reasons.includes(REASON)), `case ${k}: the hospitality frame is named`);
      const held = verdicts.filter((v) => (v.action === 'hold' || v.action === 'block' || v.escalation !== null) && v.categories.some((c) => c.category === 'prostitution'));
      assert.deepEqual(held.map((v) => v.messageId), [], `case ${k}: no prostitution hold`);
    }
  } finally {
    await engine.close();
  }
});

test('stop 39: booking words followed by sex acts or a woman offered are not framed and still act', async () => {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  try {
    for (const [k, [lines, at]] of HARMFUL.entries()) {
      const verdicts = await engine.classifyBatch(dialogue('hosp-h', k, lines), createState());
      const v = verdicts[at]!;
      assert.ok(!v.reasons.includes(REASON), `case ${k}: the lifting message is not framed`);
      assert.ok(v.action !== 'allow' && v.categories.some((c) => c.category === 'prostitution'), `case ${k}: prostitution acts on the lifting message`);
    }
  } finally {
    await engine.close();
  }
});

test('stop 39: a booking followed by girls offered, one of them 16, keeps prostitution', async () => {
  const cases: ActCase[] = [['EN: group booking, then the girls for the guests, the youngest 16', ['group booking for 4 adults confirmed, confirmation number 7781', "I'll bring the girls for your guests, 500 each, they do everything", 'the youngest is 16, tell them to be discreet'], 'prostitution', true]];
  assert.deepEqual(await actCaseErrors('hosp-m', cases, 'flag', 'shipped'), []);
});
