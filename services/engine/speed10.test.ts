/**
 * Round 10 (issue 14): what the speed changes must keep.
 * - windowOf builds every window the same way: an array of one map whether the conversation has earlier lines or not,
 *   and lines of one shape whether their tokens are known or not (`tokens` undefined), so the first window of the
 *   other kind no longer throws away the optimised code of windowOf, the engine's gatedWindow and the window scorer.
 * (lineIds' test is in model/window-featuriser.test.ts.) Decisions are checked by the verdict snapshot
 * (docs/benchmarks.md, tenth round).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import type { ChatMessage } from '../contracts/types.js';
import { observe } from './context/observe.js';
import { createState, DEFAULT_BOUNDS } from './context/state.js';
import { TokensMemo, windowOf } from './window-stage.js';

const WINDOW_STAGE = fileURLToPath(new URL('./window-stage.js', import.meta.url));
const OBSERVE = fileURLToPath(new URL('./context/observe.js', import.meta.url));
const STATE = fileURLToPath(new URL('./context/state.js', import.meta.url));
const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;

const msg = (id: string, from: string, to: string, text: string, i: number): ChatMessage => ({
  messageId: id, tenantId: null, conversationId: 'A', roomId: null, senderId: from, recipientId: to, text, sentAt: 1_700_000_000_000 + i * 60_000,
  senderIp: null, senderDeclaredAge: null, locale: null,
});

test('windowOf: earlier lines oldest first, then the message; every line has a tokens key (the memo\'s tokens or undefined)', () => {
  const state = createState();
  const memo = new TokensMemo();
  const first = msg('a1', 'u1', 'u2', 'salut ca va', 0);
  assert.deepEqual(windowOf(state, first, DEFAULT_BOUNDS), [{ text: 'salut ca va', mine: true, tokens: undefined }]);
  observe(state, { ...first, categories: {}, signals: {} }, ASSERT_AT, DEFAULT_BOUNDS);
  const known = ['salut', 'ca', 'va'];
  memo.remember('salut ca va', known);
  const second = msg('a2', 'u2', 'u1', 'ouais et toi', 1);
  observe(state, { ...second, categories: {}, signals: {} }, ASSERT_AT, DEFAULT_BOUNDS);
  const third = msg('a3', 'u1', 'u2', 'bien', 2);
  const mine = ['bien'];
  const w = windowOf(state, third, DEFAULT_BOUNDS, mine, undefined, memo);
  assert.deepEqual(w, [
    { text: 'salut ca va', mine: true, tokens: known },
    { text: 'ouais et toi', mine: false, tokens: undefined },
    { text: 'bien', mine: true, tokens: mine },
  ]);
  assert.ok(w.every((l) => 'tokens' in l));
});

test('windowOf: windows with and without earlier lines, lines with and without tokens, share their maps (read in a V8 with natives syntax)', () => {
  const script = `
    const { windowOf, TokensMemo } = await import(${JSON.stringify(WINDOW_STAGE)});
    const { observe } = await import(${JSON.stringify(OBSERVE)});
    const { createState, DEFAULT_BOUNDS } = await import(${JSON.stringify(STATE)});
    const cats = ${JSON.stringify(CATEGORIES)};
    const assertAt = Object.fromEntries(cats.map((c) => [c, 0.5]));
    const m = (id, conv, from, to, text, i) => ({ messageId: id, tenantId: null, conversationId: conv, roomId: null, senderId: from, recipientId: to,
      text, sentAt: 1700000000000 + i * 60000, senderIp: null, senderDeclaredAge: null, locale: null });
    const state = createState();
    const memo = new TokensMemo();
    const a1 = m('a1', 'A', 'u1', 'u2', 'salut', 0);
    observe(state, { ...a1, categories: {}, signals: {} }, assertAt, DEFAULT_BOUNDS);
    memo.remember('salut', ['salut']);
    const empty = windowOf(state, m('b1', 'B', 'u3', 'u4', 'yo', 1), DEFAULT_BOUNDS);
    const full = windowOf(state, m('a2', 'A', 'u2', 'u1', 'coucou', 2), DEFAULT_BOUNDS, ['coucou'], undefined, memo);
    const bare = windowOf(state, m('a3', 'A', 'u2', 'u1', 'hein', 3), DEFAULT_BOUNDS);
    console.log(JSON.stringify([empty.length, full.length, %HaveSameMap(empty, full), %HaveSameMap(full[0], bare[0]), %HaveSameMap(empty[0], full[1])]));`;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [1, 2, true, true, true]);
});
