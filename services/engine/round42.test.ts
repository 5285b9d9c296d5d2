/**
 * Issue 14 round 42: work done several times per message done once. The conversation's state key is built once and
 * every reader looks the conversation up by it; the second harm's policy is read once per policy object.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import type { ChatMessage } from '../contracts/types.js';
import { observe, type ContextInput } from './context/observe.js';
import { participantAges } from './context/participant-ages.js';
import { compileContextBounds, conversationKey, createState, type ConversationState } from './context/state.js';
import { REPO_ROOT } from './engine-options.js';
import { compilePolicy, type Decision } from './policy.js';
import type { SecondHarmPolicy } from './policy-file.js';
import { nameSecondHarm, type RawScores } from './second-harm.js';
import { compileSecondHarm } from './second-harm-policy.js';
import { conversationOf } from './window-stage.js';

const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;
const BOUNDS = compileContextBounds({});
const msg = (conv: string, sender: string, at: number, text: string, tenantId: string | null = null): ContextInput => ({
  messageId: `${conv}-${at}`, tenantId, conversationId: conv, roomId: null, senderId: sender, recipientId: sender === 'a' ? 'b' : 'a', text,
  sentAt: at, senderDeclaredAge: 15, categories: {}, signals: {},
});

test('conversationKey: the key observe files a conversation under, tenant-scoped', () => {
  const state = createState();
  observe(state, msg('c1', 'a', 1000, 'salut'), ASSERT_AT, BOUNDS);
  observe(state, msg('c1', 'a', 1000, 'salut', 't9'), ASSERT_AT, BOUNDS);
  assert.deepEqual(Object.keys(state.convs).sort(), [conversationKey({ conversationId: 'c1' }), conversationKey({ tenantId: 't9', conversationId: 'c1' })].sort());
  assert.equal(conversationKey({ tenantId: 't9', conversationId: 'c1' }), 'c:t9\u0000c1');
  assert.equal(conversationKey({ tenantId: null, conversationId: 'c1' }), 'c:c1');
});

test('a key handed in is the one used: observe files the message under it, conversationOf and participantAges read it', () => {
  const state = createState();
  const m = msg('c1', 'a', 1000, "j'ai 15 ans");
  // A key other than the message's own shows that the readers use the key given, not one rebuilt from the message.
  const key = 'c:elsewhere';
  observe(state, { ...m, conversationKey: key }, ASSERT_AT, BOUNDS);
  assert.deepEqual(Object.keys(state.convs), [key]);
  const conv = state.convs[key] as ConversationState;
  assert.equal(conv.n, 1);
  const chat = { ...m, senderIp: null, locale: null } as unknown as ChatMessage;
  assert.equal(conversationOf(state, chat, BOUNDS, key), conv);
  assert.equal(conversationOf(state, chat, BOUNDS), undefined, 'the message\'s own key holds nothing');
  assert.deepEqual(participantAges(state, m, key).map((p) => [p.userId, p.declaredAge]), [['a', 15]]);
  assert.deepEqual(participantAges(state, m), []);
  // The next message of the conversation, under the same key: the same record, one message further.
  observe(state, { ...msg('c1', 'b', 2000, 'ok'), conversationKey: key }, ASSERT_AT, BOUNDS);
  assert.equal(state.convs[key], conv);
  assert.equal(conv.n, 2);
});

const base = JSON.parse(readFileSync(resolve(REPO_ROOT, 'policies/default.json'), 'utf8')) as Record<string, unknown>;

test('compileSecondHarm: the evidence kinds and each category\'s nameAt, by category index', () => {
  const sh: SecondHarmPolicy = { raisedAt: 'flag', within: 12, nameAt: 0.4, nameAtByCategory: { ambush: 0.3 }, evidence: ['window'], pairs: {} };
  const k = compileSecondHarm(sh);
  assert.deepEqual([k.context, k.message, k.window], [false, false, true]);
  assert.deepEqual(k.lowest, CATEGORIES.map((c) => (c === 'ambush' ? 0.3 : 0.4)));
  const all = compileSecondHarm({ ...sh, evidence: undefined, nameAtByCategory: undefined });
  assert.deepEqual([all.context, all.message, all.window], [true, true, true]);
  assert.deepEqual(all.lowest, CATEGORIES.map(() => 0.4));
});

test('nameSecondHarm: two policies used in turn each read their own evidence kinds and thresholds (no stale compiled form)', () => {
  const pairs = { drug_trafficking: ['weapons_trafficking' as Category] };
  const byWindow: SecondHarmPolicy = { raisedAt: 'flag', within: 12, nameAt: 0.4, evidence: ['window'], pairs };
  const byMessage: SecondHarmPolicy = { raisedAt: 'flag', within: 12, nameAt: 0.4, nameAtByCategory: { weapons_trafficking: 0.7 }, evidence: ['message'], pairs };
  const raw: RawScores[] = [{ score: (c) => (c === 'weapons_trafficking' ? 0.5 : undefined) }, { score: (c) => (c === 'weapons_trafficking' ? 0.45 : undefined) }];
  const named = (sh: SecondHarmPolicy): string[] => {
    const policy = compilePolicy({ ...base, secondHarm: sh });
    const d: Decision = {
      action: 'hold', categories: [{ category: 'drug_trafficking', score: 0.72, sources: ['rule:x'] }], signals: [], escalation: null, enforcement: null, reasons: [],
    };
    nameSecondHarm(policy, {} as ConversationState, 0, d, {}, raw);
    return d.categories.map((x) => `${x.category} ${x.score}`);
  };
  for (let i = 0; i < 2; i++) {
    assert.deepEqual(named(byWindow), ['drug_trafficking 0.72', 'weapons_trafficking 0.45'], 'the window model\'s score');
    assert.deepEqual(named(byMessage), ['drug_trafficking 0.72'], 'the message model\'s 0.5 is below this policy\'s 0.7');
    assert.deepEqual(named({ ...byMessage, nameAtByCategory: undefined }), ['drug_trafficking 0.72', 'weapons_trafficking 0.5']);
  }
});
