/**
 * Round 18 of issue 14 (engine speed): fewer records per message, results unchanged.
 * - a batch's message-model rows are views of one buffer: each is the row its text gets scored alone, and writing one
 *   row leaves the others as they were (no two views overlap);
 * - the context stage's input, the derivations' view and the findings list are reused records: a conversation's
 *   verdicts are the same when it is classified alone, one message per batch, and interleaved with other traffic.
 * (The recency queue's parallel arrays: context/recency-queue.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { loadTextClassifier } from './model/onnx-classifier.js';
import { REPO_ROOT } from './engine-options.js';
import { createEngine, createState } from './engine.js';
import { normalise } from './normalise.js';
import type { ChatMessage } from '../contracts/types.js';

const TEXTS = [
  'gg pour la partie, tu joues bien', 'tu es en quelle classe au fait ?', 'en 5eme',
  'je peux te payer le pass de combat, tu le dis a personne ni a tes parents', 'viens sur l autre appli, envoie moi une photo de toi',
  'ok', 'viens me voir samedi apres ton entrainement, seule stp', 'see you at practice', '',
];

test('scoreBatch: each row of a batch is the row of its text alone, and the rows do not overlap', async () => {
  const clf = await loadTextClassifier(resolve(REPO_ROOT, 'models/vigie-fasttext-v1'));
  assert.equal(clf.backend, 'typescript');
  const rows = await clf.scoreBatch(TEXTS.map((t) => normalise(t)));
  const alone: number[][] = [];
  for (const t of TEXTS) alone.push(Array.from((await clf.scoreBatch([normalise(t)]))[0]!));
  assert.deepEqual(rows.map((r) => Array.from(r)), alone);
  for (const r of rows) assert.equal(r.length, clf.labels.length);
  rows[0]!.fill(-1);
  assert.deepEqual(rows.slice(1).map((r) => Array.from(r)), alone.slice(1));
  await clf.close();
});

function conversation(id: string, a: string, b: string, t0: number): ChatMessage[] {
  return TEXTS.map((text, i) => ({
    messageId: `${id}-${i}`, tenantId: null, conversationId: id, roomId: null, senderId: i % 3 === 2 ? b : a, recipientId: i % 3 === 2 ? a : b,
    text, sentAt: t0 + i * 60_000, senderDeclaredAge: i % 3 === 2 ? 12 : null,
  }) as ChatMessage);
}

test('engine: a conversation decides the same alone, one message per batch, and interleaved with other traffic', async () => {
  const engine = await createEngine();
  const t0 = 1_767_225_600_000;
  const target = conversation('target', 'coach', 'lea', t0);
  const noise = [conversation('n1', 'x', 'y', t0 + 30_000), conversation('n2', 'y', 'z', t0 + 45_000)];
  const alone = await engine.classifyBatch(target, createState());
  const single = createState();
  const one: unknown[] = [];
  for (const m of target) one.push(...(await engine.classifyBatch([m], single)));
  assert.deepEqual(one, alone);
  const mixed: ChatMessage[] = [];
  for (let i = 0; i < target.length; i++) mixed.push(noise[0]![i]!, target[i]!, noise[1]![i]!);
  const out = await engine.classifyBatch(mixed, createState());
  assert.deepEqual(out.filter((v) => v.conversationId === 'target'), alone);
  assert.ok(alone.some((v) => v.action !== 'allow'), 'the conversation is acted on (the test reads a decision, not only allows)');
  await engine.close();
});
