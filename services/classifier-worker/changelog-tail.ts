/**
 * The compacted changelog of per-partition conversation state, on the one Kafka client.
 *
 * Writing: `checkpoint(...)` gives the records of one checkpoint; the worker pushes them into the
 * same transaction as the window's outputs and input offsets, so state, outputs and offsets commit
 * or abort together.
 *
 * Reading: one tailing consumer (own throw-away group, read_committed, from the beginning) keeps the
 * latest committed value of every key in memory. `restore(key)` first waits until the tail has read
 * the changelog partition of `key` up to its last stable offset, asked after the input's committed
 * offsets were read with requireStable: by then no transaction that wrote offsets of the partition
 * (and so no checkpoint of it) is open, and the LSO covers every committed checkpoint. No marker
 * transaction is needed as with kafkajs (no KIP-447 there).
 */
import { randomUUID } from 'node:crypto';
import { MessagesStreamModes, type Admin, type Consumer, type MessagesStream } from '@platformatic/kafka';
import type { Logger } from '../common/logger.js';
import { KafkaIoError } from '../contracts/errors.js';
import { createTopic, deleteGroups, listTopics, partitionOffsets } from '../kafka/admin.js';
import type { KafkaClient } from '../kafka/client.js';
import { logErr } from '../kafka/client-options.js';
import { STATE_TOPIC_MAX_MESSAGE_BYTES } from '../kafka/topics.js';
import { staleReaderGroups, stateReaderGroupPrefix } from './state-reader-groups.js';
import { changelogPartition, decodeSnapshot, encodeSnapshot, type EncodedSnapshot, type PartitionSnapshot, type StateCompression, type StoredValue } from './state-codec.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class ChangelogTail {
  readonly topic: string;
  #partitions = 0;
  readonly #latest = new Map<string, StoredValue>();
  readonly #admin: Admin;
  readonly #consumer: Consumer;
  #stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | null = null;
  #failed: Error | null = null;
  readonly #log: Logger;
  readonly #groupPrefix: string;
  /** The reader's throw-away group: deleted on stop, or by a later start once Empty (state-reader-groups.ts). */
  readonly groupId: string;

  constructor(client: KafkaClient, topic: string, groupPrefix: string, log: Logger) {
    this.topic = topic;
    this.#log = log.child({ component: 'state-changelog', topic });
    this.#admin = client.admin();
    this.#groupPrefix = groupPrefix;
    this.groupId = `${stateReaderGroupPrefix(groupPrefix)}${randomUUID()}`;
    this.#consumer = client.consumer({ groupId: this.groupId, sessionTimeoutMs: 30_000, heartbeatIntervalMs: 3000,
      maxWaitTimeMs: 100, maxBytesPerPartition: 8 * 1024 * 1024 });
  }

  /** Creates the compacted topic if missing, learns its partition count, starts tailing it. */
  async start(): Promise<void> {
    if (!(await listTopics(this.#admin)).includes(this.topic)) {
      await createTopic(this.#admin, this.topic, 1, 1, { 'cleanup.policy': 'compact', 'max.message.bytes': String(STATE_TOPIC_MAX_MESSAGE_BYTES) });
    }
    const meta = await this.#admin.metadata({ topics: [this.topic], forceUpdate: true });
    this.#partitions = meta.topics.get(this.topic)?.partitionsCount ?? 0;
    if (this.#partitions === 0) throw new KafkaIoError(`state topic ${this.topic} has no partitions`, { retriable: false });
    const stream = await this.#consumer.consume({ topics: [this.topic], mode: MessagesStreamModes.EARLIEST, autocommit: false });
    this.#stream = stream;
    stream.on('data', (m) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of m.headers) headers[k.toString()] = v.toString();
      const key = m.key?.toString('utf8') ?? '';
      // A tombstone arrives as null; an empty value (a chunked checkpoint's head record) is a value.
      if (m.value === null || m.value === undefined) this.#latest.delete(key);
      else this.#latest.set(key, { value: m.value, headers });
    });
    stream.on('error', (err: Error) => { this.#failed = err; });
    await this.#deleteStaleReaders();
  }

  /** Deletes the Empty reader groups earlier (killed) starts left behind; a failure only costs a warning. */
  async #deleteStaleReaders(): Promise<void> {
    try {
      const stale = staleReaderGroups((await this.#admin.listGroups()).values(), this.#groupPrefix, this.groupId);
      if (stale.length) {
        await deleteGroups(this.#admin, stale);
        this.#log.info({ groups: stale.length }, 'deleted state reader groups left by earlier starts');
      }
    } catch (err) {
      this.#log.warn({ err: logErr(err) }, 'could not delete old state reader groups');
    }
  }

  partitionOf(key: string): number {
    return changelogPartition(key, this.#partitions);
  }

  /** The records of one checkpoint, all to the partition of `key`. */
  checkpoint(key: string, snap: PartitionSnapshot, chunkBytes: number, previousChunks: number, compression: StateCompression):
    EncodedSnapshot & { messages: { key: string; value: Buffer | null; headers: Record<string, string>; partition: number }[] } {
    const enc = encodeSnapshot(key, snap, chunkBytes, previousChunks, compression);
    const partition = this.partitionOf(key);
    return { ...enc, messages: enc.records.map((r) => ({ ...r, partition })) };
  }

  /**
   * The latest committed state of `key`, once the tail has read its changelog partition to the last
   * stable offset. Call after the input's committed offsets were read with requireStable.
   */
  async restore(key: string, timeoutMs = 60_000): Promise<ReturnType<typeof decodeSnapshot>> {
    const partition = this.partitionOf(key);
    const end = (await partitionOffsets(this.#admin, this.topic, 'latest', true)).get(partition) ?? 0n;
    const deadline = Date.now() + timeoutMs;
    // The fetch position moves when a response arrives, before its records are emitted: caught up
    // means positioned at or past the end with nothing left in the stream's buffer.
    while (!((this.#stream?.offsetsToFetch.get(`${this.topic}:${partition}`) ?? -1n) >= end && this.#stream?.readableLength === 0)) {
      if (this.#failed) throw new KafkaIoError(`state changelog ${this.topic}: ${this.#failed.message}`, { cause: this.#failed });
      if (Date.now() > deadline) throw new KafkaIoError(`state restore of ${key}: changelog partition ${partition} not read to ${end} within ${timeoutMs} ms`);
      await sleep(10);
    }
    return decodeSnapshot(key, (k) => this.#latest.get(k));
  }

  async stop(): Promise<void> {
    await this.#stream?.close().catch(() => undefined);
    await this.#consumer.close().catch((err: unknown) => this.#log.warn({ err: logErr(err) }, 'state reader close failed'));
    // The group left is Empty and holds no offset: delete it rather than let one pile up per start.
    await deleteGroups(this.#admin, [this.groupId]).catch((err: unknown) => this.#log.warn({ err: logErr(err), groupId: this.groupId }, 'state reader group not deleted'));
    await this.#admin.close().catch(() => undefined);
  }
}
