import type { Consumer, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import { ConfigError, isRetriable, KafkaIoError } from '../contracts/errors.js';
import type { Logger } from '../common/logger.js';
import type { Codecs, WireFormat } from '../contracts/index.js';
import { decodeBatch, type TopicRole } from './decode.js';
import { publishBlocklist } from './blocklist-publisher.js';
import type { AuditStore } from './store.js';
import { EVENTS } from '../common/events.js';

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
  /** Consumer group session timeout: how long a dead sink holds its partitions. Default 30 s (kafkajs default). */
  sessionTimeoutMs?: number;
  /**
   * Fault injection for crash tests: after this many successful store writes the process exits at once
   * (code 137, like SIGKILL) BEFORE committing the batch's offsets — the worst moment to die. 0 = off (default).
   */
  crashAfterWrites?: number;
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
  };
  const problems: string[] = [];
  if (!o.groupId) problems.push('groupId must not be empty');
  if (!o.auditTopic) problems.push('auditTopic must not be empty');
  if (!['avro', 'json', 'auto'].includes(o.inputFormat)) problems.push(`inputFormat must be avro, json or auto (got '${o.inputFormat}')`);
  if (!Number.isInteger(o.sessionTimeoutMs) || o.sessionTimeoutMs < 6000) problems.push(`sessionTimeoutMs must be an integer >= 6000 (got ${o.sessionTimeoutMs})`);
  for (const k of ['retryInitialMs', 'retryMaxMs', 'blocklistIntervalMs'] as const) {
    if (!Number.isFinite(o[k]) || o[k] <= 0) problems.push(`${k} must be a positive number of milliseconds (got ${o[k]})`);
  }
  if (o.retryMaxMs < o.retryInitialMs) problems.push('retryMaxMs must be >= retryInitialMs');
  if (problems.length) throw new ConfigError(problems);
  return o;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The audit sink: consumes audit records, escalations and moderation actions (read_committed, manual
 * commits), writes each fetched batch to the store in ONE transaction and only then commits its offsets.
 * A crash between the two re-delivers the batch, and the store's idempotent writes (record, escalation and
 * action ids) drop the repeats: at-least-once delivery + idempotent rows = each record stored exactly once.
 * While the database is away the batch loop stalls (no commit, no further fetch) and retries with backoff.
 */
export class AuditSink {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly roles = new Map<string, TopicRole>();
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private flushing: Promise<void> = Promise.resolve();
  readonly stats = { batches: 0, inserted: 0, duplicates: 0, rejected: 0, storeRetries: 0 };

  constructor(kafka: Kafka, private readonly store: AuditStore, private readonly codecs: Codecs, private readonly o: CompiledAuditSinkOptions, private readonly log: Logger) {
    this.roles.set(o.auditTopic, 'audit');
    if (o.escalationsTopic) this.roles.set(o.escalationsTopic, 'escalations');
    if (o.actionsTopic) this.roles.set(o.actionsTopic, 'actions');
    // readUncommitted: false = isolation level read_committed: aborted transactional writes never reach the store.
    this.consumer = kafka.consumer({ groupId: o.groupId, readUncommitted: false, allowAutoTopicCreation: false, maxWaitTimeInMs: 1000,
      sessionTimeout: o.sessionTimeoutMs, heartbeatInterval: Math.max(500, Math.floor(o.sessionTimeoutMs / 10)) });
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  }

