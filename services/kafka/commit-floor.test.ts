import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordsToCommit } from './commit-floor.js';

const rec = (partition: number, offset: number) => ({ partition, offset: BigInt(offset) });

test('replayed records below the committed offset are never committed past (the offset would move back)', () => {
  // Partition 0 committed at 100 and replayed from 80; partition 1 committed at 5.
  const window = [rec(0, 80), rec(0, 99), rec(1, 5), rec(0, 100), rec(1, 6)];
  assert.deepEqual(recordsToCommit(window, new Map([[0, 100n], [1, 5n]])), [rec(1, 5), rec(0, 100), rec(1, 6)]);
});

test('a window made only of replayed records commits nothing', () => {
  assert.deepEqual(recordsToCommit([rec(2, 7), rec(2, 8)], new Map([[2, 9n]])), []);
});

test('partitions without a committed offset (-1n or unknown) commit every record', () => {
  assert.deepEqual(recordsToCommit([rec(0, 0), rec(3, 4)], new Map([[0, -1n]])), [rec(0, 0), rec(3, 4)]);
});
