/**
 * Broker connection failures, logged for a person: while a broker is away every client (admin, consumer,
 * producers) fails on each retry of its backoff, dozens of times a minute. The first failure per broker is a
 * warning (`kafka.broker_failed`), the repeats are counted and summarised in one warning per `summaryMs`
 * (`kafka.broker_unreachable`: attempts, for how long), and the first connection afterwards says the broker
 * is back (`kafka.broker_recovered`). Repeats in between are debug lines.
 */
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';

export const BROKER_FAILURE_SUMMARY_MS = 30_000;

interface Outage { since: number; attempts: number; lastSummaryAt: number; attemptsAtSummary: number }

export class BrokerFailureLog {
  readonly #outages = new Map<string, Outage>();

  constructor(private readonly log: Logger, private readonly summaryMs = BROKER_FAILURE_SUMMARY_MS, private readonly now: () => number = Date.now) {}

  failed(broker: string, role: string, err: unknown): void {
    const t = this.now();
    const o = this.#outages.get(broker);
    if (!o) {
      this.#outages.set(broker, { since: t, attempts: 1, lastSummaryAt: t, attemptsAtSummary: 1 });
      this.log.warn({ event: EVENTS.KAFKA_BROKER_FAILED, broker, role, err },
        `broker connection failed; retrying (repeats summarised every ${Math.round(this.summaryMs / 1000)} s)`);
      return;
    }
    o.attempts++;
    if (t - o.lastSummaryAt < this.summaryMs) {
      this.log.debug({ event: EVENTS.KAFKA_BROKER_FAILED, broker, role, attempts: o.attempts, err }, 'broker connection failed again');
      return;
    }
    const recent = o.attempts - o.attemptsAtSummary;
    o.lastSummaryAt = t;
    o.attemptsAtSummary = o.attempts;
    this.log.warn({ event: EVENTS.KAFKA_BROKER_UNREACHABLE, broker, attempts: o.attempts, downForS: Math.round((t - o.since) / 1000), err },
      `broker still unreachable: ${o.attempts} failed attempts in ${Math.round((t - o.since) / 1000)} s (${recent} since the last line)`);
  }

  connected(broker: string, role: string): void {
    const o = this.#outages.get(broker);
    if (!o) return;
    this.#outages.delete(broker);
    const s = Math.round((this.now() - o.since) / 1000);
    this.log.info({ event: EVENTS.KAFKA_BROKER_RECOVERED, broker, role, attempts: o.attempts, downForS: s },
      `broker reachable again after ${o.attempts} failed attempts over ${s} s`);
  }
}
