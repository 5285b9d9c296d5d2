import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import { EMPTY_LIST } from './empty-list.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NO_ASSERTED, observe, type ContextInput } from './context/observe.js';
import { REPO_ROOT } from './engine-options.js';
import { NO_CATEGORY_SCORES, NO_REASON_LINES, NO_SIGNAL_HITS, compilePolicy, decide, ownList, withEntry } from './policy.js';
import { minorsAmong } from './context/derive.js';
import { compileContextBounds, createState, keyedRecord, type ParticipantState } from './context/state.js';

/**
 * mend51: the engine's empty lists are one frozen object (a new sender's conversation lists, a quiet message's reason
 * lines, minorsAmong's answer when no target is a minor), where rounds 49 and 50 made three. Identity checks.
 */
const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;

const quiet: ContextInput = {
  messageId: 'm0', tenantId: null, conversationId: 'c', roomId: null, senderId: 'a', recipientId: 'b', text: 'salut ça va',
  sentAt: 1_700_000_000_000, senderDeclaredAge: null, signals: {}, categories: {},
};

test('a quiet message\'s reasons, a new sender\'s lists and no minor among the targets are the one frozen EMPTY_LIST', () => {
  const state = createState();
  const o = observe(state, quiet, ASSERT_AT, compileContextBounds());
  const sender = Object.values(state.senders)[0]!;
  const adult: ParticipantState = { lastAt: 0, declaredAge: 30, statedAge: null, minorHint: null, sig: {}, cue: {}, cat: {}, msgs: 1, sexN: null, kin: false };
  const people = keyedRecord<ParticipantState>();
  people['p:0'] = adult;
  const lists: readonly (readonly string[])[] = [o.reasons, sender.ageAsked, sender.moved, sender.flagged, minorsAmong(people, ['p:0']), minorsAmong(people, [])];
  for (const [i, l] of lists.entries()) assert.equal(l, EMPTY_LIST, `list ${i}`);
  assert.ok(Object.isFrozen(EMPTY_LIST));
  assert.equal(EMPTY_LIST.length, 0);
});

test('an outcome\'s reasons are read only: a write is a compile error (the shared list would throw at run time)', () => {
  const o = observe(createState(), quiet, ASSERT_AT, compileContextBounds());
  const push = (): void => {
    // @ts-expect-error ContextOutcome.reasons is read only (EMPTY_LIST is every quiet message's)
    o.reasons.push('x');
  };
  assert.throws(push, TypeError);
  assert.equal(EMPTY_LIST.length, 0);
});

test('a quiet message\'s asserted categories and its allowed decision\'s three lists are the same EMPTY_LIST; ownList and withEntry replace it', () => {
  const policy = compilePolicy(JSON.parse(readFileSync(resolve(REPO_ROOT, 'policies/default.json'), 'utf8')), 'default.json');
  const o = observe(createState(), quiet, ASSERT_AT, compileContextBounds());
  const d = decide(policy, o, 'a');
  assert.equal(d.action, 'allow');
  const shared: readonly unknown[] = [o.asserted, d.categories, d.signals, d.reasons, NO_ASSERTED, NO_CATEGORY_SCORES, NO_SIGNAL_HITS, NO_REASON_LINES];
  for (const [i, l] of shared.entries()) assert.equal(l, EMPTY_LIST, `list ${i}`);
  const own = ownList(d.reasons);
  assert.notEqual(own, EMPTY_LIST);
  assert.deepEqual(own, []);
  const one = withEntry(d.categories, { category: 'drug_trafficking', score: 0.9, sources: ['rule:x'] });
  assert.deepEqual(one, [{ category: 'drug_trafficking', score: 0.9, sources: ['rule:x'] }]);
  assert.equal(withEntry(one, one[0]!), one, 'an own list is pushed into');
  assert.equal(EMPTY_LIST.length, 0);
});
