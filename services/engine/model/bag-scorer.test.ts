import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTextClassifier, type TextClassifier, type WindowText } from './onnx-classifier.js';
import { readBagWeights } from './bag-weights.js';
import { REPO_ROOT } from '../engine-options.js';

const WINDOW = resolve(REPO_ROOT, 'models/vigie-window-v1');
const MESSAGE = resolve(REPO_ROOT, 'models/vigie-fasttext-v1');
const TOLERANCE = 1e-5;

/** Conversations of one training writer (corpus/written/wa), as [conversation, sender, text] in file order. */
function writerMessages(): { conv: string; sender: string; text: string }[] {
  return readFileSync(resolve(REPO_ROOT, 'corpus/written/wa/messages.jsonl'), 'utf8').split('\n').filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { conversationId: string; senderId: string; text: string })
    .map((m) => ({ conv: m.conversationId, sender: m.senderId, text: m.text }));
}

/** Every window of every conversation (up to 8 earlier lines, so the model's K cut is exercised). */
function windows(): WindowText[][] {
  const byConv = new Map<string, { sender: string; text: string }[]>();
  for (const m of writerMessages()) (byConv.get(m.conv) ?? byConv.set(m.conv, []).get(m.conv)!).push(m);
  const out: WindowText[][] = [];
  for (const conv of byConv.values()) {
    conv.forEach((cur, j) => out.push(conv.slice(Math.max(0, j - 8), j + 1).map((l) => ({ text: l.text, mine: l.sender === cur.sender }))));
  }
  return out;
}

function maxDiff(a: Float32Array[], b: Float32Array[]): number {
  assert.equal(a.length, b.length);
  let d = 0;
  a.forEach((row, i) => row.forEach((x, j) => { d = Math.max(d, Math.abs(x - b[i]![j]!)); }));
  return d;
}

async function both(dir: string): Promise<[TextClassifier, TextClassifier]> {
  const ts = await loadTextClassifier(dir);
  const ort = await loadTextClassifier(dir, { backend: 'onnxruntime' });
  assert.equal(ts.backend, 'typescript', 'the shipped graph is read by the TypeScript scorer');
  assert.equal(ort.backend, 'onnxruntime');
  return [ts, ort];
}

test('window model: the TypeScript scorer equals onnxruntime on every window of a writer\'s conversations', async () => {
  const [ts, ort] = await both(WINDOW);
  const ws = windows();
  assert.ok(ws.length > 1000, `${ws.length} windows`);
  // Twice through the TypeScript scorer: the second pass reads its per-message cache.
  const a = await ts.scoreWindows(ws);
  const a2 = await ts.scoreWindows(ws);
  const b = await ort.scoreWindows(ws);
  const d = maxDiff(a, b);
  assert.ok(d <= TOLERANCE, `max |typescript - onnxruntime| = ${d}`);
  assert.equal(maxDiff(a, a2), 0);
  // Edge windows: empty text, one line, lines longer than maxChars, a window whose ids exceed featuriser.maxLen.
  const long = 'mot '.repeat(400) + 'fin';
  const many = Array.from({ length: 6 }, (_, i) => ({ text: `${long} ${i} ${'abcdefghij'.repeat(20)}`, mine: i % 2 === 0 }));
  const edge: WindowText[][] = [[{ text: '', mine: true }], [{ text: 'salut', mine: true }], [{ text: long, mine: false }, { text: long, mine: true }], many];
  const de = maxDiff(await ts.scoreWindows(edge), await ort.scoreWindows(edge));
  assert.ok(de <= TOLERANCE, `edge windows: max diff ${de}`);
  await ts.close();
  await ort.close();
});

test('message model: the TypeScript scorer equals onnxruntime on a writer\'s messages', async () => {
  const [ts, ort] = await both(MESSAGE);
  const texts = writerMessages().map((m) => m.text).concat(['', 'a', 'x'.repeat(5000)]);
  const d = maxDiff(await ts.scoreBatch(texts), await ort.scoreBatch(texts));
  assert.ok(d <= TOLERANCE, `max |typescript - onnxruntime| = ${d}`);
  await ts.close();
  await ort.close();
});

test('readBagWeights refuses what is not the trainer\'s hashed bag, saying why', () => {
  const bytes = readFileSync(resolve(WINDOW, 'model.onnx'));
  const ok = readBagWeights(bytes, { ids: 'ids', weights: 'weights', output: 'probs' });
  // The shipped window model (1.6.0, 1.7.0) is a direct linear bag: its table is as wide as its 8 labels.
  assert.ok('emb' in ok && ok.rows === 3 * 32768 + 1 && ok.dim === 8 && ok.labels === 8 && ok.sigmoid && ok.hidden === null);
  const wrongIo = readBagWeights(bytes, { ids: 'tokens', weights: 'weights', output: 'probs' });
  assert.ok('reason' in wrongIo && /Gather/.test(wrongIo.reason), JSON.stringify(wrongIo));
  const garbage = readBagWeights(Uint8Array.from([0xff, 0xff, 0xff, 0x01]), { ids: 'ids', weights: 'weights', output: 'probs' });
  assert.ok('reason' in garbage, JSON.stringify(garbage));
});
