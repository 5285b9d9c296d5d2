/**
 * Round 17 of issue 14 (engine speed): fewer allocations per message, results unchanged.
 * - normalise's tokenChunk without its per-chunk `flush` closure: the tokens of punctuated, currency, elided and emoji
 *   chunks are those the closure version gave (recorded from main 2dd6ff9);
 * - the rules matcher's `hit` and `emit` as methods, its candidate and grown lists reused: each text's hits are the
 *   same whatever was matched before it (forward and reverse order, and a fresh rule set);
 * - participantAges' insertion sort: the sender first, then by id, as the comparator sort gave;
 * - observe's scratch records (signal set, framed set, per-category scores) reused across calls: a conversation's
 *   verdicts are the same alone and interleaved with another traffic's messages (nothing carried from one call to the next).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';
import { REPO_ROOT } from './engine-options.js';
import { createEngine, createState } from './engine.js';
import { participantAges } from './context.js';
import { generateConversations } from '../training/scenario-generator.js';
import { interleave } from '../training/interleave.js';
import type { ChatMessage } from '../contracts/types.js';

/** Tokens recorded with the closure version (main 2dd6ff9). */
const TOKENS: [string, string[]][] = [
  ["c'est 50$ ou 30€ ok?", ['ce', 'est', '50', 'dollars', 'ou', '30', 'euros', 'ok']],
  ['$300 cash!!', ['300', 'dollars', 'cash']],
  ['sn@p: kevin_93, insta?', ['snapchat', 'kevin', '93', 'instagram']],
  ['wsh frr t ou ??', ['wesh', 'frr', 'tu', 'es', 'ou']],
  ['+33 6 12 34 56 78.', ['<phone>']],
  ["j't'aime (j'ai 14ans)", ['je', 'te', 'aime', 'je', 'ai', '14', 'ans']],
  ['va-t-il venir ? y a-t-il qqn', ['va', 'il', 'venir', 'y', 'a', 'il', 'quelqu', 'un']],
  ["l'usure... 10g=20€", ['le', 'usure', '10', 'g', '20', 'euros']],
  ['lol!! 😂😂ok 💰💰', ['lol', 'ok', '<emoji:money>']],
  ['£20 pour 2h, 1v1 ?', ['pounds', '20', 'pour', '2', 'h', '1v1']],
  ['s.n.a.p ch@t', ['snapchat', 'chat']],
  ['a+ demain! bisous;)', ['a', 'demain', 'bisous']],
  ['mdr,ptdr:xD', ['mdr', 'ptdr', 'xd']],
  ["jusqu'au bout!", ['jusque', 'au', 'bout']],
  ["don't tell ur mum!", ['do', 'not', 'tell', 'your', 'mum']],
];

test('tokenChunk without its flush closure: the tokens the closure version gave', () => {
  for (let round = 0; round < 3; round++) for (const [text, want] of TOKENS) assert.deepEqual(normalise(text).tokens, want, text);
});

function generated(seed: number, count: number, max: number): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const s of interleave(generateConversations({ seed, count }))) { out.push(s.message); if (out.length >= max) break; }
  return out;
}

test('matcher hit/emit as methods: each text has the same hits whatever was matched before it', async () => {
  const texts = generated(91, 300, 1200).map((m) => m.text).concat(TOKENS.map(([t]) => t));
  const a = await loadRuleSet(resolve(REPO_ROOT, 'rules'));
  const b = await loadRuleSet(resolve(REPO_ROOT, 'rules'));
  const norms = texts.map((t) => normalise(t));
  const forward = norms.map((n) => JSON.stringify(a.match(n)));
  const reverse: string[] = [];
  for (let i = norms.length - 1; i >= 0; i--) reverse[i] = JSON.stringify(b.match(norms[i]!));
  assert.deepEqual(reverse, forward);
  // Again on the first matcher (its stamps and lists now used), and hits are fresh arrays each call.
  for (let i = 0; i < norms.length; i += 7) assert.equal(JSON.stringify(a.match(norms[i]!)), forward[i]);
  assert.ok(forward.some((h) => h !== '[]'), 'some text hits a rule');
  const n = normalise('envoie moi une photo');
  assert.notEqual(a.match(n), a.match(n));
});

test('participantAges: the sender first, then by id (insertion sort = the comparator sort)', () => {
  const people = Object.create(null) as Record<string, unknown>;
  const ids = ['zoe', 'amir', 'kim', 'bob', 'Yann', 'al', 'kim2', 'b'];
  for (const [i, id] of ids.entries()) people[`p:${id}`] = { declaredAge: i % 3 === 0 ? null : 20 + i, statedAge: i % 3 === 0 ? 14 : null };
  people['p:noage'] = { declaredAge: null, statedAge: null };
  const state = createState();
  state.convs['c:x'] = { people } as never;
  for (const sender of [...ids, 'stranger']) {
    const got = participantAges(state, { conversationId: 'x', senderId: sender }).map((p) => p.userId);
    const want = ids.slice().sort((a, b) => (a === sender ? -1 : b === sender ? 1 : a < b ? -1 : a > b ? 1 : 0));
    assert.deepEqual(got, want, sender);
  }
});

test('observe scratch records: a conversation gives the same verdicts alone and interleaved with other traffic', async () => {
  const engine = await createEngine({});
  const mine = generated(93, 200, 900);
  const other = generated(94, 200, 900).map((m, i): ChatMessage => ({
    ...m, messageId: `o-${m.messageId}`, conversationId: `o-${m.conversationId}`, senderId: `o-${m.senderId}`,
    recipientId: m.recipientId === null ? null : `o-${m.recipientId}`, roomId: m.roomId === null ? null : `o-${m.roomId}`,
    sentAt: mine[Math.min(i, mine.length - 1)]!.sentAt,
  }));
  const alone = new Map<string, string>();
  const s1 = createState();
  for (let i = 0; i < mine.length; i += 64) for (const v of await engine.classifyBatch(mine.slice(i, i + 64), s1)) alone.set(v.messageId, JSON.stringify(v));
  const mixed: ChatMessage[] = [];
  for (let i = 0; i < mine.length; i++) { mixed.push(other[i]!); mixed.push(mine[i]!); }
  const s2 = createState();
  let compared = 0;
  for (let i = 0; i < mixed.length; i += 64) {
    for (const v of await engine.classifyBatch(mixed.slice(i, i + 64), s2)) {
      const want = alone.get(v.messageId);
      if (want === undefined) continue;
      assert.equal(JSON.stringify(v), want, v.messageId);
      compared++;
    }
  }
  assert.equal(compared, mine.length);
  assert.ok([...alone.values()].some((v) => !v.includes('"action":"allow"')), 'some verdict acts');
  await engine.close();
});
