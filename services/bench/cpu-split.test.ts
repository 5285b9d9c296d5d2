import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuSplit, passRange } from './cpu-split.js';

test('cpuSplit: process CPU less the main thread is the other threads', () => {
  const s = cpuSplit(20_000, { user: 2_500_000, system: 300_000 }, { user: 1_900_000, system: 200_000 });
  assert.deepEqual(s, { cpuSeconds: 2.8, messagesPerCpuSecond: 7143, mainThreadCpuSeconds: 2.1, otherThreadsCpuSeconds: 0.7 });
});

test('cpuSplit: a main-thread reading above the process one (read a moment apart) leaves no negative share', () => {
  const s = cpuSplit(10, { user: 1_000_000, system: 0 }, { user: 1_000_400, system: 0 });
  assert.equal(s.mainThreadCpuSeconds, 1);
  assert.equal(s.otherThreadsCpuSeconds, 0);
  assert.equal(cpuSplit(10, { user: 0, system: 0 }, { user: 0, system: 0 }).messagesPerCpuSecond, 0);
});

test('passRange: consecutive distinct slices, the last one cut at the total', () => {
  assert.deepEqual(passRange(0, 100, 250), [0, 100]);
  assert.deepEqual(passRange(1, 100, 250), [100, 200]);
  assert.deepEqual(passRange(2, 100, 250), [200, 250]);
  assert.deepEqual(passRange(3, 100, 250), [250, 250]);
});
