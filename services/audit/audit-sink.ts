import { MessagesStreamFallbackModes, MessagesStreamModes, type Admin, type Consumer, type Message, type MessagesStream, type Producer } from '@platformatic/kafka';
import { ConfigError, isRetriable, KafkaIoError } from '../contracts/errors.js';
import type { KafkaClient } from '../kafka/client.js';
import { outageUnready } from '../kafka/broker-failures.js';
import { errorChain } from '../kafka/client-options.js';
import { isFatalKafkaError, waitForTopics } from '../kafka/startup-wait.js';
import { AuditSinkMetrics } from './sink-metrics.js';
import type { Logger } from '../common/logger.js';
import type { Codecs, WireFormat } from '../contracts/index.js';
import { decodeBatch, type TopicRole } from './decode.js';
import { publishBlocklist } from './blocklist-publisher.js';
import type { AuditStore, WriteResult } from './store.js';
import { EVENTS } from '../common/events.js';
import { SerialQueue } from '../common/serial-queue.js';

export interface AuditSinkOptions {
  /** Consumer group. Default 'vigie-audit-sink'. */
  groupId?: string;
  /** Audit records in. Default 'moderation.audit'. */
  auditTopic?: string;
  /** Escalations in (become cases). Default 'moderation.escalations'; '' to not consume them. */
  escalationsTopic?: string;
  /** Moderation actions in (drive enforcement). Default 'moderation.actions'; '' to not consume them. */
  actionsTopic?: string;
  /** Compacted enforcement topic out. Default 'moderation.blocklist'. */
  blocklistTopic?: string;
  /** Input wire format. Default 'auto' (Avro with the Confluent header, or JSON). */
  inputFormat?: WireFormat;
  /** First and longest wait between retries while the database is away. Defaults 200 ms and 10 s. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** How often enforcement expiry is checked and the blocklist outbox flushed. Default 15 s. */
  blocklistIntervalMs?: number;
  /** Consumer group session timeout: how long a dead sink holds its partitions. Default 30 s. */
  sessionTimeoutMs?: number;
  /**
   * Fault injection for crash tests: after this many successful store writes the process exits at once
   * (code 137, like SIGKILL) BEFORE committing the batch's offsets — the worst moment to die. 0 = off (default).
   */
  crashAfterWrites?: number;
  /** How often the store is pinged for /readyz while no write tells. Default 2000 ms. */
  storePingMs?: number;
}

export type CompiledAuditSinkOptions = Required<AuditSinkOptions>;

