// vigie up's readiness wait (ready-wait.ts): bounded by the clock, whatever each poll costs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beforeDeadline, waitReady } from './ready-wait.js';

/** A fake clock: sleeping and polling advance it. */
function clock(pollMs: number) {
  const c = { t: 0, polls: 0 };
  const check = async () => { c.polls++; c.t += pollMs; return false; };
  const o = { now: () => c.t, sleep: async (ms: number) => { c.t += ms; } };
  return { c, check, o };
}

test('a port that accepts and never answers (each poll its 3 s timeout): gives up at the deadline, not after 600 polls', async () => {
  const { c, check, o } = clock(3000);
  assert.equal(await waitReady(check, () => true, { ...o, deadline: 120_000, intervalMs: 200 }), 'timeout');
  assert.ok(c.t >= 120_000 && c.t <= 120_000 + 3200, `gave up at ${c.t} ms`);
  assert.ok(c.polls <= 38, `${c.polls} polls`);
});

test('quick polls: still the deadline; ready and exited end the wait at once', async () => {
  const quick = clock(0);
  assert.equal(await waitReady(quick.check, () => true, { ...quick.o, deadline: 120_000, intervalMs: 200 }), 'timeout');
  assert.equal(quick.c.t, 120_000);
  const ready = clock(0);
  let n = 0;
  assert.equal(await waitReady(async () => ++n === 3, () => true, { ...ready.o, deadline: 120_000, intervalMs: 200 }), 'ready');
  assert.equal(ready.c.t, 400);
  const gone = clock(0);
  assert.equal(await waitReady(gone.check, () => gone.c.t < 1000, { ...gone.o, deadline: 120_000, intervalMs: 200 }), 'exited');
});

test('beforeDeadline: the value if in time, else timeout; a rejection passes through', async () => {
  assert.equal(await beforeDeadline(Promise.resolve(7), performance.now() + 1000), 7);
  assert.equal(await beforeDeadline(new Promise(() => undefined), performance.now() + 20), 'timeout');
  await assert.rejects(beforeDeadline(Promise.reject(new Error('exited')), performance.now() + 1000), /exited/);
});
