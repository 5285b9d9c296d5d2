// A console started with its database (all services at once, the database still starting) waits for the audit store
// with one warning, as the audit sink does, instead of exiting at once ("vigie console: postgres query failed: connect
// ECONNREFUSED", exit 1, while the sink beside it waited); a SIGTERM during the wait stops it cleanly (exit 0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const MAIN = resolve('dist/services/cli/main.js');

test('vigie console with its PostgreSQL unreachable at start: one audit_store.waiting line, still waiting, then SIGTERM: exit 0 (ops50)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-console-store-wait-'));
  try {
    const c = spawn(process.execPath, [MAIN, 'console'], {
      env: { ...process.env, DATABASE_URL: 'postgres://vigie:secret-pw@127.0.0.1:1/vigie', KAFKA_BROKERS: '127.0.0.1:1', VIGIE_DATA_DIR: dir,
        VIGIE_CONSOLE_PORT: '0', VIGIE_LOG_FORMAT: 'json', VIGIE_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    c.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    c.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    const exited = new Promise<number | null>((r) => c.once('exit', (code) => r(code)));
    const deadline = Date.now() + 60_000;
    while (!out.includes('audit_store.waiting')) {
      assert.ok(Date.now() < deadline && c.exitCode === null, `the console did not wait for its store; output:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(c.exitCode, null, `the console exited while its store was away; output:\n${out}`);
    const waiting = out.split('\n').filter((l) => l.includes('audit_store.waiting'));
    assert.equal(waiting.length, 1, 'one warning, not one per retry');
    assert.match(waiting[0]!, /"level":40.*ECONNREFUSED.*the console waits for it/);
    assert.ok(!out.includes('secret-pw'), 'the password is not logged');
    c.kill('SIGTERM');
    assert.equal(await exited, 0, `output:\n${out}`);
    assert.match(out, /console stopped while waiting for the audit store/);
    assert.doesNotMatch(out, /vigie-console http/, 'nothing served');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
