import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TransitionTable } from './transition-table.js';

test('a transition is found by its state and key, and only by both', () => {
  const t = new TransitionTable();
  t.set(3, 17, 9);
  assert.equal(t.get(3, 17), 9);
  assert.equal(t.get(3, 18), -1, 'other key');
  assert.equal(t.get(17, 3), -1, 'state and key swapped');
  assert.equal(t.get(4, 17), -1, 'other state');
  t.set(3, 17, 11);
  assert.equal(t.get(3, 17), 11, 'set again replaces');
  assert.equal(t.size, 1);
});

test('negative keys (number classes), key 0 and state 0 are keys like any other', () => {
  const t = new TransitionTable();
  t.set(0, 0, 1);
  t.set(0, -1, 2);
  t.set(0, -2 - 123456, 3);
  t.set(1, -2147483648, 4);
  t.set(1, 2147483647, 5);
  assert.deepEqual([t.get(0, 0), t.get(0, -1), t.get(0, -2 - 123456), t.get(1, -2147483648), t.get(1, 2147483647)], [1, 2, 3, 4, 5]);
  assert.equal(t.get(1, 0), -1);
  assert.equal(t.size, 5);
});

test('many transitions: every one kept through growth, the table at most half full', () => {
  const t = new TransitionTable(16);
  const want = new Map<string, number>();
  let seed = 12345;
  const rnd = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed; };
  for (let i = 0; i < 60_000; i++) {
    const s = rnd() % 5000; const k = (rnd() % 40_000) - 20_000; const to = rnd() % 50_000;
    t.set(s, k, to);
    want.set(`${s}:${k}`, to);
  }
  assert.equal(t.size, want.size);
  assert.ok(t.size * 2 <= t.capacity, `${t.size} in ${t.capacity} slots`);
  for (const [sk, to] of want) {
    const [s, k] = sk.split(':').map(Number) as [number, number];
    assert.equal(t.get(s, k), to, sk);
  }
  // Keys of held states that were never set are absent (a probe ends at an empty slot, not at a neighbour's entry).
  let absent = 0;
  for (let s = 0; s < 200; s++) for (let k = 20_000; k < 20_050; k++) { if (!want.has(`${s}:${k}`)) { assert.equal(t.get(s, k), -1); absent++; } }
  assert.ok(absent > 0);
});

test('colliding entries (same slot) stay apart', () => {
  // One state, keys that differ only in high bits: the mixing must still give each its own entry.
  const t = new TransitionTable(16);
  for (let i = 0; i < 1000; i++) t.set(7, i << 20, i);
  for (let i = 0; i < 1000; i++) assert.equal(t.get(7, i << 20), i);
  assert.equal(t.get(7, 1000 << 20), -1);
});

test('states and targets below 0 are refused (-1 means absent)', () => {
  const t = new TransitionTable();
  assert.throws(() => t.set(-1, 3, 4), RangeError);
  assert.throws(() => t.set(1, 3, -1), RangeError);
});
