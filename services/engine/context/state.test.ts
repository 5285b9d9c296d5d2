import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, type Category } from '../../contracts/taxonomy.js';
import { contextBefore, observe, type ContextInput } from './observe.js';
import { ageOf, compileContextBounds, createState, expiredAt, encodeState, restoreState, serialiseState, stateSize, type ParticipantState } from './state.js';
import { queueLength } from './recency-queue.js';
import { ConfigError } from '../../contracts/errors.js';

const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;

function msg(conv: string, sender: string, at: number, text = 'hello'): ContextInput {
  return { messageId: `${conv}-${at}`, conversationId: conv, roomId: null, senderId: sender, recipientId: 'r', text, sentAt: at, senderDeclaredAge: null, categories: {}, signals: {} };
}

test('state: at most maxConversations, least recently active evicted first', () => {
  const b = compileContextBounds({ maxConversations: 3, maxSenders: 2 });
  const s = createState();
  for (const [i, c] of ['1', '2', '3', '1', '4'].entries()) observe(s, msg(c, `u${c}`, 1000 + i), ASSERT_AT, b);
  assert.deepEqual(Object.keys(s.convs).sort(), ['c:1', 'c:3', 'c:4']);
  assert.equal(s.nc, 3);
  assert.deepEqual(Object.keys(s.senders).sort(), ['s:u1', 's:u4']);
  assert.equal(s.ns, 2);
  assert.equal(stateSize(s).conversations, 3);
});

test('state: entries idle longer than ttl (on sentAt) are dropped and restart empty', () => {
  const b = compileContextBounds({ ttlMs: 10_000 });
  const s = createState();
  observe(s, msg('a', 'x', 1_000), ASSERT_AT, b);
  observe(s, msg('b', 'y', 2_000), ASSERT_AT, b);
  observe(s, msg('c', 'z', 20_000), ASSERT_AT, b);
  assert.deepEqual(Object.keys(s.convs), ['c:c']);
  assert.equal(s.nc, 1);
  assert.equal(s.now, 20_000);
});

test('state: a conversation older than the state\'s latest sentAt (file out of time order) keeps its context', () => {
  const b = compileContextBounds({ ttlMs: 10_000 });
  const s = createState();
  observe(s, msg('new', 'x', 100_000), ASSERT_AT, b);
  for (let i = 0; i < 3; i++) observe(s, msg('old', 'y', 1_000 + i), ASSERT_AT, b);
  assert.equal(s.convs['c:old']?.n, 3, 'three messages recorded in one conversation, not three fresh ones');
  observe(s, msg('old', 'y', 50_000), ASSERT_AT, b);
  assert.equal(s.convs['c:old']?.n, 1, 'a gap longer than ttl inside the conversation starts afresh');
});

test('state: participants and audit window are bounded per conversation', () => {
  const b = compileContextBounds({ maxParticipants: 4, recentMessages: 3 });
  const s = createState();
  for (let i = 0; i < 20; i++) observe(s, msg('room', `u${i}`, 1000 + i), ASSERT_AT, b);
  const conv = s.convs['c:room']!;
  assert.equal(Object.keys(conv.people).length, 4);
  assert.ok(Object.keys(conv.pairs).length <= 4);
  assert.equal(conv.recent.length, 3);
  assert.equal(conv.n, 20);
});

test('state: recency survives JSON (integer-like ids included)', () => {
  const b = compileContextBounds({ maxConversations: 2 });
  let s = createState();
  observe(s, msg('20', 'a', 1), ASSERT_AT, b);
  observe(s, msg('3', 'a', 2), ASSERT_AT, b);
  s = restoreState(serialiseState(s));
  observe(s, msg('100', 'a', 3), ASSERT_AT, b);
  assert.deepEqual(Object.keys(s.convs).sort(), ['c:100', 'c:3']);
});

