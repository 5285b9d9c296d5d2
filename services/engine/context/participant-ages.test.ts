import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, type Category } from '../../contracts/taxonomy.js';
import { observe } from './observe.js';
import { participantAges } from './participant-ages.js';
import { compileContextBounds, createState } from './state.js';

const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;
const BOUNDS = compileContextBounds();

test('participant ages: profile and stated ages of the conversation, sender first, tenant-scoped, unknown ages left out', () => {
  const state = createState();
  const say = (i: number, from: string, to: string, text: string, age: number | null, tenantId: string | null = 't1') => observe(state, {
    messageId: `m${i}`, tenantId, conversationId: 'c1', roomId: null, senderId: from, recipientId: to, text,
    sentAt: 1_700_000_000_000 + i * 60_000, senderDeclaredAge: age, signals: {}, categories: {},
  }, ASSERT_AT, BOUNDS);
  say(1, 'zed', 'kid', 'salut, tu as quel age ?', null);
  assert.deepEqual(participantAges(state, { tenantId: 't1', conversationId: 'c1', senderId: 'zed' }), []);
  say(2, 'kid', 'zed', "j'ai 12 ans", 13);
  say(3, 'zed', 'kid', "et moi j'ai 19 ans", 35);
  assert.deepEqual(participantAges(state, { tenantId: 't1', conversationId: 'c1', senderId: 'zed' }), [
    { userId: 'zed', declaredAge: 35, statedAge: 19 }, { userId: 'kid', declaredAge: 13, statedAge: 12 },
  ]);
  assert.deepEqual(participantAges(state, { tenantId: 't1', conversationId: 'c1', senderId: 'kid' }).map((p) => p.userId), ['kid', 'zed']);
  assert.deepEqual(participantAges(state, { tenantId: 't2', conversationId: 'c1', senderId: 'kid' }), [], 'another tenant\'s conversation of the same id');
  assert.deepEqual(participantAges(state, { tenantId: 't1', conversationId: 'nope', senderId: 'kid' }), []);
});

test('round 16: a count of times, kills or goals after "me" is no age ("this boss has killed me 14 times")', async () => {
  const { statedAge } = await import('./age.js');
  for (const t of ['this boss has killed me 14 times', 'he beat me 12 times in a row', 'ils me ont battu 15 fois', 'killed me 11 times tonight', 'he scored on me 10 goals']) {
    assert.equal(statedAge(t), null, t);
  }
  for (const [t, n] of [['im 14', 14], ['me 15 and u', 15], ['i am 13 years old', 13], ['me 16 lol', 16]] as const) {
    assert.equal(statedAge(t)?.age, n, t);
  }
});
