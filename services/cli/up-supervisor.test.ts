// vigie up's child supervision (up-supervisor.ts) on real child processes: a child that exits at once is started again
// (an `up.restart` line per attempt) until the quick-failure limit, then given up with a clear error; a child killed
// later is restarted, and stop() stops the current child and every pending restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { ChildSupervisor, supervised, type SupervisedChild } from './up-supervisor.js';
import { cleanUp, haltAll } from './up-step.js';

const policy = { baseDelayMs: 1, maxDelayMs: 4, quickRunMs: 60_000, maxQuickFailures: 3 };
const node = (code: string) => supervised(spawn(process.execPath, ['-e', code], { stdio: 'ignore' }));

test('a child that exits at once: restarted twice (up.restart, attempt 1 and 2), then given up (up.gave_up, onGiveUp)', async () => {
  const lines: string[] = [];
  let spawned = 0;
  const start = () => { spawned++; return node('process.exit(3)'); };
  const gaveUp = new Promise<Error>((resolve) => {
    const sup = new ChildSupervisor({ service: 'test child', spawn: start, say: (l) => lines.push(l), onGiveUp: resolve, policy, stopGraceMs: 1000 });
    sup.adopt(start());
  });
  const err = await gaveUp;
  assert.equal(spawned, 3, 'the first start and two restarts');
  const restarts = lines.filter((l) => l.includes('up.restart'));
  assert.deepEqual(restarts.map((l) => /attempt=(\d+)/.exec(l)?.[1]), ['1', '2']);
  for (const l of restarts) assert.match(l, /service=test child exitCode=3 /);
  assert.equal(lines.filter((l) => l.includes('up.gave_up')).length, 1);
  assert.match(err.message, /the test child exited \(exit code 3\) 3 exits in a row before or within 60 s of being ready; not restarting it/);
});

test('a child killed after its start is restarted; stop() stops the new one, and nothing restarts after', async () => {
  const lines: string[] = [];
  const children: SupervisedChild[] = [];
  let restarted: () => void = () => undefined;
  const again = new Promise<void>((r) => { restarted = r; });
  const start = () => { const c = node('setInterval(() => {}, 1000)'); children.push(c); return c; };
  const sup = new ChildSupervisor({ service: 'test child', spawn: start, say: (l) => lines.push(l), onGiveUp: () => assert.fail('gave up'), onRestart: () => restarted(), policy, stopGraceMs: 5000 });
  sup.adopt(start());
  children[0]!.child.kill('SIGKILL');
  await again;
  assert.equal(children.length, 2);
  assert.match(lines[0] ?? '', /up\.restart service=test child exitCode=null signal=SIGKILL attempt=1 delayMs=1: it exited \(killed by SIGKILL\)/);
  assert.match(await sup.stop(), /exited with/);
  assert.notEqual(children[1]!.child.exitCode ?? children[1]!.child.signalCode, null, 'the restarted child is stopped');
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(children.length, 2, 'no restart after stop()');
  assert.equal(sup.restarts, 1);
});