  /** Starts consuming; resolves once running. `done` settles when the sink stops (rejects on a crash). */
  async start(): Promise<{ done: Promise<void> }> {
    const done = new Promise<void>((resolve, reject) => {
      this.consumer.on(this.consumer.events.CRASH, (e) => {
        if (!e.payload.restart) reject(new KafkaIoError(`audit sink consumer crashed: ${e.payload.error.message}`, { cause: e.payload.error, retriable: false }));
      });
      this.consumer.on(this.consumer.events.STOP, () => resolve());
    });
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.roles.keys()], fromBeginning: true });
    await this.consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 1, eachBatch: (p) => this.onBatch(p) });
    this.timer = setInterval(() => { void this.flushBlocklist(true); }, this.o.blocklistIntervalMs);
    this.log.info({ event: EVENTS.AUDIT_SINK_STARTED, topics: [...this.roles.keys()], groupId: this.o.groupId }, 'audit sink started');
    return { done };
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!batch.messages.length) return;
    const role = this.roles.get(batch.topic);
    if (!role) return;
    const pos = { topic: batch.topic, partition: batch.partition, first: batch.firstOffset(), last: batch.lastOffset() };
    const toWrite = decodeBatch(this.codecs, this.o.inputFormat, role, batch.topic, batch.partition,
      batch.messages.map((m) => ({ offset: m.offset, value: m.value, headers: m.headers ?? {} })));
    let wait = this.o.retryInitialMs;
    let paused = false;
    for (;;) {
      if (!isRunning() || isStale()) return; // stopping or rebalanced: nothing committed, the batch comes back
      try {
        const r = await this.store.write(toWrite, Date.now());
        this.stats.batches++; this.stats.inserted += r.inserted; this.stats.duplicates += r.duplicates; this.stats.rejected += r.rejected;
        if (paused) this.log.info({ event: EVENTS.AUDIT_STORE_RESUMED, ...pos }, 'store back: resuming');
        if (r.rejected) this.log.warn({ event: EVENTS.AUDIT_RECORDS_REJECTED, ...pos, rejected: r.rejected }, 'undecodable or inconsistent records kept as rejects');
        this.log.debug({ ...pos, ...r }, 'batch stored');
        break;
      } catch (err) {
        if (!isRetriable(err)) throw err; // a bug or a schema problem: stop rather than skip records
        this.stats.storeRetries++;
        if (!paused) this.log.warn({ event: EVENTS.AUDIT_STORE_PAUSED, ...pos, err: (err as Error).message }, 'store unavailable: pausing this batch and retrying');
        paused = true;
        await sleep(wait);
        wait = Math.min(wait * 2, this.o.retryMaxMs);
        try { await heartbeat(); } catch { /* a rebalance is under way; isStale() tells on the next turn */ }
      }
    }
    if (this.o.crashAfterWrites > 0 && this.stats.batches >= this.o.crashAfterWrites) {
      this.log.warn({ ...pos, batches: this.stats.batches }, 'fault injection: exiting after the store write, before the offset commit');
      process.exit(137);
    }
    const last = batch.messages[batch.messages.length - 1]!.offset;
    // Offsets are committed only after the rows are durable in the store.
    await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
    resolveOffset(last);
    await heartbeat();
    if (role === 'actions') await this.flushBlocklist(false);
  }

  /** Runs one flush at a time: the timer and the batch loop must not publish the same pending state twice. */
  private flushBlocklist(expire: boolean): Promise<void> {
    const next = this.flushing.then(() => this.flushBlocklistNow(expire));
    this.flushing = next.catch(() => undefined);
    return next;
  }

  private async flushBlocklistNow(expire: boolean): Promise<void> {
    if (!this.o.actionsTopic || this.stopping) return;
    try {
      const n = await publishBlocklist(this.store, this.producer, this.codecs, this.o.blocklistTopic, Date.now(), expire);
      if (n) this.log.info({ event: EVENTS.BLOCKLIST_PUBLISHED, published: n, topic: this.o.blocklistTopic }, 'blocklist updated');
    } catch (err) {
      // The outbox keeps unpublished states; the next tick publishes them.
      this.log.warn({ event: EVENTS.BLOCKLIST_PUBLISH_FAILED, err: (err as Error).message }, 'blocklist publish failed; will retry');
    }
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.flushing;
    await this.consumer.disconnect();
    await this.producer.disconnect();
    this.log.info({ event: EVENTS.AUDIT_SINK_STOPPED, ...this.stats }, 'audit sink stopped');
  }
}
