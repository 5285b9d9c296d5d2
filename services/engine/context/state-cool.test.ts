/**
 * Idle entries kept encoded in memory (state-lazy.ts `coolIdle`, issue 11 round 21): what they hold never changes
 * (decoded, checkpointed, restored, evicted), the tables of their shapes stay bounded by the live entries, and an
 * expired cooled entry is evicted without being decoded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, type Category } from '../../contracts/taxonomy.js';
import { observe, type ContextInput } from './observe.js';
import { compileContextBounds, coolIdle, createState, encodeState, entryOf, evictEntries, restoreState, serialiseState, touchEntry, type ConversationState, type EngineState } from './state.js';
import { coolingFigures, encodedOf, MIN_COOL_SHAPES } from './state-lazy.js';
import { RawEntry, readEntries } from './state-codec.js';
import { generateConversations } from '../../training/scenario-generator.js';
import { interleave } from '../../training/interleave.js';
import { createEngine } from '../engine.js';
import type { ChatMessage } from '../../contracts/types.js';

const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;
const T0 = 1_700_000_000_000;

function msg(conv: string, sender: string, at: number, text: string): ContextInput {
  return {
    messageId: `${conv}-${at}`, conversationId: conv, roomId: null, senderId: sender, recipientId: `r${conv}`, text, sentAt: at, senderDeclaredAge: null,
    categories: { child_grooming: { score: 0.3 + (at % 7) / 20, sources: ['rule:t'] } }, signals: { age_question: { score: 0.6, sources: ['rule:t'] } },
    ruleCues: ['meetup_request'],
  } as unknown as ContextInput;
}

/** What a state holds, whatever the order of its records' keys (a restore lists them in recency order). */
function canonical(s: EngineState): string {
  const sorted = (rec: Record<string, unknown>) => Object.keys(rec).sort().map((k) => [k, entryOf(rec, k)]);
  return JSON.stringify({ now: s.now, seq: s.seq, nc: s.nc, ns: s.ns, convs: sorted(s.convs), senders: sorted(s.senders) });
}

/** Entries of `s` that are still encoded. */
function encodedCount(s: EngineState): number {
  let n = 0;
  for (const k in s.convs) if (encodedOf(s.convs[k])) n++;
  for (const k in s.senders) if (encodedOf(s.senders[k])) n++;
  return n;
}

/** Observes the same traffic into two states, one cooled before every message (`cool`), and checks they say the same each time. */
function twins(cool: { coolAfterTouches: number; coolMinEntries: number }, bounds = {}) {
  const b = compileContextBounds({ ...bounds, ...cool });
  const off = compileContextBounds({ ...bounds, coolAfterTouches: 0 });
  const hot = createState();
  let cold = createState();
  return {
    hot, get cold() { return cold; }, set cold(s: EngineState) { cold = s; },
    step(m: ContextInput): void {
      coolIdle(cold, b);
      // observe owns (and changes) its input: one copy each.
      const a = observe(hot, structuredClone(m), ASSERT_AT, off);
      const c = observe(cold, structuredClone(m), ASSERT_AT, b);
      assert.deepEqual(c, a, `output of ${m.messageId}`);
    },
  };
}

test('cooling: idle entries are encoded, decoded on their next message, and every output and the state stay those of a state never cooled', () => {
  const t = twins({ coolAfterTouches: 6, coolMinEntries: 0 });
  for (let i = 0; i < 400; i++) t.step(msg(`c${i % 23}`, `u${i % 31}`, T0 + i * 60_000, i % 3 ? 'tu as quel age' : 'on se voit ce soir'));
  assert.ok(encodedCount(t.cold) > 20, `entries kept encoded: ${encodedCount(t.cold)}`);
  assert.ok(serialiseState(t.cold) === serialiseState(t.hot), 'the same state');
  assert.equal(coolingFigures(t.cold).generations, 0);
});

test('cooling: nothing is encoded while the state holds fewer than coolMinEntries entries, nor with coolAfterTouches 0', () => {
  for (const cool of [{ coolAfterTouches: 2, coolMinEntries: 1000 }, { coolAfterTouches: 0, coolMinEntries: 0 }]) {
    const t = twins(cool);
    for (let i = 0; i < 200; i++) t.step(msg(`c${i % 17}`, `u${i % 13}`, T0 + i * 1000, 'salut'));
    assert.equal(encodedCount(t.cold), 0, JSON.stringify(cool));
  }
});

