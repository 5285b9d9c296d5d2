/**
 * Broker connection failures, logged for a person: while a broker is away every client (admin, consumer,
 * producers) fails on each retry of its backoff, dozens of times a minute. Per broker, at most one warning
 * per `summaryMs` whatever happens: the first failure (`kafka.broker_failed`), then summaries of the repeats
 * (`kafka.broker_unreachable`: attempts, for how long, how many recoveries in between when the connection
 * flaps, and the last error's cause). `kafka.broker_recovered` (info) says the broker is back, also at most
 * once per `summaryMs`. Repeats in between are debug lines. An outage with no failure for `summaryMs` is
 * over (the clients may have moved to other brokers without a connect event here): a later failure starts a
 * new one, with a new first warning.
 */
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';
import { errorChain } from './client-options.js';

export const BROKER_FAILURE_SUMMARY_MS = 30_000;

interface Outage {
  since: number;
  attempts: number;
  recoveries: number;
  /** The broker answered since its last failure. */
  up: boolean;
  /** Last failure or recovery: an outage quiet for `summaryMs` has expired. */
  lastEventAt: number;
  lastWarnAt: number;
  attemptsAtWarn: number;
  lastRecoveredLogAt: number;
  cause: string | undefined;
}

/** The error's messages, outermost first ("Connection to h:p failed. <- connect ECONNREFUSED h:p"). */
function causeOf(err: unknown): string | undefined {
  if (err === null || err === undefined) return undefined;
  const chain = errorChain(err);
  return chain.length ? chain.join(' <- ') : String(err);
}

/** Every broker this client has talked to is failing: what /readyz reports (stop 51). */
export interface BrokersOutage {
  /** When the last broker still answering failed (ms, the `now` clock). */
  since: number;
  brokers: string[];
  /** The last error's messages, outermost first. */
  cause: string | undefined;
}

export class BrokerFailureLog {
  readonly #outages = new Map<string, Outage>();
  /**
   * Per broker: answering (its last event a connect) or not (a failure). Unlike #outages, not expired by time (a healthy
   * connection has no event for hours), but a broker absent from the cluster's latest metadata is dropped (metadata()).
   */
  readonly #up = new Map<string, boolean>();
  #allDownSince: number | null = null;
  #lastCause: string | undefined;

  constructor(private readonly log: Logger, private readonly summaryMs = BROKER_FAILURE_SUMMARY_MS, private readonly now: () => number = Date.now) {}

  failed(broker: string, role: string, err: unknown): void {
    const t = this.now();
    const cause = causeOf(err);
    this.#up.set(broker, false);
    this.#lastCause = cause ?? this.#lastCause;
    if (this.#allDownSince === null && [...this.#up.values()].every((up) => !up)) this.#allDownSince = t;
    let o = this.#outages.get(broker);
    if (o && t - o.lastEventAt > this.summaryMs) { this.#outages.delete(broker); o = undefined; }
    if (!o) {
      this.#outages.set(broker, { since: t, attempts: 1, recoveries: 0, up: false, lastEventAt: t, lastWarnAt: t, attemptsAtWarn: 1, lastRecoveredLogAt: -Infinity, cause });
      this.log.warn({ event: EVENTS.KAFKA_BROKER_FAILED, broker, role, cause },
        `broker connection failed; retrying (repeats summarised every ${Math.round(this.summaryMs / 1000)} s)`);
      return;
    }
    o.attempts++;
    o.up = false;
    o.lastEventAt = t;
    o.cause = cause ?? o.cause;
    if (t - o.lastWarnAt < this.summaryMs) {
      this.log.debug({ event: EVENTS.KAFKA_BROKER_FAILED, broker, role, attempts: o.attempts, cause }, 'broker connection failed again');
      return;
    }
    const recent = o.attempts - o.attemptsAtWarn;
    const downForS = Math.round((t - o.since) / 1000);
    o.lastWarnAt = t;
    o.attemptsAtWarn = o.attempts;
    const what = o.recoveries ? `broker connection unstable: ${o.attempts} failed attempts and ${o.recoveries} recoveries in ${downForS} s`
      : `broker still unreachable: ${o.attempts} failed attempts in ${downForS} s`;
    this.log.warn({ event: EVENTS.KAFKA_BROKER_UNREACHABLE, broker, attempts: o.attempts, recoveries: o.recoveries, downForS, cause: o.cause },
      `${what} (${recent} since the last line)`);
  }

  connected(broker: string, role: string): void {
    const t = this.now();
    this.#up.set(broker, true);
    this.#allDownSince = null;
    const o = this.#outages.get(broker);
    if (!o) return;
    if (t - o.lastEventAt > this.summaryMs) { this.#outages.delete(broker); return; }
    if (o.up) return;
    // Kept for `summaryMs`: a failure soon after (a flapping connection) is counted, not warned about again.
    o.up = true;
    o.recoveries++;
    o.lastEventAt = t;
    const s = Math.round((t - o.since) / 1000);
    if (t - o.lastRecoveredLogAt < this.summaryMs) {
      this.log.debug({ event: EVENTS.KAFKA_BROKER_RECOVERED, broker, role, attempts: o.attempts, downForS: s }, 'broker reachable again');
      return;
    }
    o.lastRecoveredLogAt = t;
    this.log.info({ event: EVENTS.KAFKA_BROKER_RECOVERED, broker, role, attempts: o.attempts, downForS: s },
      `broker reachable again after ${o.attempts} failed attempts over ${s} s`);
  }

  /**
   * The brokers of the cluster's latest metadata (`host:port`): a broker met that is not among them is forgotten (stop
   * 52: a broker removed from the cluster while up stayed "answering" for ever, and hid every later full outage from
   * /readyz). A bootstrap address that is not a broker's own (a load balancer's name) is forgotten too, until met again.
   * An empty list (no broker in the answer) changes nothing. A metadata answer is itself a broker answering: an outage
   * is not started here, only by a failure (failed()).
   */
  metadata(brokers: readonly string[]): void {
    if (!brokers.length) return;
    const current = new Set(brokers);
    for (const b of [...this.#up.keys()]) if (!current.has(b)) this.#up.delete(b);
    if (this.#up.size === 0 || [...this.#up.values()].some((up) => up)) this.#allDownSince = null;
  }

  /**
   * An outage the client knows of: its last event with EVERY broker it has met is a failure (one broker of three down
   * is no outage: leadership moves to the others). Null once any of them connects again.
   */
  outage(): BrokersOutage | null {
    if (this.#allDownSince === null) return null;
    return { since: this.#allDownSince, brokers: [...this.#up.keys()].sort(), cause: this.#lastCause };
  }
}

/**
 * A service's /readyz during a broker outage it knows of: not ready, with the reason (stop 51: the classifier and the
 * sink answered 200 for the whole outage; nothing is routed to them, but a dashboard or a rollout waiting on readiness
 * took them for working). Null when there is no outage.
 */
export function outageUnready(o: BrokersOutage | null, now: number): { reason: string; outage: { brokers: string[]; downForS: number; cause: string | undefined } } | null {
  if (!o) return null;
  const downForS = Math.max(0, Math.round((now - o.since) / 1000));
  return { reason: `Kafka unreachable for ${downForS} s (every broker met is failing)`, outage: { brokers: o.brokers, downForS, cause: o.cause } };
}
