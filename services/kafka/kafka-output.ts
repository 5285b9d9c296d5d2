/**
 * The transactional Kafka output behind the sink contract (common/sink.ts): one transactional
 * producer per process; one transaction per commit window holding every record pushed since the
 * last flush AND the consumed offsets of every input partition of the window (`consumed()`).
 * `flush()` commits it: nothing of the window is visible to read_committed readers, and no input
 * offset moves, before that; any failure aborts the whole window and throws. The caller then
 * rewinds its input to the committed offsets (kafka-input.ts) and redoes the window.
 *
 * Pitfalls of the library handled here (tried in a throw-away loop, see docs/scaling.md):
 * - `addOffset` sends one TxnOffsetCommit request per partition, and its calls are de-duplicated by operation
 *   name inside the client (they cannot run concurrently): the window's offsets go in ONE request for all
 *   partitions instead (TxnProducer.commitOffsets, txn-producer.ts); `offsetCommit: 'per-partition'` keeps the
 *   library's call, awaited one partition after the other;
 * - committing a transaction that holds nothing fails (INVALID_TXN_STATE): an empty window is skipped;
 * - a beginTransaction that fails (transaction coordinator not found, the broker away past the retries) leaves the
 *   library's producer holding that transaction as its active one, and every later begin fails ("There is already an
 *   active transaction"): it is cancelled on the client (#dropStrayTransaction);
 * - one `send` is not split by size: records are sent in chunks of at most `maxSendBytes`, one chunk
 *   after the other (concurrent sends lose partitions of the transaction, see #sendPending).
 * A record's offset commit carries the group generation it was fetched under: after a rebalance the
 * coordinator refuses it (ILLEGAL_GENERATION), which fences a zombie owner.
 */
import type { Consumer, MessageToProduce, Producer } from '@platformatic/kafka';
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';
import type { Sink } from '../common/sink.js';
import { KafkaIoError, VigieError } from '../contracts/errors.js';
import { brokerErrorIds, errorChain } from './client-options.js';
import type { KafkaClient } from './client.js';
import type { InputMessage } from './kafka-input.js';
import type { TxnProducer } from './txn-producer.js';

type Transaction = Awaited<ReturnType<Producer['beginTransaction']>>;

export interface OutputRecord {
  topic: string;
  key?: Buffer | string | null;
  value: Buffer | null;
  headers?: Record<string, string | Buffer>;
  /** Explicit partition; default: murmur2 of the key (Java-compatible), round robin without a key. */
  partition?: number;
}

export interface TransactionalOutputSettings {
  transactionalId: string;
  /** Transaction timeout: the coordinator aborts a transaction left open longer (a crashed owner). Default 30000 ms. */
  transactionTimeoutMs?: number;
  /** Largest payload of one send call. Default 512 KiB. */
  maxSendBytes?: number;
  /**
   * How the window's input offsets are committed: 'batched' (default), one TxnOffsetCommit request for all
   * partitions; 'per-partition', the library's `addOffset`, one request per partition one after the other.
   */
  offsetCommit?: OffsetCommitMode;
}

export const OFFSET_COMMIT_MODES = ['batched', 'per-partition'] as const;
export type OffsetCommitMode = typeof OFFSET_COMMIT_MODES[number];

