/**
 * Issue 14 round 42b: `decide` gives a decision that adds nothing its lists as shared frozen empties (no three new arrays
 * per allowed message); whatever adds to a decision's list first takes a fresh array (ownList), so no verdict's entry
 * reaches another verdict.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import type { ChatMessage } from '../contracts/types.js';
import { insistence, type View } from './context/derive.js';
import { observe, type ContextInput } from './context/observe.js';
import { compileContextBounds, conversationKey, type ConversationState } from './context/state.js';
import { createEngine, createState } from './engine.js';
import { REPO_ROOT } from './engine-options.js';
import { compilePolicy, NO_CATEGORY_SCORES, NO_REASON_LINES, NO_SIGNAL_HITS, ownList, type Decision } from './policy.js';
import type { SecondHarmPolicy } from './policy-file.js';
import { nameSecondHarm, type RawScores } from './second-harm.js';

const EMPTIES = [NO_CATEGORY_SCORES, NO_SIGNAL_HITS, NO_REASON_LINES] as const;

function message(i: number, conv: string, sender: string, text: string): ChatMessage {
  return {
    messageId: `m-${i}`, tenantId: null, conversationId: conv, roomId: null, senderId: sender, recipientId: sender === 'a' ? 'b' : 'a',
    text, sentAt: 1_767_600_000_000 + i * 60_000, senderIp: null, senderDeclaredAge: 14, locale: null,
  } as ChatMessage;
}

test('ownList: a fresh array in place of a frozen empty, the array itself otherwise', () => {
  for (const e of EMPTIES) assert.ok(Object.isFrozen(e) && e.length === 0);
  const fresh = ownList(NO_REASON_LINES);
  assert.notEqual(fresh, NO_REASON_LINES);
  fresh.push('x');
  assert.equal(NO_REASON_LINES.length, 0);
  const mine = ['y'];
  assert.equal(ownList(mine), mine);
});

test('engine: allowed verdicts share the frozen empties; acting ones own their lists; the empties stay empty', async () => {
  const engine = await createEngine({ modelDir: 'none' });
  const texts = [
    'salut ça va', 'ok à demain', 'je vais te tuer, je sais où tu habites', 'lol', 'tu as quel âge ? envoie une photo de toi nue',
    'i know where you live, watch your back', 'see you at practice', 'merci', '20 le g dispo ce soir, livraison',
  ];
  const state = createState();
  let shared = 0; let acting = 0;
  for (let round = 0; round < 2; round++) {
    const vs = await engine.classifyBatch(texts.map((t, i) => message(round * 100 + i, `c${i % 3}`, i % 2 ? 'a' : 'b', t)), state);
    for (const v of vs) {
      if (v.categories.length === 0 && v.signals.length === 0 && v.reasons.length === 0) {
        assert.equal(v.categories, NO_CATEGORY_SCORES); assert.equal(v.signals, NO_SIGNAL_HITS); assert.equal(v.reasons, NO_REASON_LINES);
        shared++;
      }
      if (v.action !== 'allow') {
        acting++;
        assert.ok(v.categories.length > 0 || v.signals.length > 0);
        assert.ok(!Object.isFrozen(v.reasons) && v.reasons.length > 0);
      }
    }
  }
  assert.ok(shared >= 4, `allowed verdicts with nothing listed: ${shared}`);
  assert.ok(acting >= 2, `acting verdicts: ${acting}`);
  for (const e of EMPTIES) assert.equal(e.length, 0, 'no caller added to a shared empty');
});

test('nameSecondHarm names into a fresh list when the acting verdict listed no category (sender risk): not into the shared empty', () => {
  const base = JSON.parse(readFileSync(resolve(REPO_ROOT, 'policies/default.json'), 'utf8')) as Record<string, unknown>;
  const sh: SecondHarmPolicy = { raisedAt: 'flag', within: 12, nameAt: 0.4, evidence: ['window'], pairs: { drug_trafficking: ['weapons_trafficking' as Category] } };
  const policy = compilePolicy({ ...base, secondHarm: sh });
  const conv = {} as ConversationState;
  const none: RawScores[] = [{ score: () => undefined }];
  const raised: Decision = {
    action: 'hold', categories: [{ category: 'drug_trafficking', score: 0.72, sources: ['rule:x'] }], signals: [], escalation: null, enforcement: null, reasons: ['x'],
  };
  nameSecondHarm(policy, conv, 0, raised, {}, none);
  const raw: RawScores[] = [{ score: () => undefined }, { score: (c) => (c === 'weapons_trafficking' ? 0.45 : undefined) }];
  const flagged: Decision = {
    action: 'flag', categories: NO_CATEGORY_SCORES, signals: NO_SIGNAL_HITS, escalation: null, enforcement: null, reasons: NO_REASON_LINES,
  };
  nameSecondHarm(policy, conv, 1, flagged, {}, raw);
  assert.deepEqual(flagged.categories.map((x) => `${x.category} ${x.score}`), ['weapons_trafficking 0.45']);
  assert.equal(flagged.reasons.length, 1);
  for (const e of EMPTIES) assert.equal(e.length, 0);
});

test('derivations read the pair observe handed them (toPair), not a pair looked up by a key built again', () => {
  const state = createState();
  const bounds = compileContextBounds({});
  const assertAt = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;
  const input = (sender: string, at: number, text: string): ContextInput => ({
    messageId: `p-${at}`, tenantId: null, conversationId: 'p1', roomId: null, senderId: sender, recipientId: sender === 'a' ? 'b' : 'a', text,
    sentAt: at, senderDeclaredAge: 30, categories: {}, signals: {},
  });
  observe(state, input('a', 1000, 'salut'), assertAt, bounds);
  observe(state, input('b', 2000, 'salut'), assertAt, bounds);
  const conv = state.convs[conversationKey({ conversationId: 'p1' })] as ConversationState;
  const stored = conv.pairs['a\u0000b']!;
  assert.equal(stored.afterNo ?? 0, 0, 'no refusal in the stored pair');
  const view = (toPair: View['toPair']): View => ({
    conv, senderKey: 'p:a', sender: conv.people['p:a']!, senderId: 'a', targets: ['p:b'], sig: new Set(), cue: new Set(['insist']), cat: {},
    at: 3000, n: 2, halfLifeMs: 3_600_000, riskySender: false, framed: new Set(), groomRule: false, toPair,
  });
  // The pair handed in (three pressing messages after a refusal) is the one read: the key is not built and looked up again.
  const found = insistence(view({ lastAt: 3000, sig: {}, sexual: 0, afterNo: 3 }));
  assert.deepEqual(found.map((f) => [f.source, f.score]), [['context:insistence', 0.75]]);
  // None handed (null, or a view built elsewhere): the stored pair, looked up by its key.
  assert.deepEqual(insistence(view(null)), []);
  assert.deepEqual(insistence(view(undefined)), []);
});

/** One message of a two-person exchange; `roomId` and `tenantId` as given. */
function chat(i: number, tenantId: string | null, conv: string, roomId: string | null, sender: string, recipient: string, text: string, age: number): ChatMessage {
  return {
    messageId: `r-${i}`, tenantId, conversationId: conv, roomId, senderId: sender, recipientId: recipient,
    text, sentAt: 1_767_600_000_000 + i * 60_000, senderIp: null, senderDeclaredAge: age, locale: null,
  } as ChatMessage;
}

