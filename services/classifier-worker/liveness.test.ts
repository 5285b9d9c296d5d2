// /livez of the classifier worker: not live (with the check and the step in the reason) while one step lasts past the
// stall warning or input is pending without a commit past the progress warning; served as a 503 with a JSON body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { startHttpServer, type Liveness } from './http-server.js';
import { loopLiveness } from './liveness.js';

const stall = { warnMs: 30_000, fatalMs: 900_000 };
const progress = { warnMs: 600_000, fatalMs: 1_200_000 };

test('loopLiveness: a lasting step, or input pending without commit past the warnings, is not live', () => {
  const cases: [string, Parameters<typeof loopLiveness>[0], number, unknown][] = [
    ['healthy', { stage: { what: 'take', since: 0 }, pendingSince: 0, abortsSinceCommit: 0 }, 29_999, undefined],
    ['idle for ever', { stage: { what: 'take', since: 1e9 - 10 }, pendingSince: null, abortsSinceCommit: 0 }, 1e9, undefined],
    ['a step past the stall warning', { stage: { what: 'commit in flight', since: 0 }, pendingSince: 0, abortsSinceCommit: 0 }, 30_000,
      { check: 'stall', step: 'commit in flight', seconds: 30, warnMs: 30_000 }],
    ['cycling aborts past the progress warning', { stage: { what: 'backoff', since: 600_000 - 10 }, pendingSince: 0, abortsSinceCommit: 7 }, 600_000,
      { check: 'no progress', seconds: 600, warnMs: 600_000, abortsSinceCommit: 7 }],
    ['at rest (stopped)', { stage: { what: 'stopped', since: 0 }, pendingSince: null, abortsSinceCommit: 0 }, 1e9, undefined],
  ];
  for (const [name, health, now, reason] of cases) {
    const l = loopLiveness(health, now, stall, progress);
    assert.equal(l.live, reason === undefined, name);
    assert.deepEqual(l.reason, reason, name);
  }
});

test('/livez: 200 "ok" when live, 503 with the JSON reason when not', async () => {
  let live: Liveness = { live: true };
  const { server, port } = await startHttpServer('127.0.0.1', 0, { live: () => live, ready: () => ({ ready: true, detail: {} }) }, new Registry());
  try {
    let res = await fetch(`http://127.0.0.1:${port}/livez`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'ok\n');
    live = { live: false, reason: { check: 'no progress', seconds: 700 } };
    res = await fetch(`http://127.0.0.1:${port}/livez`);
    assert.equal(res.status, 503);
    assert.match(res.headers.get('content-type') ?? '', /json/);
    assert.deepEqual(await res.json(), { live: false, reason: { check: 'no progress', seconds: 700 } });
  } finally {
    server.close();
  }
});
