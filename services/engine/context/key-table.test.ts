import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyTable, PAIR_KEYS, STATE_KEYS } from './key-table.js';

/** A small deterministic random sequence (no Math.random: a failure must replay). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Parts that can fool a table keyed by the joined text: the separator inside a part, empty parts, non-ASCII. */
const PARTS = ['', 'a', 'b', 'a:b', ':', 'b:', '\u0000', 'x\u0000y', 'é', '😀', 'user-17', 'user-170', '*'];

test('KeyTable.of is the concatenation a + sep + b, first time and again, through clears, for any parts', () => {
  for (const [seed, sep, max] of [[1, ':', 65_536], [2, '\u0000', 7], [3, ':', 1], [4, '', 3]] as const) {
    const rnd = lcg(seed);
    const t = new KeyTable(sep, max);
    for (let i = 0; i < 20_000; i++) {
      const pick = (): string => (rnd() < 0.5 ? PARTS[Math.floor(rnd() * PARTS.length)]! : `id-${Math.floor(rnd() * 300)}`);
      const a = pick();
      const b = pick();
      assert.equal(t.of(a, b), a + sep + b, `seed ${seed}: of(${JSON.stringify(a)}, ${JSON.stringify(b)})`);
      assert.ok(t.size <= max, `seed ${seed}: ${t.size} keys held, at most ${max}`);
    }
  }
});

test('KeyTable holds one key per pair of parts asked for, a repeat adds none, and past its bound it starts again', () => {
  const big = new KeyTable(':', 100);
  big.of('c', '1'); big.of('c', '2'); big.of('s', '1');
  // Repeats are served from the table: one that joined again on each call would count a key per call.
  for (let i = 0; i < 10; i++) { big.of('c', '1'); big.of('s', '1'); }
  assert.equal(big.size, 3);
  const t = new KeyTable(':', 4);
  assert.equal(t.size, 0);
  t.of('c', '1'); t.of('c', '2'); t.of('s', '1');
  t.of('c', '1');
  assert.equal(t.size, 3);
  // 'a:b' + ':' + 'c' and 'a' + ':' + 'b:c' have the same text but are two pairs of parts.
  t.of('a:b', 'c');
  assert.equal(t.size, 4);
  assert.equal(t.of('a', 'b:c'), 'a:b:c');
  assert.equal(t.size, 1, 'the fifth key clears the table and is the only one held');
  assert.equal(t.of('c', '1'), 'c:1');
  assert.equal(t.size, 2);
  t.clear();
  assert.equal(t.size, 0);
  assert.equal(t.of('c', '1'), 'c:1');
});

test('KeyTable refuses a bound under 1; the shared tables join as the state keys are written', () => {
  assert.throws(() => new KeyTable(':', 0), RangeError);
  assert.throws(() => new KeyTable(':', Number.NaN), RangeError);
  assert.equal(STATE_KEYS.of('c', 'conv-1'), 'c:conv-1');
  assert.equal(STATE_KEYS.of('s', 't1\u0000u2'), 's:t1\u0000u2');
  assert.equal(STATE_KEYS.of('p', 'u2'), 'p:u2');
  assert.equal(PAIR_KEYS.of('u1', '*'), 'u1\u0000*');
  assert.equal(PAIR_KEYS.of('u1', 'u2'), 'u1\u0000u2');
});
