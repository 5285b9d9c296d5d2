import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median, percentileSorted, ratio, summariseLatencies, throughput, throughputAfterFirst } from './stats.js';

test('median: the middle value, the mean of the two middle ones for an even count, the input left in its order', () => {
  const xs = [5, 1, 9, 3];
  assert.equal(median(xs), 4);
  assert.deepEqual(xs, [5, 1, 9, 3]);
  assert.equal(median([7]), 7);
  assert.equal(median([10, 2, 30]), 10); // numeric order, not the default sort's string order (2 < 10 < 30)
  assert.throws(() => median([]), RangeError);
});

test('percentileSorted: nearest rank over a table of cases', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const cases: [readonly number[], number, number][] = [
    [ten, 0, 1], [ten, 10, 1], [ten, 11, 2], [ten, 50, 5], [ten, 95, 10], [ten, 99, 10], [ten, 100, 10],
    [[7], 50, 7], [[7], 99, 7], [[1, 100], 50, 1], [[1, 100], 51, 100],
    [Array.from({ length: 1000 }, (_, i) => i + 1), 99, 990], [Array.from({ length: 1000 }, (_, i) => i + 1), 99.9, 999],
  ];
  for (const [arr, p, want] of cases) assert.equal(percentileSorted(arr, p), want, `p${p} of ${arr.length} values`);
});

test('percentileSorted rejects an empty set and p outside [0, 100]', () => {
  assert.throws(() => percentileSorted([], 50), /empty/);
  assert.throws(() => percentileSorted([1], -1), /\[0, 100\]/);
  assert.throws(() => percentileSorted([1], 101), /\[0, 100\]/);
});

test('summariseLatencies sorts numerically (not as strings) and leaves the input alone', () => {
  const input = [100, 9, 20, 3, 1000, 50, 7, 8, 2, 1];
  const copy = [...input];
  const s = summariseLatencies(input);
  assert.deepEqual(input, copy);
  assert.equal(s.count, 10);
  assert.equal(s.p50Ms, 8);
  assert.equal(s.p95Ms, 1000);
  assert.equal(s.maxMs, 1000);
  assert.equal(s.meanMs, 120);
  assert.throws(() => summariseLatencies([]), /no latencies/);
});

test('throughput: messages/s and MiB/s over the window', () => {
  const t = throughput(10_000, 2 * 1024 * 1024, 500);
  assert.equal(t.seconds, 0.5);
  assert.equal(t.msgsPerSec, 20_000);
  assert.equal(t.mbPerSec, 4);
  assert.throws(() => throughput(1, 1, 0), /window/);
  assert.throws(() => throughput(-1, 1, 10), /negative/);
});

test('throughputAfterFirst leaves the first batch out of count and window', () => {
  const t = throughputAfterFirst({ messages: 1100, bytes: 11_000 }, { messages: 100, bytes: 1000, atMs: 5000 }, 6000);
  assert.equal(t.messages, 1000);
  assert.equal(t.bytes, 10_000);
  assert.equal(t.msgsPerSec, 1000);
  assert.throws(() => throughputAfterFirst({ messages: 100, bytes: 1 }, { messages: 100, bytes: 1, atMs: 1 }, 1), /first batch/);
});

test('ratio is null when a side is missing or the divisor is not positive', () => {
  assert.equal(ratio(50, 200), 0.25);
  assert.equal(ratio(null, 200), null);
  assert.equal(ratio(50, null), null);
  assert.equal(ratio(50, 0), null);
});
