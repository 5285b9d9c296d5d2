/**
 * A misspelt VIGIE_ variable was ignored without a word (its default stayed in force: VIGIE_AUDIT_RETENTON_DAYS=30
 * left the 365-day retention). Every command now warns on stderr, naming the closest known variable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), 'main.js');

test('an unknown VIGIE_ variable is warned about with the closest known name; known ones and Kubernetes service links are not', () => {
  const r = spawnSync(process.execPath, [MAIN, 'rules', 'check'], {
    env: { ...process.env, VIGIE_CONFIG: '', VIGIE_AUDIT_RETENTON_DAYS: '30', VIGIE_FOO: '1', VIGIE_AUDIT_RETENTION_DAYS: '365',
      VIGIE_CONSOLE_SERVICE_HOST: '10.0.0.7', VIGIE_CONSOLE_PORT_8080_TCP: 'tcp://10.0.0.7:8080' },
    encoding: 'utf8', timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const warnings = r.stderr.split('\n').filter((l) => l.startsWith('vigie: warning:'));
  assert.deepEqual(warnings, [
    'vigie: warning: VIGIE_AUDIT_RETENTON_DAYS is not a Vigie setting and is ignored (did you mean VIGIE_AUDIT_RETENTION_DAYS?)',
    'vigie: warning: VIGIE_FOO is not a Vigie setting and is ignored',
  ]);
});

test('a usage error prints the error and one line naming the help, not the whole help (ops43: 40+ lines scrolled the error away)', () => {
  const r = spawnSync(process.execPath, [MAIN, 'evidence', 'export', '--user', 'u-1', '--out', '/tmp/x'],
    { env: { ...process.env, VIGIE_CONFIG: '' }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 2, r.stderr);
  const lines = r.stderr.trimEnd().split('\n').filter((l) => !l.startsWith('vigie: warning:'));
  assert.deepEqual(lines, [
    'vigie evidence export: --reference REF is required (the legal-request reference, written to the access log)',
    "see 'vigie evidence export --help'",
  ]);
});
