// The chaos run of issue 12 (item 6) in its short form for CI: its own broker and PostgreSQL server, two
// classifier workers and the audit sink started before the topics exist, poison records, SIGKILLs, one
// broker restart, a short PostgreSQL stop; every end-of-run check must pass (`npm run chaos` is the long form).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

describe('chaos run (short form)', () => {
  it('every check passes: verdicts = audit rows = inputs, no duplicate, DLQ = poison, chain verifies, blocklist = store', { timeout: 900_000 }, async () => {
    const child = spawn(process.execPath, [resolve('dist/test/chaos/main.js'), '--seed', '7', '--messages', '1500', '--poison', '6', '--duration', '40',
      '--kill-every', '6-12', '--pg-stop', '6', '--drain', '300'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); process.stderr.write(d); });
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    const lines = out.trim().split('\n');
    assert.equal(lines.length, 1, `one JSON line on stdout, got:\n${out}`);
    const r = JSON.parse(lines[0]!) as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[]; faults: { kills: Record<string, number>; brokerRestarts: number } };
    assert.deepEqual(r.checks.filter((c) => !c.ok), [], `failed checks; progress:\n${err.slice(-12000)}`);
    assert.equal(r.checks.length, 8);
    assert.equal(r.faults.brokerRestarts, 1);
    assert.ok(Object.values(r.faults.kills).reduce((a, b) => a + b, 0) >= 1, 'at least one service was killed');
    assert.equal(r.ok, true);
    assert.equal(code, 0);
  });
});
