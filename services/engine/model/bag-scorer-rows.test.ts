import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addBlock, createBagScorer, lineSums, SLAB_DOUBLES } from './bag-scorer.js';
import type { BagWeights } from './bag-weights.js';

/** A small deterministic generator (tests must not depend on Math.random's seed). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

function weights(rows: number, dim: number, labels: number, r: () => number): BagWeights {
  const emb = Float32Array.from({ length: rows * dim }, () => (r() < 0.1 ? 0 : r() * 2 - 1));
  const w = Float32Array.from({ length: dim * labels }, () => r() * 2 - 1);
  const b = Float32Array.from({ length: labels }, () => r() - 0.5);
  return { emb, rows, dim, hidden: null, out: { w, b }, labels, sigmoid: true };
}

/** The folded table as createBagScorer documents it (row · W2 in double, stored in single precision), summed column by column, id by id. */
function reference(wt: BagWeights, acc: Float64Array, ids: Uint32Array, offset: number, at: number): void {
  const L = wt.labels;
  const row = new Float64Array(L);
  const f32 = new Float32Array(L);
  for (let j = 0; j < L; j++) {
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]! + offset;
      row.fill(0);
      for (let d = 0; d < wt.dim; d++) {
        const x = wt.emb[id * wt.dim + d]!;
        if (x === 0) continue;
        for (let l = 0; l < L; l++) row[l] = row[l]! + x * wt.out.w[d * L + l]!;
      }
      f32.set(row);
      acc[at + j] = acc[at + j]! + f32[j]!;
    }
  }
}

for (const labels of [8, 16, 5]) {
  test(`bag scorer addRows (${labels} labels): the same doubles as a column-by-column sum, on random ids, offsets and accumulators`, () => {
    const r = rng(labels * 7919);
    const wt = weights(300, 6, labels, r);
    const s = createBagScorer(wt);
    assert.equal(s.width, labels);
    for (let trial = 0; trial < 200; trial++) {
      const n = Math.floor(r() * 90);
      const offset = Math.floor(r() * 3) * 90;
      const ids = Uint32Array.from({ length: n }, () => 1 + Math.floor(r() * 89));
      const at = Math.floor(r() * 3) * labels;
      const got = Float64Array.from({ length: 3 * labels }, () => r());
      const want = Float64Array.from(got);
      s.addRows(got, ids, offset, at);
      reference(wt, want, ids, offset, at);
      assert.deepEqual([...got], [...want], `trial ${trial}`);
    }
    assert.throws(() => s.addRows(new Float64Array(labels), Uint32Array.of(300), 0), /outside the embedding table/);
  });
}

test('line sums cut from a shared slab: each line starts at 0, blocks add the same doubles as a line of its own, lines do not overlap', () => {
  const r = rng(4242);
  const wt = weights(400, 5, 8, r);
  const s = createBagScorer(wt);
  const blocks = 3;
  const buckets = 120;
  // Enough lines to cross a slab boundary several times.
  const perLine = blocks * s.width;
  const count = Math.ceil((3 * SLAB_DOUBLES) / perLine) + 7;
  const lines = Array.from({ length: count }, () => lineSums(s, Uint32Array.from({ length: 1 + Math.floor(r() * 40) }, () => 1 + Math.floor(r() * 119)), blocks));
  for (const l of lines) {
    assert.ok(l.at + perLine <= l.sums.length);
    for (let j = 0; j < perLine; j++) assert.equal(l.sums[l.at + j], 0);
  }
  // Fill every block of every line (in a scrambled order), then check each against a fresh accumulator.
  const order = lines.map((_, i) => i).sort(() => r() - 0.5);
  const acc = new Float64Array(s.width);
  for (const i of order) for (let b = blocks - 1; b >= 0; b--) addBlock(s, acc, lines[i]!, b, buckets);
  for (const l of lines) {
    for (let b = 0; b < blocks; b++) {
      const want = new Float64Array(s.width);
      s.addRows(want, l.ids, b * buckets);
      const got = new Float64Array(s.width);
      addBlock(s, got, l, b, buckets);
      assert.deepEqual([...got], [...want]);
    }
  }
  // No two lines of one slab share a double.
  const bySlab = new Map<Float64Array, [number, number][]>();
  for (const l of lines) (bySlab.get(l.sums) ?? bySlab.set(l.sums, []).get(l.sums)!).push([l.at, l.at + perLine]);
  assert.ok(bySlab.size >= 3, `${bySlab.size} slabs`);
  for (const spans of bySlab.values()) {
    spans.sort((a, b) => a[0] - b[0]);
    for (let k = 1; k < spans.length; k++) assert.ok(spans[k]![0] >= spans[k - 1]![1]);
  }
  // No scorer (onnxruntime backend): no sums.
  assert.equal(lineSums(null, Uint32Array.of(1, 2), blocks).sums.length, 0);
});

