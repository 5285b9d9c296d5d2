import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokensMemo, windowOf } from './window-stage.js';
import { createState, DEFAULT_BOUNDS } from './context/state.js';
import { observe } from './context/observe.js';
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import type { ChatMessage } from '../contracts/types.js';

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

test('windowOf: a conversation replayed after a newer one (files out of time order) keeps its earlier messages (expiry on its own timeline)', () => {
  const state = createState();
  const assertAt = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;
  const day = 24 * 3600 * 1000;
  const msg = (id: string, conv: string, from: string, to: string, text: string, at: number): ChatMessage => ({
    messageId: id, tenantId: null, conversationId: conv, roomId: null, senderId: from, recipientId: to, text, sentAt: at,
    senderIp: null, senderDeclaredAge: null, locale: null,
  });
  const see = (m: ChatMessage): void => {
    observe(state, { ...m, categories: {}, signals: {} }, assertAt, DEFAULT_BOUNDS);
  };
  const t0 = Date.parse('2024-01-01T10:00:00Z');
  see(msg('b1', 'B', 'u3', 'u4', 'salut', t0 + 400 * day)); // a newer conversation first: state.now is a year on
  see(msg('a1', 'A', 'u1', 'u2', 'wsh t ouvert ce soir ?', t0));
  const next = msg('a2', 'A', 'u2', 'u1', 'ouais jusqua 23h', t0 + 60_000);
  assert.deepEqual(windowOf(state, next, DEFAULT_BOUNDS).map((l) => [l.text, l.mine]), [['wsh t ouvert ce soir ?', false], ['ouais jusqua 23h', true]]);
  // A message more than the ttl after the conversation's last one starts afresh, as in observe.
  const late = msg('a3', 'A', 'u2', 'u1', 'encore la ?', t0 + DEFAULT_BOUNDS.ttlMs + 2 * 60_000);
  assert.deepEqual(windowOf(state, late, DEFAULT_BOUNDS).map((l) => l.text), ['encore la ?']);
});
