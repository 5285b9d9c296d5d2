import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, SIGNALS, type Category } from '../../contracts/taxonomy.js';
import { coldBytes, coolIdleEntries } from './cold-entries.js';
import { observe } from './observe.js';
import { encodedOf } from './state-lazy.js';
import { compileContextBounds, createState, encodeState, restoreState, serialiseState, type ContextBounds, type EngineState } from './state.js';

const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.6])) as Record<Category, number>;
const T0 = 1_767_225_600_000;
const TEXTS = ["t'as quel age ?", "j'ai 13 ans", 'envoie une photo de toi', 'on se voit demain après les cours', 'ajoute moi sur snap', 'bonjour 😀 ça va ?'];

/** Message `i` of a traffic where a few conversations stay busy and many come back after long idle spells. */
function message(i: number, convs: number) {
  const c = i % 7 === 0 ? i % convs : (i * 7919) % 13;
  return {
    messageId: `m${i}`, conversationId: `c${c}`, roomId: c % 5 === 0 ? 'room' : null, senderId: `u${(i * 31) % (convs + 11)}`, recipientId: `u${(i * 17 + 3) % (convs + 11)}`,
    text: `${TEXTS[i % TEXTS.length]} ${i % 9}`, sentAt: T0 + i * 45_000, senderDeclaredAge: i % 11 === 0 ? 12 + (i % 6) : null,
    categories: i % 3 === 0 ? { [CATEGORIES[i % CATEGORIES.length]!]: { score: 0.5 + (i % 5) / 10, sources: [i % 2 ? 'rule:x' : 'model:y'] } } : {},
    signals: i % 4 === 0 ? { [SIGNALS[i % SIGNALS.length]!]: { score: 0.9, sources: ['rule:s'] } } : {},
  };
}

/** Runs messages [from, to) on `state` (cooled after each message with `cool`, else never) and returns the outcomes. */
function run(state: EngineState, b: ContextBounds, from: number, to: number, convs: number, cool: boolean): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    out.push(JSON.stringify(observe(state, message(i, convs), ASSERT_AT, b)));
    if (cool) coolIdleEntries(state, b, 1);
  }
  return out;
}

/** The outcomes of two runs are the same, message by message (the first difference reported alone). */
function sameOutcomes(a: string[], b: string[]): void {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) assert.equal(a[i], b[i], `outcome ${i} differs`);
}

const encodedCount = (s: EngineState): number => {
  let n = 0;
  for (const k in s.convs) if (encodedOf(s.convs[k])) n++;
  for (const k in s.senders) if (encodedOf(s.senders[k])) n++;
  return n;
};

test('cold entries: entries re-encoded then read give the same outcomes, eviction order and state as never re-encoded', () => {
  const b = compileContextBounds({ maxConversations: 300, maxSenders: 250, coldAfterTouches: 40, ttlMs: 3 * 3600_000 });
  const cold = createState();
  const warm = createState();
  let sawEncoded = 0;
  for (let from = 0; from < 3000; from += 500) {
    sameOutcomes(run(cold, b, from, from + 500, 400, true), run(warm, b, from, from + 500, 400, false));
    sawEncoded = Math.max(sawEncoded, encodedCount(cold));
    // Eviction and TTL unchanged: the same entries in the same recency order.
    assert.deepEqual(cold.cq, warm.cq);
    assert.deepEqual(cold.sq, warm.sq);
    assert.equal(cold.nc, warm.nc);
    assert.equal(cold.ns, warm.ns);
    assert.deepEqual(Object.keys(cold.convs), Object.keys(warm.convs));
    assert.deepEqual(Object.keys(cold.senders), Object.keys(warm.senders));
  }
  assert.ok(sawEncoded > 200, `idle entries were re-encoded (${sawEncoded})`);
  // Serialised state identical with and without re-encoding, and a checkpoint of each restores to the same state.
  assert.equal(serialiseState(cold), serialiseState(warm));
  const fromCold = restoreState(encodeState(cold));
  const fromWarm = restoreState(encodeState(warm));
  assert.equal(serialiseState(fromCold), serialiseState(fromWarm));
  assert.deepEqual(fromCold.cq, fromWarm.cq);
  // Both checkpoints go on deciding alike.
  sameOutcomes(run(fromCold, b, 3000, 3400, 400, true), run(fromWarm, b, 3000, 3400, 400, false));
});

test('cold entries: a restored state cools its entries with the checkpoint\'s tables and checkpoints again', () => {
  const b = compileContextBounds({ maxConversations: 200, maxSenders: 200, coldAfterTouches: 30 });
  const base = createState();
  run(base, b, 0, 1500, 150, false);
  const restored = restoreState(encodeState(base));
  const plain = restoreState(serialiseState(base));
  sameOutcomes(run(restored, b, 1500, 3000, 150, true), run(plain, b, 1500, 3000, 150, false));
  assert.ok(encodedCount(restored) > 50);
  const again = encodeState(restored);
  assert.equal(serialiseState(restoreState(again)), serialiseState(restoreState(encodeState(plain))));
});

test('cold entries: 0 turns cooling off, steps are bounded, and dead bytes are compacted away', () => {
  const off = compileContextBounds({ coldAfterTouches: 0 });
  const s0 = createState();
  run(s0, off, 0, 300, 100, true);
  assert.equal(encodedCount(s0), 0);
  assert.equal(compileContextBounds().coldAfterTouches > 0, true);
  assert.throws(() => compileContextBounds({ coldAfterTouches: -1 }));

  // A state never cooled: one step re-encodes at most its budget of queue items, however large the backlog.
  const b = compileContextBounds({ maxConversations: 5000, maxSenders: 5000, coldAfterTouches: 10 });
  const s = createState();
  run(s, b, 0, 2000, 1500, false);
  coolIdleEntries(s, b, 1);
  const first = encodedCount(s);
  assert.ok(first > 0 && first <= 16, `one step re-encodes a bounded number of entries (${first})`);

  // Long traffic re-touching idle entries: chunk bytes stay within a small multiple of what is live.
  const c = createState();
  const w = createState();
  sameOutcomes(run(c, b, 0, 8000, 1500, true), run(w, b, 0, 8000, 1500, false));
  let liveBytes = 0;
  for (const rec of [c.convs, c.senders] as Record<string, unknown>[]) for (const k in rec) { const raw = encodedOf(rec[k]); if (raw) liveBytes += raw.end - raw.start; }
  const { bytes, written } = coldBytes(c);
  assert.ok(written > 8 * bytes, `entries written ${written} bytes in all`);
  assert.ok(bytes < 2 * liveBytes + 3 * 256 * 1024, `chunk bytes ${bytes} for ${liveBytes} live`);
  assert.equal(serialiseState(c), serialiseState(w));
});
