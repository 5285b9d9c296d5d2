import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeLinearBags, BagMergeError } from './bag-merge.js';
import { embedMean, affine, forward, type FastTextParams } from './fasttext-model.js';
import { generateConversations } from './scenario-generator.js';
import { fromGenerated, windowExamples } from './window-corpus.js';
import { trainWindows, windowIds, memberWriters, compileWindowTrainerOptions } from './window-trainer.js';
import { exportModel } from './model-export.js';
import { readBagWeights } from '../engine/model/bag-weights.js';
import { loadTextClassifier } from '../engine/model/onnx-classifier.js';
import { Rng } from './rng.js';

/** Logits (before the sigmoid) of a linear bag. */
function logits(p: FastTextParams, ids: ArrayLike<number>): Float32Array {
  const e = new Float32Array(p.dim), z = new Float32Array(p.labels);
  embedMean(p, ids, e);
  affine(e, p.w2, p.b2, p.labels, z);
  return z;
}

function member(rows: number, dim: number, labels: number, value: () => number): FastTextParams {
  const emb = Float32Array.from({ length: rows * dim }, (_, i) => (i < dim ? 0 : value()));
  return { emb, rows, dim, hidden: 0, w1: new Float32Array(0), b1: new Float32Array(0), w2: Float32Array.from({ length: dim * labels }, value), b2: Float32Array.from({ length: labels }, value), labels };
}

test('mergeLinearBags: the merged model\'s logits are exactly the mean of the members\' logits (dyadic weights)', () => {
  // Multiples of 1/8 in [-2, 2], 4 members, 1, 2 or 4 ids: every sum and mean is exact in single precision.
  const rng = new Rng(5);
  const dyadic = (): number => (rng.int(0, 32) - 16) / 8;
  const members = Array.from({ length: 4 }, () => member(7, 3, 2, dyadic));
  const merged = mergeLinearBags(members);
  assert.equal(merged.dim, 2);
  assert.deepEqual([...merged.w2], [1, 0, 0, 1]);
  assert.deepEqual([...merged.emb.subarray(0, 2)], [0, 0], 'padding row stays zero');
  for (const ids of [[1], [6], [2, 5], [1, 2, 3, 4], [0, 3]]) {
    const mean = new Float32Array(2);
    for (const m of members) logits(m, ids).forEach((z, l) => { mean[l]! += z / members.length; });
    assert.deepEqual([...logits(merged, ids)], [...mean], `ids ${ids}`);
  }
});

test('mergeLinearBags: random members, merged logits equal the mean to float rounding; hidden or mismatched members refused', () => {
  const rng = new Rng(9);
  const real = (): number => rng.next() * 2 - 1;
  const members = Array.from({ length: 5 }, () => member(50, 6, 8, real));
  const merged = mergeLinearBags(members);
  for (let t = 0; t < 40; t++) {
    const ids = Array.from({ length: 1 + rng.int(0, 30) }, () => rng.int(1, 49));
    const want = members.map((m) => logits(m, ids)).reduce((a, z) => a.map((x, l) => x + z[l]! / members.length), new Array<number>(8).fill(0));
    logits(merged, ids).forEach((z, l) => assert.ok(Math.abs(z - want[l]!) < 1e-6, `ids ${ids} label ${l}: ${z} vs ${want[l]}`));
  }
  assert.throws(() => mergeLinearBags([members[0]!, { ...members[1]!, hidden: 4 }]), (e: Error) => e instanceof BagMergeError && /member 1 has a hidden layer/.test(e.message));
  assert.throws(() => mergeLinearBags([members[0]!, member(51, 6, 8, real)]), /member 1 is 51 × 8/);
  assert.throws(() => mergeLinearBags([]), BagMergeError);
});

const tiny = { epochs: 2, buckets: 1 << 10, dim: 12, maxLen: 512, window: { messages: 4, maxChars: 200, maxIdsPerMessage: 128, speakers: 'current-me-them' as const } };

