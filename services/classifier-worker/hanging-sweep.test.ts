import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Admin } from '@platformatic/kafka';
import { createLogger } from '../common/logger.js';
import { HangingTxnSweeper } from './hanging-sweep.js';

const target = { topics: ['v'], groupId: 'g', transactionalIdPrefix: 'g', brokers: ['b:1'] };

function logged(): { log: ReturnType<typeof createLogger>; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'debug', destination: new Writable({ write(c, _e, cb) { lines.push(JSON.parse(String(c)) as Record<string, unknown>); cb(); } }) });
  return { log, lines };
}

test('a sweep cut short by the worker stopping (admin closed under it) logs no broker failure', async () => {
  let stopping = false;
  const admin = { metadata: async () => { stopping = true; throw new Error('client closed'); } } as unknown as Admin;
  const { log, lines } = logged();
  const s = new HangingTxnSweeper(() => (stopping ? undefined : admin), target, 30_000, log, 0, 0);
  await s.tick(1);
  assert.deepEqual(lines.filter((l) => (l.level as number) >= 40), []);
});

test('a sweep that fails with the broker away warns once per streak, then debug', async () => {
  const admin = { metadata: async () => { throw new Error('connect ECONNREFUSED'); } } as unknown as Admin;
  const { log, lines } = logged();
  const s = new HangingTxnSweeper(() => admin, target, 1000, log, 0, 0);
  await s.tick(1);
  await s.tick(2000);
  assert.deepEqual(lines.map((l) => l.level), [40, 20]);
});

test('settle() waits for the sweep in flight (a stop lets it finish before closing the admin), at most maxMs', async () => {
  let done = false;
  const admin = { metadata: async () => { await new Promise((r) => setTimeout(r, 100)); done = true; throw new Error('x'); } } as unknown as Admin;
  const { log } = logged();
  const s = new HangingTxnSweeper(() => admin, target, 1000, log, 0, 0);
  void s.tick(1);
  await s.settle();
  assert.equal(done, true);
  await s.settle(); // nothing in flight: resolves at once
  const slow = { metadata: () => new Promise(() => undefined) } as unknown as Admin;
  const s2 = new HangingTxnSweeper(() => slow, target, 1000, log, 0, 0);
  void s2.tick(1);
  const t0 = Date.now();
  await s2.settle(50);
  assert.ok(Date.now() - t0 < 1000);
});
