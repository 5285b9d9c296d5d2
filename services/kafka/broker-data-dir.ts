/**
 * The local broker's data folder (VIGIE_KAFKA_DATA_DIR: KRaft storage, broker logs, server.properties) holds every
 * record of every topic, chat text and IP addresses included, in plain segment files: it is made owner-only. A new
 * folder is created 0700 whatever the umask; an existing one (the broker's own, `down --wipe` deletes it whole) of
 * this process's user loses its group and "other" bits, so a store made with the 0755 default of an older version is
 * closed on the next start (the folder is the broker's alone: nobody else, the group included, has a reason to read
 * its segment files). Not through a symlink, not someone else's folder; a refusal is never a reason not to start.
 */
import { mkdirSync } from 'node:fs';
import { closeDirToOthers, ensurePrivateDir } from '../common/private-files.js';

export function prepareBrokerDataDir(dataDir: string, logsDir: string): void {
  ensurePrivateDir(dataDir);
  closeDirToOthers(dataDir, true);
  mkdirSync(logsDir, { recursive: true });
}