test('engine: the key handed to every reader carries the tenant (two tenants with one conversation id keep apart)', async () => {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  const state = createState();
  await engine.classifyBatch([chat(1, 't2', 'same', null, 'b', 'a', "j'ai 13 ans", 13)], state);
  const [v] = await engine.classifyBatch([chat(2, 't1', 'same', null, 'a', 'b', 'envoie moi une photo de toi nue, tu as quel âge', 30)], state);
  assert.deepEqual(Object.keys(state.convs).sort(), ['c:t1\u0000same', 'c:t2\u0000same']);
  // t2's minor is no context of t1's conversation: no age of t2 in t1's verdict.
  assert.ok(!(v!.participantAges ?? []).some((p) => p.userId === 'b'), JSON.stringify(v!.participantAges));
});

test('engine: in a room, a message with a recipient hands no pair to the derivations (harassment reads the room pair, as before)', async () => {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  const state = createState();
  const texts = ['salut', 'je veux te baiser', 'montre moi tes seins', 'je veux voir ta chatte', 'suce moi', 'viens chez moi on baise', 'je bande'];
  const sources: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    const [v] = await engine.classifyBatch([i === 0 ? chat(i, null, 'r', 'room1', 'b', 'a', texts[i]!, 30) : chat(i, null, 'r', 'room1', 'a', 'b', texts[i]!, 30)], state);
    for (const c of v!.categories) sources.push(...c.sources);
  }
  // The pair a→b counts the sexual messages, but in a room the derivations read the room's pair (a→*), as main does.
  assert.ok(!sources.includes('context:unsolicited-repeated'), sources.join(' '));
});
