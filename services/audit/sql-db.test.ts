import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Writable } from 'node:stream';
import { createLogger } from '../common/logger.js';
import { TEST_PG_URL } from '../../test/support/audit.js';
import { openPostgres, openSqlite, PG_IDLE_CLIENT_ERROR } from './sql-db.js';
import { operatorFromEnv } from './operator.js';
import { ConfigError, StoreError } from '../contracts/errors.js';

// Another process (the console, a second sink) holds the new file's write lock while this one opens it: the open waits
// for the lock instead of failing with "database is locked" (the switch to WAL needs that lock).
test('openSqlite waits for another process holding the write lock of a new store file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-sqlite-lock-'));
  try {
    const path = join(dir, 'audit.sqlite');
    const holder = spawn(process.execPath, ['-e', `
      const { DatabaseSync } = require('node:sqlite');
      const db = new DatabaseSync(${JSON.stringify(path)});
      db.exec('CREATE TABLE t (x)'); db.exec('BEGIN EXCLUSIVE'); db.exec('INSERT INTO t VALUES (1)');
      process.stdout.write('locked\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 800);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('locked')) resolve(); });
      holder.on('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
    });
    const db = openSqlite(path);
    try {
      assert.deepEqual(await db.query('SELECT x FROM t'), [{ x: 1 }]);
    } finally {
      await db.close();
    }
    if (holder.exitCode === null) await new Promise((r) => holder.once('exit', r));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The store holds chat text, IP addresses and console password hashes: never world-readable, whatever the umask.
test('openSqlite creates the store owner-only: folder 0700, file, -wal and -shm 0600; an old world-readable store is closed', { skip: process.platform === 'win32' }, async () => {
  const old = process.umask(0o022);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-sqlite-mode-'));
  const mode = (p: string) => statSync(p).mode & 0o777;
  try {
    const path = join(dir, 'data', 'audit.sqlite');
    const db = openSqlite(path);
    await db.query('CREATE TABLE t (x)');
    await db.query('INSERT INTO t VALUES (1)');
    assert.equal(mode(join(dir, 'data')), 0o700);
    for (const p of [path, `${path}-wal`, `${path}-shm`]) assert.equal(mode(p), 0o600, p);
    await db.close();
    for (const p of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(p)) chmodSync(p, 0o644);
    const again = openSqlite(path);
    for (const p of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(p)) assert.equal(mode(p) & 0o007, 0, p);
    await again.close();
  } finally {
    process.umask(old);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('openSqlite on a data folder it cannot write (read-only, full, a file in the way) fails with a StoreError naming the store and its variables, not a raw fs error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-sqlite-ro-'));
  try {
    writeFileSync(join(dir, 'data'), 'not a folder');
    const path = join(dir, 'data', 'audit.sqlite');
    assert.throws(() => openSqlite(path), (err: unknown) => err instanceof StoreError && err.message.includes(path) && /VIGIE_DATA_DIR/.test(err.message) && !(err as StoreError).retriable);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an audit command without VIGIE_OPERATOR, USER or LOGNAME is a configuration error (one line), not a stack trace', () => {
  assert.throws(() => operatorFromEnv({}, () => 'root'), (err: unknown) => err instanceof ConfigError && /VIGIE_OPERATOR/.test(err.message));
  assert.equal(operatorFromEnv({ USER: 'ana' }, () => 'root').name, 'ana');
});

test('a pooled PostgreSQL connection that dies while idle is logged with an event (ops43: the line had none to grep by)', async () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write(chunk: Buffer, _e, cb) { for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>); cb(); } });
  const db = await openPostgres(TEST_PG_URL, 'public', createLogger({ level: 'info', destination: sink, format: 'json' }));
  const killer = new pg.Client({ connectionString: TEST_PG_URL });
  try {
    const pid = Number((await db.query('SELECT pg_backend_pid() AS pid'))[0]!.pid);
    await killer.connect();
    await killer.query('SELECT pg_terminate_backend($1)', [pid]);
    for (let i = 0; i < 100 && !lines.length; i++) await new Promise((r) => setTimeout(r, 50));
    const line = lines.find((l) => l.msg === 'postgres idle client error');
    assert.ok(line, JSON.stringify(lines));
    assert.equal(line.event, PG_IDLE_CLIENT_ERROR);
    assert.equal(line.event, 'postgres.idle_client_error');
  } finally {
    await killer.end();
    await db.close();
  }
});
