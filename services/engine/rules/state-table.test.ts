import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StateTable, hashStates } from './state-table.js';

const st = (nfa: number[], age: number[]) => ({ nfa: Int32Array.from(nfa), age: Int32Array.from(age) });

for (const [name, hash] of [['hashed', undefined], ['one bucket', () => 0]] as const) test(`a state is found by equal arrays, not by identity, and only by equal arrays (${name})`, () => {
  const t = new StateTable<ReturnType<typeof st>>(hash);
  const a = st([0, 4, 9], [0, 1, 2]);
  t.add(a);
  assert.equal(t.get(Int32Array.from([0, 4, 9]), Int32Array.from([0, 1, 2])), a);
  assert.equal(t.get(Int32Array.from([0, 4, 9]), Int32Array.from([0, 1, 3])), undefined, 'ages differ');
  assert.equal(t.get(Int32Array.from([0, 4]), Int32Array.from([0, 1])), undefined, 'prefix');
  assert.equal(t.get(Int32Array.from([4, 0, 9]), Int32Array.from([1, 0, 2])), undefined, 'order matters');
  const b = st([0, 4, 9], [0, 1, 3]);
  t.add(b);
  assert.equal(t.get(Int32Array.from([0, 4, 9]), Int32Array.from([0, 1, 3])), b);
  assert.equal(t.get(Int32Array.from([0, 4, 9]), Int32Array.from([0, 1, 2])), a);
  assert.equal(t.size, 2);
});

test('states sharing a hash are kept apart', () => {
  // Force collisions: many states, then check every one is found as itself.
  const t = new StateTable<ReturnType<typeof st>>((nfa) => nfa.length);
  const all: ReturnType<typeof st>[] = [];
  for (let i = 0; i < 3000; i++) { const d = st([i % 7, i], [i % 3, i % 5]); all.push(d); t.add(d); }
  assert.equal(t.size, 3000);
  for (const d of all) assert.equal(t.get(d.nfa.slice(), d.age.slice()), d);
  // The empty state is a state too.
  const e = st([], []);
  t.add(e);
  assert.equal(t.get(new Int32Array(0), new Int32Array(0)), e);
});

test('hashStates depends on both arrays and their order', () => {
  const h = hashStates(Int32Array.from([1, 2]), Int32Array.from([0, 0]));
  assert.notEqual(h, hashStates(Int32Array.from([2, 1]), Int32Array.from([0, 0])));
  assert.notEqual(h, hashStates(Int32Array.from([1, 2]), Int32Array.from([0, 1])));
  assert.equal(h, hashStates(Int32Array.from([1, 2]), Int32Array.from([0, 0])));
});
