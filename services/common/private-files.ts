/**
 * Files that hold personal data (the SQLite audit store: chat text, IP addresses, console password hashes;
 * evidence packages; log files: user ids, login names) are created owner-only, whatever the umask: folders
 * 0700, files 0600. An existing file keeps its owner's choice except that "other" loses every permission bit
 * (a store or log made world-readable by an older version is closed on the next start). An existing folder is
 * never changed: it may be shared (VIGIE_LOG_FILE=/tmp/vigie.log must not chmod /tmp). No effect on Windows.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = process.platform !== 'win32';

/** Removes the "other" permission bits of an existing path; returns true when it had any. */
function closeToOthers(path: string): boolean {
  if (!posix) return false;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o007) === 0) return false;
  chmodSync(path, mode & ~0o007);
  return true;
}

/** Creates the folder (and missing parents) 0700; an existing folder is left as it is. */
export function ensurePrivateDir(path: string): void {
  if (existsSync(path)) return;
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir applies the umask, which may have cleared owner bits; set the mode itself.
  if (posix) chmodSync(path, PRIVATE_DIR_MODE);
}

/**
 * Creates the file 0600 if missing (a missing folder 0700), else removes the "other" bits of the existing
 * one. The file is left empty or untouched.
 */
export function ensurePrivateFile(path: string): void {
  ensurePrivateDir(dirname(path));
  if (existsSync(path)) { closeToOthers(path); return; }
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  if (posix) chmodSync(path, PRIVATE_FILE_MODE);
}

/** The "other" bits of existing files only (e.g. SQLite's -wal and -shm companions, which SQLite creates with the main file's mode). */
export function closeExistingToOthers(paths: string[]): void {
  for (const p of paths) if (existsSync(p)) closeToOthers(p);
}
