/**
 * Round 22 (mem22): idle entries kept encoded (state-lazy.ts `coolIdle`) under both checkpoint formats (codec21,
 * VIGIE_STATE_FORMAT 3 or 4). Entries are cooled in the format they are asked for (the format checkpoints are written
 * in); a checkpoint in that format copies them, one in the other format transcodes them on their bytes; either way they
 * stay cooled in the state, and the checkpoint restores to exactly what a checkpoint of a state never cooled restores
 * to (compared as canonical bytes: the restored state's data written again from JSON).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category } from '../../contracts/taxonomy.js';
import { observe, type ContextInput } from './observe.js';
import { compileContextBounds, coolIdle, createState, encodeState, restoreState, serialiseState, type EngineState } from './state.js';
import { encodedOf } from './state-lazy.js';
import { FORMAT_3, STATE_FORMAT, type RawEntry } from './state-codec.js';
import { createEngine } from '../engine.js';
import { createCodecs } from '../../contracts/index.js';
import { generateConversations } from '../../training/scenario-generator.js';
import { interleave } from '../../training/interleave.js';
import type { ChatMessage } from '../../contracts/types.js';

const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;
const T0 = 1_700_000_000_000;
const FORMATS = [FORMAT_3, STATE_FORMAT] as const;
const DEV = fileURLToPath(new URL('../../../../eval/dev/messages.jsonl', import.meta.url));

function msg(i: number): ContextInput {
  const texts = ['tu as quel age', 'on se voit ce soir', 'envoie une photo', "j'ai 13 ans", 'tu es seule ?'];
  return {
    messageId: `m${i}`, conversationId: `c${(i * 7) % 29}`, roomId: null, senderId: `u${i % 13}`, recipientId: `u${(i + 5) % 13}`, text: texts[i % texts.length]!,
    sentAt: T0 + i * 45_000, senderDeclaredAge: i % 4 ? null : 14,
    categories: { child_grooming: { score: 0.3 + (i % 7) / 20, sources: ['rule:t'] } }, signals: { age_question: { score: 0.6, sources: ['rule:t'] } },
    ruleCues: ['meetup_request'],
  } as unknown as ContextInput;
}

/** Entries of `s` still encoded. */
function encoded(s: EngineState): RawEntry[] {
  const out: RawEntry[] = [];
  for (const rec of [s.convs, s.senders] as Record<string, unknown>[]) for (const k in rec) { const r = encodedOf(rec[k]); if (r) out.push(r); }
  return out;
}

/**
 * What a checkpoint restores to, as bytes that do not depend on how it was written: restored, its data as JSON (every
 * entry decoded), restored from that JSON and written again in `format` with tables of its own.
 */
function canonical(bytes: Uint8Array, format: number): Uint8Array {
  return encodeState(restoreState(serialiseState(restoreState(bytes))), format);
}

/** A state observed over `n` messages from message `from`, cooled before each one when `cool` says so. */
function run(s: EngineState, from: number, n: number, cool: { after: number; format: number } | null): void {
  const b = compileContextBounds({ coolAfterTouches: cool?.after ?? 0, coolMinEntries: 0 });
  for (let i = from; i < from + n; i++) {
    if (cool) coolIdle(s, b, cool.format);
    observe(s, msg(i), ASSERT_AT, b);
  }
}

