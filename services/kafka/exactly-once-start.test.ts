// The exactly-once loop's start (first transaction, group join, committed offsets) rides out a broker that is
// away, as a window's failure does, instead of stopping the worker (seen in the chaos run: a classifier
// restarted just before the broker restart exited 1 with "metadata failed 9 times"). Fakes stand in for the
// Kafka input and output: this is the loop's decision logic, the real broker is in test/kafka and test/worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExactlyOnceLoop } from './exactly-once-loop.js';
import type { KafkaInput } from './kafka-input.js';
import type { TransactionalOutput } from './kafka-output.js';
import { silentLog } from '../../test/support/audit.js';

const networkError = () => Object.assign(new Error('Cannot connect to any broker.'), { code: 'PLT_KFK_NETWORK', canRetry: true });
const authzError = () => Object.assign(new Error('group authorization failed'), { apiId: 'GROUP_AUTHORIZATION_FAILED' });

/** An input whose start() fails `failures` times with `err`, then serves nothing (an idle topic). */
function fakes(failures: number, err: () => Error) {
  const calls = { init: 0, start: 0, requestRewind: 0, rewound: 0 };
  const input = {
    assignment: { generation: 1, partitions: [0] },
    rewindNeeded: false,
    committedAtRewind: new Map(),
    async start() { calls.start++; if (calls.start <= failures) throw err(); },
    requestRewind() { calls.requestRewind++; },
    async take(_n: number, ms: number) { await new Promise((r) => setTimeout(r, Math.min(ms, 5))); return []; },
  } as unknown as KafkaInput;
  const output = { fenced: false, async init() { calls.init++; } } as unknown as TransactionalOutput;
  return { input, output, calls };
}

test('a start that fails while the broker is away is retried with backoff, then the loop runs', async () => {
  const { input, output, calls } = fakes(3, networkError);
  const loop = new ExactlyOnceLoop(input, output, { process: () => [], rewound: () => { calls.rewound++; } }, { failureBackoffMs: 1 }, silentLog);
  const run = loop.run();
  while (calls.rewound === 0) await new Promise((r) => setTimeout(r, 5));
  loop.stop();
  await run;
  assert.equal(calls.start, 4, 'three failed starts, then one that worked');
  assert.equal(calls.requestRewind, 3, 'the input is asked to position itself again after each failure');
  assert.equal(calls.rewound, 1);
});

test('past the outage tolerance the start failure is thrown (the supervisor restarts the process)', async () => {
  const { input, output } = fakes(Infinity, networkError);
  const loop = new ExactlyOnceLoop(input, output, { process: () => [] }, { failureBackoffMs: 1, outageToleranceMs: 30 }, silentLog);
  await assert.rejects(loop.run(), /Cannot connect to any broker/);
});

test('an authorization refusal at start is thrown at once, not retried', async () => {
  const { input, output, calls } = fakes(Infinity, authzError);
  const loop = new ExactlyOnceLoop(input, output, { process: () => [] }, { failureBackoffMs: 1 }, silentLog);
  await assert.rejects(loop.run(), /authorization/);
  assert.equal(calls.start, 1);
});

test('stopped while its start is being retried, run() resolves without throwing', async () => {
  const { input, output, calls } = fakes(Infinity, networkError);
  const loop = new ExactlyOnceLoop(input, output, { process: () => [] }, { failureBackoffMs: 5 }, silentLog);
  const run = loop.run();
  while (calls.start < 2) await new Promise((r) => setTimeout(r, 2));
  loop.stop();
  await run;
});

test('stopped while the first transaction fences the previous instance: the group is not joined', { timeout: 10_000 }, async () => {
  const { input, calls } = fakes(0, networkError);
  let fenced: () => void = () => undefined;
  const output = { fenced: false, init: () => { calls.init++; return new Promise<void>((r) => { fenced = r; }); } } as unknown as TransactionalOutput;
  const loop = new ExactlyOnceLoop(input, output, { process: () => [] }, { failureBackoffMs: 1 }, silentLog);
  const run = loop.run();
  while (calls.init === 0) await new Promise((r) => setImmediate(r));
  loop.stop();
  fenced();
  await run;
  assert.equal(calls.start, 0, 'no group join (every member would rebalance) only to leave at once');
});
