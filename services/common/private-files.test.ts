import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from './logger.js';
import { closeDirToOthers, ensurePrivateDir, ensurePrivateFile } from './private-files.js';

const mode = (p: string) => statSync(p).mode & 0o777;

/** Runs fn under a permissive umask (022, the usual default), restoring the process's own afterwards. */
function withUmask022<T>(fn: (dir: string) => T): T {
  const old = process.umask(0o022);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-private-'));
  try { return fn(dir); } finally { process.umask(old); rmSync(dir, { recursive: true, force: true }); }
}

test('a new private file is 0600 in new 0700 folders; an existing one loses its "other" bits; an existing folder is left alone', { skip: process.platform === 'win32' }, () => {
  withUmask022((dir) => {
    const f = join(dir, 'a', 'b', 'store.sqlite');
    ensurePrivateFile(f);
    assert.equal(mode(f), 0o600);
    assert.equal(mode(join(dir, 'a')), 0o700);
    assert.equal(mode(join(dir, 'a', 'b')), 0o700);
    const old = join(dir, 'old.log');
    writeFileSync(old, 'x');
    chmodSync(old, 0o644);
    ensurePrivateFile(old);
    assert.equal(mode(old), 0o640);
    const shared = join(dir, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    ensurePrivateDir(shared);
    ensurePrivateFile(join(shared, 'x.log'));
    assert.equal(mode(shared), 0o777, 'an existing folder (e.g. /tmp) is never changed');
    assert.equal(mode(join(shared, 'x.log')), 0o600);
  });
});

test('VIGIE_LOG_FILE is created owner-only (0600), not world-readable under umask 022', { skip: process.platform === 'win32' }, () => {
  withUmask022((dir) => {
    const file = join(dir, 'logs', 'vigie.log');
    const log = createLogger({ file, name: 't' });
    log.info({ user: 'ana' }, 'console login');
    log.flush();
    assert.equal(mode(file), 0o600);
    assert.equal(mode(join(dir, 'logs')), 0o700);
  });
});

// As root a regression would chmod this machine's real /dev/null (0660 breaks every other user's programs); as
// any other user it would throw EPERM, which this test catches. The FIFO case below covers "not a regular file" as root too.
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
test('review S3: /dev/null keeps its mode and nothing throws', { skip: process.platform === 'win32' ? 'POSIX only' : asRoot ? 'as root a regression would chmod the real /dev/null' : false }, () => {
  const devNull = mode('/dev/null');
  assert.doesNotThrow(() => ensurePrivateFile('/dev/null'));
  assert.equal(mode('/dev/null'), devNull, '/dev/null is no regular file: never chmodded');
});

test('review S3: a symlink onto a shared file, another user\'s file and a FIFO keep their modes, and nothing throws', { skip: process.platform === 'win32' }, () => {
  withUmask022((dir) => {
    const target = join(dir, 'shared.log');
    writeFileSync(target, 'x');
    chmodSync(target, 0o666);
    const link = join(dir, 'link.log');
    symlinkSync(target, link);
    // Owned by this user and regular once followed: closed to others through the descriptor, the link itself untouched.
    ensurePrivateFile(link);
    assert.equal(mode(target), 0o660);
    // Another user's file: seen through a stubbed geteuid, left as it is and no EPERM thrown.
    chmodSync(target, 0o666);
    const real = process.geteuid;
    process.geteuid = () => (real!.call(process) + 1);
    try {
      assert.doesNotThrow(() => ensurePrivateFile(target));
      assert.equal(mode(target), 0o666, 'a file of another user is not chmodded');
    } finally {
      process.geteuid = real;
    }
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    chmodSync(fifo, 0o666);
    ensurePrivateFile(fifo);
    assert.equal(mode(fifo), 0o666, 'a FIFO is opened without blocking and left alone');
  });
});

test('closeDirToOthers: an own folder loses its "other" bits; a symlink to a folder, a file and a missing path are left alone', { skip: process.platform === 'win32' }, () => {
  const parent = mkdtempSync(join(tmpdir(), 'vigie-close-dir-'));
  try {
    const dir = join(parent, 'data');
    mkdirSync(dir); chmodSync(dir, 0o2757);
    assert.equal(closeDirToOthers(dir), true);
    assert.equal(statSync(dir).mode & 0o7777, 0o750, 'only the "other" bits go (setgid with them: the broker kept st.mode & 0o770)');
    assert.equal(closeDirToOthers(dir), false, 'nothing left to close');
    const target = join(parent, 'shared'); mkdirSync(target); chmodSync(target, 0o777);
    const link = join(parent, 'link'); symlinkSync(target, link);
    assert.equal(closeDirToOthers(link), false);
    assert.equal(statSync(target).mode & 0o777, 0o777, 'never chmod through a symlink');
    const file = join(parent, 'f'); writeFileSync(file, ''); chmodSync(file, 0o644);
    assert.equal(closeDirToOthers(file), false);
    assert.equal(statSync(file).mode & 0o777, 0o644);
    assert.equal(closeDirToOthers(join(parent, 'missing')), false);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('round 42: a folder under /proc (mkdir answers ENOENT under an existing parent) throws at once; Node\'s recursive mkdir spun for ever', { skip: process.platform !== 'linux' }, () => {
  // In a child with a time limit: the old loop was synchronous, so no timer of this process could end it.
  const script = `import('${new URL('./private-files.js', import.meta.url).href}').then((m) => { try { m.ensurePrivateDir('/proc/vigie-ops42-test/data'); console.log('created'); } catch (e) { console.log(e.code); } })`;
  const out = execFileSync(process.execPath, ['-e', script], { timeout: 20_000, encoding: 'utf8' });
  assert.equal(out.trim(), 'ENOENT');
});

test('round 42: missing parents are created level by level, the last one 0700', { skip: process.platform === 'win32' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-levels-'));
  try {
    const leaf = join(dir, 'a', 'b', 'c');
    ensurePrivateDir(leaf);
    assert.equal(statSync(leaf).mode & 0o777, 0o700);
    writeFileSync(join(leaf, 'f'), '');
    assert.throws(() => ensurePrivateDir(join(leaf, 'f', 'x')), /ENOTDIR/, 'a folder under a file');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a level created by another process between the check and the mkdir (two services starting on a new data folder) is no error', { skip: process.platform === 'win32' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-race-'));
  mkdirSync(join(dir, 'a', 'b'), { recursive: true });
  writeFileSync(join(dir, 'a', 'file'), '');
  // existsSync answering "absent" for what exists is what a concurrent creator looks like from here.
  const real = fs.existsSync;
  fs.existsSync = (p: fs.PathLike) => (String(p).startsWith(dir) ? false : real(p));
  syncBuiltinESMExports();
  try {
    ensurePrivateDir(join(dir, 'a', 'b', 'c'));
    assert.equal(mode(join(dir, 'a', 'b', 'c')), 0o700);
    assert.throws(() => ensurePrivateDir(join(dir, 'a', 'file')), /EEXIST/, 'a file in the way is still an error');
  } finally {
    fs.existsSync = real;
    syncBuiltinESMExports();
    rmSync(dir, { recursive: true, force: true });
  }
});
