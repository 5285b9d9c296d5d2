import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../common/logger.js';
import { openStoreWaiting } from './store-wait.js';

const capture = () => {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'info', destination: new Writable({ write(chunk, _e, done) { lines.push(JSON.parse(String(chunk)) as Record<string, unknown>); done(); } }) });
  return { lines, log };
};
const retriable = (m: string) => Object.assign(new Error(m), { retriable: true });

test('the audit store at start: retriable failures waited for with doubling pauses and one warning; another failure thrown; a stop ends the wait (ops50)', async () => {
  const { lines, log } = capture();
  const pauses: number[] = [];
  let tries = 0;
  const opened = await openStoreWaiting(async () => { if (++tries < 5) throw retriable('connect ECONNREFUSED 127.0.0.1:5432'); return 'store'; }, log,
    { initialMs: 100, maxMs: 300, signal: new AbortController().signal, who: 'the console', sleep: async (ms) => { pauses.push(ms); } });
  assert.equal(opened, 'store');
  assert.deepEqual(pauses, [100, 200, 300, 300]);
  assert.deepEqual(lines.map((l) => [l.level, l.event]), [[40, 'audit_store.waiting']]);
  assert.match(String(lines[0]!.msg), /ECONNREFUSED.*the console waits for it/);

  await assert.rejects(openStoreWaiting(async () => { throw new Error('password authentication failed'); }, log,
    { initialMs: 1, maxMs: 1, signal: new AbortController().signal, who: 'x' }), /password authentication failed/);

  const stop = new AbortController();
  const got = await openStoreWaiting(async () => { throw retriable('timeout'); }, log,
    { initialMs: 1, maxMs: 1, signal: stop.signal, who: 'x', sleep: async () => { stop.abort(); } });
  assert.equal(got, null);
});