for (const coolFormat of FORMATS) {
  for (const writeFormat of FORMATS) {
    test(`mem22: entries cooled in format ${coolFormat}, checkpointed in format ${writeFormat}: restored as a checkpoint of a state never cooled, byte for byte; they stay cooled, in their format`, () => {
      const cold = createState();
      const hot = createState();
      run(cold, 0, 500, { after: 8, format: coolFormat });
      run(hot, 0, 500, null);
      const cooled = encoded(cold);
      assert.ok(cooled.length > 20, `entries kept encoded: ${cooled.length}`);
      assert.ok(cooled.every((r) => r.text !== null && r.src.format === coolFormat), 'every cooled entry is held in the format asked for');
      const a = encodeState(cold, writeFormat);
      const b = encodeState(hot, writeFormat);
      assert.equal(a[3], writeFormat);
      assert.deepEqual(canonical(a, writeFormat), canonical(b, writeFormat), 'what the checkpoint restores to');
      assert.equal(serialiseState(restoreState(a)), serialiseState(restoreState(b)));
      // Neither decoded nor replaced by the checkpoint (a copy, or a transcoding that leaves them as they were).
      const after = encoded(cold);
      assert.equal(after.length, cooled.length);
      assert.ok(after.every((r, i) => r === cooled[i]), 'the cooled entries are the same objects after the checkpoint');
      // The state goes on from the checkpoint (restored entries in writeFormat, later ones cooled in coolFormat), and
      // from the cooled state itself: both stay the state never cooled.
      const restored = restoreState(a);
      for (const [from, n] of [[500, 12], [512, 300]] as const) {
        run(restored, from, n, { after: 8, format: coolFormat });
        run(cold, from, n, { after: 8, format: coolFormat });
        run(hot, from, n, null);
        if (n === 12) {
          const kinds = encoded(restored);
          assert.ok(kinds.some((r) => r.text !== null) && kinds.some((r) => r.text === null), 'restored and cooled entries both in the next checkpoint');
        }
        const h = canonical(encodeState(hot, writeFormat), writeFormat);
        assert.deepEqual(canonical(encodeState(restored, writeFormat), writeFormat), h, `restored, cooled again and checkpointed again (${n})`);
        assert.deepEqual(canonical(encodeState(cold, writeFormat), writeFormat), h, `cooled on and checkpointed again (${n})`);
      }
    });
  }
}

test('mem22: a checkpoint in the format entries are cooled in copies their bytes: the cooled entry lies in it as it is', () => {
  for (const format of FORMATS) {
    const s = createState();
    run(s, 0, 300, { after: 8, format });
    const bytes = Buffer.from(encodeState(s, format));
    const cooled = encoded(s);
    assert.ok(cooled.length > 10);
    for (const r of cooled) assert.ok(bytes.includes(Buffer.from(r.text!, 'latin1')), `format ${format}: a cooled entry's bytes are in the checkpoint`);
  }
});

/** Classifies `messages` in batches of 7 with a checkpoint in `format` and a restore from it every 5 batches; the verdicts as JSON. */
async function verdicts(messages: ChatMessage[], cool: number, format: number): Promise<string> {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none', stateFormat: format, bounds: { coolAfterTouches: cool, coolMinEntries: 0 } });
  try {
    let state = createState();
    let text = '';
    let cooledSeen = 0;
    for (let i = 0, k = 0; i < messages.length; i += 7, k++) {
      for (const v of await engine.classifyBatch(messages.slice(i, i + 7), state)) text += JSON.stringify(v) + '\n';
      const cooled = encoded(state).filter((r) => r.text !== null);
      assert.ok(cooled.every((r) => r.src.format === format), 'entries cooled in the engine\'s stateFormat');
      cooledSeen = Math.max(cooledSeen, cooled.length);
      if (k % 5 === 4) state = restoreState(encodeState(state, format));
    }
    if (cool) assert.ok(cooledSeen > 5, `cooling happened (format ${format}, after ${cool}): ${cooledSeen}`);
    return text;
  } finally {
    await engine.close();
  }
}

test('mem22: the engine gives the same verdicts with idle entries cooled (after 6 touches, from 0 entries) as without, in both formats, on eval/dev and on generated traffic', async () => {
  const codecs = createCodecs();
  const dev = readFileSync(DEV, 'utf8').split('\n').filter((l) => l.trim()).map((l) => codecs.ChatMessage.decodeJson(l));
  const generated: ChatMessage[] = [];
  for (const s of interleave(generateConversations({ seed: 22, count: 120 }))) { generated.push(s.message); if (generated.length >= 500) break; }
  for (const [name, messages] of [['eval/dev', dev], ['generated', generated]] as const) {
    const off = await verdicts(messages, 0, FORMAT_3);
    assert.ok(off.length > 0);
    for (const format of FORMATS) assert.ok(await verdicts(messages, 6, format) === off, `${name}: format ${format}, cooled: the same verdicts`);
  }
});
