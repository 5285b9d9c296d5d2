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

test('a hot reload past VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS keeps the previous engine with an error line; the load that ends later is discarded with a line (stop 53: reloads had no deadline)', async () => {
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
  assert.match(String(timeout[0]!.msg), /past VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS: keeping the previous engine/);
  assert.deepEqual(outcomes, ['error']);
  release();
  await reload;
  assert.equal(holder.current.versions.rules, 'r1', 'the previous engine kept, as the line said');
  assert.deepEqual(closed, ['r2'], 'the late engine is closed');
  const late = lines.filter((l) => l.event === EVENTS.ENGINE_LOAD_LATE);
  assert.equal(late.length, 1);
  assert.match(String(late[0]!.msg), /discarded, the previous engine still runs/);
  assert.deepEqual(lines.filter((l) => l.event === EVENTS.ENGINE_RELOADED), []);
  assert.deepEqual(outcomes, ['error'], 'counted once');
  // Within the deadline, a reload swaps as before.
  const quick: EngineFactory<null> = { ...factory, load: async () => engine(`q${loads++}`, closed) };
  const h2 = await EngineHolder.create(quick, log, () => undefined, 1000);
  await h2.reload('test: change');
  assert.equal(h2.current.versions.rules, 'q3', 'the reloaded engine (q2 was the first load)');
  h2.close();
  holder.close();
});