/** Errors after which this producer can never commit again: a newer instance (same id or newer generation) owns the work. */
const FENCED = new Set(['PRODUCER_FENCED', 'INVALID_PRODUCER_EPOCH', 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED']);

/**
 * Errors after which the producer's sequence numbers no longer match the broker's (seen after a 4.4.0
 * broker restart: every later window failed with OUT_OF_ORDER_SEQUENCE_NUMBER): the producer is replaced,
 * and the new one's InitProducerId (same transactional id) gets a new epoch with sequences from zero.
 */
const SEQUENCE_LOST = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID', 'INVALID_PRODUCER_ID_MAPPING']);

export class TransactionalOutput implements Sink<OutputRecord> {
  readonly tag: string;
  #producer: TxnProducer;
  readonly #newProducer: () => TxnProducer;
  readonly #log: Logger;
  readonly #maxSendBytes: number;
  readonly #offsetCommit: OffsetCommitMode;
  #txn: Promise<Transaction> | null = null;
  #pending: MessageToProduce<Buffer, Buffer, Buffer, Buffer>[] = [];
  #pendingBytes = 0;
  #sends: Promise<unknown>[] = [];
  /** The flush in progress, settled (never rejects); null when none. */
  #flushing: Promise<void> | null = null;
  #records = 0;
  #offsets = new Map<string, InputMessage>();
  #consumer: Consumer | null = null;
  #fenced = false;
  /** Something was sent or offsets added in the open transaction (else the coordinator knows nothing of it). */
  #touched = false;
  /** The step of the last flush or abort and since when (diagnosis of a stuck commit; 'idle' once done). */
  #stage = { what: 'idle', since: performance.now() };

  constructor(client: KafkaClient, s: TransactionalOutputSettings, log: Logger) {
    this.tag = `kafka-txn:${s.transactionalId}`;
    this.#newProducer = () => client.transactionalProducer(s.transactionalId, s.transactionTimeoutMs ?? 30_000);
    this.#producer = this.#newProducer();
    this.#maxSendBytes = s.maxSendBytes ?? 512 * 1024;
    this.#offsetCommit = s.offsetCommit ?? 'batched';
    if (!OFFSET_COMMIT_MODES.includes(this.#offsetCommit)) throw new VigieError(`offsetCommit must be one of ${OFFSET_COMMIT_MODES.join(', ')}, got ${String(this.#offsetCommit)}`);
    this.#log = log.child({ component: 'kafka-output', transactionalId: s.transactionalId });
  }

  /** The step the last flush or abort is at (or 'idle') and since when, for the worker's stall report. */
  get stage(): { what: string; since: number } { return this.#stage; }

  #step(what: string): void { this.#stage = { what, since: performance.now() }; }

  /** Records pushed and offsets marked in the open window. */
  get windowSize(): { records: number; partitions: number } { return { records: this.#records, partitions: this.#offsets.size }; }

  /** Registers the producer with the coordinator now (fencing any previous instance of the same id), instead of at the first window. */
  async init(): Promise<void> {
    const t = await this.#begin();
    // Nothing was added: ending the transaction here would fail (INVALID_TXN_STATE); it stays open for the first window.
    void t;
  }

  #begin(): Promise<Transaction> {
    if (this.#fenced) return Promise.reject(new KafkaIoError(`${this.tag}: fenced by a newer instance`, { retriable: false }));
    if (!this.#txn) {
      const p = this.#producer.beginTransaction();
      this.#txn = p;
      p.catch(() => {
        if (this.#txn === p) this.#txn = null;
        this.#dropStrayTransaction('begin failed');
      });
    }
    return this.#txn;
  }

  /**
   * A transaction the library holds as its active one and this output does not: dropped on the client (nothing of it
   * reached the coordinator, or the coordinator times it out). The library sets its active transaction BEFORE it finds
   * the transaction coordinator (and, the first time, gets the producer id), and leaves it set when that fails (the
   * broker away, e.g. restarting, for longer than the retries): every later beginTransaction then fails with "There is
   * already an active transaction" and no window can commit again (found by the chaos run: a worker stuck for minutes
   * after a broker restart, its partitions unprocessed).
   */
  #dropStrayTransaction(why: string): void {
    const stray = this.#producer.transaction;
    if (!stray || stray.completed) return;
    this.#log.warn({ event: EVENTS.TXN_STRAY_DROPPED, why }, 'the producer kept a transaction that never started: dropped on the client');
    void stray.cancel().catch(() => undefined);
  }

  async push(batch: readonly OutputRecord[]): Promise<void> {
    for (const r of batch) {
      // Header keys and values both go to the wire as they are (no serializer): Buffers.
      const headers = new Map<Buffer, Buffer>();
      for (const [k, v] of Object.entries(r.headers ?? {})) headers.set(Buffer.from(k), Buffer.isBuffer(v) ? v : Buffer.from(v));
      const m: MessageToProduce<Buffer, Buffer, Buffer, Buffer> = {
        topic: r.topic,
        ...(r.key != null ? { key: Buffer.isBuffer(r.key) ? r.key : Buffer.from(r.key) } : {}),
        ...(r.value !== null ? { value: r.value } : {}), // no value: a tombstone (null on the wire), unlike an empty Buffer
        ...(r.partition !== undefined ? { partition: r.partition } : {}),
        headers,
      };
      const size = (m.key?.length ?? 0) + (m.value?.length ?? 0) + 64;
      if (this.#pending.length && this.#pendingBytes + size > this.#maxSendBytes) this.#sendPending();
      this.#pending.push(m);
      this.#pendingBytes += size;
      this.#records++;
    }
  }

  #sendPending(): void {
    const messages = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    if (!messages.length) return;
    // One send at a time: concurrent sends of one transaction would each add their partitions to it, and
    // the library merges concurrent AddPartitionsToTxn calls by name: partitions of the second send are
    // then never added and the broker refuses its records (TRANSACTION_ABORTABLE).
    const previous = this.#sends[this.#sends.length - 1] ?? Promise.resolve();
    this.#touched = true;
    const p = previous.then(() => this.#begin()).then((t) => t.send({ messages }));
    p.catch(() => undefined); // observed in flush()
    this.#sends.push(p);
  }

  /**
   * Marks input records as consumed in this window: at flush, each partition's offset is committed
   * past the last record marked for it. `consumer` is the input's group member.
   */
  consumed(consumer: Consumer, records: readonly InputMessage[]): void {
    this.#consumer = consumer;
    for (const m of records) {
      const key = `${m.topic}:${m.partition}`;
      const prev = this.#offsets.get(key);
      if (!prev || prev.offset < m.offset) this.#offsets.set(key, m);
    }
  }

  /** Commits the window: sends, offsets, EndTxn. On any failure aborts the window and throws. */
  flush(): Promise<void> {
    const p = this.#flush();
    const settled = p.then(() => undefined, () => undefined);
    this.#flushing = settled;
    void settled.then(() => { if (this.#flushing === settled) this.#flushing = null; });
    return p;
  }

  async #flush(): Promise<void> {
    this.#sendPending();
    const sends = this.#sends;
    const offsets = [...this.#offsets.values()];
    this.#sends = [];
    this.#offsets = new Map();
    const records = this.#records;
    this.#records = 0;
    if (!sends.length && !offsets.length) return;
    try {
      this.#step('flush: begin transaction');
      const t = await this.#begin();
      this.#step(`flush: ${sends.length} send(s)`);
      await Promise.all(sends);
      if (offsets.length) {
        this.#touched = true;
        this.#step('flush: AddOffsetsToTxn');
        await t.addConsumer(this.#consumer!); // AddOffsetsToTxn: the group joins the transaction
        this.#step(`flush: TxnOffsetCommit (${this.#offsetCommit}) of ${offsets.map((m) => m.partition).join(',')}`);
        if (this.#offsetCommit === 'batched') await this.#producer.commitOffsets(t, offsets);
        else for (const m of offsets) await t.addOffset(m);
      }
      this.#step('flush: EndTxn (commit)');
      await t.commit();
      this.#txn = null;
      this.#touched = false;
      this.#step('idle');
    } catch (err) {
      await this.#abort();
      const ids = brokerErrorIds(err);
      if (ids.some((id) => FENCED.has(id))) this.#fenced = true;
      else if (ids.some((id) => SEQUENCE_LOST.has(id))) await this.#replaceProducer();
      throw new KafkaIoError(`${this.tag}: transaction of ${records} records and ${offsets.length} offsets failed: ${errorChain(err).join(' <- ')}`,
        { cause: err, retriable: !this.#fenced });
    }
  }

  /**
   * Aborts the open window, if any; pushed records and marked offsets are dropped. A flush in progress is
   * let finish first (committed, or aborted by itself): its transaction is not ended under its feet.
   */
  async abort(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    await this.#abort();
  }

  async #abort(): Promise<void> {
    this.#step('abort: sends');
    this.#pending = [];
    this.#pendingBytes = 0;
    const sends = this.#sends;
    this.#sends = [];
    this.#offsets = new Map();
    this.#records = 0;
    await Promise.allSettled(sends);
    const tp = this.#txn;
    this.#txn = null;
    this.#step('abort: begin transaction');
    const t = tp ? await tp.catch(() => null) : null;
    const touched = this.#touched;
    this.#touched = false;
    if (t && !t.completed) {
      // A transaction the coordinator never saw (nothing sent, no offsets) cannot be ended there
      // (INVALID_TXN_STATE): drop it on the client only.
      this.#step(touched ? 'abort: EndTxn (abort)' : 'abort: cancel');
      const ended = touched ? await t.abort().then(() => true, (err: unknown) => {
        if (brokerErrorIds(err).some((id) => FENCED.has(id))) this.#fenced = true;
        this.#log.warn({ event: EVENTS.TXN_ABORT_FAILED, err }, 'abort failed; the coordinator ends the transaction at its timeout or at the next InitProducerId');
        return false;
      }) : false;
      // Without this the producer keeps the failed transaction as its active one ("There is already an active transaction").
      if (!ended) await t.cancel().catch(() => undefined);
    }
    // Whatever the library still holds as its active transaction would refuse every later begin.
    this.#dropStrayTransaction('abort');
    this.#step('idle');
  }

  get fenced(): boolean { return this.#fenced; }

  async #replaceProducer(): Promise<void> {
    const old = this.#producer;
    this.#producer = this.#newProducer();
    this.#log.warn({ event: EVENTS.TXN_PRODUCER_REPLACED }, 'producer sequence state lost: transactional producer replaced (new epoch)');
    await old.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.abort();
    await this.#producer.close().catch(() => undefined);
  }
}