test('cooling: queue compaction between two cooling steps (evictions) moves the items; the cursor still cools every idle entry once', () => {
  // maxConversations 8 of 40 conversations: evictions compact the recency queues again and again.
  const t = twins({ coolAfterTouches: 4, coolMinEntries: 0 }, { maxConversations: 8, maxSenders: 8 });
  for (let i = 0; i < 1500; i++) {
    t.step(msg(`c${(i * 7) % 40}`, `u${(i * 3) % 11}`, T0 + i * 1000, 'hello'));
    // Every entry idle for more than coolAfterTouches touches is encoded after a cooling step.
    coolIdle(t.cold, compileContextBounds({ coolAfterTouches: 4, coolMinEntries: 0 }));
    const s = t.cold;
    for (const [rec] of [[s.convs], [s.senders]] as Record<string, { t: number }>[][]) {
      for (const k in rec) if (rec[k]!.t <= s.seq - 4) assert.ok(encodedOf(rec[k]), `${k} (touch ${rec[k]!.t}, seq ${s.seq}) idle, not encoded`);
    }
  }
  assert.ok(serialiseState(t.cold) === serialiseState(t.hot), 'the same state');
});

test('cooling: an entry that cannot be encoded makes coolIdle throw before any output, and stays as it was', () => {
  const s = createState();
  observe(s, msg('a', 'x', T0, 'salut'), ASSERT_AT, compileContextBounds());
  const conv = s.convs['c:a']!;
  (conv as unknown as { bad: unknown }).bad = () => 1;
  for (let i = 1; i < 5; i++) observe(s, msg('b', 'y', T0 + i, 'salut'), ASSERT_AT, compileContextBounds());
  assert.throws(() => coolIdle(s, compileContextBounds({ coolAfterTouches: 2, coolMinEntries: 0 })), /has no encoding/);
  assert.equal(s.convs['c:a'], conv);
});

test('cooling: an expired cooled entry is evicted without being decoded (its lastAt is read from the encoded entry)', () => {
  const b = compileContextBounds({ ttlMs: 10_000, coolAfterTouches: 1, coolMinEntries: 0 });
  const s = createState();
  observe(s, msg('old', 'x', T0, 'salut'), ASSERT_AT, b);
  for (let i = 1; i <= 3; i++) observe(s, msg('keep', 'y', T0 + i, 'salut'), ASSERT_AT, b);
  coolIdle(s, b);
  const raw = encodedOf(s.convs['c:old']);
  assert.ok(raw, 'the idle conversation is encoded');
  assert.equal(raw.lastAt, T0);
  // Its bytes replaced by garbage: decoding it would throw.
  s.convs['c:old'] = new RawEntry(raw.src, 0, 3, raw.base, raw.t, '\u00ff\u00ff\u00ff', raw.lastAt) as unknown as ConversationState;
  assert.throws(() => entryOf(s.convs, 'c:old'), /corrupt/);
  s.convs['c:old'] = new RawEntry(raw.src, 0, 3, raw.base, raw.t, '\u00ff\u00ff\u00ff', raw.lastAt) as unknown as ConversationState;
  s.nc = evictEntries(s.convs, s.cq, s.nc, b.maxConversations, T0 + 2);
  assert.equal(s.convs['c:old'], undefined);
  assert.deepEqual(Object.keys(s.convs), ['c:keep']);
  assert.equal(s.nc, 1);
});

test('cooling: cooled entries are checkpointed and restored as they were, before and after more cooling on the restored state', () => {
  const t = twins({ coolAfterTouches: 5, coolMinEntries: 0 });
  let i = 0;
  const run = (n: number) => { for (const end = i + n; i < end; i++) t.step(msg(`c${i % 19}`, `u${i % 7}`, T0 + i * 30_000, i % 2 ? 'tu as quel age' : 'envoie une photo')); };
  run(300);
  const before = encodedCount(t.cold);
  assert.ok(before > 10);
  const bytes = encodeState(t.cold);
  assert.ok(canonical(restoreState(bytes)) === canonical(t.hot), 'restored as it was');
  // The restored state goes on: entries restored and entries cooled since share its tables; checkpoint, restore, again.
  t.cold = restoreState(bytes);
  run(300);
  const again = encodeState(t.cold);
  assert.ok(canonical(restoreState(again)) === canonical(t.hot), 'restored again as it was');
  t.cold = restoreState(again);
  run(100);
  assert.ok(canonical(t.cold) === canonical(t.hot), 'the same state after more messages');
});

