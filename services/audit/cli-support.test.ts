import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ConfigError } from '../contracts/errors.js';
import { cliLogger, operatorFromEnv } from './cli-support.js';

test('vigie console and the one-shot commands log to VIGIE_LOG_FILE (JSON lines) when it is set', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'ops20-cli-log-')), 'console.log');
  cliLogger({ VIGIE_LOG_FILE: file, VIGIE_LOG_LEVEL: 'info', VIGIE_LOG_FORMAT: 'pretty' }, 'console').info({ user: 'bob' }, 'console login failed');
  const line = JSON.parse(readFileSync(file, 'utf8').trim()) as { svc: string; msg: string; user: string };
  assert.deepEqual([line.svc, line.msg, line.user], ['console', 'console login failed', 'bob']);
});

test('the operator of the access log: VIGIE_OPERATOR, else the login name, else the fallback; never a control character (review of ops48)', () => {
  assert.equal(operatorFromEnv({ VIGIE_OPERATOR: ' opname ', USER: 'root' }), 'opname');
  assert.equal(operatorFromEnv({ VIGIE_OPERATOR: '', USER: 'ana' }, () => 'root'), 'ana');
  assert.equal(operatorFromEnv({}, () => 'root'), 'root');
  assert.equal(operatorFromEnv({ VIGIE_OPERATOR: 'jean pierre' }), 'jean pierre');
  // Printed by `vigie audit access-log` as stored: a newline forged a second entry, an escape drove the terminal.
  for (const bad of ['mallory\n7\t2026-01-01T00:00:00.000Z\tcli:alice', 'x\u001b[2K\r', 'a\tb', 'x\u202eevil']) {
    assert.throws(() => operatorFromEnv({ VIGIE_OPERATOR: bad }, () => 'root'), (err: unknown) => err instanceof ConfigError && /control character/.test(err.message), JSON.stringify(bad));
  }
  assert.throws(() => operatorFromEnv({ USER: 'bob\n' + 'x' }), ConfigError, 'a login name too');
});
