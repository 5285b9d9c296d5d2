// Where the exactly-once loop closes a commit window. An input that is not saturated is not held back for the
// commit interval: the window holds what was buffered and closes (latency: produce → committed verdict); a window
// holds at most windowMaxMessages, and closes no sooner than minWindowGapMs after the previous one. Fakes stand in for
// the Kafka input and output: this is the loop's decision logic, the real broker is in test/kafka and test/worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExactlyOnceLoop, type ExactlyOnceLoopOptions } from './exactly-once-loop.js';
import type { InputMessage, KafkaInput } from './kafka-input.js';
import type { TransactionalOutput } from './kafka-output.js';
import { silentLog } from '../../test/support/audit.js';

const rec = (offset: number) => ({ topic: 'in', partition: 0, offset: BigInt(offset) }) as unknown as InputMessage;

/**
 * An input holding `buffered` records at first; `later` records arrive while the first window is open (on the
 * next take), then nothing more. Windows handed to the handler and commits are recorded.
 */
function run(buffered: number, later: number, opts: ExactlyOnceLoopOptions) {
  let queue = Array.from({ length: buffered }, (_, i) => rec(i));
  let pendingLater = later;
  let next = buffered;
  const windows: bigint[][] = [];
  const input = {
    assignment: { generation: 1, partitions: [0] },
    rewindNeeded: false,
    committedAtRewind: new Map(),
    consumer: {},
    get buffered() { return queue.length; },
    async start() {},
    requestRewind() {},
    async take(n: number, ms: number) {
      if (!queue.length && pendingLater) {
        queue = Array.from({ length: pendingLater }, () => rec(next++));
        pendingLater = 0;
      }
      if (!queue.length) { await new Promise((r) => setTimeout(r, Math.min(ms, 5))); return []; }
      const out = queue.slice(0, n);
      queue = queue.slice(n);
      return out;
    },
  } as unknown as KafkaInput;
  const output = {
    fenced: false, async init() {}, async push() {}, consumed() {}, async flush() {}, async abort() {},
  } as unknown as TransactionalOutput;
  const loop = new ExactlyOnceLoop(input, output, { process: (records) => { windows.push(records.map((r) => r.offset)); return []; } }, opts, silentLog);
  return { loop, windows };
}

async function windowsOf(buffered: number, later: number, opts: ExactlyOnceLoopOptions, count: number): Promise<bigint[][]> {
  const { loop, windows } = run(buffered, later, opts);
  const running = loop.run();
  // Stops after `count` windows, or once the input is empty and no window came for a while.
  for (let idle = 0; windows.length < count && idle < 1500; idle += 2) await new Promise((r) => setTimeout(r, 2));
  loop.stop();
  await running;
  return windows;
}

test('a window closes once the input has nothing more buffered, without waiting for the commit interval', async () => {
  // The records arriving later would join the first window if it waited for the interval.
  const windows = await windowsOf(3, 2, { commitIntervalMs: 1000 }, 2);
  assert.deepEqual(windows[0], [0n, 1n, 2n]);
  assert.deepEqual(windows[1], [3n, 4n]);
});

test('under load (records buffered beyond a window) windows still fill up to windowMaxMessages', async () => {
  const windows = await windowsOf(10, 0, { windowMaxMessages: 4, commitIntervalMs: 60_000 }, 3);
  assert.deepEqual(windows.map((w) => w.length), [4, 4, 2]);
});

test('closeWhenDrained: false keeps a window open for the commit interval, gathering what arrives meanwhile', async () => {
  const windows = await windowsOf(3, 2, { commitIntervalMs: 50, closeWhenDrained: false }, 1);
  assert.deepEqual(windows[0], [0n, 1n, 2n, 3n, 4n]);
});

