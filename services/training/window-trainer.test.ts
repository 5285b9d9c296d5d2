import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConversations } from './scenario-generator.js';
import { fromGenerated, windowExamples, type LabelledConversation } from './window-corpus.js';
import { trainWindows, windowIds, compileWindowTrainerOptions, spanWindows, recipeFromFlags, RECIPE_FLAGS } from './window-trainer.js';
import { exportModel } from './model-export.js';
import { forward } from './fasttext-model.js';
import { loadTextClassifier } from '../engine/model/onnx-classifier.js';
import { CATEGORIES } from '../contracts/taxonomy.js';

const conv = (categories: LabelledConversation['categories'], evidentAt: LabelledConversation['evidentAt']): LabelledConversation => ({
  id: 'c1', writer: 'w', categories, evidentAt,
  messages: ['salut', 'tu as quel age', '13', 'cadeau pour toi', 'dis rien a personne', 'viens sur snap'].map((text, i) => ({ messageId: `m${i}`, senderId: i % 2 ? 'a' : 'b', text })),
});

test('window labels: negative before evidentAt, positive from it on; windows hold K messages speaker-marked from the current sender', () => {
  const ex = windowExamples(conv(['child_grooming'], { child_grooming: 'm3' }), 3);
  assert.deepEqual(ex.map((e) => e.categories.length), [0, 0, 0, 1, 1, 1]);
  assert.deepEqual(ex[4]!.lines, [{ text: '13', mine: true }, { text: 'cadeau pour toi', mine: false }, { text: 'dis rien a personne', mine: true }]);
  assert.deepEqual(ex[0]!.lines, [{ text: 'salut', mine: true }]);
  assert.ok(windowExamples(conv([], {}), 3).every((e) => e.categories.length === 0 && e.benign === true));
  assert.ok(ex.every((e) => e.benign === false), 'windows of a harmful conversation are not benign-conversation windows, even before evidentAt');
  // A listed category without a known evidentAt holds at the last message only.
  assert.deepEqual(windowExamples(conv(['ambush'], {}), 3).map((e) => e.categories.length), [0, 0, 0, 0, 0, 1]);
});

