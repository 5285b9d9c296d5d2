// `vigie console user …` as run from a shell (SQLite store, no broker): who the access log names, and a password read
// from stdin with trailing whitespace refused (the login compares exact bytes: `echo 'pw '` would lock the user out).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listAccess } from '../../services/audit/access-log.js';
import { compileAuditStoreOptions } from '../../services/audit/options.js';
import { AuditStore } from '../../services/audit/store.js';
import { authenticate } from '../../services/console/accounts.js';
import { silentLog } from '../support/audit.js';

const MAIN = join(process.cwd(), 'dist/services/cli/main.js');

test('vigie console user: logged as cli:$VIGIE_OPERATOR, as the audit commands; a password with trailing whitespace refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-console-user-'));
  const sqlitePath = join(dir, 'audit.sqlite');
  const run = (args: string[], input: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [MAIN, 'console', 'user', ...args], { env: { ...process.env, VIGIE_AUDIT_SQLITE: sqlitePath, ...env }, input, encoding: 'utf8', timeout: 60_000 });
  try {
    const added = run(['add', 'zed', '--role', 'moderator'], 'zed-password-1\n', { VIGIE_OPERATOR: 'opname' });
    assert.equal(added.status, 0, added.stderr);
    const spaced = run(['password', 'zed'], 'zed-password-2 \n', { VIGIE_OPERATOR: 'opname' });
    assert.notEqual(spaced.status, 0, 'refused');
    assert.match(spaced.stderr, /starts or ends with a space or tab/);
    const store = await AuditStore.open(compileAuditStoreOptions({ sqlitePath }), silentLog);
    try {
      assert.ok(await authenticate(store.db, 'zed', 'zed-password-1'), 'the password is still the first one');
      assert.equal(await authenticate(store.db, 'zed', 'zed-password-2 '), null);
      assert.deepEqual((await listAccess(store.db, { what: 'account-change' })).map((e) => [e.operator, e.role, e.detail]),
        [['cli:opname', null, 'add zed role moderator']]);
    } finally { await store.close(); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
