import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cliLogger } from './cli-support.js';

test('vigie console and the one-shot commands log to VIGIE_LOG_FILE (JSON lines) when it is set', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'ops20-cli-log-')), 'console.log');
  cliLogger({ VIGIE_LOG_FILE: file, VIGIE_LOG_LEVEL: 'info', VIGIE_LOG_FORMAT: 'pretty' }, 'console').info({ user: 'bob' }, 'console login failed');
  const line = JSON.parse(readFileSync(file, 'utf8').trim()) as { svc: string; msg: string; user: string };
  assert.deepEqual([line.svc, line.msg, line.user], ['console', 'console login failed', 'bob']);
});