test('window bag: member 0 is the single model, all members share its held-out split; the merged model is one dim-8 linear bag', async () => {
  const convs = [...generateConversations({ seed: 91, count: 300 })].map(fromGenerated).map((c, i) => (i % 3 ? c : { ...c, writer: `w${i % 4}` }));
  const ex = convs.flatMap((c) => windowExamples(c, 4));
  const single = trainWindows(ex, tiny);
  const bag = trainWindows(ex, { ...tiny, bag: 3 });
  assert.ok(bag.first, 'a bag keeps member 0 for comparison');
  assert.deepEqual(bag.first.params.emb, single.params.emb, 'member 0 is trained exactly as the single model');
  assert.deepEqual(bag.first.thresholds, single.thresholds);
  assert.deepEqual(bag.calibrationIndices, single.calibrationIndices, 'thresholds picked on the same held-out conversations');
  assert.equal(bag.params.dim, 8);
  assert.equal(bag.params.rows, single.params.rows);
  assert.notDeepEqual(bag.params.emb.subarray(8, 80), single.params.emb.subarray(8, 80));
  assert.ok(bag.metrics.macroAuc > 0.7, `bag macro AUC ${bag.metrics.macroAuc}`);
  // ONNX round trip: the file holds the merged table, identity and mean bias; TypeScript scorer = onnxruntime = JS forward.
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bag-'));
  try {
    const { manifest } = exportModel(dir, bag, { name: 'tiny-bag', version: '0.0.1', training: {}, createdBy: 'test', createdAt: '2026-01-01T00:00:00Z' });
    const w = readBagWeights(readFileSync(join(dir, 'model.onnx')), { ids: 'ids', weights: 'weights', output: 'probs' });
    assert.ok('emb' in w, 'reason' in w ? w.reason : '');
    assert.equal(w.dim, 8);
    assert.equal(w.hidden, null);
    assert.deepEqual(w.emb, bag.params.emb);
    assert.deepEqual(w.out.w, bag.params.w2);
    assert.deepEqual(w.out.b, bag.params.b2);
    const ts = await loadTextClassifier(dir);
    const ort = await loadTextClassifier(dir, { backend: 'onnxruntime' });
    assert.equal(ts.backend, 'typescript');
    const sample = ex.slice(0, 200);
    const a = await ts.scoreWindows(sample.map((e) => e.lines)), b = await ort.scoreWindows(sample.map((e) => e.lines));
    const js = windowIds(sample, manifest.featuriser, bag.window).map((ids) => forward(bag.params, ids));
    a.forEach((row, i) => row.forEach((p, c) => {
      assert.ok(Math.abs(p - b[i]![c]!) <= 1e-5, `window ${i} label ${c}: typescript ${p} vs onnxruntime ${b[i]![c]}`);
      assert.ok(Math.abs(p - js[i]![c]!) <= 1e-5, `window ${i} label ${c}: typescript ${p} vs trainer ${js[i]![c]}`);
    }));
    await ts.close();
    await ort.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('window bag options: writer subsampling per member, bad settings refused', () => {
  const ws = ['wa', 'wb', 'wc', 'wd', 'we', 'wf', 'wg', 'wh', 'wi', 'wj'];
  assert.equal(memberWriters(ws, 1, 3).size, 10);
  const a = memberWriters(ws, 0.6, 3), b = memberWriters(ws, 0.6, 4);
  assert.equal(a.size, 6);
  assert.deepEqual(memberWriters(ws, 0.6, 3), a, 'deterministic for a seed');
  assert.notDeepEqual([...a].sort(), [...b].sort());
  assert.equal(compileWindowTrainerOptions().bag, 1);
  // A member trains on its writers' windows and every generated one; the held-out split is unchanged.
  const convs = [...generateConversations({ seed: 92, count: 120 })].map(fromGenerated).map((c, i) => (i % 2 ? c : { ...c, writer: `w${i % 6}` }));
  const ex = convs.flatMap((c) => windowExamples(c, 4));
  const whole = trainWindows(ex, { ...tiny, epochs: 1, bag: 2 }), half = trainWindows(ex, { ...tiny, epochs: 1, bag: 2, bagWriterFraction: 0.5 });
  assert.ok(half.first && whole.first && half.first.split.train < whole.first.split.train * 0.9, `${half.first?.split.train} vs ${whole.first?.split.train} training windows`);
  assert.deepEqual(half.calibrationIndices, whole.calibrationIndices);
  assert.throws(() => compileWindowTrainerOptions({ bag: 0, bagWriterFraction: 0 }), (e: Error) => /bag must be/.test(e.message) && /bagWriterFraction/.test(e.message));
  assert.throws(() => compileWindowTrainerOptions({ bag: 3, hidden: 8 }), /linear model/);
});
