/**
 * Start in any order (issue 12): a service waits, with backoff and one clear log line per change of
 * state, until the broker answers and its topics exist; an error no wait can cure (authentication
 * refused, access denied) ends the wait at once as a non-retriable KafkaIoError naming the cause.
 */
import type { Admin } from '@platformatic/kafka';
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';
import { KafkaIoError } from '../contracts/errors.js';
import { errorChain } from './client-options.js';
import { errorTree, MAX_ERROR_DEPTH } from './error-tree.js';
import { listTopics } from './admin.js';

/** Broker answers that no retry can change: bad credentials, missing ACLs, a mechanism the broker does not offer. */
const FATAL_IDS = new Set([
  'SASL_AUTHENTICATION_FAILED', 'UNSUPPORTED_SASL_MECHANISM', 'ILLEGAL_SASL_STATE', 'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED', 'CLUSTER_AUTHORIZATION_FAILED', 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
]);

/**
 * True when an error (or one it aggregates or wraps) is an authentication or authorization refusal. One walk over the
 * error's tree (error-tree.ts), each error read once: it was a walk of its own that walked each error's whole subtree
 * again for its broker ids at every level.
 */
export function isFatalKafkaError(err: unknown): boolean {
  // Twice the usual depth, as before the one walker: this check went 6 levels down and asked brokerErrorIds (6 more) at each.
  for (const e of errorTree(err, 2 * MAX_ERROR_DEPTH)) {
    if (e.code === 'PLT_KFK_AUTHENTICATION') return true;
    const id = e.apiId; // read once: a getter (or a proxy) is asked once per error
    if (typeof id === 'string' && FATAL_IDS.has(id)) return true;
  }
  return false;
}

export interface WaitOptions {
  /** First wait between attempts; doubled up to maxMs. Defaults 200 ms and 10 s. */
  initialMs?: number;
  maxMs?: number;
  /** Stops waiting (resolves false) when this returns true, e.g. on SIGTERM. */
  cancelled?: () => boolean;
  /**
   * Ends the wait at once (resolves false) when aborted: the backoff sleep and a broker request in flight
   * (the client library retries it for seconds on its own) are not waited for.
   */
  signal?: AbortSignal;
}

export const ABORTED: unique symbol = Symbol('aborted');

/** `p`, or ABORTED as soon as `signal` aborts (p's outcome is then ignored). */
export function unlessAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof ABORTED> {
  if (!signal) return p;
  if (signal.aborted) { p.catch(() => undefined); return Promise.resolve(ABORTED); }
  return new Promise<T | typeof ABORTED>((resolve, reject) => {
    const onAbort = () => { p.catch(() => undefined); resolve(ABORTED); };
    signal.addEventListener('abort', onAbort, { once: true });
    p.then((v) => { signal.removeEventListener('abort', onAbort); resolve(v); }, (err: unknown) => { signal.removeEventListener('abort', onAbort); reject(err); });
  });
}

/** Sleeps `ms`; resolves early (false) when `signal` aborts. */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const r = await unlessAborted(new Promise<void>((res) => { timer = setTimeout(res, ms); }), signal);
  clearTimeout(timer);
  return r !== ABORTED;
}

/**
 * The `kafka.waiting` line: what is waited for and what to do (stop 54: "waiting for Kafka (broker unreachable: ...);
 * retrying with backoff" on a terminal said neither which setting to check nor how topics are made).
 */
export function waitingMessage(state: string): string {
  const todo = state.startsWith('topics missing')
    ? 'create them with `vigie topics create` (same VIGIE_TOPIC_PREFIX), or check the prefix'
    : 'check KAFKA_BROKERS and that the brokers are up';
  return `waiting for Kafka (${state}); retrying with backoff: ${todo}`;
}

/**
 * Resolves true once every topic exists, false if cancelled. Logs `kafka.waiting` when the broker is
 * unreachable or topics are missing (again only when what is missing changes), `kafka.ready` at the end.
 */
export async function waitForTopics(admin: Admin, topics: readonly string[], log: Logger, o: WaitOptions = {}): Promise<boolean> {
  let wait = o.initialMs ?? 200;
  const maxMs = o.maxMs ?? 10_000;
  let last = '';
  let waited = false;
  const stop = () => o.cancelled?.() === true || o.signal?.aborted === true;
  for (;;) {
    if (stop()) return false;
    let state: string;
    try {
      const listed = await unlessAborted(listTopics(admin), o.signal);
      if (listed === ABORTED) return false;
      const present = new Set(listed);
      const missing = topics.filter((t) => !present.has(t));
      if (!missing.length) {
        if (waited) log.info({ event: EVENTS.KAFKA_READY, topics }, 'broker reachable and topics present');
        return true;
      }
      // The listing shows only the topics this principal may describe: ask for the missing ones by name,
      // so a missing ACL (TOPIC_AUTHORIZATION_FAILED) ends the wait instead of passing for a topic not created yet.
      const meta = await unlessAborted(admin.metadata({ topics: missing, forceUpdate: true }).catch((err: unknown) => { if (isFatalKafkaError(err)) throw err; }), o.signal);
      if (meta === ABORTED) return false;
      state = `topics missing: ${missing.join(', ')}`;
    } catch (err) {
      if (stop()) return false;
      if (isFatalKafkaError(err)) throw new KafkaIoError(`Kafka refused this client: ${errorChain(err).join(' <- ')}`, { cause: err, retriable: false });
      state = `broker unreachable: ${errorChain(err).join(' <- ')}`;
    }
    if (state !== last) log.warn({ event: EVENTS.KAFKA_WAITING, state, retryInMs: wait }, waitingMessage(state));
    last = state;
    waited = true;
    if (!await abortableSleep(wait, o.signal)) return false;
    wait = Math.min(wait * 2, maxMs);
  }
}

/** True once `topic` exists, false after `ms` (or when cancelled): a short grace for a topic created by someone else. */
export async function waitForTopic(admin: Admin, topic: string, ms: number, cancelled?: () => boolean, signal?: AbortSignal): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    const listed = await unlessAborted(listTopics(admin), signal);
    if (listed === ABORTED) return false;
    if (listed.includes(topic)) return true;
    if (cancelled?.() || Date.now() >= until) return false;
    if (!await abortableSleep(Math.min(250, Math.max(1, until - Date.now())), signal)) return false;
  }
}
