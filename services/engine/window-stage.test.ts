import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokensMemo, WINDOW_MAX_SCORE, windowOf } from './window-stage.js';
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

test('observe: window-model evidence is believed on a second window or a long message, at review level, and feeds no derivation', () => {
  const state = createState();
  const assertAt = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;
  const t0 = Date.parse('2024-03-01T10:00:00Z');
  let i = 0;
  const see = (from: string, to: string, text: string, score: number | null) => observe(state, {
    messageId: `m${i}`, conversationId: 'C', roomId: null, senderId: from, recipientId: to, text, sentAt: t0 + 60_000 * i++,
    senderDeclaredAge: null, categories: {}, signals: {},
    window: score === null ? undefined : { source: 'model:w@1', scores: { drug_trafficking: Math.min(score, WINDOW_MAX_SCORE) }, raised: score >= 0.5 ? ['drug_trafficking'] : [] },
  }, assertAt, DEFAULT_BOUNDS);
  const first = see('a', 'b', 'bet', 0.9); // one short message, raised once: not believed
  assert.deepEqual(first.asserted, []);
  assert.ok(first.categories.drug_trafficking!.score < 0.5);
  const second = see('b', 'a', 'ok', 0.9); // raised again on the next window: believed, capped below hold
  assert.deepEqual(second.asserted, ['drug_trafficking']);
  assert.equal(second.categories.drug_trafficking!.score, WINDOW_MAX_SCORE);
  assert.ok(WINDOW_MAX_SCORE < 0.65);
  assert.equal(state.convs['c:C']!.offender.drug_trafficking, undefined);
  // A long message raised once is believed too.
  const other = createState();
  const long = observe(other, {
    messageId: 'x', conversationId: 'D', roomId: null, senderId: 'a', recipientId: 'b', text: 'tu passes par derriere le batiment ce soir vers 21h', sentAt: t0,
    senderDeclaredAge: null, categories: {}, signals: {}, window: { source: 'model:w@1', scores: { drug_trafficking: 0.6 }, raised: ['drug_trafficking'] },
  }, assertAt, DEFAULT_BOUNDS);
  assert.deepEqual(long.asserted, ['drug_trafficking']);
  assert.deepEqual(long.categories.drug_trafficking!.sources, ['model:w@1']);
});
