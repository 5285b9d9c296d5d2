// The stall check of the classifier worker (stall.ts) on the real exactly-once loop with a fake input and output: a
// commit that never settles leaves the loop on one stage, which the check reports and then turns fatal (the worker
// exits 1, its supervisor restarts it); an idle loop (nothing to read) is never taken for a stuck one. stopWithin
// bounds a stop that awaits such a commit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LoopStage } from '../kafka/exactly-once-loop.js';
import { fakeLoop } from '../../test/support/fake-loop.js';
import { StallWatch, stallVerdict, stopWithin } from './stall.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A loop over a fake input holding `records` records, whose output's flush never settles when `hang`. */
const loopWith = (records: number, hang: boolean) => fakeLoop(records, () => (hang ? new Promise<void>(() => undefined) : Promise.resolve()));

test('a commit that never settles: the loop stays on one stage, the check warns once, then turns fatal once', async () => {
  const { loop, flushes } = loopWith(3, true);
  const running = loop.run();
  running.catch(() => undefined); // never settles: the point of the test
  // The window is processed, its commit goes in flight, and the next (empty) window waits for it.
  for (let i = 0; i < 200 && flushes() === 0; i++) await tick(5);
  await tick(50);
  assert.equal(flushes(), 1);
  const stage = loop.stage;
  assert.match(stage.what, /commit in flight/);
  // Stage ages are on the monotonic clock: a wall-clock step (NTP, VM resume) must not age a healthy step.
  assert.ok(Math.abs(performance.now() - stage.since) < 60_000, `since ${stage.since} is not on performance.now()'s timeline`);
  assert.equal(new StallWatch(() => loop.stage, { warnMs: 30_000, fatalMs: 300_000 }, () => undefined, () => undefined).tick(), 'ok', 'the default clock is the stages\' clock');
  const warned: LoopStage[] = [];
  const fatal: LoopStage[] = [];
  const watch = new StallWatch(() => loop.stage, { warnMs: 30_000, fatalMs: 300_000 }, (s) => warned.push(s), (s) => fatal.push(s));
  assert.equal(watch.tick(stage.since + 1000), 'ok');
  assert.equal(watch.tick(stage.since + 31_000), 'warn');
  assert.equal(watch.tick(stage.since + 60_000), 'warn');
  assert.equal(warned.length, 1, 'one warning per stage');
  assert.equal(loop.stage, stage, 'still on the same stage: nothing settled');
  assert.equal(watch.tick(stage.since + 300_000), 'fatal');
  assert.equal(watch.tick(stage.since + 400_000), 'fatal');
  assert.deepEqual(fatal.map((s) => s.what), [stage.what], 'fatal once');
  loop.stop();
});

test('an idle loop (nothing to read) moves from take to take: never a stall', async () => {
  const { loop } = loopWith(0, false);
  const running = loop.run();
  const fatal: LoopStage[] = [];
  // The bounds are far above a tick (a loaded machine delays timers by tens of ms): what shows the loop idles from
  // take to take is that its stage is renewed (a new `since`) while the check says ok throughout.
  const watch = new StallWatch(() => loop.stage, { warnMs: 5_000, fatalMs: 10_000 }, () => undefined, (s) => fatal.push(s));
  const verdicts = new Set<string>();
  const sinces = new Set<number>();
  const t0 = performance.now();
  for (let i = 0; i < 40; i++) { await tick(10); verdicts.add(watch.tick()); sinces.add(loop.stage.since); }
  const elapsed = performance.now() - t0;
  loop.stop();
  await running;
  assert.deepEqual([...verdicts], ['ok']);
  // Renewed throughout, not only at the first takes (round 42, break-checked: a stage kept while `what` is unchanged gives
  // 1 distinct since; one renewed for the first 100 ms only gave 10, which the old `> 1` let pass): an idle take lasts ≤ 5 ms and
  // the samples are ≥ 10 ms apart, so most samples see a new since, and the last is within the last quarter of the run.
  assert.ok(sinces.size >= 20, `the idle loop's stage was renewed ${sinces.size} times over 40 samples`);
  const last = Math.max(...sinces);
  assert.ok(last - t0 > elapsed * 0.75, `the idle loop's stage was last renewed at ${Math.round(last - t0)} of ${Math.round(elapsed)} ms`);
  assert.equal(loop.stage.what, 'stopped');
  assert.equal(watch.tick(Date.now() + 1e9), 'ok', 'a stopped loop waits for nothing');
  assert.deepEqual(fatal, []);
});

test('stallVerdict: the bounds, fatal 0 = never', () => {
  const s = { what: 'process', since: 1000 };
  assert.equal(stallVerdict(s, 1000 + 29_999, { warnMs: 30_000, fatalMs: 60_000 }), 'ok');
  assert.equal(stallVerdict(s, 1000 + 30_000, { warnMs: 30_000, fatalMs: 60_000 }), 'warn');
  assert.equal(stallVerdict(s, 1000 + 60_000, { warnMs: 30_000, fatalMs: 60_000 }), 'fatal');
  assert.equal(stallVerdict(s, 1000 + 1e9, { warnMs: 30_000, fatalMs: 0 }), 'warn');
  assert.equal(stallVerdict({ what: 'created', since: 0 }, 1e9, { warnMs: 1, fatalMs: 2 }), 'ok');
});

test('stopWithin: a stop awaiting a commit that never settles ends at the timeout (onLate); a quick stop does not call it', async () => {
  const { loop } = loopWith(2, true);
  const running = loop.run();
  await tick(100);
  let late = 0;
  const t = Date.now();
  await stopWithin(async () => { loop.stop(); await running; }, 150, () => { late++; });
  assert.equal(late, 1);
  assert.ok(Date.now() - t < 5000);
  let lateQuick = 0;
  await stopWithin(async () => { await tick(5); }, 5000, () => { lateQuick++; });
  assert.equal(lateQuick, 0);
});
