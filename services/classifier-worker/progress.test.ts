// The progress check of the classifier worker (progress.ts, kafka/loop-progress.ts): the real exactly-once loop over a
// fake input and output whose commits always fail cycles (take, process, commit fails, abort, back off, rewind, take the
// same records again) without one step that lasts, which the stall check cannot see; the progress check warns once,
// then turns fatal. An idle loop, and a loop that commits, never trip it. The clock is faked: ticks take the time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProgressTracker } from '../kafka/loop-progress.js';
import { fakeLoop } from '../../test/support/fake-loop.js';
import { ProgressWatch, progressVerdict } from './progress.js';
import { StallWatch } from './stall.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A loop over a fake input of `records` records (given again after every rewind); every commit fails when `failing`. */
const loopWith = (records: number, failing: () => boolean) => fakeLoop(records, async () => { if (failing()) throw new Error('commit refused'); });

test('commits that always fail: the loop cycles without a lasting step; the progress check warns once, then turns fatal', async () => {
  const { loop, flushes } = loopWith(3, () => true);
  const running = loop.run();
  running.catch(() => undefined);
  try {
    for (let i = 0; i < 400 && (flushes() < 4 || loop.aborts < 3); i++) await tick(5);
    assert.ok(loop.aborts >= 3, `aborts ${loop.aborts}`);
    const since = loop.progress.pendingSince;
    assert.notEqual(since, null, 'input pending across the aborts');
    assert.ok(loop.progress.abortsSinceCommit >= 3);
    // The stall check sees nothing: every step is short.
    assert.equal(new StallWatch(() => loop.stage, { warnMs: 10_000, fatalMs: 20_000 }, () => undefined, () => undefined).tick(), 'ok');
    const warned: number[] = [];
    const fatal: number[] = [];
    const watch = new ProgressWatch(() => loop.progress.pendingSince, { warnMs: 60_000, fatalMs: 120_000 }, (a) => warned.push(a), (a) => fatal.push(a));
    const t0 = since!;
    assert.equal(watch.tick(t0 + 59_000), 'ok');
    assert.equal(watch.tick(t0 + 60_000), 'warn');
    assert.equal(watch.tick(t0 + 90_000), 'warn');
    assert.equal(warned.length, 1, 'one warning per episode');
    assert.equal(loop.progress.pendingSince, t0, 'still pending since the first take: more aborts do not reset it');
    assert.equal(watch.tick(t0 + 120_000), 'fatal');
    assert.equal(watch.tick(t0 + 200_000), 'fatal');
    assert.deepEqual(fatal, [120_000], 'fatal once');
  } finally {
    loop.stop();
  }
});

test('an idle loop (no input) and a loop that commits never trip the check', async () => {
  for (const records of [0, 5]) {
    const { loop } = loopWith(records, () => false);
    const running = loop.run();
    try {
      const watch = new ProgressWatch(() => loop.progress.pendingSince, { warnMs: 1, fatalMs: 2 }, () => undefined, () => undefined);
      for (let i = 0; i < 100 && loop.commits < (records ? 1 : 0); i++) await tick(5);
      await tick(60);
      assert.equal(loop.progress.pendingSince, null, `${records} records: nothing pending`);
      assert.equal(watch.tick(performance.now() + 1e9), 'ok');
    } finally {
      loop.stop();
      await running;
    }
  }
});

test('commits failing, then succeeding: the episode ends at the first commit', async () => {
  let failing = true;
  const { loop } = loopWith(3, () => failing);
  const running = loop.run();
  try {
    for (let i = 0; i < 400 && loop.aborts < 2; i++) await tick(5);
    assert.notEqual(loop.progress.pendingSince, null);
    failing = false;
    for (let i = 0; i < 400 && loop.commits < 1; i++) await tick(5);
    await tick(40);
    assert.equal(loop.progress.pendingSince, null);
    assert.equal(loop.progress.abortsSinceCommit, 0);
  } finally {
    loop.stop();
    await running;
  }
});

test('ProgressTracker: pipelined windows, failures, rewinds onto other partitions', () => {
  const t = new ProgressTracker();
  t.rewound([0, 1]);
  assert.equal(t.pendingSince, null);
  t.taken(10); t.taken(20); // window A in flight, window B taken meanwhile
  assert.equal(t.pendingSince, 10);
  t.committed();
  assert.equal(t.pendingSince, 20, 'B still pending after A committed');
  t.voided(true); // B's commit failed: its records are still to do
  t.rewound([0, 1]);
  assert.equal(t.pendingSince, 20);
  assert.equal(t.abortsSinceCommit, 1);
  t.taken(30);
  assert.equal(t.pendingSince, 20, 'the records taken again are the same episode');
  t.committed();
  assert.equal(t.pendingSince, null);
  assert.equal(t.abortsSinceCommit, 0);
  t.taken(40);
  t.voided(false); // a rebalance took the partitions away: those records are another member's now
  t.rewound([2]);
  assert.equal(t.pendingSince, null);
});

test('ProgressTracker: a thread killer learned starts a pending episode again; nothing pending stays so', () => {
  const t = new ProgressTracker();
  t.rewound([0]);
  t.progressed(5);
  assert.equal(t.pendingSince, null, 'nothing pending: nothing to restart');
  t.taken(10);
  t.voided(true);
  t.progressed(50); // the abort taught the worker one more killer
  t.rewound([0]);
  t.taken(60);
  assert.equal(t.pendingSince, 50);
  assert.equal(t.abortsSinceCommit, 1, 'the aborts are still counted');
});

test('progressVerdict: the bounds, fatal 0 = never, nothing pending = ok', () => {
  assert.equal(progressVerdict(null, 1e12, { warnMs: 1, fatalMs: 2 }), 'ok');
  assert.equal(progressVerdict(1000, 1000 + 59_999, { warnMs: 60_000, fatalMs: 120_000 }), 'ok');
  assert.equal(progressVerdict(1000, 1000 + 60_000, { warnMs: 60_000, fatalMs: 120_000 }), 'warn');
  assert.equal(progressVerdict(1000, 1000 + 120_000, { warnMs: 60_000, fatalMs: 120_000 }), 'fatal');
  assert.equal(progressVerdict(1000, 1e12, { warnMs: 60_000, fatalMs: 0 }), 'warn');
});
