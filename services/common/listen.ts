/**
 * `server.listen` for the services' ports, with the usual operator mistakes (a port already taken, a privileged port,
 * an address this machine does not have) turned into one line naming the settings to change, instead of Node's
 * stack trace (round 42: a second classifier, sink or console on a taken port printed `Error: listen EADDRINUSE` and
 * four lines of Node internals).
 */
import type { Server } from 'node:net';
import { ConfigError } from '../contracts/errors.js';
import { urlHost } from './listen-host.js';

const EXPLAINED: Record<string, string> = {
  EADDRINUSE: 'the port is already in use (another process listens on it)',
  EACCES: 'not allowed to listen on it (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'this machine has no such address',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve',
};

/** The error to throw for a failed listen: a ConfigError naming the settings when the cause is one of EXPLAINED, else the error itself. */
export function listenError(err: unknown, host: string, port: number, settings: string): unknown {
  const why = EXPLAINED[(err as NodeJS.ErrnoException | null)?.code ?? ''];
  return why ? new ConfigError([`cannot listen on ${urlHost(host)}:${port} (${settings}): ${why}`]) : err;
}

/** Listens, or rejects with listenError's error. */
export function listenOn(server: Server, port: number, host: string, settings: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, host, port, settings)));
    server.listen(port, host, () => resolve());
  });
}
