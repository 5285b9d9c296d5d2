import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fairRatios } from './ab-engine-stages.js';

const summary = (line: string, median: number, bOverA = median) => ({ line, bOverA, roundRatio: { median, min: median, max: median } });

test('the fair ratio is the geometric mean of the two load orders, line by line', () => {
  // Identical builds: the first-loaded one runs ~8 % faster, so A/B reads 0.92 one way and 1.087 the other.
  const fair = fairRatios([summary('engine', 0.92, 0.95), summary('rules', 1.1)], [summary('rules', 0.9), summary('engine', 1 / 0.92, 1.0526)]);
  assert.deepEqual(fair, [
    { line: 'engine', ab: 0.92, ba: 1 / 0.92, fair: 1, fairOfMedians: 1 },
    { line: 'rules', ab: 1.1, ba: 0.9, fair: +Math.sqrt(0.99).toFixed(3), fairOfMedians: +Math.sqrt(0.99).toFixed(3) },
  ]);
});

test('a line one order did not report gets no fair ratio', () => {
  assert.deepEqual(fairRatios([summary('engine', 1), summary('window', 1)], [summary('engine', 1.21)]), [{ line: 'engine', ab: 1, ba: 1.21, fair: 1.1, fairOfMedians: 1.1 }]);
});
