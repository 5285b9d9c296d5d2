import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DERIVATIONS, observe } from './observe.js';
import { evictEntries } from './state.js';

/**
 * Round 44 (issue 14, GATED in derive.ts): the functions observe calls on every message make no closure. A closure that
 * reads a function's locals or parameters makes V8 allocate that function's context on every call, at entry, before the
 * gate that turns most messages away (60–110 B a derivation a message, ~2 KB of the engine's ~11 KB). The derivations keep
 * their gate and call `<name>Gated` past it, where the closures are. Read from the functions' compiled source: an arrow or
 * a nested `function` in it is a closure made by that function.
 */

/** The closures a function's own source makes: arrows, and `function` after its own header. */
function closuresIn(fn: (...a: never[]) => unknown): number {
  const src = fn.toString();
  const body = src.slice(src.indexOf('{'));
  return (body.match(/=>/g) ?? []).length + (body.match(/\bfunction\b/g) ?? []).length;
}

test('closuresIn counts arrows and nested functions, not the function itself', () => {
  assert.equal(closuresIn(function plain(a: number) { return a + 1; } as never), 0);
  assert.equal(closuresIn(function outer(xs: number[]) { return xs.some((x) => x > 1); } as never), 1);
  assert.equal(closuresIn(function outer2() { return function inner() { return 1; }; } as never), 1);
});

test('every derivation observe calls on each message makes no closure before its gate', () => {
  // observe's own list: a derivation added later is checked too (write its closures past its gate, GATED in derive.ts).
  assert.ok(DERIVATIONS.length >= 32);
  const withClosures = DERIVATIONS.filter((f) => closuresIn(f) > 0).map((f) => f.name);
  assert.deepEqual(withClosures, []);
});

test('issue 14 round 46: the state\'s eviction, called twice a message, makes no closure (its compaction is apart)', () => {
  assert.equal(closuresIn(evictEntries as never), 0);
});

test('issue 14 round 49: observe itself makes no closure (an arrow reading its locals made its context on every call)', () => {
  assert.equal(closuresIn(observe as never), 0);
});
