/**
 * Issue 14 round 41: per-message objects removed from the engine. Each reused list or record must not carry anything
 * from one message into the next, and each lazily built one must equal what was built eagerly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import type { Verdict } from '../contracts/types.js';
import { cuesOf, type Cue } from './context/cues.js';
import { contextBefore, observe, type ContextInput, type ContextOutcome } from './context/observe.js';
import { compileContextBounds, createState, type ContextMessage } from './context/state.js';
import { REPO_ROOT } from './engine-options.js';
import { normalise } from './normalise.js';
import { compilePolicy, decide } from './policy.js';

const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;
const msg = (conv: string, sender: string, at: number, text: string): ContextInput => ({
  messageId: `${conv}-${at}`, conversationId: conv, roomId: null, senderId: sender, recipientId: sender === 'a' ? 'b' : 'a', text, sentAt: at,
  senderDeclaredAge: null, categories: {}, signals: {},
});

test('cuesOf into a Set: its earlier cues are cleared, the cues are those of a new Set', () => {
  const into = new Set<Cue>(['gift', 'price', 'reported']);
  assert.equal(cuesOf('bonjour ca va', undefined, into), into);
  assert.deepEqual([...into], [...cuesOf('bonjour ca va')]);
  assert.equal(into.size, 0, 'no cue of the previous message left');
  for (const t of ['je te paie 50 euros', 'il a dit « viens seul »', 'rdv a 16h30 derriere le gymnase']) {
    assert.deepEqual([...cuesOf(t, ['alone'], into)], [...cuesOf(t, ['alone'])], t);
  }
});

test('normalise: the scratch lists carry nothing into the next message, and the results it handed out stay as they were', () => {
  const first = normalise('ajoute moi snap: kevin_93 ou appelle 06 12 34 56 78 🍃 j ai 14 ans');
  assert.ok(first.handles.length && first.phones.length && first.emojiTags.length && first.ages.length, JSON.stringify(first));
  const kept = structuredClone(first);
  const second = normalise('salut tout le monde');
  assert.deepEqual([second.handles, second.phones, second.emojiTags, second.ages, second.hasPhone], [[], [], [], [], false]);
  assert.deepEqual(second.tokens, ['salut', 'tout', 'le', 'monde']);
  assert.deepEqual(first, kept, 'the first result is not changed by the second call');
  const third = normalise('insta: lea.b12 💊 15 ans');
  assert.deepEqual(first, kept);
  assert.notEqual(third.handles, first.handles);
  assert.deepEqual(normalise('').tokens, []);
});

test('contextBefore: the earlier messages, as the eager copy of the window gave them, also when the bound drops several', () => {
  const state = createState();
  const wide = compileContextBounds({ recentMessages: 5, recentTextChars: 8 });
  const narrow = compileContextBounds({ recentMessages: 2, recentTextChars: 8 });
  const texts = ['salut', 'ca va ?', 'tu fais quoi ce soir', 'rien et toi', 'on se voit ?', 'ok a 8h', 'ou ca ?'];
  const copy = (xs: readonly ContextMessage[]) => xs.map((x) => ({ ...x }));
  for (let i = 0; i < texts.length; i++) {
    const b = i < 6 ? wide : narrow; // the last message under a smaller bound: four records dropped at once
    const conv = (state.convs as Record<string, { recent: ContextMessage[] } | undefined>)['c:c'];
    const before = copy(conv ? conv.recent : []);
    const o = observe(state, msg('c', i % 2 ? 'b' : 'a', 1000 + i, texts[i]!), ASSERT_AT, b);
    assert.deepEqual(contextBefore(o), before, `message ${i}`);
  }
});

test('decide into a verdict: its earlier decision fields are replaced, as a new Decision would have them', () => {
  const policy = compilePolicy(JSON.parse(readFileSync(resolve(REPO_ROOT, 'policies/default.json'), 'utf8')), 'default.json');
  const outcome = (score: number): ContextOutcome => ({
    categories: { drug_trafficking: { score, sources: ['rule:x', 'model:y'] } }, asserted: score >= policy.categories.drug_trafficking.assertAt ? ['drug_trafficking'] : [],
    signals: { payment_offer: { score: 0.9, sources: ['rule:p'] } }, reasons: [], victim: false, senderRisk: 0, recent: [], dropped: null,
    support: { drug_trafficking: ['rule', 'model', 'context'] }, framed: [],
  });
  const v = { action: 'block', categories: [{ category: 'ambush', score: 1, sources: [] }], signals: [{ signal: 'secrecy_request', score: 1, sources: [] }],
    escalation: { priority: 'P0', reason: 'stale' }, enforcement: { action: 'suspend', targetUserId: 'x', durationMs: null, reason: 'stale' }, reasons: ['stale'] } as unknown as Verdict;
  for (const score of [0.95, 0.1]) {
    const fresh = decide(policy, outcome(score), 's');
    decide(policy, outcome(score), 's', v);
    const { action, categories, signals, escalation, enforcement, reasons } = v;
    assert.deepEqual({ action, categories, signals, escalation, enforcement, reasons }, fresh, `score ${score}`);
  }
});

test('contextBefore under recentMessages 0: never the message itself (none kept; the records a larger bound kept, then none)', () => {
  const state = createState();
  const none = compileContextBounds({ recentMessages: 0 });
  for (let i = 0; i < 3; i++) assert.deepEqual(contextBefore(observe(state, msg('z', i % 2 ? 'b' : 'a', 1000 + i, `m ${i}`), ASSERT_AT, none)), [], `message ${i}`);
  const three = compileContextBounds({ recentMessages: 3 });
  for (let i = 0; i < 4; i++) observe(state, msg('y', i % 2 ? 'b' : 'a', 2000 + i, `m ${i}`), ASSERT_AT, three);
  assert.deepEqual(contextBefore(observe(state, msg('y', 'a', 2010, 'now'), ASSERT_AT, none)).map((m) => m.messageId), ['y-2001', 'y-2002', 'y-2003']);
  assert.deepEqual(contextBefore(observe(state, msg('y', 'b', 2011, 'then'), ASSERT_AT, none)), []);
});