test('addBlocks (8 labels, three blocks): the same doubles as addRows once per block, and addRows\' error past the table', () => {
  const r = rng(99);
  const buckets = 100;
  const wt = weights(3 * buckets + 1, 7, 8, r);
  const s = createBagScorer(wt);
  assert.ok(s.addBlocks, 'the folded 8-label scorer offers addBlocks');
  for (let trial = 0; trial < 300; trial++) {
    const n = Math.floor(r() * 70);
    // Ids 0..buckets (the window featuriser's 1..buckets, and the padding row).
    const ids = Uint32Array.from({ length: n }, () => Math.floor(r() * (buckets + 1)));
    const at = Math.floor(r() * 4) * 8;
    const got = Float64Array.from({ length: at + 24 + 8 }, () => r());
    const want = Float64Array.from(got);
    s.addBlocks!(got, ids, 3, buckets, at);
    for (let b = 0; b < 3; b++) s.addRows(want, ids, b * buckets, at + b * 8);
    assert.deepEqual([...got], [...want], `trial ${trial}`);
  }
  // Two blocks (not the window model's three): per block.
  const ids = Uint32Array.of(1, 5, 99, 5);
  const got = new Float64Array(16);
  const want = new Float64Array(16);
  s.addBlocks!(got, ids, 2, buckets, 0);
  for (let b = 0; b < 2; b++) s.addRows(want, ids, b * buckets, b * 8);
  assert.deepEqual([...got], [...want]);
  assert.throws(() => s.addBlocks!(new Float64Array(24), Uint32Array.of(1, 2 * buckets), 3, buckets, 0), /outside the embedding table/);
  assert.equal(createBagScorer(weights(50, 4, 16, r)).addBlocks, undefined);
});

test('addBlock with blocks: a line\'s first use computes every block, each equal to the block computed alone', () => {
  const r = rng(7);
  const buckets = 90;
  const s = createBagScorer(weights(3 * buckets + 1, 6, 8, r));
  for (let trial = 0; trial < 100; trial++) {
    const ids = Uint32Array.from({ length: 1 + Math.floor(r() * 60) }, () => 1 + Math.floor(r() * buckets));
    const all = lineSums(s, ids, 3);
    const lazy = lineSums(s, ids, 3);
    const first = Math.floor(r() * 3);
    const a = new Float64Array(8);
    const b = new Float64Array(8);
    addBlock(s, a, all, first, buckets, 3);
    addBlock(s, b, lazy, first, buckets);
    assert.deepEqual([...a], [...b]);
    assert.equal(all.done, 7);
    assert.equal(lazy.done, 1 << first);
    for (let blk = 0; blk < 3; blk++) {
      const x = new Float64Array(8);
      const y = new Float64Array(8);
      addBlock(s, x, all, blk, buckets, 3);
      addBlock(s, y, lazy, blk, buckets);
      assert.deepEqual([...x], [...y], `trial ${trial} block ${blk}`);
    }
  }
});
