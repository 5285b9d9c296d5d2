import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineCache } from './model/line-cache.js';
import { conversationOf, TokensMemo, windowInto, windowOf, WindowScratch } from './window-stage.js';
import { createState, DEFAULT_BOUNDS } from './context/state.js';
import { observe } from './context/observe.js';
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import type { ChatMessage } from '../contracts/types.js';

// Issue 14, round 19: the window model's line cache without a closure per line, the engine's windows in reused records.

test('LineCache find/add: the same lines, promotions and generations as get with make, on a random sequence of texts', () => {
  const texts = Array.from({ length: 12 }, (_, i) => `t${i}`);
  let seed = 19;
  const rnd = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff; return (seed >>> 16) % texts.length; };
  type Line = { text: string; gen: number; made: number };
  const log: string[][] = [[], []];
  const promote = (which: number) => (l: Line): Line => { log[which]!.push(`p:${l.text}`); return { text: l.text, gen: l.gen + 1, made: l.made }; };
  const a = new LineCache<Line>(4, promote(0));
  const b = new LineCache<Line>(4, promote(1));
  let madeA = 0; let madeB = 0;
  for (let i = 0; i < 500; i++) {
    const t = texts[rnd()]!;
    const x = a.get(t, () => { log[0]!.push(`m:${t}`); return { text: t, gen: 0, made: madeA++ }; });
    const y = b.find(t) ?? b.add(t, (log[1]!.push(`m:${t}`), { text: t, gen: 0, made: madeB++ }));
    assert.deepEqual(y, x, `step ${i} (${t})`);
  }
  assert.deepEqual(log[1], log[0]);
  assert.ok(log[0]!.some((e) => e.startsWith('p:')) && madeA > texts.length, 'the sequence promotes and makes lines again');
});

test('LineCache find: undefined when neither generation holds the text; a hit in the older one is promoted once', () => {
  let promoted = 0;
  const cache = new LineCache<string>(1, (l) => { promoted++; return `${l}'`; });
  assert.equal(cache.find('x'), undefined);
  assert.equal(cache.add('x', 'X'), 'X');
  assert.equal(cache.find('x'), 'X');
  cache.add('y', 'Y'); // x older
  assert.equal(cache.find('x'), "X'");
  assert.equal(cache.find('x'), "X'");
  assert.equal(promoted, 1);
});

test('windowInto: each window equals windowOf, its records reused, shorter windows after longer ones', () => {
  const state = createState();
  const assertAt = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;
  const t0 = Date.parse('2024-01-01T10:00:00Z');
  const msg = (id: string, conv: string, from: string, to: string, text: string, at: number): ChatMessage => ({
    messageId: id, tenantId: null, conversationId: conv, roomId: null, senderId: from, recipientId: to, text, sentAt: at,
    senderIp: null, senderDeclaredAge: null, locale: null,
  });
  const memo = new TokensMemo();
  const scratch = new WindowScratch();
  const seen: object[] = [];
  const msgs: ChatMessage[] = [];
  let longest = 0; let shrank = false;
  for (let i = 0; i < 14; i++) msgs.push(msg(`a${i}`, 'A', i % 2 ? 'u1' : 'u2', i % 2 ? 'u2' : 'u1', `ligne ${i} du fil A`, t0 + i * 1000));
  for (let i = 0; i < 3; i++) msgs.push(msg(`b${i}`, 'B', i % 2 ? 'u3' : 'u4', i % 2 ? 'u4' : 'u3', `fil B ${i}`, t0 + 20_000 + i * 1000));
  msgs.push(msg('a14', 'A', 'u1', 'u2', 'retour au fil A', t0 + 30_000));
  for (const m of msgs) {
    const conv = conversationOf(state, m, DEFAULT_BOUNDS);
    const tokens = m.text.split(' ');
    const want = windowOf(state, m, DEFAULT_BOUNDS, tokens, conv, memo);
    const got = windowInto(scratch, m, tokens, conv, memo);
    assert.equal(got, scratch.lines);
    assert.deepEqual(got, want, m.messageId);
    for (const l of got) if (!seen.includes(l)) seen.push(l);
    if (got.length < longest) shrank = true;
    longest = Math.max(longest, got.length);
    memo.remember(m.text, tokens);
    observe(state, { ...m, categories: {}, signals: {} }, assertAt, DEFAULT_BOUNDS);
  }
  assert.ok(seen.length <= DEFAULT_BOUNDS.recentMessages + 1, `records reused: ${seen.length}`);
  assert.ok(shrank, 'a conversation with fewer recent messages gave a shorter window after a longer one');
});
