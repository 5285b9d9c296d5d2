// `vigie console user …` as run from a shell (SQLite store, no broker): who the access log names, and a password read
// from stdin with trailing whitespace refused (the login compares exact bytes: `echo 'pw '` would lock the user out).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listAccess, logAccess } from '../../services/audit/access-log.js';
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

test('vigie audit access-log prints one line per entry: a newline or an escape in a stored name or reference is shown escaped (review of ops48)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-access-log-'));
  const sqlitePath = join(dir, 'audit.sqlite');
  try {
    const store = await AuditStore.open(compileAuditStoreOptions({ sqlitePath }), silentLog);
    try {
      // A reference typed into the console's export form (a POST can carry a newline), as stored before the operator rule.
      await logAccess(store.db, { operator: 'cli:mallory\u001b[2K', role: null, what: 'export-evidence', caseId: 'c-1', reference: 'R-1\n2\t2026-01-01T00:00:00.000Z\tada (admin)', detail: 'console evidence.zip' }, 1);
    } finally { await store.close(); }
    const out = spawnSync(process.execPath, [MAIN, 'audit', 'access-log'], { env: { ...process.env, VIGIE_AUDIT_SQLITE: sqlitePath }, encoding: 'utf8', timeout: 60_000 });
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(out.stdout.split('\n').filter(Boolean).length, 1, out.stdout);
    assert.ok(!out.stdout.includes('\u001b'), 'no raw escape');
    assert.match(out.stdout, /cli:mallory\\u001b\[2K\texport-evidence\tcase c-1\tref R-1\\n2\\t2026/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
