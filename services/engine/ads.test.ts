/**
 * The shipped rules and policy (rules/, policies/default.json) on classified ads and drug adverts,
 * rules, context and the default window model (no message model): an emoji beside the price of an
 * everyday item is decoration, not a drug offer (frame `listing`); drug emoji with drug units, or several
 * drug emoji with a sale cue, still are. Texts written for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage } from '../contracts/types.js';
import { createEngine, createState } from './engine.js';

/** One message each, in a fresh conversation between adults: the text and whether drug_trafficking is asserted. */
const DRUG_EMOJI_CASES: [string, boolean][] = [
  // hard negatives: one emoji next to a price or a sale word
  ['selling my xbox 300$ 😂❄️', false],
  ['vends vélo de course 250 € très bon état ❄️', false],
  ['trottinette à vendre 90 euros, dispo ce week-end 🍃', false],
  ['winter tyres for sale, 4 for 200 dollars ❄️❄', false],
  ['plante verte dispo 15 € 🍃 livraison possible', false],
  ['concert tickets selling 2 for 80 dollars 💊 dm me', false],
  ['concert tickets selling 2 for 80 dollars 💊', false],
  // positives: drug units, drug words, or several drug emoji with a sale cue
  ['🍃 20 le g, dispo ce soir', true],
  ['❄️ 70 le gramme livraison', true],
  ['🍃❄️ dispo, menu en dm', true],
  ['💊❄️ selling, dm for the menu', true],
  ['selling weed 10 a gram 🍃', true],
];

function message(i: number, text: string): ChatMessage {
  return {
    messageId: `ad-${i}`, tenantId: null, conversationId: `ad-c${i}`, roomId: null, senderId: `seller${i}`, recipientId: `buyer${i}`,
    text, sentAt: 1_767_600_000_000 + i * 60_000, senderIp: null, senderDeclaredAge: 30, locale: null,
  } as ChatMessage;
}

test('shipped rules: drug emoji in classified ads do not assert drug trafficking; real adverts still do', async () => {
  const engine = await createEngine({ modelDir: 'none' });
  const wrong: string[] = [];
  for (const [i, [text, expected]] of DRUG_EMOJI_CASES.entries()) {
    const [v] = await engine.classifyBatch([message(i, text)], createState());
    const got = v!.categories.some((c) => c.category === 'drug_trafficking');
    if (got !== expected) wrong.push(`${JSON.stringify(text)}: expected ${expected ? '' : 'no '}drug_trafficking, got ${JSON.stringify(v!.categories)}`);
  }
  await engine.close();
  assert.deepEqual(wrong, []);
});
