/**
 * Round 9 (issue 14): what the speed changes must keep.
 * - observe's outcome has one hidden class whether the sender's risk is 0 or a fraction (its senderRisk field is a
 *   double from the first message), so observe's optimised code survives the first risky sender;
 * - a risk of 0 is -0, equal to 0 in every comparison and printed as 0;
 * - `others` counts the items other than the conversation, repeated items included.
 * Decisions are checked by the verdict snapshot (docs/benchmarks.md, ninth round).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import { observe, others, type ContextInput } from './context/observe.js';
import { compileContextBounds, createState } from './context/state.js';

const OBSERVE = fileURLToPath(new URL('./context/observe.js', import.meta.url));
const STATE = fileURLToPath(new URL('./context/state.js', import.meta.url));
const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;

function msg(conv: string, i: number, from: string, to: string, text: string, age: boolean): ContextInput {
  return {
    messageId: `${conv}-m${i}`, conversationId: conv, roomId: null, senderId: from, recipientId: to, text,
    sentAt: 1_700_000_000_000 + i * 60_000, senderDeclaredAge: null,
    signals: age ? { age_inquiry: { score: 0.8, sources: ['rule:test.age_inquiry'] } } : {}, categories: {},
  };
}

test('others: the items other than the conversation, repeated ones included', () => {
  assert.equal(others([], 'c'), 0);
  assert.equal(others(['c'], 'c'), 0);
  assert.equal(others(['a', 'c', 'b'], 'c'), 2);
  assert.equal(others(['c', 'a', 'c'], 'c'), 1);
  assert.equal(others(['a', 'b'], 'c'), 2);
});

test('observe: an ordinary sender\'s risk is 0 to every reader (-0: compares equal, prints 0), a risky one\'s a fraction', () => {
  const state = createState();
  const b = compileContextBounds();
  const first = observe(state, msg('c1', 0, 'z', 'u', 'salut', false), ASSERT_AT, b);
  assert.ok(first.senderRisk === 0 && first.senderRisk >= 0 && !(first.senderRisk > 0));
  assert.equal(JSON.stringify({ r: first.senderRisk }), '{"r":0}');
  assert.equal(first.senderRisk.toFixed(2), '0.00');
  let last = first;
  for (let k = 0; k < 3; k++) last = observe(state, msg(`c${k + 2}`, k + 1, 'z', `t${k}`, 'how old are you', true), ASSERT_AT, b);
  assert.equal(last.senderRisk, 0.3);
});

test('observe: outcomes of risk 0 and of risk 0.3 share one hidden class (read in a V8 with natives syntax)', () => {
  const script = `
    const { observe } = await import(${JSON.stringify(OBSERVE)});
    const { compileContextBounds, createState } = await import(${JSON.stringify(STATE)});
    const cats = ${JSON.stringify(CATEGORIES)};
    const assertAt = Object.fromEntries(cats.map((c) => [c, 0.5]));
    const m = (conv, i, to, text, age) => ({ messageId: conv + i, conversationId: conv, roomId: null, senderId: 'z', recipientId: to, text,
      sentAt: 1700000000000 + i * 60000, senderDeclaredAge: null,
      signals: age ? { age_inquiry: { score: 0.8, sources: ['rule:t'] } } : {}, categories: {} });
    const state = createState();
    const b = compileContextBounds();
    const calm = observe(state, m('c1', 0, 'u', 'salut', false), assertAt, b);
    let risky = calm;
    for (let k = 0; k < 3; k++) risky = observe(state, m('c' + (k + 2), k + 1, 't' + k, 'how old are you', true), assertAt, b);
    console.log(JSON.stringify([risky.senderRisk, %HaveSameMap(calm, risky)]));`;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [0.3, true]);
});
