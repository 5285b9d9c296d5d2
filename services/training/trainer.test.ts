import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConversations } from './scenario-generator.js';
import { examplesFromConversations, parseExamples } from './corpus.js';
import { train, evaluate, compileTrainerOptions, fitBag } from './trainer.js';
import { exportModel } from './model-export.js';
import { forward } from './fasttext-model.js';
import { featurise, DEFAULT_FEATURISER } from '../engine/model/featuriser.js';
import { Rng } from './rng.js';
import { loadTextClassifier } from '../engine/model/onnx-classifier.js';
import { auc, bestThreshold } from './metrics.js';
import { LABELS } from '../contracts/taxonomy.js';

test('a short training run gives a loadable model with held-out macro AUC well above chance', async () => {
  const examples = examplesFromConversations(generateConversations({ seed: 77, count: 1500 }), 'test');
  const r = train(examples, { epochs: 3, buckets: 1 << 12, dim: 16, seed: 3 });
  assert.ok(r.metrics.macroAuc > 0.7, `macro AUC ${r.metrics.macroAuc}`);
  assert.ok(r.split.train > r.split.test && r.split.test > 0);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-train-'));
  try {
    const { manifest } = exportModel(dir, r, { name: 'tiny', version: '0.0.1', training: { examples: examples.length }, createdBy: 'test', createdAt: '2026-01-01T00:00:00Z' });
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).labels, [...LABELS]);
    const clf = await loadTextClassifier(dir);
    const texts = examples.slice(0, 70).map((e) => e.text);
    const [got] = [await clf.scoreBatch(texts)];
    texts.forEach((t, i) => {
      const js = forward(r.params, featurise(t, manifest.featuriser));
      for (let c = 0; c < LABELS.length; c++) assert.ok(Math.abs(js[c]! - got[i]![c]!) < 1e-4, `"${t}" label ${c}`);
    });
    await clf.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('evaluate scores other examples at the trained thresholds', () => {
  const examples = examplesFromConversations(generateConversations({ seed: 78, count: 600 }), 'test');
  const r = train(examples, { epochs: 2, buckets: 1 << 10, dim: 8 });
  const ev = evaluate(r, parseExamples('{"text":"ajoute moi sur snap","labels":["off_platform_contact"]}\n{"text":"bonne nuit","labels":[]}\n', 'inline'));
  assert.equal(ev.examples, 2);
  assert.equal(ev.perLabel.off_platform_contact!.positives, 1);
});

test('metrics: AUC and threshold choice on known cases', () => {
  assert.equal(auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]), 1);
  assert.equal(auc([0.9, 0.8, 0.2, 0.1], [false, false, true, true]), 0);
  assert.equal(auc([0.5, 0.5], [false, true]), 0.5);
  assert.ok(Number.isNaN(auc([0.3], [true])));
  const t = bestThreshold([0.1, 0.2, 0.6, 0.7], [false, false, true, true], 1, 0.05);
  assert.ok(t > 0.2 && t <= 0.6, `threshold ${t}`);
});

test('bad training data and options are reported with file:line', () => {
  assert.throws(() => parseExamples('{"text":"a","labels":["nope"]}\nnot json\n{"labels":[]}\n', 'f.jsonl'), (e: Error) =>
    /f\.jsonl:1: unknown label/.test(e.message) && /f\.jsonl:2: not JSON/.test(e.message) && /f\.jsonl:3: "text"/.test(e.message));
  assert.throws(() => compileTrainerOptions({ epochs: 0, lr: -1 }), (e: Error) => /epochs/.test(e.message) && /lr/.test(e.message));
});

