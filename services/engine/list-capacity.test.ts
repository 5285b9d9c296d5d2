import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ContextOutcome } from './context/observe.js';
import { appended, messageEvidence } from './engine.js';
import { REPO_ROOT } from './engine-options.js';
import { compilePolicy, decide, NO_CATEGORY_SCORES, NO_REASON_LINES, NO_SIGNAL_HITS, withEntry } from './policy.js';
import type { RuleHit } from './rules/types.js';

/**
 * Issue 14, round 48: a verdict's lists (categories, reasons, signals) and the message evidence's lists (rule cues, rules
 * on disjoint words, the window's raised categories) nearly always hold one entry. Made as `[]` then `push`, V8 grows the
 * empty array to 17 slots on the first push (on Node's 64-bit heap: a 32-byte array and a 152-byte store, 184 B); made as `[x]`, the store has one
 * slot (24 B: 56 B in all). These tests read the retained heap (after full GCs) of many such lists: a count of bytes, not a timing.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap bytes retained per value `make` returns, over `n` values kept alive at once. */
function retainedPer(make: (i: number) => unknown, n = 20_000): number {
  const keep: unknown[] = new Array<unknown>(n).fill(null);
  gc(); gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) keep[i] = make(i);
  gc(); gc();
  const after = process.memoryUsage().heapUsed;
  assert.equal(keep.length, n);
  return (after - before) / n;
}

const POLICY = compilePolicy(JSON.parse(readFileSync(resolve(REPO_ROOT, 'policies/default.json'), 'utf8')), 'default.json');

/** One asserted category backed by two rules: one category entry and one reason line in the decision. */
function oneCategory(): ContextOutcome {
  return {
    categories: { drug_trafficking: { score: 0.92, sources: ['rule:a', 'rule:b'] } }, asserted: ['drug_trafficking'], signals: {},
    reasons: [], victim: false, senderRisk: 0, recent: [], dropped: null, support: { drug_trafficking: ['rule', 'rules'] }, framed: [],
  };
}

test('withEntry: [x] in place of each shared empty (which stays empty), the list itself pushed into otherwise', () => {
  for (const empty of [NO_CATEGORY_SCORES, NO_SIGNAL_HITS, NO_REASON_LINES] as unknown as string[][]) {
    const one = withEntry(empty, 'x');
    assert.deepEqual(one, ['x']);
    assert.notEqual(one, empty);
    assert.equal(empty.length, 0);
    const two = withEntry(one, 'y');
    assert.equal(two, one);
    assert.deepEqual(two, ['x', 'y']);
  }
});

test('appended: [x] when there is no list, the list itself pushed into otherwise', () => {
  const one = appended<string>(undefined, 'a');
  assert.deepEqual(one, ['a']);
  assert.equal(appended(one, 'b'), one);
  assert.deepEqual(one, ['a', 'b']);
});

test('a decision with one category holds its category and reason lists in one-slot arrays (retained heap)', () => {
  const o = oneCategory();
  const d = decide(POLICY, o, 's1');
  assert.equal(d.categories.length, 1);
  assert.equal(d.reasons.length, 1);
  // The category list alone: its array and store (56 B with one slot, 184 B with 17) and its entry record
  // ({category, score, sources} and the score's number: 64 B): ~120 B, against ~248 B grown by a push.
  const perList = retainedPer(() => decide(POLICY, o, 's1').categories);
  assert.ok(perList < 170, `${perList.toFixed(1)} B retained per decision's category list`);
});

test('a message with one rule cue holds it in a one-slot array (retained heap)', () => {
  const hits: RuleHit[] = [{ ruleId: 'r1', label: 'cue:gaming' as RuleHit['label'], weight: 1, kind: 'cue', span: [0, 1] }];
  const ev = messageEvidence(hits, null, undefined);
  assert.deepEqual(ev.ruleCues, ['gaming']);
  // The array and its store: 56 B with one slot, 184 B grown by a push.
  const perList = retainedPer(() => messageEvidence(hits, null, undefined).ruleCues);
  assert.ok(perList < 120, `${perList.toFixed(1)} B retained per message's rule-cue list`);
});

test('messageEvidence fills the record it is given (one a batch) and returns it, overwriting what it held', () => {
  const cue: RuleHit[] = [{ ruleId: 'r1', label: 'cue:gaming' as RuleHit['label'], weight: 1, kind: 'cue', span: [0, 1] }];
  const into = messageEvidence(cue, null, undefined);
  const before = into.categories;
  const again = messageEvidence([], null, undefined, into);
  assert.equal(again, into);
  assert.equal(again.ruleCues, undefined);
  assert.notEqual(again.categories, before);
  assert.deepEqual(again, messageEvidence([], null, undefined));
});
