import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareBrokerDataDir } from './broker-data-dir.js';

const mode = (p: string) => statSync(p).mode & 0o777;

test('prepareBrokerDataDir: a new data folder is 0700 whatever the umask; an existing one loses its group and "other" bits', { skip: process.platform === 'win32' }, () => {
  const parent = mkdtempSync(join(tmpdir(), 'vigie-broker-dir-'));
  const old = process.umask(0o022);
  try {
    const fresh = join(parent, 'fresh', 'kafka');
    prepareBrokerDataDir(fresh, join(fresh, 'logs'));
    assert.equal(mode(fresh), 0o700, 'segment files hold chat text: no other user may enter');
    const existing = join(parent, 'existing');
    mkdirSync(existing, { mode: 0o755 });
    prepareBrokerDataDir(existing, join(existing, 'logs'));
    assert.equal(mode(existing), 0o700, 'a folder left 0755 by an older version is closed on the next start');
    assert.ok(statSync(join(existing, 'logs')).isDirectory());
  } finally {
    process.umask(old);
    rmSync(parent, { recursive: true, force: true });
  }
});