test('vigie up stopping (Ctrl-C to the whole process group): a child ending its own SIGINT stop (exit 0) while another is being stopped is not restarted', async () => {
  const lines: string[] = [];
  const spawned: string[] = [];
  // The worker: ends its orderly stop on SIGINT at once, exit 0. The console: ignores SIGINT, takes 500 ms after SIGTERM.
  const worker = () => { spawned.push('worker'); return node("process.on('SIGINT', () => setTimeout(() => process.exit(0), 50)); process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000); process.send?.(0)"); };
  const slow = () => { spawned.push('console'); return node("process.on('SIGINT', () => {}); process.on('SIGTERM', () => setTimeout(() => process.exit(0), 500)); setInterval(() => {}, 1000)"); };
  const ctx = { halts: [] as (() => void)[], cleanups: [] as (() => Promise<void>)[], say: (l: string) => lines.push(l) };
  const quick = { ...policy, baseDelayMs: 0, maxDelayMs: 0, quickRunMs: 0 };
  const children: SupervisedChild[] = [];
  for (const [service, start] of [['classifier worker', worker], ['console', slow]] as const) {
    const sup = new ChildSupervisor({ service, spawn: start, say: ctx.say, onGiveUp: () => assert.fail('gave up'), policy: quick, stopGraceMs: 5000 });
    const c = start();
    children.push(c);
    await new Promise((r) => setTimeout(r, 300)); // its signal handlers are installed
    sup.adopt(c);
    ctx.halts.push(() => sup.halt());
    ctx.cleanups.push(async () => { lines.push(`${service} ${await sup.stop()}`); });
  }
  // The terminal's Ctrl-C reaches every process of the group; vigie up's handler halts every supervisor, then cleans up
  // (console first, 500 ms, during which the worker ends on its own).
  for (const c of children) c.child.kill('SIGINT');
  haltAll(ctx);
  await cleanUp(ctx);
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(lines.filter((l) => l.includes('up.restart')), []);
  assert.deepEqual(spawned, ['worker', 'console'], 'no new child');
  for (const c of children) assert.notEqual(c.child.exitCode ?? c.child.signalCode, null, 'every child stopped');
});

test('a restarted child that exits before it is ready, however long it ran (an engine load, then a port taken), is a quick failure: back-off, then given up', async () => {
  const lines: string[] = [];
  const p = { baseDelayMs: 1, maxDelayMs: 4, quickRunMs: 200, maxQuickFailures: 3 };
  let spawned = 0;
  // Each child runs 400 ms (longer than quickRunMs) and exits 1; the restarted ones never get ready.
  const start = () => { spawned++; return node('setTimeout(() => process.exit(1), 400)'); };
  let gaveUp: (e: Error) => void = () => undefined;
  const given = new Promise<Error>((r) => { gaveUp = r; });
  const sup = new ChildSupervisor({ service: 'slow child', spawn: start, say: (l) => lines.push(l), onGiveUp: (e) => gaveUp(e), policy: p, stopGraceMs: 1000, ready: () => new Promise<void>(() => undefined) });
  sup.adopt(start()); // the first one is through its start-up: its 400 ms run is not quick
  let timer: NodeJS.Timeout | undefined;
  const err = await Promise.race([given, new Promise<null>((r) => { timer = setTimeout(() => r(null), 10_000); })]);
  clearTimeout(timer);
  await sup.stop(); // restarting for ever (a run counted from the spawn) must not outlive the test
  assert.ok(err, `given up; restarts: ${lines.length}`);
  assert.deepEqual(lines.filter((l) => l.includes('up.restart')).map((l) => /delayMs=(\d+)/.exec(l)?.[1]), ['0', '1', '2']);
  assert.equal(spawned, 4);
  assert.match(err.message, /3 exits in a row before or within 0\.2 s of being ready/);
});

test('a restarted child that gets ready and then runs past quickRunMs is restarted at once', async () => {
  const lines: string[] = [];
  const p = { baseDelayMs: 1000, maxDelayMs: 4000, quickRunMs: 200, maxQuickFailures: 2 };
  let spawned = 0;
  let third: () => void = () => undefined;
  const done = new Promise<void>((r) => { third = r; });
  const start = () => { spawned++; if (spawned === 3) third(); return node('setTimeout(() => process.exit(1), 400)'); };
  const sup = new ChildSupervisor({ service: 'ready child', spawn: start, say: (l) => lines.push(l), onGiveUp: () => assert.fail('gave up'), policy: p, stopGraceMs: 1000, ready: () => Promise.resolve() });
  sup.adopt(start());
  await done;
  await sup.stop();
  assert.deepEqual(lines.filter((l) => l.includes('up.restart')).map((l) => /delayMs=(\d+)/.exec(l)?.[1]), ['0', '0']);
});
