import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyMemo, freshKeys } from './state-keys.js';

test('issue 14 round 46: the keys are the ones observe built per message', () => {
  assert.deepEqual(freshKeys('u1', null, 'u2'), { person: 'p:u1', sender: 's:u1', pair: 'u1\u0000u2', toPerson: 'p:u2', toPersonList: ['p:u2'], tenant: null, recipient: 'u2' });
  assert.deepEqual(freshKeys('u1', 't9', null), { person: 'p:u1', sender: 's:t9\u0000u1', pair: 'u1\u0000*', toPerson: '', toPersonList: [''], tenant: 't9', recipient: null });
  // An empty tenant is no scope (observe's `m.tenantId ? … : ''`).
  assert.equal(freshKeys('u1', '', null).sender, 's:u1');
});

test('issue 14 round 46: the memo hands out the same strings again, and rebuilds on another tenant or recipient', () => {
  const memo = new KeyMemo(4);
  const a = memo.of('u1', null, 'u2');
  const pair = a.pair;
  const again = memo.of('u1', null, 'u2');
  assert.equal(again, a);
  assert.ok(Object.is(again.pair, pair));
  // Each sequence of ids gives what freshKeys gives, whatever the memo held before.
  const seq: [string, string | null, string | null][] = [['u1', null, 'u3'], ['u1', 't1', 'u3'], ['u2', 't1', null], ['u1', null, null], ['u1', null, 'u2'], ['u2', null, 'u1']];
  for (const [s, t, r] of seq) assert.deepEqual({ ...memo.of(s, t, r) }, freshKeys(s, t, r));
});

test('issue 14 round 46: the memo holds at most its bound of senders', () => {
  const memo = new KeyMemo(3);
  for (let i = 0; i < 10; i++) memo.of(`u${i}`, null, 'x');
  assert.ok(memo.size <= 3);
  assert.deepEqual({ ...memo.of('u9', null, 'x') }, freshKeys('u9', null, 'x'));
});

test('round 50: a direct message\'s targets are the keys\' own frozen [toPerson], made again only when the recipient changes', () => {
  const memo = new KeyMemo(4);
  const a = memo.of('u1', null, 'u2').toPersonList;
  assert.deepEqual(a, ['p:u2']);
  assert.ok(Object.isFrozen(a));
  // The same sender to the same recipient: the same list, not a new one a message.
  assert.equal(memo.of('u1', null, 'u2').toPersonList, a);
  assert.equal(memo.of('u1', 't1', 'u2').toPersonList, a);
  const b = memo.of('u1', null, 'u3').toPersonList;
  assert.deepEqual(b, ['p:u3']);
  assert.ok(Object.isFrozen(b));
  assert.deepEqual(a, ['p:u2']);
  assert.deepEqual(memo.of('u1', null, null).toPersonList, ['']);
});