test('a window failing while the previous commit is in flight: the abort and the rewind wait for that commit', async () => {
  // Window 1 closes on drain and its (slow) commit is in flight while window 2 is processed; window 2 throws.
  // Aborting then would end the transaction being committed (its late requests landing in the next one).
  let next = 0;
  let flushing = 0;
  const events: string[] = [];
  const input = {
    assignment: { generation: 1, partitions: [0] },
    rewindNeeded: false,
    committedAtRewind: new Map(),
    consumer: {},
    buffered: 0,
    async start() {},
    requestRewind() {},
    async rewind() { events.push('rewind'); },
    async take() { await new Promise((r) => setTimeout(r, 1)); return [rec(next++)]; },
  } as unknown as KafkaInput;
  const output = {
    fenced: false, async init() {}, async push() {}, consumed() {},
    async flush() { flushing++; events.push('flush'); await new Promise((r) => setTimeout(r, 40)); flushing--; events.push('committed'); },
    async abort() { events.push(flushing ? 'abort during flush' : 'abort'); },
  } as unknown as TransactionalOutput;
  let windows = 0;
  const loop = new ExactlyOnceLoop(input, output, {
    process: () => { if (++windows === 2) throw new Error('scoring failed'); return []; },
  }, { commitIntervalMs: 100, failureBackoffMs: 1 }, silentLog);
  const running = loop.run();
  for (let i = 0; i < 500 && loop.aborts === 0; i++) await new Promise((r) => setTimeout(r, 2));
  loop.stop();
  await running;
  assert.equal(loop.aborts, 1);
  assert.ok(!events.includes('abort during flush'), events.join(', '));
  assert.deepEqual(events.slice(0, 4), ['flush', 'committed', 'abort', 'rewind']);
});

/** Windows of a trickle: one record every `everyMs` for `forMs` (wall clock), committed at once. */
async function trickle(everyMs: number, forMs: number, opts: ExactlyOnceLoopOptions): Promise<number[]> {
  const t0 = Date.now();
  let taken = 0;
  const total = Math.floor(forMs / everyMs);
  const arrived = () => Math.min(total, Math.floor((Date.now() - t0) / everyMs) + 1);
  const input = {
    assignment: { generation: 1, partitions: [0] },
    rewindNeeded: false,
    committedAtRewind: new Map(),
    consumer: {},
    get buffered() { return arrived() - taken; },
    async start() {},
    requestRewind() {},
    async take(n: number, ms: number) {
      const end = Date.now() + ms;
      while (arrived() === taken && Date.now() < end) await new Promise((r) => setTimeout(r, 1));
      const k = Math.min(n, arrived() - taken);
      const out = Array.from({ length: k }, (_, i) => rec(taken + i));
      taken += k;
      return out;
    },
  } as unknown as KafkaInput;
  const output = { fenced: false, async init() {}, async push() {}, consumed() {}, async flush() {}, async abort() {} } as unknown as TransactionalOutput;
  const sizes: number[] = [];
  const loop = new ExactlyOnceLoop(input, output, { process: (records) => { sizes.push(records.length); return []; } }, opts, silentLog);
  const running = loop.run();
  while (taken < total) await new Promise((r) => setTimeout(r, 5));
  loop.stop();
  await running;
  return sizes;
}

test('minWindowGapMs: a trickle does not get one transaction per record (at most one window per gap)', async () => {
  // 60 records over 600 ms: without the gap each record is its own window (the commit is instantaneous here).
  const sizes = await trickle(10, 600, { commitIntervalMs: 100, minWindowGapMs: 100 });
  assert.equal(sizes.reduce((a, b) => a + b, 0), 60);
  // Windows close at least 100 ms apart: at most 600 / 100 + 1 of them, whatever the scheduling.
  assert.ok(sizes.length <= 7, `${sizes.length} windows: ${sizes.join(' ')}`);
});

test('closeWhenDrained and minWindowGapMs are validated', () => {
  const input = {} as KafkaInput, output = {} as TransactionalOutput, handler = { process: () => [] };
  const make = (opts: object) => () => new ExactlyOnceLoop(input, output, handler, opts as ExactlyOnceLoopOptions, silentLog);
  assert.throws(make({ closeWhenDrained: 'false' }), /closeWhenDrained must be a boolean/);
  assert.throws(make({ commitIntervalMs: 100, minWindowGapMs: 101 }), /minWindowGapMs must be an integer from 0 to commitIntervalMs/);
  assert.throws(make({ minWindowGapMs: -1 }), /minWindowGapMs/);
  assert.throws(make({ minWindowGapMs: 2.5 }), /minWindowGapMs/);
  assert.doesNotThrow(make({ commitIntervalMs: 20 })); // the default gap (50) is capped at the interval
  assert.doesNotThrow(make({ minWindowGapMs: 0 }));
});
