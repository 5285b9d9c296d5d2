/**
 * Opening the audit store at a service's start (the audit sink, the console): a database still starting, or away,
 * is waited for with backoff and one warning, not an exit; a refusal that waiting cannot mend (a wrong password, a
 * store newer than this build) is thrown at once; a stop signal during the wait ends it (null).
 */
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';
import { abortableSleep } from '../kafka/startup-wait.js';

export interface StoreWaitOptions {
  /** First pause after a failure, doubled up to maxMs. */
  initialMs: number;
  maxMs: number;
  /** Aborted by SIGTERM/SIGINT: the wait ends, open returns null. */
  signal: AbortSignal;
  /** Who waits, for the log line: `the audit sink`, `the console`. */
  who: string;
  sleep?: (ms: number, signal: AbortSignal) => Promise<unknown>;
}

/**
 * `open()` until it succeeds; a retriable failure (`retriable: true`: a connection refused, a timeout) is logged once
 * (`audit_store.waiting`, warn, the reason without the password) and retried; another one is thrown. Null when
 * `signal` aborts first (nothing opened).
 */
export async function openStoreWaiting<S>(open: () => Promise<S>, log: Logger, o: StoreWaitOptions): Promise<S | null> {
  const sleep = o.sleep ?? abortableSleep;
  let logged = false;
  for (let wait = o.initialMs; !o.signal.aborted; wait = Math.min(wait * 2, o.maxMs)) {
    try {
      return await open();
    } catch (err) {
      if (!(err as { retriable?: boolean }).retriable) throw err;
      if (!logged) log.warn({ event: EVENTS.AUDIT_STORE_WAITING, err: (err as Error).message }, `audit store unavailable at start: ${(err as Error).message}; ${o.who} waits for it with backoff (DATABASE_URL)`);
      logged = true;
      await sleep(wait, o.signal);
    }
  }
  return null;
}
