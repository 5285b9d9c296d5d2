/**
 * A consumer-group input for exactly-once processing: windows of read_committed records from every
 * partition the process owns, and a rewind to the group's committed offsets after an aborted
 * transaction or a rebalance.
 *
 * Why the stream is replaced instead of trusted across a rebalance: the library refreshes a
 * stream's positions on group join with a plain OffsetFetch, which returns the last *stable*
 * offset even while the previous owner's transaction holding newer offsets is still open — the new
 * owner would then process those inputs again. rewind() asks with requireStable (KIP-447, admin.ts)
 * and opens a fresh stream at exactly those positions; records of older streams are dropped.
 *
 * Every record keeps the consumer metadata it was fetched under (group generation and member id);
 * a transaction that commits its offset is refused by the coordinator once the generation is stale:
 * that is the fencing of a zombie owner.
 */
import { MessagesStreamFallbackModes, MessagesStreamModes, type Admin, type Consumer, type Message, type MessagesStream } from '@platformatic/kafka';
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';
import { KafkaIoError } from '../contracts/errors.js';
import { committedOffsets } from './admin.js';
import { ReadAhead, recordBytes } from './read-ahead.js';
import type { ConsumerSettings, KafkaClient } from './client.js';
import { logErr } from './client-options.js';

export type InputMessage = Message<Buffer, Buffer, Buffer, Buffer>;

export interface KafkaInputSettings extends ConsumerSettings {
  topic: string;
  /** Records buffered ahead of processing before fetching pauses (read-ahead.ts). Default 10000. */
  maxBuffered?: number;
  /** Bytes (keys, values, headers) buffered ahead of processing before fetching pauses. Default 8 MiB. */
  maxBufferedBytes?: number;
  /** Longest wait for a stable committed offset (an open transaction of a crashed owner). Default 120000 ms. */
  stableOffsetTimeoutMs?: number;
  /**
   * Where to start each owned partition, given its committed offset (-1n: none). Default: the committed
   * offset. A stateful caller starts lower to replay inputs since its last state checkpoint.
   */
  startOffsets?: (a: Assignment, committed: Map<number, bigint>) => Promise<Map<number, bigint>>;
}

export interface Assignment {
  generation: number;
  partitions: number[];
}

export class KafkaInput {
  readonly topic: string;
  readonly consumer: Consumer;
  readonly #admin: Admin;
  readonly #s: KafkaInputSettings;
  readonly #log: Logger;
  #stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | null = null;
  /** Streams replaced by a rewind, paused, closed once the new stream is open (or by close()). */
  #retired: MessagesStream<Buffer, Buffer, Buffer, Buffer>[] = [];
  #epoch = 0;
  readonly #buffer: ReadAhead<InputMessage>;
  #wake: (() => void) | null = null;
  #rewindNeeded = true;
  #assignment: Assignment = { generation: -1, partitions: [] };
  /** The group's committed offsets of the owned partitions, as read at the last rewind (-1n: none). */
  #committed = new Map<number, bigint>();
  #failed: Error | null = null;
  #closed = false;
  /** The step of the last rewind and since when (diagnosis of a stuck rewind; 'positioned' once done). */
  #stage = { what: 'created', since: performance.now() };
  /** Records the streams have delivered since start (any change: the input fetched something). */
  #delivered = 0;
  /** Test only (`freezeFetching`): the stream stays paused for good. */
  #frozen = false;
  /** Called after every group join, with the new assignment. */
  onAssignment: (a: Assignment) => void = () => undefined;
  /** Called each time fetching pauses because the read-ahead is full. */
  onPause: () => void = () => undefined;

