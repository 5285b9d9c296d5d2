import { MessagesStreamModes, type Message } from '@platformatic/kafka';
import type { KafkaClient } from '../kafka/client.js';

type WatchedMessage = Message<Buffer, Buffer, Buffer, Buffer>;

/**
 * A read_committed consumer (own group, from the beginning) that sees a topic's records as soon as
 * their transaction commits — the moment a downstream reader could act on a verdict. Records that
 * arrive together (one fetch response, emitted in one turn of the event loop) are handed over as one
 * batch with the time they arrived.
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

  static async start(kafka: KafkaClient, topic: string, groupId: string, onBatch?: (messages: WatchedMessage[], atMs: number) => void): Promise<TopicWatch> {
    const consumer = kafka.consumer({ groupId, maxWaitTimeMs: 50 });
    // consume() resolves once the group is joined.
    const stream = await consumer.consume({ topics: [topic], mode: MessagesStreamModes.EARLIEST, autocommit: false, maxWaitTime: 50 });
    const watch = new TopicWatch(async () => {
      await stream.close().catch(() => undefined);
      await consumer.close(true).catch(() => undefined);
    });
    let pending: WatchedMessage[] = [];
    const flush = (): void => {
      const batch = pending;
      pending = [];
      const at = performance.now();
      onBatch?.(batch, at);
      watch.count += batch.length;
      if (watch.firstAt === null) { watch.firstAt = at; watch.firstCount = watch.count; }
      watch.lastAt = at;
      watch.marks.push({ count: watch.count, at });
      watch.wake();
    };
    stream.on('data', (m: WatchedMessage) => {
      if (!pending.length) setImmediate(flush);
      pending.push(m);
    });
    stream.on('error', (err: unknown) => watch.fail(err));
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
