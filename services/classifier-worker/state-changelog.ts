/**
 * The compacted changelog of per-partition state, read and written by one worker process.
 *
 * Writing: `recordsFor(...)` gives the records of one checkpoint; the worker sends them inside the
 * same transaction as the batch's outputs and input offsets, so state, outputs and offsets commit
 * or abort together.
 *
 * Reading: one tailing consumer (own throw-away group, read_committed, from the beginning) keeps the
 * latest committed value of every key in memory. To restore partition p, the worker first fences the
 * previous owner (it initialises the transactional producer of p, which aborts or completes any open
 * transaction of that id), then commits a MARKER (a tombstone on key `__marker/<key>` with a unique
 * nonce header) to the same changelog partition as p's state, and waits until the tailer has read
 * the marker. Everything committed to that partition before the marker — in particular p's last
 * checkpoint — has then been read: a read-your-write barrier that needs no offset arithmetic
 * (transaction control records make "high watermark − 1" unreliable). Markers are tombstones, so
 * compaction removes them.
 */
import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, IHeaders, Kafka, Producer } from 'kafkajs';
import type { Logger } from '../common/logger.js';
import { KafkaIoError } from '../contracts/errors.js';
import { changelogPartition, decodeSnapshot, encodeSnapshot, type EncodedSnapshot, type PartitionSnapshot, type StoredValue } from './state-codec.js';

const MARKER_HEADER = 'vigie.state.marker';

function headerMap(h: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[k] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return out;
}

export class StateChangelog {
  readonly topic: string;
  #partitions = 0;
  readonly #latest = new Map<string, StoredValue>();
  readonly #waiters = new Map<string, () => void>();
  readonly #seenMarkers = new Set<string>();
  #consumer: Consumer | undefined;
  readonly #log: Logger;

  constructor(private readonly kafka: Kafka, topic: string, private readonly groupPrefix: string, log: Logger) {
    this.topic = topic;
    this.#log = log.child({ component: 'state-changelog', topic });
  }

  /** Creates the compacted topic if missing, learns its partition count, starts tailing it. */
  async start(admin: Admin): Promise<void> {
    const existing = await admin.listTopics();
    if (!existing.includes(this.topic)) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic: this.topic, numPartitions: 1, replicationFactor: 1,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'max.message.bytes', value: String(2 * 1024 * 1024) }] }],
      }).catch((err: unknown) => { if (!String((err as Error).message).includes('already exists')) throw err; });
    }
    const meta = await admin.fetchTopicMetadata({ topics: [this.topic] });
    this.#partitions = meta.topics[0]?.partitions.length ?? 0;
    if (this.#partitions === 0) throw new KafkaIoError(`state topic ${this.topic} has no partitions`, { retriable: false });
    const consumer = this.kafka.consumer({
      groupId: `${this.groupPrefix}-state-reader-${randomUUID()}`, readUncommitted: false,
      sessionTimeout: 30_000, heartbeatInterval: 3_000, maxWaitTimeInMs: 100, maxBytesPerPartition: 8 * 1024 * 1024,
    });
    this.#consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) this.#apply(m.key?.toString('utf8') ?? '', m.value, headerMap(m.headers));
      },
    });
  }

  #apply(key: string, value: Buffer | null, headers: Record<string, string>): void {
    const nonce = headers[MARKER_HEADER];
    if (nonce !== undefined) {
      this.#seenMarkers.add(nonce);
      this.#waiters.get(nonce)?.();
      return;
    }
    if (value === null) this.#latest.delete(key);
    else this.#latest.set(key, { value, headers });
  }

  partitionOf(key: string): number {
    return changelogPartition(key, this.#partitions);
  }

  /** The records of one checkpoint, all to the partition of `key`. */
  checkpoint(key: string, snap: PartitionSnapshot, chunkBytes: number, previousChunks: number): EncodedSnapshot & { messages: {
    key: string; value: Buffer | null; headers: Record<string,
    string>; partition: number
  }[] } {
    const enc = encodeSnapshot(key, snap, chunkBytes, previousChunks);
    const partition = this.partitionOf(key);
    return { ...enc, messages: enc.records.map((r) => ({ ...r, partition })) };
  }

  /**
   * Restores the latest committed state of `key`. `producer` must be the transactional producer of
   * the partition (the fence). `keepAlive` is called while waiting (consumer heartbeats).
   */
  async restore(producer: Producer, key: string, keepAlive: () => Promise<void>, timeoutMs = 60_000): Promise<ReturnType<typeof decodeSnapshot>> {
    const nonce = randomUUID();
    const seen = new Promise<void>((resolve) => {
      if (this.#seenMarkers.has(nonce)) resolve();
      this.#waiters.set(nonce, resolve);
    });
    try {
      const txn = await producer.transaction();
      try {
        await txn.send({ topic: this.topic, messages: [{ key: `__marker/${key}`, value: null, partition: this.partitionOf(key), headers: { [MARKER_HEADER]: nonce } }] });
        await txn.commit();
      } catch (err) {
        await txn.abort().catch(() => undefined);
        throw err;
      }
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const done = await Promise.race([seen.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 500))]);
        if (done) break;
        if (Date.now() > deadline) throw new KafkaIoError(`state restore of ${key}: marker not read back within ${timeoutMs} ms`, { retriable: true });
        await keepAlive();
      }
    } finally {
      this.#waiters.delete(nonce);
      this.#seenMarkers.delete(nonce);
    }
    return decodeSnapshot(key, (k) => this.#latest.get(k));
  }

  async stop(): Promise<void> {
    await this.#consumer?.disconnect().catch((err: unknown) => this.#log.warn({ err }, 'state reader disconnect failed'));
  }
}
