import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactQueue, dropTaken, newQueue, queueFromPairs, queueLength, queuePairs, queuePush } from './recency-queue.js';
import { createState, evictEntries, keyedRecord, restoreState, serialiseState, touchEntry } from './state.js';

/** The queue as it was before round 18 (a list of [key, touch] pairs, one splice per eviction), to compare against. */
function evictPairs(rec: Record<string, { lastAt: number; t: number }>, q: [string, number][], count: number, max: number, expiredBefore: number): number {
  let head = 0;
  while (head < q.length) {
    const [k, t] = q[head]!;
    const e = rec[k];
    if (!e || e.t !== t) { head++; continue; }
    if (count > max || e.lastAt < expiredBefore) { delete rec[k]; count--; head++; continue; }
    break;
  }
  if (head > 0) q.splice(0, head);
  if (q.length > 2 * count + 64) {
    const live = q.filter(([k, t]) => rec[k]?.t === t);
    q.length = 0;
    q.push(...live);
  }
  return count;
}

/** A small deterministic random sequence (no Math.random: a failure must replay). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

test('recency queue: evictions, their order and the queued items are those of the pair list, through compactions', () => {
  for (const [seed, keys, max] of [[1, 40, 25], [2, 400, 300], [3, 12, 100], [4, 2000, 50]] as const) {
    const rnd = lcg(seed);
    const recA = keyedRecord<{ lastAt: number; t: number }>();
    const recB = keyedRecord<{ lastAt: number; t: number }>();
    const pairs: [string, number][] = [];
    const q = newQueue();
    let seq = 0;
    let countA = 0;
    let countB = 0;
    for (let i = 0; i < 10_000; i++) {
      const key = `c:${Math.floor(rnd() * rnd() * keys)}`;
      const at = i * 10;
      // Same touch on both: a new entry when the key is absent (it may have been evicted), its touch number renewed.
      for (const [rec, isA] of [[recA, true], [recB, false]] as const) {
        if (!rec[key]) { rec[key] = { lastAt: at, t: 0 }; if (isA) countA++; else countB++; }
        rec[key]!.t = seq + 1;
        rec[key]!.lastAt = at;
      }
      seq++;
      pairs.push([key, seq]);
      queuePush(q, key, seq);
      countA = evictPairs(recA, pairs, countA, max, at - 3000);
      countB = evictEntries(recB, q, countB, max, at - 3000);
      assert.equal(countB, countA);
      // The same entries left (so the same ones evicted), in the same order; the same items queued.
      if (i % 16 === 0 || i > 9_900) {
        assert.equal(Object.keys(recB).join(), Object.keys(recA).join(), `seed ${seed}, message ${i}`);
        assert.deepEqual(queuePairs(q), pairs, `seed ${seed}, message ${i}`);
      }
    }
    // The arrays hold at most twice the queued items (and a few): the items taken off are dropped in bulk.
    assert.ok(q.keys.length <= 2 * queueLength(q) + 65, `seed ${seed}: ${q.keys.length} for ${queueLength(q)}`);
  }
});

test('recency queue: compaction keeps the accepted items in order; dropTaken only drops what was taken off', () => {
  const q = queueFromPairs([['a', 1], ['b', 2], ['c', 3], ['a', 4], ['d', 5]]);
  q.head = 1;
  compactQueue(q, (k, t) => !(k === 'c' && t === 3));
  assert.deepEqual(queuePairs(q), [['b', 2], ['a', 4], ['d', 5]]);
  assert.equal(q.head, 0);
  const r = newQueue();
  for (let i = 0; i < 200; i++) queuePush(r, `k${i}`, i + 1);
  r.head = 60;
  dropTaken(r); // 60 taken off: not yet worth a copy
  assert.equal(r.keys.length, 200);
  r.head = 150;
  dropTaken(r);
  assert.equal(r.head, 0);
  assert.deepEqual(queuePairs(r), Array.from({ length: 50 }, (_, i) => [`k${150 + i}`, 151 + i]));
});

test('recency queue: the JSON state still writes [key, touch] pairs, and a JSON state written before round 18 restores', () => {
  const s = createState();
  s.now = 10;
  for (const [k, at] of [['c:a', 1], ['c:b', 2], ['c:a', 3]] as const) {
    const e = (s.convs[k] ??= { lastAt: at, t: 0, room: false, n: 0, people: keyedRecord(), pairs: keyedRecord(), acc: {}, cue: {}, offender: {}, recent: [] });
    touchEntry(s, 'cq', k, e);
  }
  s.nc = 2;
  const json = JSON.parse(serialiseState(s));
  assert.deepEqual(json.cq, [['c:a', 1], ['c:b', 2], ['c:a', 3]]);
  assert.deepEqual(json.sq, []);
  // As main a7e47ab wrote it (JSON.stringify of the state with its pair lists): the queue comes back, stale item included.
  const old = '{"v":2,"now":10,"convs":{"c:a":{"lastAt":3,"t":3,"room":false,"n":0,"people":{},"pairs":{},"acc":{},"cue":{},"offender":{},"recent":[]},'
    + '"c:b":{"lastAt":2,"t":2,"room":false,"n":0,"people":{},"pairs":{},"acc":{},"cue":{},"offender":{},"recent":[]}},"senders":{},"nc":2,"ns":0,"seq":3,'
    + '"cq":[["c:a",1],["c:b",2],["c:a",3]],"sq":[]}';
  const r = restoreState(old);
  assert.deepEqual(queuePairs(r.cq), [['c:a', 1], ['c:b', 2], ['c:a', 3]]);
  assert.equal(serialiseState(r), old);
  // Eviction on the restored queue takes the least recent live entry (c:b), skipping the stale c:a item.
  r.nc = evictEntries(r.convs, r.cq, r.nc, 1, 0);
  assert.deepEqual(Object.keys(r.convs), ['c:a']);
  assert.deepEqual(queuePairs(r.cq), [['c:a', 3]]);
});