  constructor(client: KafkaClient, settings: KafkaInputSettings, log: Logger) {
    this.topic = settings.topic;
    this.#s = settings;
    this.#buffer = new ReadAhead<InputMessage>({ maxRecords: settings.maxBuffered ?? 10_000, maxBytes: settings.maxBufferedBytes ?? 8 * 1024 * 1024 }, recordBytes);
    this.#log = log.child({ component: 'kafka-input', topic: settings.topic, groupId: settings.groupId });
    this.consumer = client.consumer(settings);
    this.#admin = client.admin();
    this.consumer.on('consumer:group:join', () => {
      const partitions = (this.consumer.assignments ?? []).filter((a) => a.topic === this.topic).flatMap((a) => a.partitions).sort((a, b) => a - b);
      this.#assignment = { generation: this.consumer.generationId, partitions };
      this.#rewindNeeded = true;
      this.#log.info({ event: EVENTS.PARTITIONS_ASSIGNED, generation: this.#assignment.generation, assigned: partitions }, 'group joined');
      this.onAssignment(this.#assignment);
      this.#notify();
    });
  }

  get assignment(): Assignment { return this.#assignment; }

  /** The step the last rewind is at (or 'positioned') and since when, for the worker's stall report. */
  get stage(): { what: string; since: number } { return this.#stage; }

  #step(what: string): void { this.#stage = { what, since: performance.now() }; }

  /**
   * The group's committed offset of each owned partition when the input was last positioned. Records
   * below it were started early for a state replay (`startOffsets`); committing past one of them would
   * move the partition's offset back (commit-floor.ts).
   */
  get committedAtRewind(): ReadonlyMap<number, bigint> { return this.#committed; }

  /** True after a group join or an explicit request: the caller aborts its open transaction and calls rewind(). */
  get rewindNeeded(): boolean { return this.#rewindNeeded; }

  requestRewind(): void {
    this.#rewindNeeded = true;
    this.#notify();
  }

  /** Joins the group and positions every owned partition at its stable committed offset. */
  async start(): Promise<void> {
    await this.rewind();
  }

  /**
   * Drops every buffered record and reopens the stream at the group's committed offsets, read with
   * requireStable. Loops if a rebalance happens meanwhile.
   */
  async rewind(): Promise<void> {
    while (this.#rewindNeeded && !this.#closed) {
      this.#rewindNeeded = false;
      const epoch = ++this.#epoch;
      this.#buffer.clear();
      // The old stream stops fetching at once (its records would be dropped: the epoch moved on) but stays open
      // until the new stream exists: the topic stays tracked, so creating the new stream does not trigger a rejoin.
      // It is kept in #retired, not in a local, so that a try that throws (the stable-offset wait timing out,
      // the broker away, `startOffsets` failing) or loops for a rebalance does not lose it: the next successful
      // try or close() closes it.
      if (this.#stream) {
        this.#stream.pause();
        this.#retired.push(this.#stream);
        this.#stream = null;
      }
      const partitions = this.#assignment.partitions;
      this.#step(`committed offsets (requireStable) of [${partitions.join(',')}], generation ${this.#assignment.generation}`);
      const committed = partitions.length
        ? await committedOffsets(this.#admin, this.#s.groupId, this.topic, { stable: true, partitions, timeoutMs: this.#s.stableOffsetTimeoutMs ?? 120_000 })
        : new Map<number, bigint>();
      if (this.#rewindNeeded) continue; // a rebalance came in while asking: ask again for the new assignment
      this.#committed = committed;
      this.#step(`start offsets (state restore) of [${partitions.join(',')}]`);
      const starts = this.#s.startOffsets && partitions.length ? await this.#s.startOffsets(this.#assignment, committed) : committed;
      if (this.#rewindNeeded) continue;
      const offsets = [...starts].filter(([, o]) => o >= 0n).map(([partition, offset]) => ({ topic: this.topic, partition, offset }));
      let stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | null = null;
      try {
        this.#step('consume (opening the stream)');
        stream = await this.consumer.consume({
          topics: [this.topic], mode: MessagesStreamModes.MANUAL, fallbackMode: MessagesStreamFallbackModes.EARLIEST, offsets,
          autocommit: false, highWaterMark: this.#s.highWaterMark ?? 4096, maxWaitTime: this.#s.maxWaitTimeMs ?? 100,
        });
      } finally {
        // With the new stream open the topic is tracked by it; without one (consume failed) nothing is gained by
        // keeping the old ones, and the next try starts from scratch.
        this.#step(`closing ${this.#retired.length} replaced stream(s)`);
        await this.#closeRetired();
      }
      if (this.#closed) { await stream.close().catch(() => undefined); return; }
      this.#stream = stream;
      if (this.#frozen) stream.pause();
      stream.on('data', (m: InputMessage) => {
        if (epoch !== this.#epoch) return;
        this.#delivered++;
        if (this.#buffer.push(m) && !stream.isPaused()) {
          stream.pause();
          this.onPause();
        }
        this.#notify();
      });
      stream.on('error', (err: Error) => {
        if (epoch !== this.#epoch) return;
        this.#failed = err;
        this.#notify();
      });
      this.#step('positioned');
      this.#log.debug({ event: EVENTS.INPUT_REWOUND, generation: this.#assignment.generation, offsets: offsets.map((o) => `${o.partition}:${o.offset}`) }, 'positions set from committed offsets');
      // The first consume() joined the group: the join handler asked for a rewind that is already done
      // when its assignment equals the one positioned here.
      if (this.#rewindNeeded && this.#sameAssignment(partitions)) this.#rewindNeeded = false;
    }
  }

  /** Closes the streams replaced by a rewind (paused since). */
  async #closeRetired(): Promise<void> {
    const retired = this.#retired;
    this.#retired = [];
    await Promise.all(retired.map((s) => s.close().catch(() => undefined)));
  }

  #sameAssignment(partitions: number[]): boolean {
    const now = this.#assignment.partitions;
    return now.length === partitions.length && now.every((p, i) => p === partitions[i]);
  }

  #notify(): void {
    const w = this.#wake;
    this.#wake = null;
    w?.();
  }

  /**
   * Up to `max` buffered records, waiting at most `waitMs` for the first one; returns what is there
   * (possibly nothing) early when a rewind is needed. Records are in fetch order per partition.
   */
  async take(max: number, waitMs: number): Promise<InputMessage[]> {
    const deadline = Date.now() + waitMs;
    while (this.#buffer.records === 0 && !this.#rewindNeeded && !this.#closed) {
      if (this.#failed) {
        const err = this.#failed;
        this.#failed = null;
        this.#rewindNeeded = true;
        throw new KafkaIoError(`input ${this.topic}: ${err.message}`, { cause: err });
      }
      const left = deadline - Date.now();
      if (left <= 0) return [];
      await new Promise<void>((r) => { this.#wake = r; setTimeout(r, left); });
    }
    if (this.#rewindNeeded || this.#closed) return [];
    const out = this.#buffer.take(max);
    if (this.#stream?.isPaused() && this.#buffer.resumable && !this.#frozen) this.#stream.resume();
    return out;
  }

  /** Records buffered and not yet taken. */
  get buffered(): number { return this.#buffer.records; }

  /** Bytes (keys, values, headers) buffered and not yet taken. */
  get bufferedBytes(): number { return this.#buffer.bytes; }

  /** The read-ahead bounds (records, bytes) the stream pauses at. */
  get readAheadBounds(): { records: number; bytes: number } { return { records: this.#buffer.bounds.maxRecords, bytes: this.#buffer.bounds.maxBytes }; }

  /** True while fetching is paused because the read-ahead is full. */
  get paused(): boolean { return this.#stream?.isPaused() ?? false; }

  /**
   * Where the stream fetches next on each owned partition (past control records and aborted transactions, which it
   * skips), else the committed offset it was positioned at; null while no stream is open (a rewind). With `undelivered`
   * and `delivered`, what the progress check compares with the partitions' ends (classifier-worker/backlog.ts).
   */
  fetchPositions(): Map<number, bigint> | null {
    const stream = this.#stream;
    if (!stream) return null;
    const out = new Map<number, bigint>();
    for (const p of this.#assignment.partitions) {
      const at = stream.offsetsToFetch.get(`${this.topic}:${p}`) ?? this.#committed.get(p) ?? -1n;
      if (at >= 0n) out.set(p, at);
    }
    return out;
  }

  /** Records fetched and not taken yet: in the stream's own buffer (not delivered) or in the read-ahead. */
  get undelivered(): number { return (this.#stream?.readableLength ?? 0) + this.#buffer.records; }

  /** Records delivered by the streams since start. */
  get delivered(): number { return this.#delivered; }

  /**
   * Test only: stops fetching for good (the stream is paused and never resumed, nor any stream a rewind opens), the
   * way a stream that went dead after a clean commit does; the member stays in its group. For the progress check's
   * integration test (VIGIE_TEST_FREEZE_INPUT_FILE); nothing in a deployment calls it.
   */
  freezeFetching(): void {
    this.#frozen = true;
    this.#stream?.pause();
  }

  /** Leaves the group and closes the clients. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#epoch++;
    this.#notify();
    await this.#stream?.close().catch(() => undefined);
    await this.#closeRetired();
    await this.consumer.close(true).catch((err: unknown) => this.#log.warn({ err: logErr(err) }, 'consumer close failed'));
    await this.#admin.close().catch(() => undefined);
  }
}