export function compileAuditSinkOptions(raw: AuditSinkOptions = {}): CompiledAuditSinkOptions {
  const o: CompiledAuditSinkOptions = {
    groupId: raw.groupId ?? 'vigie-audit-sink',
    auditTopic: raw.auditTopic ?? 'moderation.audit',
    escalationsTopic: raw.escalationsTopic ?? 'moderation.escalations',
    actionsTopic: raw.actionsTopic ?? 'moderation.actions',
    blocklistTopic: raw.blocklistTopic ?? 'moderation.blocklist',
    inputFormat: raw.inputFormat ?? 'auto',
    retryInitialMs: raw.retryInitialMs ?? 200,
    retryMaxMs: raw.retryMaxMs ?? 10_000,
    blocklistIntervalMs: raw.blocklistIntervalMs ?? 15_000,
    sessionTimeoutMs: raw.sessionTimeoutMs ?? 30_000,
    crashAfterWrites: raw.crashAfterWrites ?? 0,
    storePingMs: raw.storePingMs ?? 2000,
  };
  const problems: string[] = [];
  if (!o.groupId) problems.push('groupId must not be empty');
  if (!o.auditTopic) problems.push('auditTopic must not be empty');
  if (!['avro', 'json', 'auto'].includes(o.inputFormat)) problems.push(`inputFormat must be avro, json or auto (got '${o.inputFormat}')`);
  if (!Number.isInteger(o.sessionTimeoutMs) || o.sessionTimeoutMs < 6000) problems.push(`sessionTimeoutMs must be an integer >= 6000 (got ${o.sessionTimeoutMs})`);
  for (const k of ['retryInitialMs', 'retryMaxMs', 'blocklistIntervalMs', 'storePingMs'] as const) {
    if (!Number.isFinite(o[k]) || o[k] <= 0) problems.push(`${k} must be a positive number of milliseconds (got ${o[k]})`);
  }
  if (o.retryMaxMs < o.retryInitialMs) problems.push('retryMaxMs must be >= retryInitialMs');
  if (problems.length) throw new ConfigError(problems);
  return o;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type InMessage = Message<Buffer, Buffer, Buffer, Buffer>;

/** Records taken from the input at once: written as one store transaction per topic-partition, then committed. */
const TAKE_MAX = 5000;
const TAKE_WAIT_MS = 1000;
/** Records buffered ahead of the store before the stream is paused. */
const MAX_BUFFERED = 20_000;
/** How long a stop waits for the last blocklist publish before closing the producer. */
const FINAL_FLUSH_MS = 5000;

/**
 * The `batch stored` debug line's fields: counts only. `enforcementChanged` lists user ids, which no log line
 * carries (like chat text and IPs): it is logged as the number of users whose enforcement changed.
 */
export function batchStoredFields(r: WriteResult): Record<string, number> {
  const { enforcementChanged, ...counts } = r;
  return { ...counts, enforcementChanged: enforcementChanged.length };
}

/**
 * The audit sink: consumes audit records, escalations and moderation actions (read_committed, manual
 * commits), writes what it took to the store, ONE database transaction per topic-partition, and only
 * then commits the offsets. A crash between the two re-delivers the records, and the store's idempotent
 * writes (record, escalation and action ids) drop the repeats: at-least-once delivery + idempotent rows
 * = each record stored exactly once. While the database is away the loop stalls (no commit, the stream
 * pauses once its buffer is full) and retries with backoff.
 *
 * Start in any order: it waits (backoff, one log line per change) for the broker and its topics. A
 * failed input (stream error, broker gone for longer than the client's retries) is reopened at the
 * committed offsets with backoff; authentication or authorization refusals and store errors that are
 * not transient end `done` with an error, so the process exits non-zero.
 */
export class AuditSink {
  readonly #client: KafkaClient;
  readonly #admin: Admin;
  readonly #producer: Producer;
  readonly #roles = new Map<string, TopicRole>();
  readonly metrics: AuditSinkMetrics;
  #consumer: Consumer | null = null;
  #stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | null = null;
  #queue: InMessage[] = [];
  #head = 0;
  #wake: (() => void) | null = null;
  #inputError: Error | null = null;
  #storeUp = true;
  #timers: NodeJS.Timeout[] = [];
  #stopping = false;
  /** Aborted by stop(): ends the wait for the broker and the topics at once. */
  readonly #startAbort = new AbortController();
  /** The broker answered and the topics exist (false when stopped while waiting: nothing to flush then). */
  #kafkaReached = false;
  #loop: Promise<void> | null = null;
  readonly #flushing = new SerialQueue();
  readonly stats = { batches: 0, inserted: 0, duplicates: 0, rejected: 0, storeRetries: 0, inputRestarts: 0 };

  constructor(client: KafkaClient, private readonly store: AuditStore, private readonly codecs: Codecs, private readonly o: CompiledAuditSinkOptions,
    private readonly log: Logger, metrics?: AuditSinkMetrics) {
    this.#client = client;
    this.metrics = metrics ?? new AuditSinkMetrics();
    this.#roles.set(o.auditTopic, 'audit');
    if (o.escalationsTopic) this.#roles.set(o.escalationsTopic, 'escalations');
    if (o.actionsTopic) this.#roles.set(o.actionsTopic, 'actions');
    this.#admin = client.admin();
    // Idempotent, acks all (the factory's plain producer); connects on first send.
    this.#producer = client.producer();
    this.metrics.storeUp.set(1);
  }

  get topics(): string[] { return [...this.#roles.keys()]; }

  /** Consuming: the group is joined and the stream fetches. */
  get consuming(): boolean {
    return !this.#stopping && this.#stream !== null && this.#inputError === null && (this.#consumer?.assignments ?? null) !== null;
  }

  /** /readyz: consuming AND the store answered its last write or ping. */
  readiness(): { ready: boolean; detail: unknown } {
    const consuming = this.consuming;
    const detail = { consuming, storeReachable: this.#storeUp, groupId: this.o.groupId, topics: this.topics };
    // A broker outage the client knows of: not ready, with why (stop 51); ready again at the first reconnection.
    const away = outageUnready(this.#client.outage(), Date.now());
    return away ? { ready: false, detail: { ...away, ...detail } } : { ready: consuming && this.#storeUp, detail };
  }

  /**
   * Waits for the broker and the topics, joins the group and starts the loop. `done` settles when the
   * sink stops: resolves after stop(), rejects on a fatal error (the process must exit non-zero).
   */
  async start(): Promise<{ done: Promise<void> }> {
    if (!await this.#waitForKafka()) {
      this.log.info({ event: EVENTS.AUDIT_SINK_STOPPED }, 'stopped while waiting for Kafka: nothing consumed');
      return { done: Promise.resolve() };
    }
    this.#kafkaReached = true;
    await this.#openInput().catch((err: unknown) => this.#inputFailed(err));
    if (this.#stopping) { await this.#closeInput(); return { done: Promise.resolve() }; }
    this.#timers.push(setInterval(() => { void this.flushBlocklist(true); }, this.o.blocklistIntervalMs));
    this.#timers.push(setInterval(() => { void this.#pingStore(); }, this.o.storePingMs));
    this.log.info({ event: EVENTS.AUDIT_SINK_STARTED, topics: this.topics, groupId: this.o.groupId }, 'audit sink started');
    this.#loop = this.#run();
    return { done: this.#loop };
  }

  #waitForKafka(): Promise<boolean> {
    return waitForTopics(this.#admin, this.topics, this.log, { initialMs: this.o.retryInitialMs, maxMs: this.o.retryMaxMs, cancelled: () => this.#stopping, signal: this.#startAbort.signal });
  }

  async #openInput(): Promise<void> {
    const consumer = this.#client.consumer({
      groupId: this.o.groupId, sessionTimeoutMs: this.o.sessionTimeoutMs, heartbeatIntervalMs: Math.max(500, Math.floor(this.o.sessionTimeoutMs / 10)),
      // The client refuses a rebalance timeout below the session timeout.
      rebalanceTimeoutMs: Math.max(30_000, this.o.sessionTimeoutMs),
      maxWaitTimeMs: TAKE_WAIT_MS,
    });
    this.#consumer = consumer;
    const stream = await consumer.consume({
      topics: this.topics, mode: MessagesStreamModes.COMMITTED, fallbackMode: MessagesStreamFallbackModes.EARLIEST, autocommit: false, maxWaitTime: TAKE_WAIT_MS,
    });
    this.#stream = stream;
    this.#inputError = null;
    stream.on('data', (m: InMessage) => {
      if (this.#stream !== stream) return;
      this.#queue.push(m);
      if (this.#queue.length - this.#head >= MAX_BUFFERED) stream.pause();
      this.#notify();
    });
    stream.on('error', (err: Error) => { if (this.#stream === stream) this.#inputFailed(err); });
    this.metrics.consuming.set(1);
  }

  #inputFailed(err: unknown): void {
    this.#inputError = err instanceof Error ? err : new Error(String(err));
    this.metrics.consuming.set(0);
    this.#notify();
  }

  async #closeInput(): Promise<void> {
    const stream = this.#stream, consumer = this.#consumer;
    this.#stream = null;
    this.#consumer = null;
    this.#queue = [];
    this.#head = 0;
    this.metrics.consuming.set(0);
    await stream?.close().catch(() => undefined);
    await consumer?.close(true).catch(() => undefined);
  }

  #notify(): void {
    const w = this.#wake;
    this.#wake = null;
    w?.();
  }

  async #take(): Promise<InMessage[]> {
    const deadline = Date.now() + TAKE_WAIT_MS;
    while (this.#queue.length - this.#head === 0 && !this.#stopping && !this.#inputError) {
      const left = deadline - Date.now();
      if (left <= 0) return [];
      await new Promise<void>((r) => { this.#wake = r; setTimeout(r, left); });
    }
    if (this.#stopping || this.#inputError) return [];
    const end = Math.min(this.#queue.length, this.#head + TAKE_MAX);
    const out = this.#queue.slice(this.#head, end);
    this.#head = end;
    if (this.#head * 2 > this.#queue.length) { this.#queue = this.#queue.slice(this.#head); this.#head = 0; }
    if (this.#stream?.isPaused() && this.#queue.length - this.#head < MAX_BUFFERED / 2) this.#stream.resume();
    return out;
  }

  /** The loop: take, store, commit; a failed input is reopened with backoff, a fatal error ends the loop (rejects). */
  async #run(): Promise<void> {
    let restartWait = this.o.retryInitialMs;
    while (!this.#stopping) {
      if (this.#inputError) {
        const err = this.#inputError;
        if (isFatalKafkaError(err)) throw new KafkaIoError(`audit sink: Kafka refused the consumer: ${errorChain(err).join(' <- ')}`, { cause: err, retriable: false });
        this.stats.inputRestarts++;
        this.metrics.inputRestarts.inc();
        this.log.warn({ event: EVENTS.AUDIT_INPUT_FAILED, err: errorChain(err).join(' <- '), retryInMs: restartWait }, 'Kafka input failed; reopening it at the committed offsets');
        await this.#closeInput();
        await sleep(restartWait);
        restartWait = Math.min(restartWait * 2, this.o.retryMaxMs);
        if (!await this.#waitForKafka()) break;
        await this.#openInput().catch((e: unknown) => this.#inputFailed(e));
        continue;
      }
      const taken = await this.#take();
      if (!taken.length) continue;
      restartWait = this.o.retryInitialMs;
      await this.#process(taken);
    }
  }

  async #process(taken: InMessage[]): Promise<void> {
    const groups = new Map<string, InMessage[]>();
    for (const m of taken) {
      const k = `${m.topic}\u0000${m.partition}`;
      let g = groups.get(k);
      if (!g) groups.set(k, g = []);
      g.push(m);
    }
    const consumer = this.#consumer;
    const offsets: { topic: string; partition: number; offset: bigint; leaderEpoch: number }[] = [];
    let actions = false;
    for (const msgs of groups.values()) {
      const first = msgs[0]!, last = msgs[msgs.length - 1]!;
      const role = this.#roles.get(first.topic);
      if (!role) continue;
      const pos = { topic: first.topic, partition: first.partition, first: String(first.offset), last: String(last.offset) };
      const toWrite = decodeBatch(this.codecs, this.o.inputFormat, role, first.topic, first.partition, msgs.map((m) => {
        const headers: Record<string, Buffer> = {};
        for (const [k, v] of m.headers ?? []) headers[k.toString()] = v;
        return { offset: String(m.offset), value: m.value ?? null, headers };
      }));
      if (!await this.#write(toWrite, pos)) return; // stopping: nothing committed, the records come back
      if (this.o.crashAfterWrites > 0 && this.stats.batches >= this.o.crashAfterWrites) {
        this.log.warn({ ...pos, batches: this.stats.batches }, 'fault injection: exiting after the store write, before the offset commit');
        process.exit(137);
      }
      offsets.push({ topic: first.topic, partition: first.partition, offset: last.offset + 1n, leaderEpoch: last.leaderEpoch });
      if (role === 'actions') actions = true;
    }
    await this.#commit(consumer, offsets);
    if (actions) await this.flushBlocklist(false);
  }

  /** Writes one batch, retrying while the store is away. False when stopping before it was written. */
  async #write(toWrite: ReturnType<typeof decodeBatch>, pos: Record<string, unknown>): Promise<boolean> {
    let wait = this.o.retryInitialMs;
    let paused = false;
    for (;;) {
      if (this.#stopping) return false;
      try {
        const r = await this.store.write(toWrite, Date.now());
        this.#setStoreUp(true);
        this.stats.batches++; this.stats.inserted += r.inserted; this.stats.duplicates += r.duplicates; this.stats.rejected += r.rejected;
        this.metrics.batches.inc();
        this.metrics.records.inc({ outcome: 'inserted' }, r.inserted);
        this.metrics.records.inc({ outcome: 'duplicate' }, r.duplicates);
        this.metrics.records.inc({ outcome: 'rejected' }, r.rejected);
        if (paused) this.log.info({ event: EVENTS.AUDIT_STORE_RESUMED, ...pos }, 'store back: resuming');
        if (r.rejected) this.log.warn({ event: EVENTS.AUDIT_RECORDS_REJECTED, ...pos, rejected: r.rejected }, 'undecodable or inconsistent records kept as rejects');
        this.log.debug({ ...pos, ...batchStoredFields(r) }, 'batch stored');
        return true;
      } catch (err) {
        if (!isRetriable(err)) throw err; // a bug or a schema problem: stop rather than skip records
        this.#setStoreUp(false);
        this.stats.storeRetries++;
        this.metrics.storeRetries.inc();
        if (!paused) this.log.warn({ event: EVENTS.AUDIT_STORE_PAUSED, ...pos, err: (err as Error).message }, 'store unavailable: pausing this batch and retrying');
        paused = true;
        await sleep(wait);
        wait = Math.min(wait * 2, this.o.retryMaxMs);
      }
    }
  }

  /**
   * Commits the offsets past what was stored, for the partitions this member still owns (a partition
   * lost in a rebalance is re-read by its new owner; the store drops the repeats). A failed commit is
   * not fatal for the same reason: the records come back after the next rebalance or restart.
   */
  async #commit(consumer: Consumer | null, offsets: { topic: string; partition: number; offset: bigint; leaderEpoch: number }[]): Promise<void> {
    if (!consumer || consumer !== this.#consumer || !offsets.length) return;
    const owned = new Set((consumer.assignments ?? []).flatMap((a) => a.partitions.map((p) => `${a.topic}:${p}`)));
    const mine = offsets.filter((o) => owned.has(`${o.topic}:${o.partition}`));
    if (!mine.length) return;
    try {
      await consumer.commit({ offsets: mine });
    } catch (err) {
      this.log.warn({ event: EVENTS.AUDIT_COMMIT_FAILED, err: errorChain(err).join(' <- '), partitions: mine.map((o) => `${o.topic}:${o.partition}`) },
        'offset commit failed; the stored records will be re-read and dropped as duplicates');
    }
  }

  #setStoreUp(up: boolean): void {
    this.#storeUp = up;
    this.metrics.storeUp.set(up ? 1 : 0);
  }

  async #pingStore(): Promise<void> {
    const up = await this.store.ping().catch(() => false);
    this.#setStoreUp(up);
  }

  /** Runs one flush at a time: the timer and the batch loop must not publish the same pending state twice. */
  flushBlocklist(expire: boolean): Promise<void> {
    return this.#flushing.run(() => this.#flushBlocklistNow(expire));
  }

  async #flushBlocklistNow(expire: boolean, final = false): Promise<void> {
    if (!this.o.actionsTopic || (this.#stopping && !final)) return;
    try {
      const n = await publishBlocklist(this.store, this.#producer, this.codecs, this.o.blocklistTopic, Date.now(), expire);
      if (n) this.log.info({ event: EVENTS.BLOCKLIST_PUBLISHED, published: n, topic: this.o.blocklistTopic }, 'blocklist updated');
    } catch (err) {
      // The outbox keeps unpublished states; the next tick publishes them.
      this.log.warn({ event: EVENTS.BLOCKLIST_PUBLISH_FAILED, err: (err as Error).message }, 'blocklist publish failed; will retry');
    }
  }

  /** Finishes the records in hand (store write and commit), then leaves the group and closes the clients. */
  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#startAbort.abort();
    for (const t of this.#timers) clearInterval(t);
    this.#notify();
    await this.#loop?.catch(() => undefined);
    await this.#flushing.idle();
    // The last batches' flushes were skipped once stopping began: publish what the outbox still holds, so a clean stop
    // leaves the blocklist topic equal to the store. Bounded: with the broker away the outbox keeps it for the next start.
    // Stopped while still waiting for Kafka: the broker was never reached, the outbox keeps it all for the next start.
    let timer: NodeJS.Timeout | undefined;
    if (this.#kafkaReached) await Promise.race([
      this.#flushBlocklistNow(false, true),
      new Promise<void>((r) => { timer = setTimeout(r, FINAL_FLUSH_MS); }),
    ]);
    clearTimeout(timer);
    await this.#closeInput();
    await this.#producer.close().catch(() => undefined);
    await this.#admin.close().catch(() => undefined);
    this.log.info({ event: EVENTS.AUDIT_SINK_STOPPED, ...this.stats }, 'audit sink stopped');
  }
}
