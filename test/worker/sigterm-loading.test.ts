// A classifier worker sent SIGTERM while it is still loading (brokers, engine) stops in order and exits 0
// (issue 12); before, the signal handlers were installed only after loading and the process died by the
// signal (exit code null / 143), which a supervisor counts as a crash.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, startWorker, type WorkerSetup } from './harness.js';

describe('classifier worker: SIGTERM while loading', () => {
  let s: WorkerSetup;
  before(async () => { s = await setup('w-sigterm-load', 1); });
  after(async () => { await s.ctx.cleanup(); });

  it('exits 0 and consumes nothing', async () => {
    const w = startWorker(s, 'sigterm-loading');
    const deadline = Date.now() + 30_000;
    const log = () => { try { return readFileSync(w.logFile, 'utf8'); } catch { return ''; } };
    // The first log line the worker writes; on the old code, the process start (imports) stands in for it.
    while (!/worker\.loading|"msg"/.test(log()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    w.child.kill('SIGTERM');
    const code = await w.exited;
    assert.equal(code, 0, `exit ${String(code)} (signal ${String(w.child.signalCode)}); log:\n${log()}`);
    assert.doesNotMatch(log(), /classifier worker running/, 'the signal arrived while loading');
  });
});
