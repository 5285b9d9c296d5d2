/**
 * Review of ops54 (stop 54): a late hot reload is applied when it loads; a change or SIGHUP made while it hangs is loaded after
 * it (the newest files win, in the holder and in every pool thread); close() during a hung reload closes each engine once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../common/logger.js';
import { EngineHolder, type EngineFactory, type EngineVerdicts, type WorkerEngine } from './engine-holder.js';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { EngineThreadPool } from './engine-pool.js';
import { EVENTS } from '../common/events.js';
import type { ChatMessage } from '../contracts/types.js';

function logged() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'debug', destination: new Writable({ write(c, _e, cb) { lines.push(JSON.parse(String(c)) as Record<string, unknown>); cb(); } }) });
  return { log, lines };
}
const engine = (rules: string, closed: string[]): WorkerEngine<null> => ({
  versions: { model: 'm', rules, policy: 'p' }, classifyBatch: async () => [] as EngineVerdicts, close: async () => { closed.push(rules); },
});

test('holder: a change made while a late reload hangs (joined) is loaded once the late reload ends', async () => {
  const { log } = logged();
  const closed: string[] = [];
  let onDisk = 'r1';
  let release: () => void = () => undefined;
  let loads = 0;
  const factory: EngineFactory<null> = {
    // The second load reads the files at its start (rules r2) and then hangs on the mount.
    load: async () => { loads++; const read = onDisk; if (loads === 2) await new Promise<void>((r) => { release = r; }); return engine(read, closed); },
    newState: () => null, restoreState: () => null, watchPaths: ['/rules'],
  };
  const holder = await EngineHolder.create(factory, log, () => undefined, 100);
  onDisk = 'r2';
  const first = holder.reload('file change 1');
  await new Promise((r) => setTimeout(r, 250));
  onDisk = 'r3';   // the operator edits again after the overdue line (or sends SIGHUP)
  const second = holder.reload('file change 2');
  release();
  await first; await second;
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(holder.current.versions.rules, 'r3', 'the newest files run');
  holder.close();
});

test('holder: close() while a reload hangs: the late engine is not swapped in after close and is closed', async () => {
  const { log } = logged();
  const closed: string[] = [];
  let release: () => void = () => undefined;
  let loads = 0;
  const factory: EngineFactory<null> = {
    load: async () => { loads++; if (loads === 2) await new Promise<void>((r) => { release = r; }); return engine(`r${loads}`, closed); },
    newState: () => null, restoreState: () => null, watchPaths: ['/rules'],
  };
  const holder = await EngineHolder.create(factory, log, () => undefined, 100);
  const reload = holder.reload('SIGHUP');
  await new Promise((r) => setTimeout(r, 150));
  holder.close();
  release();
  await reload;
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(closed.sort(), ['r1', 'r2'], 'both engines closed once each');
});


const STUB = new URL('../../test/support/stub-reload-engine-thread.js', import.meta.url);
const ENGINE = { rulesDir: '.', policyFile: 'x', modelDir: 'none', windowModelDir: 'none' } as never;
const msg = (p: number): ChatMessage[] => [{ messageId: `m${p}`, conversationId: `c${p}`, senderId: 's', text: 'hi', timestamp: new Date().toISOString() } as unknown as ChatMessage];
async function stubPool(threads: number, loadTimeoutMs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'rv-pool-stub-'));
  writeFileSync(join(dir, 'version'), 'v1');
  const { log, lines } = logged();
  const fatal: Error[] = [], outcomes: string[] = [];
  const pool = await EngineThreadPool.create({ threads, engine: { ...(ENGINE as object), rulesDir: dir } as never, watchPaths: [], log, entry: STUB,
    onFatal: (e) => fatal.push(e), onReload: (o) => outcomes.push(o), loadTimeoutMs });
  for (let p = 0; p < threads; p++) await pool.open(p, null);
  return { pool, dir, fatal, outcomes, lines };
}
const policyOf = async (pool: EngineThreadPool, p: number) => ((await pool.classify(p, msg(p)))[0] as unknown as { policyVersion: string }).policyVersion;

test('pool: a change while a late reload hangs is loaded after it (newest wins)', async () => {
  const { pool, dir } = await stubPool(2, 200);
  try {
  writeFileSync(join(dir, 'version'), 'v2');
  writeFileSync(join(dir, 'hang'), '');
  const first = pool.reload('file change 1');
  await new Promise((r) => setTimeout(r, 400));
  writeFileSync(join(dir, 'version'), 'v3');
  const second = pool.reload('file change 2');
  rmSync(join(dir, 'hang'));
  await first; await second;
  assert.equal(pool.versions.policy, 'v3');
  for (const p of [0, 1]) assert.equal(await policyOf(pool, p), 'v3');
  } finally { await pool.close(); }
});

test('pool: late reload healthy in one thread, failed in the other: none switches, no fatal', async () => {
  const { pool, dir, outcomes, lines, fatal } = await stubPool(2, 200);
  try {
  writeFileSync(join(dir, 'version'), 'v2');
  writeFileSync(join(dir, 'hang'), '');
  writeFileSync(join(dir, 'fail-one'), '');
  const first = pool.reload('file change 1');
  await new Promise((r) => setTimeout(r, 400));
  rmSync(join(dir, 'hang'));
  await first;
  assert.equal(pool.versions.policy, 'v1');
  for (const p of [0, 1]) assert.equal(await policyOf(pool, p), 'v1');
  assert.deepEqual(outcomes, ['error']);
  assert.equal(fatal.length, 0);
  const late = lines.filter((l) => l.event === EVENTS.ENGINE_LOAD_LATE);
  assert.equal(late.length, 1);
  assert.match(String((late[0]!.err as { message: string }).message), /Unexpected end/);
  } finally { await pool.close(); }
});
