import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkpointDue, planReplay, type ReplayPlan } from './checkpoint-plan.js';

describe('planReplay', () => {
  const cases: { name: string; c: bigint | null; o: bigint; start: bigint; want: ReplayPlan }[] = [
    { name: 'checkpoint at the committed offset: nothing to replay', c: 120n, o: 120n, start: 0n, want: { kind: 'none', mismatch: false } },
    { name: 'checkpoint behind: replay [C, O)', c: 100n, o: 164n, start: 0n, want: { kind: 'replay', from: 100n, until: 164n, lostBelowLogStart: false } },
    { name: 'no checkpoint, offsets committed: replay from 0', c: null, o: 50n, start: 0n, want: { kind: 'replay', from: 0n, until: 50n, lostBelowLogStart: false } },
    { name: 'checkpoint below log start: replay from log start, flagged', c: 10n, o: 500n, start: 200n, want: { kind: 'replay', from: 200n, until: 500n, lostBelowLogStart: true } },
    { name: 'no checkpoint, log truncated: replay from log start, flagged', c: null, o: 500n, start: 200n, want: { kind: 'replay', from: 200n, until: 500n, lostBelowLogStart: true } },
    { name: 'everything below O gone: nothing to replay, flagged', c: 10n, o: 200n, start: 300n, want: { kind: 'none', mismatch: true } },
    { name: 'checkpoint ahead of the committed offset: mismatch, no replay', c: 300n, o: 200n, start: 0n, want: { kind: 'none', mismatch: true } },
    { name: 'nothing committed, no checkpoint: fresh start', c: null, o: -1n, start: 0n, want: { kind: 'none', mismatch: false } },
    { name: 'nothing committed but a checkpoint: mismatch', c: 40n, o: -1n, start: 0n, want: { kind: 'none', mismatch: true } },
    { name: 'nothing committed, empty checkpoint at 0', c: 0n, o: -1n, start: 0n, want: { kind: 'none', mismatch: false } },
  ];
  for (const t of cases) {
    it(t.name, () => assert.deepEqual(planReplay({ checkpointOffset: t.c, committed: t.o, logStart: t.start }), t.want));
  }
});

describe('checkpointDue', () => {
  const cases = [
    { name: 'first batch after a restore', now: 1_000, last: null, interval: 5_000, want: true },
    { name: 'within the interval', now: 4_000, last: 0, interval: 5_000, want: false },
    { name: 'interval elapsed', now: 5_000, last: 0, interval: 5_000, want: true },
    { name: 'interval 0: every batch', now: 1, last: 1, interval: 0, want: true },
  ];
  for (const t of cases) it(t.name, () => assert.equal(checkpointDue({ now: t.now, lastCheckpointAt: t.last, intervalMs: t.interval }), t.want));
});
