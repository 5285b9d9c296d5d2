import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../main.js');

/** `vigie console` against a PostgreSQL that is not there (nothing listens on port 1): the store wait never ends. */
function startConsole(port: number): { child: ChildProcessWithoutNullStreams; out: { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, [MAIN, 'console'], {
    env: { ...process.env, VIGIE_CONSOLE_PORT: String(port), VIGIE_CONSOLE_HOST: '127.0.0.1', DATABASE_URL: 'postgres://vigie@127.0.0.1:1/vigie',
      KAFKA_BROKERS: '127.0.0.1:1', VIGIE_CONFIG: '', VIGIE_LOG_LEVEL: 'info', VIGIE_LOG_FORMAT: 'json', VIGIE_LOG_FILE: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (b: Buffer) => { out.stdout += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { out.stderr += b.toString(); });
  return { child, out };
}

const exited = (child: ChildProcessWithoutNullStreams, ms: number) => new Promise<[number | null, string | null]>((r) => {
  const killer = setTimeout(() => child.kill('SIGKILL'), ms);
  child.on('exit', (c, s) => { clearTimeout(killer); r([c, s]); });
});

test('console: a taken port fails at once, before the audit store (here a database that does not answer), in ONE line naming VIGIE_CONSOLE_PORT (stop 52: learnt only after the database work, never while it was away)', async () => {
  const taken = createServer();
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
  const port = (taken.address() as AddressInfo).port;
  try {
    const { child, out } = startConsole(port);
    const [code, signal] = await exited(child, 20_000);
    assert.equal(signal, null, `exited by itself (not killed after 20 s): ${out.stderr}`);
    assert.equal(code, 1);
    assert.doesNotMatch(out.stdout + out.stderr, /audit store|postgres/i, 'the database was not tried');
    const errorLines = out.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('{'));
    assert.deepEqual(errorLines, [`vigie console: cannot listen on 127.0.0.1:${port}: the port is already in use (another process listens on it); set VIGIE_CONSOLE_PORT to a free port`]);
  } finally {
    taken.close();
  }
});

test('console: while it waits for the audit store its port answers 503 "starting" (/healthz too), and a SIGTERM then stops it with exit 0', async () => {
  const free = createServer();
  await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
  const port = (free.address() as AddressInfo).port;
  await new Promise<void>((r) => free.close(() => r()));
  const { child, out } = startConsole(port);
  try {
    let answer: Response | null = null;
    for (const until = Date.now() + 15_000; !answer && Date.now() < until;) {
      answer = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      if (!answer) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(answer, `the port answers before the store is open: ${out.stderr}`);
    assert.equal(answer.status, 503);
    assert.match(await answer.text(), /starting/);
    assert.equal(answer.headers.get('x-frame-options'), 'DENY', 'the security headers too');
    assert.doesNotMatch(out.stdout, /vigie-console http/, 'not announced as serving');
  } finally {
    child.kill('SIGTERM');
  }
  const [code] = await exited(child, 20_000);
  assert.equal(code, 0, out.stderr);
});

// The port freed on a start-up failure is checked in-process, before any exit, by console/start-steps.test.ts (review of
// stop 52: a port re-bound here after the child had exited was free whatever the code did). Here: the process ends.
test('console: an audit store that refuses for good after the port is bound (a file that is not a database) exits 1 at once (review of ops52: the early bind must not keep the process up)', async () => {
  const taken = createServer();
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
  const port = (taken.address() as AddressInfo).port;
  await new Promise<void>((r) => taken.close(() => r()));
  const dir = mkdtempSync(join(tmpdir(), 'vigie-console-notadb-'));
  const notDb = join(dir, 'audit.sqlite');
  writeFileSync(notDb, 'not a database: text long enough to be read as a header, and more text after it.\n'.repeat(4));
  try {
    const child = spawn(process.execPath, [MAIN, 'console'], {
      env: { ...process.env, VIGIE_CONSOLE_PORT: String(port), VIGIE_CONSOLE_HOST: '127.0.0.1', DATABASE_URL: '', VIGIE_AUDIT_SQLITE: notDb,
        KAFKA_BROKERS: '127.0.0.1:1', VIGIE_CONFIG: '', VIGIE_LOG_LEVEL: 'info', VIGIE_LOG_FORMAT: 'json', VIGIE_LOG_FILE: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    const [code, signal] = await exited(child, 20_000);
    assert.equal(signal, null, `exited by itself (not killed after 20 s): ${stderr}`);
    assert.equal(code, 1);
    assert.match(stderr, /not a database/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
