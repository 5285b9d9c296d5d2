// /livez of the classifier worker: not live (with the check and the step in the reason) while one step lasts past
// livezStallMs or input is pending without a commit past livezProgressMs (not the warnings); served as a 503 with a JSON body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { startHttpServer, type Liveness } from './http-server.js';
import { livenessWithContext, loadLiveness, loopLiveness } from './liveness.js';
import { compileWorkerOptions } from './options.js';

const limits = { stallMs: 600_000, progressMs: 900_000 };
const defaults = compileWorkerOptions({ brokers: ['x:1'] });

test('the /livez thresholds default to 600 s (one step) and 900 s (no commit): not the 30 s / 600 s warnings', () => {
  assert.deepEqual({ stallMs: defaults.livezStallMs, progressMs: defaults.livezProgressMs }, limits);
});

test('loopLiveness: a step past the livez stall threshold, or input pending without commit past the livez progress threshold, is not live', () => {
  const cases: [string, Parameters<typeof loopLiveness>[0], number, unknown][] = [
    ['healthy', { stage: { what: 'take', since: 0 }, pendingSince: 0, abortsSinceCommit: 0 }, 29_999, undefined],
    ['idle for ever', { stage: { what: 'take', since: 1e9 - 10 }, pendingSince: null, abortsSinceCommit: 0 }, 1e9, undefined],
    ['a 120 s commit in flight (a broker restart the worker rides out) is live', { stage: { what: 'commit in flight', since: 0 }, pendingSince: 0, abortsSinceCommit: 0 }, 120_000, undefined],
    ['a commit in flight just under the threshold is live', { stage: { what: 'commit in flight', since: 0 }, pendingSince: 0, abortsSinceCommit: 0 }, 599_999, undefined],
    ['a step past the livez stall threshold', { stage: { what: 'commit in flight', since: 0 }, pendingSince: 0, abortsSinceCommit: 0 }, 600_000,
      { check: 'stall', step: 'commit in flight', seconds: 600, livezMs: 600_000 }],
    ['cycling aborts past the progress warning (600 s), under the livez threshold, are live', { stage: { what: 'backoff', since: 700_000 - 10 }, pendingSince: 0, abortsSinceCommit: 7 }, 700_000, undefined],
    ['cycling aborts past the livez progress threshold', { stage: { what: 'backoff', since: 900_000 - 10 }, pendingSince: 0, abortsSinceCommit: 7 }, 900_000,
      { check: 'no progress', seconds: 900, livezMs: 900_000, abortsSinceCommit: 7 }],
    ['at rest (stopped)', { stage: { what: 'stopped', since: 0 }, pendingSince: null, abortsSinceCommit: 0 }, 1e9, undefined],
  ];
  for (const [name, health, now, reason] of cases) {
    const l = loopLiveness(health, now, limits);
    assert.equal(l.live, reason === undefined, name);
    assert.deepEqual(l.reason, reason, name);
  }
});

test('/livez: 200 "ok" when live, 503 with the JSON reason when not', async () => {
  let live: Liveness = { live: true };
  const { server, port } = await startHttpServer('127.0.0.1', 0, { live: () => live, ready: () => ({ ready: true, detail: {} }) }, new Registry(), { host: 'TEST_HOST', port: 'TEST_PORT' });
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

test('livenessWithContext: the backlog joins a no-progress reason only, never a stall', () => {
  const lagging = [{ partition: 0, position: '3', end: '23' }];
  assert.deepEqual(livenessWithContext({ live: true }, [0], lagging), { live: true });
  assert.deepEqual(livenessWithContext({ live: false, reason: { check: 'no progress', seconds: 5 } }, [0], lagging),
    { live: false, reason: { check: 'no progress', seconds: 5, assigned: [0], backlog: lagging } });
  assert.deepEqual(livenessWithContext({ live: false, reason: { check: 'stall', step: 'commit in flight' } }, [0, 1], lagging),
    { live: false, reason: { check: 'stall', step: 'commit in flight', assigned: [0, 1] } }, 'a stall says stall, without a backlog');
  assert.deepEqual(livenessWithContext({ live: false, reason: { check: 'no progress', seconds: 5 } }, [], null),
    { live: false, reason: { check: 'no progress', seconds: 5, assigned: [] } });
});

test('loadLiveness: the engine load at start is live until VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS, then not, with the reason (stop 52); 0 = never', () => {
  assert.deepEqual(loadLiveness(1_000, 60_999, 60_000), { live: true });
  const late = loadLiveness(1_000, 62_400, 60_000);
  assert.equal(late.live, false);
  assert.deepEqual({ ...(late.reason as object), hint: undefined }, { check: 'engine load', seconds: 61, loadTimeoutMs: 60_000, hint: undefined });
  assert.match(String((late.reason as { hint: string }).hint), /VIGIE_MODEL_DIR/);
  assert.deepEqual(loadLiveness(0, 1e12, 0), { live: true }, '0 turns the deadline off');
});