/** A conversation whose `acc` record has a key no other has: a shape of its own. */
function oneShapeConv(s: EngineState, id: number, at: number): void {
  const key = `c:${id}`;
  const c = { lastAt: at, t: 0, room: false, n: 1, people: Object.create(null), pairs: Object.create(null), acc: { [`k${id}`]: { s: 0.5, at, n: 0 } }, cue: {}, offender: {}, recent: [] };
  if (!s.convs[key]) s.nc++;
  s.convs[key] = c as unknown as ConversationState;
  s.now = Math.max(s.now, at);
  touchEntry(s, 'cq', key, c);
}

test('cooling: the shape tables stay within twice the live shapes (at least MIN_COOL_SHAPES) however many shapes came and went; checkpoints do not grow them', () => {
  const b = compileContextBounds({ coolAfterTouches: 1, coolMinEntries: 0, maxConversations: 200 });
  let s = createState();
  const total = 3 * MIN_COOL_SHAPES;
  for (let id = 0; id < total; id++) {
    oneShapeConv(s, id, T0 + id);
    s.nc = evictEntries(s.convs, s.cq, s.nc, b.maxConversations, 0);
    coolIdle(s, b);
    if (id === MIN_COOL_SHAPES) {
      // A restore on the way: its tables become the cooled entries' tables.
      const hotShapes = Object.keys(s.convs).length;
      const before = canonical(s);
      s = restoreState(encodeState(s));
      assert.ok(canonical(s) === before, 'restored as it was');
      assert.ok(coolingFigures(s).shapes <= hotShapes + 16, `restored tables ${coolingFigures(s).shapes}`);
    }
    assert.ok(coolingFigures(s).shapes <= 2 * MIN_COOL_SHAPES + 1, `shapes ${coolingFigures(s).shapes} after ${id + 1} conversations`);
  }
  assert.ok(coolingFigures(s).generations >= 2, `generations ${coolingFigures(s).generations}`);
  // A checkpoint holds the tables of the live entries, not of all that came and went.
  const shapes = readEntries(encodeState(s), () => undefined).tables.shapes.length;
  assert.ok(shapes <= 2 * MIN_COOL_SHAPES + 1 && shapes < total, `checkpoint shapes ${shapes}`);
  // Checkpoints extend a copy of the tables, not the tables themselves.
  const live = coolingFigures(s).shapes;
  for (let id = total; id < total + 50; id++) { oneShapeConv(s, id, T0 + id); encodeState(s); }
  assert.equal(coolingFigures(s).shapes, live);
  // Everything still decodes to what was written.
  for (const k in s.convs) assert.equal(Object.keys(entryOf(s.convs, k)!.acc)[0], `k${k.slice(2)}`);
});

test('cooling: the engine gives the same verdicts with idle entries cooled early as without cooling, checkpoints and restores on the way', async () => {
  const messages: ChatMessage[] = [];
  for (const s of interleave(generateConversations({ seed: 5, count: 400 }))) { messages.push(s.message); if (messages.length >= 1000) break; }
  const run = async (cool: { coolAfterTouches: number; coolMinEntries: number }): Promise<string> => {
    const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none', bounds: cool });
    let state = createState();
    const out: unknown[] = [];
    for (let i = 0, k = 0; i < messages.length; i += 64, k++) {
      out.push(...await engine.classifyBatch(messages.slice(i, i + 64), state));
      if (k % 5 === 4) state = restoreState(encodeState(state));
    }
    await engine.close();
    return JSON.stringify(out);
  };
  const off = await run({ coolAfterTouches: 0, coolMinEntries: 0 });
  assert.ok(await run({ coolAfterTouches: 30, coolMinEntries: 0 }) === off, 'the same verdicts');
});