test('window model: short training run, ONNX export scores windows exactly as the JS forward pass', async () => {
  const convs = [...generateConversations({ seed: 91, count: 500 })].map(fromGenerated);
  const ex = convs.flatMap((c) => windowExamples(c, 4));
  const r = trainWindows(ex, { epochs: 2, buckets: 1 << 11, dim: 12, maxLen: 512, window: { messages: 4, maxChars: 200, maxIdsPerMessage: 128, speakers: 'current-me-them' } });
  assert.ok(r.metrics.macroAuc > 0.7, `macro AUC ${r.metrics.macroAuc}`);
  assert.equal(r.params.rows, 3 * (1 << 11) + 1);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-window-'));
  try {
    const { manifest } = exportModel(dir, r, { name: 'tiny-window', version: '0.0.1', training: {}, createdBy: 'test', createdAt: '2026-01-01T00:00:00Z' });
    assert.deepEqual(manifest.input, { kind: 'window-hashed-bag', ids: 'ids', weights: 'weights', window: r.window });
    assert.deepEqual(manifest.labels, [...CATEGORIES]);
    const clf = await loadTextClassifier(dir, { maxBatch: 7 });
    assert.deepEqual(clf.window, r.window);
    const sample = ex.slice(0, 60);
    // Longer windows than K and texts longer than maxChars are cut by the runtime as by the trainer.
    sample.push({ ...sample[5]!, lines: [{ text: 'x '.repeat(300), mine: false }, ...sample[5]!.lines, { text: 'a'.repeat(400) + ' snap', mine: true }] });
    const got = await clf.scoreWindows(sample.map((e) => e.lines));
    const js = windowIds(sample, manifest.featuriser, r.window).map((ids) => forward(r.params, ids));
    got.forEach((row, i) => row.forEach((p, c) => assert.ok(Math.abs(p - js[i]![c]!) < 1e-4, `window ${i} label ${c}: ${p} vs ${js[i]![c]}`)));
    await assert.rejects(clf.scoreBatch(['salut']), /scores windows/);
    await clf.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('window model with repeats "once": the runtime featurises windows as the trainer did (a flood counts once)', async () => {
  const convs = [...generateConversations({ seed: 92, count: 300 })].map(fromGenerated);
  const ex = convs.flatMap((c) => windowExamples(c, 4));
  const window = { messages: 4, maxChars: 200, maxIdsPerMessage: 128, speakers: 'current-me-them' as const };
  const r = trainWindows(ex, { epochs: 1, buckets: 1 << 11, maxLen: 512, window, repeats: 'once', direct: true, adagrad: true, lr: 1, minThreshold: 0.2, maxThreshold: 0.2, corroboration: [0.5, 0.8] });
  assert.equal(r.window.repeats, 'once');
  const dir = mkdtempSync(join(tmpdir(), 'vigie-window-once-'));
  try {
    const { manifest } = exportModel(dir, r, { name: 'tiny-window-once', version: '0.0.1', training: {}, createdBy: 'test', createdAt: '2026-01-01T00:00:00Z' });
    assert.equal((manifest.input as { window: { repeats?: string } }).window.repeats, 'once');
    // Corroboration thresholds picked in their own range, at or above the flag thresholds, and in the manifest.
    assert.ok(r.corroborationThresholds);
    for (const c of CATEGORIES) assert.ok(r.corroborationThresholds![c]! >= 0.5 && r.corroborationThresholds![c]! <= 0.8 && r.corroborationThresholds![c]! >= r.thresholds[c]!, c);
    assert.deepEqual(manifest.corroborationThresholds, r.corroborationThresholds);
    const clf = await loadTextClassifier(dir, { maxBatch: 7 });
    const flood = { text: 'vends ' + 'beuh '.repeat(30), mine: true };
    const sample = [...ex.slice(0, 40).map((e) => e.lines), [flood], [{ text: 'vends beuh', mine: false }, flood]];
    const got = await clf.scoreWindows(sample);
    const js = windowIds(sample.map((lines) => ({ lines })), manifest.featuriser, r.window).map((ids) => forward(r.params, ids));
    got.forEach((row, i) => row.forEach((p, c) => assert.ok(Math.abs(p - js[i]![c]!) < 1e-4, `window ${i} label ${c}: ${p} vs ${js[i]![c]}`)));
    // The flood's ids are each id of "vends beuh beuh" once: 30 repeats weigh what two do.
    const [floodIds, twice] = windowIds([{ lines: [flood] }, { lines: [{ text: 'vends beuh beuh', mine: true }] }], manifest.featuriser, r.window);
    assert.deepEqual([...floodIds!], [...twice!]);
    await clf.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('window trainer options: bad window settings refused with every problem', () => {
  assert.throws(() => compileWindowTrainerOptions({ window: { messages: 0, maxChars: 500, maxIdsPerMessage: 4000, speakers: 'current-me-them' }, writerWeight: 0, benignWeight: 0 }),
    (e: Error) => /input\.window\.messages/.test(e.message) && /exceeds featuriser\.maxLen/.test(e.message) && /writerWeight/.test(e.message) && /benignWeight/.test(e.message));
  assert.equal(compileWindowTrainerOptions().benignWeight, 1);
  assert.equal(compileWindowTrainerOptions().positiveSpans, 0);
  assert.throws(() => compileWindowTrainerOptions({ positiveSpans: 1.5 }), /positiveSpans must be in \[0, 1\], got 1\.5/);
});

test('spanWindows from harmful windows: 1-2 words of a harmful window\'s current message (digits kept), one message, no category', () => {
  const ex = windowExamples(conv(['child_grooming'], { child_grooming: 'm3' }), 3);
  const spans = spanWindows(ex, 'harmful', 1, 5);
  assert.equal(spans.length, 3, 'one span per harmful window, none from the windows before evidentAt');
  for (const s of spans) {
    assert.equal(s.lines.length, 1);
    assert.deepEqual(s.categories, []);
    assert.equal(s.conversationId, 'c1');
    const words = s.lines[0]!.text.split(' ');
    assert.ok(words.length >= 1 && words.length <= 2, s.lines[0]!.text);
  }
  assert.ok(['13', 'cadeau pour toi', 'dis rien a personne', 'viens sur snap'].some((t) => t.includes(spans[0]!.lines[0]!.text)));
  assert.deepEqual(spanWindows(ex, 'harmful', 1, 5), spans, 'deterministic for a seed');
  assert.equal(spanWindows(ex, 'harmful', 0, 5).length, 0);
});

test('positiveSpans: two words cut from harmful messages, alone, score lower than without the option', () => {
  const convs = [...generateConversations({ seed: 94, count: 400 })].map(fromGenerated);
  const ex = convs.flatMap((c) => windowExamples(c, 4));
  const probes = spanWindows(ex, 'harmful', 0.2, 77);
  assert.ok(probes.length > 50);
  const opts = { epochs: 2, buckets: 1 << 10, dim: 8, maxLen: 512, writerWeight: 1, negativeSpans: 0, window: { messages: 4, maxChars: 200, maxIdsPerMessage: 128, speakers: 'current-me-them' as const } };
  const meanMax = (positiveSpans: number): number => {
    const r = trainWindows(ex, { ...opts, positiveSpans });
    const ids = windowIds(probes, r.featuriser, r.window);
    return ids.reduce((a, x) => a + Math.max(...forward(r.params, x)), 0) / ids.length;
  };
  const plain = meanMax(0), spans = meanMax(0.5);
  assert.ok(spans < plain * 0.8, `short spans' mean top score ${spans} (positiveSpans 0.5) vs ${plain} (0)`);
});

test('benignWeight: a writer\'s benign conversations weigh more, so the model scores their windows lower', () => {
  // Half the generated benign conversations play a writer's (hard negatives); the harmful ones stay generated.
  const convs = [...generateConversations({ seed: 93, count: 400 })].map(fromGenerated)
    .map((c, i) => (c.categories.length === 0 && i % 2 === 0 ? { ...c, writer: 'w' } : c));
  const ex = convs.flatMap((c) => windowExamples(c, 4));
  const hard = ex.filter((e) => e.writer === 'w');
  assert.ok(hard.length > 100 && hard.every((e) => e.benign));
  const opts = { epochs: 2, buckets: 1 << 10, dim: 8, maxLen: 512, writerWeight: 1, negativeSpans: 0, window: { messages: 4, maxChars: 200, maxIdsPerMessage: 128, speakers: 'current-me-them' as const } };
  const meanMax = (benignWeight: number): number => {
    const r = trainWindows(ex, { ...opts, benignWeight });
    const ids = windowIds(hard, r.featuriser, r.window);
    return ids.reduce((a, x) => a + Math.max(...forward(r.params, x)), 0) / ids.length;
  };
  const plain = meanMax(1), weighted = meanMax(8);
  assert.ok(weighted < plain * 0.9, `benign windows' mean top score ${weighted} (weight 8) vs ${plain} (weight 1)`);
});

test('gradClip: with a hidden layer and heavy writer weights, capped steps keep the Relu units alive', () => {
  // Uncapped, the first heavy steps push every hidden bias below zero: the model outputs a constant (AUC 0.5).
  const convs = [...generateConversations({ seed: 91, count: 400 })].map(fromGenerated).map((c) => ({ ...c, writer: 'w' }));
  const ex = convs.flatMap((c) => windowExamples(c, 4));
  const opts = { epochs: 4, buckets: 1 << 10, dim: 12, hidden: 16, maxLen: 512, writerWeight: 12, negativeSpans: 0, seed: 3, window: { messages: 4, maxChars: 200, maxIdsPerMessage: 128, speakers: 'current-me-them' as const } };
  const dead = trainWindows(ex, opts).metrics.macroAuc, capped = trainWindows(ex, { ...opts, gradClip: 0.5 }).metrics.macroAuc;
  assert.ok(dead <= 0.55, `uncapped macro AUC ${dead}`);
  assert.ok(capped >= 0.62, `capped macro AUC ${capped}`);
  assert.equal(compileWindowTrainerOptions().gradClip, 0);
  assert.throws(() => compileWindowTrainerOptions({ gradClip: -1 }), /gradClip/);
});

test('recipeFromFlags: every shared recipe flag sets its option; absent flags set nothing', () => {
  const given: Record<string, string> = {
    'benign-weight': '2', 'max-threshold': '0.8', hidden: '0', 'id-dropout': '0.2', 'char-ngrams': '3,4', lr: '0.1', 'grad-clip': '1', bag: '5',
    'bag-writer-fraction': '0.5', 'positive-spans': '0.3', 'min-threshold': '0.2', direct: '1', adagrad: '1', repeats: 'once', corroboration: '0.5,0.8',
  };
  assert.deepEqual(Object.keys(given).sort(), [...RECIPE_FLAGS].sort());
  const r = recipeFromFlags((f) => (given[f] === undefined ? undefined : Number(given[f])), (f) => given[f]);
  assert.deepEqual(r, {
    benignWeight: 2, maxThreshold: 0.8, hidden: 0, idDropout: 0.2, charNgrams: [3, 4], lr: 0.1, gradClip: 1, bag: 5, bagWriterFraction: 0.5, positiveSpans: 0.3,
    minThreshold: 0.2, direct: true, adagrad: true, repeats: 'once', corroboration: [0.5, 0.8],
  });
  assert.deepEqual(compileWindowTrainerOptions({ corroboration: [0.5, 0.8] }).corroboration, [0.5, 0.8]);
  assert.throws(() => compileWindowTrainerOptions({ corroboration: [0.8, 0.5] }), /corroboration must be/);
  assert.equal(recipeFromFlags((f) => (f === 'direct' ? 0 : undefined), () => undefined).direct, false);
  assert.equal(compileWindowTrainerOptions({ repeats: 'once' }).window.repeats, 'once');
  assert.equal(compileWindowTrainerOptions({}).window.repeats, undefined);
  assert.throws(() => compileWindowTrainerOptions({ repeats: 'twice' as 'once' }), /input\.window\.repeats/);
  const none = recipeFromFlags(() => undefined, () => undefined);
  assert.ok(Object.values(none).every((v) => v === undefined) && !('charNgrams' in none));
  assert.equal(compileWindowTrainerOptions(none).bag, 1);
});
