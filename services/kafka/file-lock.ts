import { openSync, closeSync, writeSync, readFileSync, unlinkSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { VigieError } from '../contracts/errors.js';

/**
 * An exclusive lock between processes on one machine: a file created with O_EXCL holding the owner's
 * pid. A lock whose owner process is gone is stale and taken over, so a crashed test run never blocks
 * the next one. Used so that several test processes calling ensureLocalBroker() at once start ONE broker.
 */
export async function withFileLock<T>(path: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(path);
      if (owner !== undefined && !processAlive(owner)) {
        try { unlinkSync(path); } catch { /* another waiter removed it first */ }
        continue;
      }
      if (Date.now() > deadline) {
        throw new VigieError(`timed out after ${timeoutMs} ms waiting for lock ${path} (held by pid ${owner ?? '?'})`, { retriable: true });
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    try { unlinkSync(path); } catch { /* already gone */ }
  }
}

function readOwner(path: string): number | undefined {
  try {
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** True if a process with this pid exists (signal 0 checks without signalling). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
