import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokensMemo } from './window-stage.js';

test('TokensMemo: keeps the last texts in two generations, forgets older ones', () => {
  const memo = new TokensMemo(2);
  const a = ['a']; const b = ['b']; const c = ['c']; const d = ['d'];
  memo.remember('a', a); memo.remember('b', b);
  assert.equal(memo.get('a'), a);
  memo.remember('c', c); // the newer generation was full: a, b move to the older one
  assert.equal(memo.get('a'), a);
  assert.equal(memo.get('b'), b);
  assert.equal(memo.get('c'), c);
  memo.remember('d', d);
  memo.remember('e', ['e']); // c, d become the older generation: a and b are forgotten
  assert.equal(memo.get('a'), undefined);
  assert.equal(memo.get('b'), undefined);
  assert.equal(memo.get('d'), d);
  assert.equal(memo.get('zzz'), undefined);
});
