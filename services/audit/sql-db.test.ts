import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from './sql-db.js';

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
