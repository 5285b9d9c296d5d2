import type { Kafka, KafkaMessage } from 'kafkajs';
import { deferred } from './kafka-util.js';

/**
 * A read_committed consumer (own group, from the beginning) that sees a topic's records as soon as
 * their transaction commits — the moment a downstream reader could act on a verdict. Each batch is
 * handed over with the time it arrived.
 */
export class TopicWatch {
  count = 0;
  firstAt: number | null = null;
  firstCount = 0;
  lastAt: number | null = null;
  /** (records seen so far, time) after each batch, to find when a share of the input was reached. */
  readonly marks: { count: number; at: number }[] = [];
  private waiters: { n: number; resolve: () => void }[] = [];
  private failed: unknown = null;
  private failWaiters: ((e: unknown) => void)[] = [];

  private constructor(private readonly stopFn: () => Promise<void>) {}

  static async start(kafka: Kafka, topic: string, groupId: string, onBatch?: (messages: KafkaMessage[], atMs: number) => void): Promise<TopicWatch> {
    const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 50, allowAutoTopicCreation: false });
    await consumer.connect();
    const watch = new TopicWatch(() => consumer.disconnect());
    const joined = deferred<void>();
    consumer.on(consumer.events.GROUP_JOIN, () => joined.resolve());
    consumer.on(consumer.events.CRASH, (e) => { if (!e.payload.restart) watch.fail(e.payload.error); });
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachBatch: async ({ batch }) => {
        const at = performance.now();
        const n = batch.messages.length;
        if (n === 0) return;
        onBatch?.(batch.messages, at);
        watch.count += n;
        if (watch.firstAt === null) { watch.firstAt = at; watch.firstCount = watch.count; }
        watch.lastAt = at;
        watch.marks.push({ count: watch.count, at });
        watch.wake();
      },
    });
    await joined.promise;
    return watch;
  }

  private wake(): void {
    const ready = this.waiters.filter((w) => this.count >= w.n);
    this.waiters = this.waiters.filter((w) => this.count < w.n);
    for (const w of ready) w.resolve();
  }

  private fail(e: unknown): void {
    this.failed = e;
    for (const f of this.failWaiters) f(e);
  }

  /** Time at which at least `n` records had been seen (null: not reached). */
  reachedAt(n: number): number | null {
    return this.marks.find((m) => m.count >= n)?.at ?? null;
  }

  /** Resolves once `n` records have been seen; rejects if the consumer crashes. */
  waitFor(n: number): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.count >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ n, resolve });
      this.failWaiters.push(reject);
    });
  }

  stop(): Promise<void> {
    return this.stopFn();
  }
}
