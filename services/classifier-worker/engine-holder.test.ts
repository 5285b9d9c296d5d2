import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../common/logger.js';
import { EVENTS } from '../common/events.js';
import { EngineHolder, type EngineFactory, type EngineVerdicts, type WorkerEngine } from './engine-holder.js';

function logged() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'debug', destination: new Writable({ write(c, _e, cb) { lines.push(JSON.parse(String(c)) as Record<string, unknown>); cb(); } }) });
  return { log, lines };
}

const engine = (rules: string, closed: string[]): WorkerEngine<null> => ({
  versions: { model: 'm', rules, policy: 'p' },
  classifyBatch: async () => [] as EngineVerdicts,
  close: async () => { closed.push(rules); },
});

test('a hot reload past VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS keeps the previous engine with an error line; the load that ends later and loads is applied then, with a warn line (stop 53: reloads had no deadline; stop 54: the late load was discarded)', async () => {
  const { log, lines } = logged();
  const closed: string[] = [];
  let release: () => void = () => undefined;
  let loads = 0;
  const factory: EngineFactory<null> = {
    // The first load (start) at once; the reload's load hangs until released (a file on a mount that does not answer).
    load: async () => (loads++ === 0 ? engine('r1', closed) : new Promise<WorkerEngine<null>>((r) => { release = () => r(engine('r2', closed)); })),
    newState: () => null, restoreState: () => null, watchPaths: ['/rules'],
  };
  const outcomes: string[] = [];
  const holder = await EngineHolder.create(factory, log, (o) => outcomes.push(o), 100);
  const reload = holder.reload('test: SIGHUP');
  await new Promise((r) => setTimeout(r, 250));
  const timeout = lines.filter((l) => l.event === EVENTS.ENGINE_RELOAD_TIMEOUT);
  assert.equal(timeout.length, 1, 'an error line at the deadline');
  assert.equal(timeout[0]!.level, 50);
  assert.match(String(timeout[0]!.msg), /past VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS: the previous engine .* still runs, and the reload is applied if it ends and loads/);
  assert.equal(holder.current.versions.rules, 'r1', 'the previous engine scores while the load hangs');
  assert.deepEqual(outcomes, ['error']);
  release();
  await reload;
  assert.equal(holder.current.versions.rules, 'r2', 'the late engine is applied: the change is not lost');
  assert.deepEqual(closed, ['r1'], 'the previous engine is closed');
  const late = lines.filter((l) => l.event === EVENTS.ENGINE_LOAD_LATE);
  assert.equal(late.length, 1);
  assert.equal(late[0]!.level, 40);
  assert.match(String(late[0]!.msg), /ended after VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS and loaded: the new engine is applied now/);
  assert.deepEqual(late[0]!.after, { model: 'm', rules: 'r2', policy: 'p' });
  assert.deepEqual(lines.filter((l) => l.event === EVENTS.ENGINE_RELOADED), []);
  assert.deepEqual(outcomes, ['error', 'ok'], 'overdue at the deadline, then applied');
  // Within the deadline, a reload swaps as before.
  const quick: EngineFactory<null> = { ...factory, load: async () => engine(`q${loads++}`, closed) };
  const h2 = await EngineHolder.create(quick, log, () => undefined, 1000);
  await h2.reload('test: change');
  assert.equal(h2.current.versions.rules, 'q3', 'the reloaded engine (q2 was the first load)');
  h2.close();
  holder.close();
});

test('a hot reload that ends past its deadline and fails keeps the previous engine; the warn line says why (stop 54)', async () => {
  const { log, lines } = logged();
  const closed: string[] = [];
  let fail: () => void = () => undefined;
  let loads = 0;
  const factory: EngineFactory<null> = {
    load: async () => (loads++ === 0 ? engine('r1', closed) : new Promise<WorkerEngine<null>>((_r, rej) => { fail = () => rej(new Error('rules/x.rules:3: unknown operator')); })),
    newState: () => null, restoreState: () => null, watchPaths: ['/rules'],
  };
  const outcomes: string[] = [];
  const holder = await EngineHolder.create(factory, log, (o) => outcomes.push(o), 100);
  const reload = holder.reload('test: SIGHUP');
  await new Promise((r) => setTimeout(r, 250));
  fail();
  await reload;
  assert.equal(holder.current.versions.rules, 'r1');
  assert.deepEqual(closed, []);
  const late = lines.filter((l) => l.event === EVENTS.ENGINE_LOAD_LATE);
  assert.equal(late.length, 1);
  assert.equal(late[0]!.level, 40);
  assert.match(String(late[0]!.msg), /ended after VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS and failed: the previous engine still runs/);
  assert.match(String((late[0]!.err as { message?: string } | undefined)?.message), /unknown operator/, 'the reason, serialised');
  assert.deepEqual(outcomes, ['error'], 'counted once, at the deadline');
  holder.close();
});
