import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';
import { testFreezeDue, warnTestFreezeSet } from './test-freeze.js';

function recorder() {
  const lines: Record<string, unknown>[] = [];
  const log = { warn: (o: Record<string, unknown>) => { lines.push(o); } } as unknown as Logger;
  return { log, lines };
}

test('testFreezeDue: unset or absent: false; a file: true, removed, logged as test.hook (not worker.no_progress)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-freeze-'));
  try {
    const { log, lines } = recorder();
    assert.equal(testFreezeDue(undefined, log), false);
    const file = join(dir, 'freeze');
    assert.equal(testFreezeDue(file, log), false);
    writeFileSync(file, '');
    assert.equal(testFreezeDue(file, log), true);
    assert.equal(existsSync(file), false, 'removed: the test\'s acknowledgement');
    assert.ok(lines.length > 0 && lines.every((l) => l.event === EVENTS.TEST_HOOK), JSON.stringify(lines));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('testFreezeDue: a directory at the path does not throw (it runs in the worker\'s 1 s timer)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-freeze-'));
  try {
    const { log, lines } = recorder();
    const path = join(dir, 'freeze');
    mkdirSync(path);
    assert.equal(testFreezeDue(path, log), true);
    assert.ok(lines.some((l) => typeof l.err === 'string'), 'the failed removal is logged');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('warnTestFreezeSet: one warning when the hook is set, nothing otherwise', () => {
  const { log, lines } = recorder();
  warnTestFreezeSet(undefined, log);
  assert.equal(lines.length, 0);
  warnTestFreezeSet('/tmp/x', log);
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.event, EVENTS.TEST_HOOK);
});
