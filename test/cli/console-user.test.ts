// `vigie console user …` as run from a shell (SQLite store, no broker): who the access log names, and a password read
// from stdin with trailing whitespace refused (the login compares exact bytes: `echo 'pw '` would lock the user out).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { listAccess, logAccess } from '../../services/audit/access-log.js';
import { compileAuditStoreOptions } from '../../services/audit/options.js';
import { AuditStore } from '../../services/audit/store.js';
import { authenticate } from '../../services/console/accounts.js';
import { silentLog } from '../support/audit.js';

const MAIN = join(process.cwd(), 'dist/services/cli/main.js');

test('vigie console user: logged as cli:$VIGIE_OPERATOR with the OS account; a password with trailing whitespace or an invisible character refused; a blank or long VIGIE_OPERATOR refused', async () => {
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
    // Pasted with a zero-width space (or a byte-order mark): invisible, and no login could type it (stop 49).
    for (const [pw, cp] of [['zed-pass\u200bword-2', 'U+200B'], ['\ufeffzed-password-2', 'U+FEFF'], ['zed-password-2\u2060', 'U+2060']] as const) {
      const hidden = run(['password', 'zed'], `${pw}\n`, { VIGIE_OPERATOR: 'opname' });
      assert.equal(hidden.status, 1, cp);
      assert.match(hidden.stderr, new RegExp(`invisible character \\(${cp.replace('+', '\\+')}`), cp);
      assert.ok(!hidden.stderr.includes('zed-pass'), 'the password is not echoed');
    }
    // VIGIE_OPERATOR of spaces only, or too long: refused, not the shared login name (stop 49).
    const blank = run(['disable', 'zed'], '', { VIGIE_OPERATOR: '   ', USER: 'shared' });
    assert.equal(blank.status, 1);
    assert.match(blank.stderr, /VIGIE_OPERATOR has only spaces/);
    const long = run(['disable', 'zed'], '', { VIGIE_OPERATOR: 'o'.repeat(65) });
    assert.equal(long.status, 1);
    assert.match(long.stderr, /65 characters, at most 64/);
    const store = await AuditStore.open(compileAuditStoreOptions({ sqlitePath }), silentLog);
    try {
      assert.ok(await authenticate(store.db, 'zed', 'zed-password-1'), 'the password is still the first one');
      assert.equal(await authenticate(store.db, 'zed', 'zed-password-2 '), null);
      assert.deepEqual((await listAccess(store.db, { what: 'account-change' })).map((e) => [e.operator, e.role, e.detail]),
        [['cli:opname', null, `add zed role moderator; os account ${userInfo().username}`]], 'VIGIE_OPERATOR set: the OS account that ran it is recorded too');
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
