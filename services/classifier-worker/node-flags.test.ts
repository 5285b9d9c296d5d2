import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CLASSIFIER_ENV, CLASSIFIER_NODE_FLAGS, ensureClassifierNodeFlags, missingClassifierEnv, missingNodeFlags, REEXEC_MARKER_ENV, type NodeFlagsProcess } from './node-flags.js';

const repoFile = (rel: string) => readFileSync(new URL(`../../${import.meta.url.includes('/dist/') ? '../' : ''}${rel}`, import.meta.url), 'utf8');
const MAIN = fileURLToPath(new URL('../cli/main.js', import.meta.url));

/** Starts `node main.js run classifier` the plain way (no broker reachable: it stays loading) and returns its loading log line. */
async function loadingLine(env: Record<string, string>): Promise<{ pid: number; line: Record<string, unknown>; environ: string[] }> {
  const child = spawn(process.execPath, [MAIN, 'run', 'classifier'], {
    env: { ...process.env, [REEXEC_MARKER_ENV]: '', NODE_OPTIONS: '', VIGIE_CLASSIFIER_NODE_FLAGS: '', MALLOC_ARENA_MAX: '', VIGIE_ENGINE_THREADS: '0', VIGIE_CLASSIFIER_HTTP_PORT: '-1',
      KAFKA_BROKERS: '127.0.0.1:1', VIGIE_MODEL_DIR: 'none', VIGIE_WINDOW_MODEL_DIR: 'none', VIGIE_CONFIG: '', VIGIE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no loading line in 20 s: ${err}`)), 20_000);
      child.stderr.on('data', (b: Buffer) => {
        err += b.toString();
        const line = err.split('\n').find((l) => l.includes('"worker.loading"'));
        // The process's environment as the kernel holds it (what glibc read at the exec), read before it is killed.
        const environ = () => readFileSync(`/proc/${child.pid}/environ`, 'latin1').split('\0').filter(Boolean);
        if (line) { clearTimeout(timer); resolve({ pid: child.pid!, line: JSON.parse(line) as Record<string, unknown>, environ: environ() }); }
      });
      child.on('exit', (c) => { clearTimeout(timer); reject(new Error(`exited ${c}: ${err}`)); });
    });
  } finally {
    child.kill('SIGKILL');
  }
}

describe('CLASSIFIER_NODE_FLAGS (the flags every classifier process runs with)', () => {
  it('bound the main thread\'s young generation to two 8 MB semi-spaces (V8 grows it to 2 × 64 MB on a large machine)', () => {
    const script = `let k=[];for(let i=0;i<3e6;i++){k.push({i,s:'x'+i});if(k.length>50000)k=[]}
      process.stdout.write(String(require('v8').getHeapSpaceStatistics().find((s)=>s.space_name==='new_space').space_size))`;
    const newSpace = Number(execFileSync(process.execPath, [...CLASSIFIER_NODE_FLAGS, '-e', script], { encoding: 'utf8' }));
    // 16 MiB here at 8 MB semi-spaces (round 44), 32 MiB at the former 16, 128 MiB without the flag. How V8 lays out its new
    // space varies by machine (a worker thread at 24 MB showed 21.25 MiB in CI, engine-pool.test.ts), so the bound is the
    // young generation that 8 MB semi-spaces make (3 × 8 MB), well below the next size.
    assert.ok(newSpace > 0 && newSpace <= 24 * 1024 * 1024, `new space ${newSpace} B`);
  });

  it('hold the old generation near its live set between full GCs (--heap-growing-percent)', () => {
    // ~25 MB live, then objects that live long enough to be promoted (a ring larger than the young generation) and die:
    // V8's own growing factor lets the old space reach a multiple of the live set before collecting it (~100 MB here), the
    // flag keeps it near 1.2 × (~47 MB). Main thread only: at this size a worker thread's heap does not show it.
    const body = `const v8 = require('v8'); const live = []; for (let i = 0; i < 250000; i++) live.push({ i, s: 'l' + i });
      const ring = new Array(250000).fill(null); let max = 0;
      for (let i = 0; i < 2.5e6; i++) { ring[i % ring.length] = { i, s: 'g' + i }; if (i % 5000 === 0) max = Math.max(max, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_size); }
      return live.length && ring.length && max;`;
    const script = `const { Worker } = require('worker_threads'); const body = ${JSON.stringify(body)};
      const w = new Worker('const { parentPort, workerData } = require("worker_threads"); parentPort.postMessage(new Function("require", workerData)(require))', { eval: true, workerData: body });
      w.once('message', (thread) => process.stdout.write(JSON.stringify({ main: new Function('require', body)(require), thread })));`;
    const peak = (flags: readonly string[]) => JSON.parse(execFileSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' })) as { main: number; thread: number };
    const plain = peak(['--max-semi-space-size=16']);
    const withFlags = peak(CLASSIFIER_NODE_FLAGS);
    for (const k of ['main'] as const) {
      assert.ok(withFlags[k] < plain[k] * 0.7, `${k}: old space peak ${(withFlags[k] / 1048576).toFixed(0)} MB with the flags, ${(plain[k] / 1048576).toFixed(0)} MB without`);
    }
  });

  it('a plain `node main.js run classifier` re-executes itself once, in place (same PID), with the flags', async () => {
    const { pid, line, environ } = await loadingLine({});
    assert.equal(line.pid, pid, 'same process (execve), not a child');
    assert.equal(line.nodeFlags, 'reexecuted', 'the start line says it was re-executed, not that the flags were given');
    for (const f of CLASSIFIER_NODE_FLAGS) assert.ok((line.execArgv as string[]).includes(f), `execArgv ${JSON.stringify(line.execArgv)} has ${f}`);
    // glibc read MALLOC_ARENA_MAX=2 at that exec (the environment the process was started with, not one set later).
    assert.ok(environ.includes('MALLOC_ARENA_MAX=2'), `environ has MALLOC_ARENA_MAX=2: ${environ.filter((e) => e.startsWith('MALLOC')).join(',') || 'none'}`);
  });

  it('MALLOC_ARENA_MAX=2: added by the re-exec when unset (flags given or not), an operator\'s value wins', () => {
    assert.deepEqual(CLASSIFIER_ENV, { MALLOC_ARENA_MAX: '2' });
    assert.deepEqual(missingClassifierEnv({}), { MALLOC_ARENA_MAX: '2' });
    assert.deepEqual(missingClassifierEnv({ MALLOC_ARENA_MAX: '' }), { MALLOC_ARENA_MAX: '2' });
    assert.deepEqual(missingClassifierEnv({ MALLOC_ARENA_MAX: '8' }), {});
    const calls: [string, readonly string[], NodeJS.ProcessEnv][] = [];
    const p = (env: NodeJS.ProcessEnv): NodeFlagsProcess => ({
      execPath: '/n', execArgv: [...CLASSIFIER_NODE_FLAGS], argv: ['/n', '/m.js', 'run', 'classifier'], env,
      execve: (f, a, e) => { calls.push([f, a!, e!]); return undefined as never; },
    });
    // Flags on the command line (as `vigie up` and the bench give them) but no MALLOC_ARENA_MAX: re-executed for it alone.
    assert.equal(ensureClassifierNodeFlags(p({ KEEP: 'k' })), 'reexec');
    assert.deepEqual(calls[0]!.slice(0, 2), ['/n', ['/n', ...CLASSIFIER_NODE_FLAGS, '/m.js', 'run', 'classifier']]);
    assert.equal(calls[0]![2].MALLOC_ARENA_MAX, '2');
    assert.equal(calls[0]![2].KEEP, 'k');
    // Set but empty (glibc ignores it) counts as unset: the re-exec gives it its value, not the empty one.
    assert.equal(ensureClassifierNodeFlags(p({ MALLOC_ARENA_MAX: '' })), 'reexec');
    assert.equal(calls[1]![2].MALLOC_ARENA_MAX, '2');
    assert.equal(ensureClassifierNodeFlags(p({ MALLOC_ARENA_MAX: '8' })), 'given');
    assert.equal(ensureClassifierNodeFlags(p({ MALLOC_ARENA_MAX: '2' })), 'given');
    assert.equal(calls.length, 2);
  });

  it('an operator\'s NODE_OPTIONS value wins, and VIGIE_CLASSIFIER_NODE_FLAGS=none turns the re-exec off', async () => {
    const own = await loadingLine({ NODE_OPTIONS: '--max-semi-space-size=12' });
    // Only the missing flag is added (node refuses --heap-growing-percent in NODE_OPTIONS, so the re-exec still adds it).
    assert.equal(own.line.nodeFlags, 'reexecuted');
    assert.deepEqual(own.line.execArgv, ['--heap-growing-percent=20']);
    const off = await loadingLine({ VIGIE_CLASSIFIER_NODE_FLAGS: 'none' });
    assert.equal(off.line.nodeFlags, 'off');
    assert.deepEqual(off.line.execArgv, []);
  });

  it('re-executes with node\'s own flags and the script arguments kept, at most once, and not without execve', () => {
    const calls: [string, readonly string[], NodeJS.ProcessEnv][] = [];
    const p = (env: NodeJS.ProcessEnv, execve: boolean): NodeFlagsProcess => ({
      execPath: '/n', execArgv: ['--cpu-prof'], argv: ['/n', '/m.js', 'run', 'classifier'], env,
      execve: execve ? ((f, a, e) => { calls.push([f, a!, e!]); return undefined as never; }) : undefined,
    });
    assert.equal(ensureClassifierNodeFlags(p({}, true)), 'reexec');
    assert.deepEqual(calls[0]!.slice(0, 2), ['/n', ['/n', ...CLASSIFIER_NODE_FLAGS, '--cpu-prof', '/m.js', 'run', 'classifier']]);
    assert.equal(calls[0]![2][REEXEC_MARKER_ENV], '1');
    assert.equal(calls[0]![2].MALLOC_ARENA_MAX, '2');
    const looping: NodeJS.ProcessEnv = { [REEXEC_MARKER_ENV]: '1' };
    assert.equal(ensureClassifierNodeFlags(p(looping, true)), 'loop');
    assert.equal(REEXEC_MARKER_ENV in looping, false, 'the marker is removed once read');
    const again: NodeJS.ProcessEnv = { [REEXEC_MARKER_ENV]: '1', ...CLASSIFIER_ENV };
    assert.equal(ensureClassifierNodeFlags({ ...p(again, true), execArgv: [...CLASSIFIER_NODE_FLAGS] }), 'reexecuted');
    assert.equal(REEXEC_MARKER_ENV in again, false, 'the marker is removed once read');
    assert.equal(ensureClassifierNodeFlags({ ...p({ ...CLASSIFIER_ENV }, true), execArgv: [...CLASSIFIER_NODE_FLAGS] }), 'given');
    assert.equal(ensureClassifierNodeFlags(p({}, false)), 'unsupported');
    assert.equal(calls.length, 1);
    assert.deepEqual(missingNodeFlags(['--max_semi_space_size=4', '--heap_growing_percent=50'], undefined), []);
    assert.deepEqual(missingNodeFlags([], '--inspect --max-semi-space-size=32'), ['--heap-growing-percent=20']);
  });

  it('`vigie up` and the bench pass them on their spawn line (they start once), the Dockerfile leaves them to the re-exec', () => {
    for (const f of ['services/cli/up-steps.ts', 'services/bench/worker-process.ts']) {
      assert.match(repoFile(f), /(?:spawn|spawnChild)\(process\.execPath, \[\.\.\.CLASSIFIER_NODE_FLAGS, /, `${f} starts the classifier with CLASSIFIER_NODE_FLAGS`);
      assert.match(repoFile(f), /env: \{ \.\.\.CLASSIFIER_ENV, \.\.\.process\.env, /, `${f} starts it with CLASSIFIER_ENV (the operator's values win)`);
    }
    const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(repoFile('Dockerfile'));
    assert.ok(entrypoint, 'Dockerfile has an exec-form ENTRYPOINT');
    assert.ok(!entrypoint[1]!.includes('semi-space'), 'no second copy of the flag (NODE_OPTIONS can override it)');
  });

  it('the re-executed process drops the marker from its real environment: engine threads and child processes do not see it', () => {
    const nodeFlags = fileURLToPath(new URL('./node-flags.js', import.meta.url));
    const script = `
      const { ensureClassifierNodeFlags } = await import(${JSON.stringify(nodeFlags)});
      const { Worker } = await import('node:worker_threads');
      const { execFileSync } = await import('node:child_process');
      const outcome = ensureClassifierNodeFlags();
      const child = execFileSync(process.execPath, ['-p', 'process.env.${REEXEC_MARKER_ENV} ?? "unset"'], { encoding: 'utf8' }).trim();
      const thread = await new Promise((res) => new Worker('import("node:worker_threads").then((m) => m.parentPort.postMessage(process.env.${REEXEC_MARKER_ENV} ?? "unset"))', { eval: true }).once('message', res));
      process.stdout.write(JSON.stringify({ outcome, own: process.env.${REEXEC_MARKER_ENV} ?? 'unset', child, thread }));`;
    const out = execFileSync(process.execPath, [...CLASSIFIER_NODE_FLAGS, '--input-type=module', '-e', script],
      { encoding: 'utf8', env: { ...process.env, ...CLASSIFIER_ENV, NODE_OPTIONS: '', [REEXEC_MARKER_ENV]: '1' } });
    assert.deepEqual(JSON.parse(out), { outcome: 'reexecuted', own: 'unset', child: 'unset', thread: 'unset' });
  });
});
