/**
 * Small Kafka plumbing the bench phases share: a quiet kafkajs client, the bench's own topics
 * (random names, created fresh, deleted at the end), and a deadline around a phase.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Consumer } from 'kafkajs';
import { VigieError } from '../contracts/errors.js';

/** What kafkajs logged during a run, kept out of the progress output. */
export interface ClientLogStats {
  /** Retries after CONCURRENT_TRANSACTIONS: a new transaction began before the coordinator finished the previous one. */
  concurrentTransactionRetries: number;
  /** Other error lines (most recent last, at most 20). */
  errors: string[];
}

/**
 * The worker's client retry settings (services/classifier-worker/kafka-client.ts), so the raw-eos
 * loop waits out a retriable error exactly as long as the worker does.
 */
export const WORKER_CLIENT_RETRY = { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 };

/** A kafkajs client whose log lines are counted, not printed: the bench's own progress goes to stderr and must stay readable. */
export function benchKafka(brokers: string[], clientId: string, stats: ClientLogStats): Kafka {
  return new Kafka({
    clientId, brokers, logLevel: logLevel.ERROR, retry: WORKER_CLIENT_RETRY,
    logCreator: () => ({ log }) => {
      // Each CONCURRENT_TRANSACTIONS response is logged twice (connection and producer); count the producer line.
      if (/concurrent operation on the same transaction/.test(log.message)) {
        if (log.message.startsWith('Failed to send')) stats.concurrentTransactionRetries++;
        return;
      }
      stats.errors.push(`${log.message}${typeof log.error === 'string' ? `: ${log.error}` : ''}`);
      if (stats.errors.length > 20) stats.errors.shift();
    },
  });
}

/** A unique name for this run's topics and groups: `<prefix>-<yyyymmddhhmmss>-<hex>`. */
export function runId(prefix: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${prefix}-${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Topics created by this run, so the end of the run can delete exactly those. */
export class BenchTopics {
  readonly created: string[] = [];
  private readonly adopted: string[] = [];
  constructor(private readonly admin: Admin, private readonly partitions: number) {}

  async create(names: string[], configEntries: { name: string; value: string }[] = []): Promise<void> {
    // kafkajs's own waitForLeaders retries LEADER_NOT_AVAILABLE only and fails on the UNKNOWN_TOPIC_OR_PARTITION
    // a fresh KRaft topic can answer with for a moment; waitForLeaders below retries both.
    const ok = await this.admin.createTopics({
      waitForLeaders: false,
      topics: names.map((topic) => ({ topic, numPartitions: this.partitions, replicationFactor: -1, configEntries })),
    });
    if (!ok) throw new VigieError(`topics already exist: ${names.join(', ')} (the bench needs fresh topics)`);
    this.created.push(...names);
    await this.waitForLeaders(names);
  }

  /** createTopics can return before every broker's metadata knows the topic; clients then see UNKNOWN_TOPIC_OR_PARTITION. */
  private async waitForLeaders(names: string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const md = await this.admin.fetchTopicMetadata({ topics: names });
        if (md.topics.every((t) => t.partitions.length === this.partitions && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
      if (Date.now() > deadline) throw new VigieError(`topics ${names.join(', ')} have no leaders after ${timeoutMs} ms`, { retriable: true });
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A topic someone else (the worker) creates during the run, to delete at the end if it exists. */
  adopt(name: string): void {
    this.adopted.push(name);
  }

  async deleteAll(): Promise<string[]> {
    const existing = new Set(await this.admin.listTopics());
    const names = [...this.created, ...this.adopted].filter((t) => existing.has(t));
    this.adopted.length = 0;
    if (names.length === 0) return [];
    await this.admin.deleteTopics({ topics: names, timeout: 30_000 });
    this.created.length = 0;
    return names;
  }
}

/** Rejects with a clear error when `work` has not settled within `ms`. */
/** `what` may be a function, so the message can say how far the phase got when the deadline passed. */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string | (() => string)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new VigieError(`${typeof what === 'function' ? what() : what}: not finished after ${Math.round(ms / 1000)} s`, { retriable: true })), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A promise with its resolve/reject exposed, for "done when the count is reached" in consumer callbacks. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

/**
 * Instruments a measuring consumer the same way for every kafkajs phase: a crash that kafkajs will not
 * restart from fails the phase at once (not at its deadline), and the measured window opens at the
 * first fetch request (as ConsumerPerformance's fetch time does; a fetch response carries every
 * partition's batch, so the first eachBatch call would open it after the first fetch finished).
 * Returns the window's start, or null before the first fetch.
 */
export function watchPhaseConsumer(consumer: Consumer, fail: (err: unknown) => void): () => number | null {
  consumer.on(consumer.events.CRASH, (e) => { if (!e.payload.restart) fail(e.payload.error); });
  let fetchStartAt: number | null = null;
  consumer.on(consumer.events.FETCH_START, () => { fetchStartAt ??= performance.now(); });
  return () => fetchStartAt;
}
