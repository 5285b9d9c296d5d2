/**
 * Files that hold personal data (the SQLite audit store: chat text, IP addresses, console password hashes;
 * evidence packages; log files: user ids, login names) are created owner-only, whatever the umask: folders
 * 0700, files 0600. An existing file keeps its owner's choice except that "other" loses every permission bit
 * (a store or log made world-readable by an older version is closed on the next start) when it is a regular
 * file of this process's user; device nodes (/dev/null), FIFOs and other users' files are left alone. An existing folder is
 * never changed: it may be shared (VIGIE_LOG_FILE=/tmp/vigie.log must not chmod /tmp). No effect on Windows.
 */
import { chmodSync, closeSync, constants, createWriteStream, existsSync, fchmodSync, fstatSync, mkdirSync, openSync, statSync, writeFileSync, type Stats, type WriteStream } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = process.platform !== 'win32';

/**
 * The mode without the bits of `closed` (default the "other" bits) when the path is this process's user's and has
 * some; null when there is nothing to change.
 */
function closedMode(st: Stats, closed = 0o007): number | null {
  const euid = typeof process.geteuid === 'function' ? process.geteuid() : -1;
  if (st.uid !== euid) return null;
  const mode = st.mode & 0o777;
  return (mode & closed) === 0 ? null : mode & ~closed;
}

/**
 * Opens `path` with `flags` and, when what opened is of the wanted kind and this process's user's, clears the `closed`
 * bits through that descriptor (what was checked is what is changed); true when it had any. A failure to open, another
 * kind, someone else's path or a refusal (EPERM, EACCES) leaves it as it is: never a reason not to start.
 */
function closeThroughDescriptor(path: string, flags: number, isKind: (st: Stats) => boolean, closed: number): boolean {
  if (!posix) return false;
  let fd: number;
  try {
    fd = openSync(path, flags);
  } catch {
    return false;
  }
  try {
    const st = fstatSync(fd);
    if (!isKind(st)) return false;
    const mode = closedMode(st, closed);
    if (mode === null) return false;
    fchmodSync(fd, mode);
    return true;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes the "other" permission bits of an existing path; returns true when it had any. Only a regular file
 * owned by this process's user is changed, through its descriptor (no chmod through a symlink onto a shared
 * file, none on /dev/null, a FIFO or someone else's file); anything else, or a refusal (EPERM, EACCES), is
 * left as it is: never a reason not to start.
 */
function closeToOthers(path: string): boolean {
  // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
  return closeThroughDescriptor(path, constants.O_RDONLY | constants.O_NONBLOCK, (st) => st.isFile(), 0o007);
}

/**
 * closeToOthers for a folder: removes the "other" bits of an existing folder owned by this process's user and
 * returns true when it had any. Not through a symlink (O_NOFOLLOW | O_DIRECTORY: a symlink, or one swapped in after a
 * check, is never followed; only a folder opens), not someone else's folder (a shared /tmp); a refusal is left as it
 * is. For a folder that only Vigie uses (the local broker's data folder). `alsoGroup` removes the group bits too (a
 * folder nobody else, the group included, has a reason to read).
 */
export function closeDirToOthers(path: string, alsoGroup = false): boolean {
  return closeThroughDescriptor(path, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW, (st) => st.isDirectory(), alsoGroup ? 0o077 : 0o007);
}

/**
 * `mkdir -p`, one level at a time from the deepest existing folder: Node's recursive mkdirSync loops for ever (full CPU,
 * SIGTERM unheard) when mkdir answers ENOENT under an existing parent, as /proc does (round 42: VIGIE_DATA_DIR=/proc/x
 * hung the audit sink). Here that mkdir's error is thrown. A level another process created meanwhile (the audit sink and
 * the console started together on a new VIGIE_DATA_DIR) is taken as it is, as the recursive mkdir did.
 */
function mkdirLevels(path: string, mode: number): void {
  const missing: string[] = [];
  for (let p = resolve(path); !existsSync(p) && dirname(p) !== p; p = dirname(p)) missing.push(p);
  for (const p of missing.reverse()) {
    try {
      mkdirSync(p, { mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(p).isDirectory()) throw err;
    }
  }
}

/** Creates the folder (and missing parents) 0700; an existing folder is left as it is. */
export function ensurePrivateDir(path: string): void {
  if (existsSync(path)) return;
  mkdirLevels(path, PRIVATE_DIR_MODE);
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

/**
 * Writes a whole file that holds chat text or investigators' data (reports, exports) the private way: a new
 * file 0600 (missing folders 0700), an existing one without its "other" bits, then replaced by `data`.
 */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  ensurePrivateFile(path);
  writeFileSync(path, data);
}

/** A write stream (truncating) onto a file made private first, as writePrivateFile. */
export function createPrivateWriteStream(path: string): WriteStream {
  ensurePrivateFile(path);
  return createWriteStream(path);
}