test('state: restore rejects foreign data with a clear error; size is measured', () => {
  assert.throws(() => restoreState('{"v":99}'), ConfigError);
  assert.throws(() => restoreState('not json'), /not valid JSON/);
  const s = createState();
  observe(s, msg('a', 'x', 1), ASSERT_AT, compileContextBounds());
  const size = stateSize(s);
  assert.equal(size.bytes, encodeState(s).length);
  assert.ok(size.bytes < Buffer.byteLength(JSON.stringify(s)), `binary ${size.bytes} bytes vs JSON ${Buffer.byteLength(JSON.stringify(s))}`);
  assert.equal(size.conversations, 1);
  assert.equal(size.senders, 1);
});

test('state: bad bounds are all reported', () => {
  assert.throws(() => compileContextBounds({ maxConversations: 0, ttlMs: -1, recentMessages: 1.5 }), (e: unknown) => e instanceof ConfigError && e.problems.length === 3);
});

test('state: the recency queue stays bounded under many touches of few entries', () => {
  const b = compileContextBounds({ maxConversations: 10 });
  const s = createState();
  for (let i = 0; i < 5000; i++) observe(s, msg(`k${i % 7}`, `u${i % 3}`, 1000 + i), ASSERT_AT, b);
  assert.equal(s.nc, 7);
  assert.ok(queueLength(s.cq) <= 2 * 7 + 64 + 1, `queue ${queueLength(s.cq)}`);
  assert.ok(queueLength(s.sq) <= 2 * 3 + 64 + 1, `queue ${queueLength(s.sq)}`);
  // The arrays themselves stay bounded too (the items taken off are dropped in bulk).
  assert.ok(s.cq.keys.length <= 2 * (2 * 7 + 64 + 1), `arrays ${s.cq.keys.length}`);
});

test('state: a version 1 state (recency in key order) is migrated on restore', () => {
  const v1 = { v: 1, now: 5, nc: 2, ns: 0, senders: {}, convs: {
    'c:old': { lastAt: 1, room: false, n: 1, people: {}, pairs: {}, acc: {}, cue: {}, offender: {}, recent: [] },
    'c:new': { lastAt: 5, room: false, n: 1, people: {}, pairs: {}, acc: {}, cue: {}, offender: {}, recent: [] },
  } };
  const s = restoreState(JSON.stringify(v1));
  assert.equal(s.v, 2);
  observe(s, msg('third', 'x', 6), ASSERT_AT, compileContextBounds({ maxConversations: 2 }));
  assert.deepEqual(Object.keys(s.convs).sort(), ['c:new', 'c:third']);
});

test('state: two tenants with the same conversation id do not share context', () => {
  const s = createState();
  const b = compileContextBounds();
  observe(s, { ...msg('same', 'x', 1), tenantId: 't1' }, ASSERT_AT, b);
  const o = observe(s, { ...msg('same', 'y', 2), tenantId: 't2' }, ASSERT_AT, b);
  assert.equal(s.nc, 2);
  assert.deepEqual(contextBefore(o), []);
});

test('expiredAt: an entry expires more than ttl after its own last message, not at ttl', () => {
  const b = { ttlMs: 1000 };
  assert.equal(expiredAt(5000, 6000, b), false);
  assert.equal(expiredAt(5000, 6001, b), true);
  // An older message (a file replayed out of time order) never expires the entry.
  assert.equal(expiredAt(5000, 100, b), false);
});

test('ageOf (stop 43, tidy43): the age stated in the participant\'s words over the profile\'s, null when neither is known', () => {
  const p = (declaredAge: number | null, statedAge: number | null): ParticipantState => ({
    lastAt: 0, declaredAge, statedAge, minorHint: null, sig: {}, cue: {}, cat: {}, msgs: 0, sexN: null, kin: false,
  });
  assert.equal(ageOf(p(25, 14)), 14);
  assert.equal(ageOf(p(25, null)), 25);
  assert.equal(ageOf(p(null, 16)), 16);
  assert.equal(ageOf(p(null, null)), null);
  assert.equal(ageOf(p(0, null)), 0, 'a zero is an age read, not an absent one (?? not ||)');
});
