import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addBlock, createBagScorer, lineSums, promoteLine, SLAB_DOUBLES, type BagScorer } from './bag-scorer.js';
import { readBagWeights, type BagWeights } from './bag-weights.js';
import { ID_SLAB_SIZE, keepIds } from './id-slab.js';
import { REPO_ROOT } from '../engine-options.js';

function windowScorer(): BagScorer {
  const bytes = readFileSync(resolve(REPO_ROOT, 'models/vigie-window-v1/model.onnx'));
  const w = readBagWeights(bytes, { ids: 'ids', weights: 'weights', output: 'probs' });
  assert.ok(!('reason' in w), 'the shipped window model has bag weights');
  return createBagScorer(w as BagWeights);
}

test('promoteLine: a line moved back into a cache is copied out of the slabs it was cut from, with the same ids, sums and done blocks', () => {
  const s = windowScorer();
  const BLOCKS = 3;
  const buckets = 32768;
  const ids = keepIds(Uint32Array.from([3, 17, 256, 999, 42]));
  const line = lineSums(s, ids, BLOCKS);
  const acc = new Float64Array(s.width);
  addBlock(s, acc, line, 1, buckets, BLOCKS); // computes every block's sums (done = 0b111)
  assert.equal(line.done, 0b111);
  // Fill both slabs past their end, as a long run does: the slabs the line was cut from are replaced.
  for (let i = 0; i < ID_SLAB_SIZE / 8 + 8; i++) keepIds(Uint32Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
  for (let i = 0; i < SLAB_DOUBLES / (BLOCKS * s.width) + 8; i++) lineSums(s, ids, BLOCKS);
  const moved = promoteLine(s, line, BLOCKS);
  assert.notEqual(moved.ids.buffer, line.ids.buffer, 'ids copied into the current id slab');
  assert.notEqual(moved.sums.buffer, line.sums.buffer, 'sums copied into the current sums slab');
  assert.deepEqual([...moved.ids], [...line.ids]);
  assert.equal(moved.done, line.done);
  for (let b = 0; b < BLOCKS; b++) {
    const a = new Float64Array(s.width);
    const m = new Float64Array(s.width);
    addBlock(s, a, line, b, buckets, BLOCKS);
    addBlock(s, m, moved, b, buckets, BLOCKS);
    assert.deepEqual([...m], [...a], `block ${b}: the same doubles`);
  }
});

test('promoteLine: a line with no sums computed yet stays undone, and computes the same sums later', () => {
  const s = windowScorer();
  const line = lineSums(s, keepIds(Uint32Array.from([5, 6, 7])), 3);
  const moved = promoteLine(s, line, 3);
  assert.equal(moved.done, 0);
  const a = new Float64Array(s.width);
  const m = new Float64Array(s.width);
  addBlock(s, a, line, 2, 32768, 3);
  addBlock(s, m, moved, 2, 32768, 3);
  assert.deepEqual([...m], [...a]);
});
