/**
 * Round six of issue 14 (engine speed): the shortcuts keep results identical.
 * - the window model scored at once (scoreWindowNow) gives the row scoreWindows gives, and the engine's verdicts
 *   are the same with and without it;
 * - the frames loop reads a conversation mark only when the conversation holds that frame cue (markedFrameCues);
 * - the message's category scores for the derivations have one shape, every category present (zeroScores).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { loadTextClassifier, type TextClassifier, type WindowText } from './model/onnx-classifier.js';
import { compileEngineOptions, REPO_ROOT } from './engine-options.js';
import { createState, engineFromParts, loadPolicy } from './engine.js';
import { loadRuleSet } from './rules/index.js';
import { markedFrameCues, zeroScores } from './context/observe.js';
import { FRAMES } from './context/frames.js';
import { CATEGORIES } from '../contracts/taxonomy.js';
import type { ChatMessage } from '../contracts/types.js';

const WINDOW = resolve(REPO_ROOT, 'models/vigie-window-v1');

const LINES: [string, string][] = [
  ['coach', 'gg pour la partie, tu joues bien'],
  ['lea', 'merci lol'],
  ['coach', 'tu es en quelle classe au fait ?'],
  ['lea', 'en 5eme'],
  ['coach', 'je peux te payer le pass de combat, tu le dis a personne ni a tes parents'],
  ['coach', 'viens sur l autre appli, envoie moi une photo de toi'],
  ['lea', 'ok'],
  ['coach', 'viens me voir samedi apres ton entrainement, seule stp'],
];

test('scoreWindowNow: the same row as scoreWindows([window]), on short and long windows', async () => {
  const clf = await loadTextClassifier(WINDOW);
  assert.equal(clf.backend, 'typescript');
  assert.ok(clf.scoreWindowNow, 'a window model scored in TypeScript offers scoreWindowNow');
  const windows: WindowText[][] = LINES.map(([me], j) => LINES.slice(0, j + 1).map(([who, text]) => ({ text, mine: who === me })));
  // A window whose ids overflow featuriser.maxLen (the id-level path).
  windows.push(Array.from({ length: 8 }, (_, i) => ({ text: `${'mot '.repeat(200)}${i}`, mine: i % 2 === 0 })));
  for (const w of windows) {
    const now = clf.scoreWindowNow(w);
    const [later] = await clf.scoreWindows([w]);
    assert.deepEqual(Array.from(now), Array.from(later!));
  }
  await clf.close();
});

test('scoreWindowNow is absent on a message model and on the onnxruntime backend', async () => {
  const msg = await loadTextClassifier(resolve(REPO_ROOT, 'models/vigie-fasttext-v1'));
  assert.equal(msg.scoreWindowNow, undefined);
  await msg.close();
  const ort = await loadTextClassifier(WINDOW, { backend: 'onnxruntime' });
  assert.equal(ort.scoreWindowNow, undefined);
  await ort.close();
});

test('engine: the same verdicts whether the window model is scored at once or through scoreWindows', async () => {
  const options = compileEngineOptions({ windowGateFloor: 0 });
  const rules = await loadRuleSet(options.rulesDir);
  const policy = await loadPolicy(options.policyFile);
  const model = await loadTextClassifier(options.modelDir!);
  const windowModel = await loadTextClassifier(WINDOW);
  assert.ok(windowModel.scoreWindowNow);
  // The same classifier without its synchronous path (a wrapper, as recorded-model.ts is).
  const asyncOnly: TextClassifier = { ...windowModel, scoreWindowNow: undefined, scoreWindows: (w) => windowModel.scoreWindows(w) };
  const messages: ChatMessage[] = LINES.map(([who, text], i) => ({
    messageId: `m${i}`, conversationId: 'c1', roomId: null, senderId: who, recipientId: who === 'coach' ? 'lea' : 'coach',
    text, sentAt: 1_700_000_000_000 + i * 60_000, senderDeclaredAge: who === 'lea' ? 12 : null,
  } as ChatMessage));
  const a = await engineFromParts({ rules, policy, model, windowModel, options }).classifyBatch(messages, createState());
  const engineB = engineFromParts({ rules, policy, model, windowModel: asyncOnly, options });
  const b = await engineB.classifyBatch(messages, createState());
  assert.deepEqual(a, b);
  assert.equal(engineB.counters.windowRuns, messages.length, 'gate floor 0: the window model ran on every message');
  assert.ok(a.some((v) => v.action !== 'allow'), 'the conversation is acted on (the test reaches the window evidence)');
  await model.close();
  await windowModel.close();
});

test('markedFrameCues: a bit for each windowed frame cue the conversation holds a mark of, none for other cues', () => {
  const windowed = [...new Set(FRAMES.filter((f) => f.window > 0).map((f) => f.cue))];
  assert.equal(markedFrameCues({}), 0);
  assert.equal(markedFrameCues({ menace: { s: 1, at: 0, n: 0 }, insist: { s: 1, at: 0, n: 1 } } as never), 0, 'cues no frame reads');
  const bits = windowed.map((c) => markedFrameCues({ [c]: { s: 1, at: 0, n: 0 } } as never));
  assert.ok(bits.every((b) => b !== 0), 'each windowed frame cue has a bit');
  assert.equal(new Set(bits).size, windowed.length, 'distinct bits');
  const all = markedFrameCues(Object.fromEntries(windowed.map((c) => [c, { s: 1, at: 0, n: 0 }])) as never);
  assert.equal(all, bits.reduce((x, y) => x | y, 0));
  // A frame read only on the message itself (window 0, e.g. `reported`) never needs the conversation's mark.
  const unwindowed = FRAMES.filter((f) => f.window === 0 && !windowed.includes(f.cue)).map((f) => f.cue);
  for (const c of unwindowed) assert.equal(markedFrameCues({ [c]: { s: 1, at: 0, n: 0 } } as never), 0, c);
});

test('zeroScores: every category at 0, in CATEGORIES order, a fresh object each time', () => {
  const a = zeroScores();
  assert.deepEqual(Object.keys(a), [...CATEGORIES]);
  assert.ok(Object.values(a).every((x) => x === 0));
  a.ambush = 0.5;
  assert.equal(zeroScores().ambush, 0);
});
