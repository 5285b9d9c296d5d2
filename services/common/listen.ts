/**
 * `server.listen` for the services' ports, with the usual operator mistakes (a port already taken, a privileged port,
 * an address this machine does not have) turned into one line naming the settings to change, instead of Node's
 * stack trace (round 42: a second classifier, sink or console on a taken port printed `Error: listen EADDRINUSE` and
 * four lines of Node internals).
 */
import type { Server } from 'node:net';
import { ConfigError } from '../contracts/errors.js';
import { urlHost } from './listen-host.js';

/** Why a listen failed, and which setting to change for it. */
const EXPLAINED: Record<string, { why: string; change: 'host' | 'port'; to: string }> = {
  EADDRINUSE: { why: 'the port is already in use (another process listens on it)', change: 'port', to: 'a free port' },
  EACCES: { why: 'not allowed to listen on it (ports below 1024 need privileges)', change: 'port', to: 'a port from 1024 up' },
  EADDRNOTAVAIL: { why: 'this machine has no such address', change: 'host', to: 'an address of this machine' },
  ENOTFOUND: { why: 'the host name does not resolve', change: 'host', to: 'an address of this machine' },
  EAI_AGAIN: { why: 'the host name does not resolve', change: 'host', to: 'an address of this machine' },
};

/** The variables that chose the address, e.g. `{ host: 'VIGIE_CLASSIFIER_HTTP_HOST', port: 'VIGIE_CLASSIFIER_HTTP_PORT' }`. */
export interface ListenSettings { host: string; port: string }

/**
 * A listen that failed for a reason the operator fixes in the configuration. Its message is ONE line naming the address,
 * the cause and the variable to change (stop 51: it was "invalid configuration:" then the problem on a second line).
 */
export class ListenError extends ConfigError {
  readonly code: string;
  constructor(problem: string, code: string) {
    super([problem]);
    this.message = problem;
    this.code = code;
  }
}

/** The error to throw for a failed listen: a ListenError naming the setting to change when the cause is one of EXPLAINED, else the error itself. */
export function listenError(err: unknown, host: string, port: number, settings: ListenSettings): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  const e = EXPLAINED[code];
  return e ? new ListenError(`cannot listen on ${urlHost(host)}:${port}: ${e.why}; set ${settings[e.change]} to ${e.to}`, code) : err;
}

/** Listens, or rejects with listenError's error. */
export function listenOn(server: Server, port: number, host: string, settings: ListenSettings): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, host, port, settings)));
    server.listen(port, host, () => resolve());
  });
}
