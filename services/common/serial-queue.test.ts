import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { SerialQueue } from './serial-queue.js';

test('SerialQueue runs pieces one at a time in call order, even when a later one is quicker', async () => {
  const q = new SerialQueue();
  const log: string[] = [];
  const piece = (name: string, ms: number) => q.run(async () => { log.push(`${name} start`); await sleep(ms); log.push(`${name} end`); return name; });
  const results = await Promise.all([piece('a', 30), piece('b', 1), piece('c', 10)]);
  assert.deepEqual(results, ['a', 'b', 'c']);
  assert.deepEqual(log, ['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
});

test('SerialQueue: a failure goes to its caller only, the next piece runs, idle() waits for all and never rejects', async () => {
  const q = new SerialQueue();
  let ran = false;
  const bad = q.run(async () => { await sleep(5); throw new Error('boom'); });
  const good = q.run(() => { ran = true; return 42; });
  await assert.rejects(bad, /boom/);
  assert.equal(await good, 42);
  assert.equal(ran, true);
  let slowDone = false;
  void q.run(async () => { await sleep(20); slowDone = true; });
  await q.idle();
  assert.equal(slowDone, true);
});