test('idDropout: a label carried by two words together is learnt from each word alone; 0 leaves training unchanged', () => {
  // Positives always hold both "alpha" and "bravo" among neutral words; negatives only neutral words. Without
  // dropout the two share the label; with it, training also sees each one alone, so one of them carries it.
  const rng = new Rng(5);
  const noise = (n: number): string[] => Array.from({ length: n }, () => `n${rng.int(1, 40)}`);
  const examples = Array.from({ length: 600 }, (_, i) => (i % 2
    ? { text: ['alpha', 'bravo', ...noise(4)].join(' '), labels: [LABELS[0]!] }
    : { text: noise(6).join(' '), labels: [] }));
  const base = { epochs: 3, buckets: 1 << 10, dim: 8, wordNgrams: 1, charNgrams: [0, 0] as [number, number], seed: 4 };
  const probes = Array.from({ length: 50 }, () => featurise(['alpha', ...noise(5)].join(' '), { ...DEFAULT_FEATURISER, buckets: 1 << 10, wordNgrams: 1, charNgrams: [0, 0] }));
  const meanScore = (idDropout: number): number => {
    const r = train(examples, { ...base, idDropout });
    return probes.reduce((a, x) => a + forward(r.params, x)[0]!, 0) / probes.length;
  };
  const plain = meanScore(0), dropped = meanScore(0.5);
  assert.ok(dropped > plain + 0.05, `one trigger word among neutral ones: ${dropped} with dropout 0.5 vs ${plain} without`);
  assert.deepEqual(train(examples, { ...base, idDropout: 0 }).params.emb, train(examples, base).params.emb);
  assert.equal(compileTrainerOptions().idDropout, 0);
  assert.throws(() => compileTrainerOptions({ idDropout: 1 }), /idDropout/);
});

test('direct: the output layer stays the identity and the table is as wide as the labels; refused with a hidden layer', () => {
  const examples = [...examplesFromConversations([...generateConversations({ seed: 21, count: 120 })], 'generated')];
  const r = train(examples, { epochs: 1, buckets: 1 << 10, dim: 24, direct: true, lr: 1, seed: 3 });
  const L = LABELS.length;
  assert.equal(r.params.dim, L);
  assert.equal(r.params.emb.length, r.params.rows * L);
  r.params.w2.forEach((x, i) => assert.equal(x, Math.floor(i / L) === i % L ? 1 : 0, `w2[${i}]`));
  assert.ok(r.params.emb.some((x, i) => i >= L && Math.abs(x) > 0.01), 'the table learns');
  assert.equal(compileTrainerOptions().direct, false);
  assert.throws(() => compileTrainerOptions({ direct: true, hidden: 4 }), /direct needs a linear model/);
});

test('adagrad: one heavily weighted example moves each parameter by at most lr (plain SGD moves it by lr x weight)', () => {
  const ids = [Uint32Array.of(1, 2, 3), Uint32Array.of(4, 5)];
  const ys = [Uint8Array.of(1, 0), Uint8Array.of(0, 1)];
  const data = { ids: Array.from({ length: 40 }, (_, i) => ids[i % 2]!), ys: Array.from({ length: 40 }, (_, i) => ys[i % 2]!), labels: [LABELS[0]!, LABELS[1]!], rows: 8,
    featuriser: DEFAULT_FEATURISER, weights: Float32Array.from({ length: 40 }, () => 500) };
  const base = compileTrainerOptions({ epochs: 1, dim: 2, direct: true, lr: 0.5, holdout: 0.5, seed: 1 });
  const sgd = fitBag(data, base, () => {});
  const ada = fitBag(data, { ...base, adagrad: true }, () => {});
  const maxAbs = (x: Float32Array): number => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  // 20 training steps at lr <= 0.5: AdaGrad's steps are each <= lr and shrink as squared gradients add up.
  assert.ok(maxAbs(ada.params.b2) <= 0.5 * 20 && maxAbs(ada.params.emb) <= 0.5 * 20, `adagrad |b| ${maxAbs(ada.params.b2)} |E| ${maxAbs(ada.params.emb)}`);
  assert.ok(maxAbs(sgd.params.b2) > 50, `sgd |b| ${maxAbs(sgd.params.b2)}`);
  assert.equal(compileTrainerOptions().adagrad, false);
  assert.throws(() => compileTrainerOptions({ adagrad: true, hidden: 4 }), /adagrad needs a linear model/);
});
