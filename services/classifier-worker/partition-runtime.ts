/**
 * One input partition of the classifier worker: its transactional producer, its engine state, and the
 * fence → restore → replay state machine the worker runs before the partition's first batch and after
 * any aborted one (the protocol is described in worker.ts).
 *
 * States: not restored → (restore: fence with a new producer, read the checkpoint, plan the replay) →
 * restored, replaying [nextOffset, replayUntil) without output → restored, live. An aborted batch sets
 * it back to "not restored"; a failed engine batch also marks an offset range scored one message at a
 * time on the next attempt (isolation), so one poison message cannot block its neighbours.
 */
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';
import { planReplay } from './checkpoint-plan.js';
import type { EngineHolder } from './engine-holder.js';
import type { WorkerMetrics } from './metrics.js';
import type { WorkerOptions } from './options.js';
import { EngineBatchError, type PartitionWork } from './process-batch.js';
import type { StateChangelog } from './state-changelog.js';
import { stateKey } from './state-codec.js';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a partition runtime needs from its worker. */
export interface PartitionDeps<S> {
  kafka: Kafka;
  opts: WorkerOptions;
  changelog: StateChangelog;
  engines: EngineHolder<S>;
  metrics: WorkerMetrics;
  log: Logger;
  /** The group's committed offset of this input partition, read from the broker now (-1: none). */
  committedOffset(partition: number): Promise<bigint>;
  /** The first offset still in the input log of this partition. */
  logStart(partition: number): Promise<bigint>;
  /** Moves the consumer's fetch position of this partition. */
  seek(partition: number, offset: bigint): void;
  /** False once the worker has dropped this runtime (revoked, or replaced by a newer one). */
  owns(runtime: PartitionRuntime<S>): boolean;
}

/** The next messages to hand to the engine: a replay chunk (state only) or a live chunk (one transaction). */
export interface Chunk {
  messages: KafkaMessage[];
  replaying: boolean;
}

export class PartitionRuntime<S> {
  producer: Producer | null = null;
  work: PartitionWork<S> | null = null;
  /** First input offset not yet applied to `work` (-1: nothing known, accept all). */
  nextOffset = -1n;
  /** Offsets in [nextOffset, replayUntil) are replayed into the state without output (-1: no replay). */
  replayUntil = -1n;
  /** A replay was planned and the consumer may have to seek back to `nextOffset`. */
  #needSeek = false;
  #replayed = { records: 0, startedAt: 0n };
  /** Wall clock of the last committed checkpoint; null: none since the restore. */
  lastCheckpointAt: number | null = null;
  /** Changelog chunks of the last checkpoint (the next one deletes the ones it no longer uses). */
  chunks = 0;
  #restoring: Promise<void> | null = null;
  restored = false;
  busy = false;
  revoked = false;
  /** After an engine failure on a batch, messages in [isolateFrom, isolateUntil] are scored (or replayed) one at a time. */
  #isolateFrom = 0n;
  #isolateUntil: bigint | null = null;

  constructor(readonly partition: number, private readonly deps: PartitionDeps<S>) {}

  get restoring(): boolean {
    return this.#restoring !== null;
  }

  /** Fence, restore state, re-read the committed offset. Concurrent callers share one run. */
  restore(keepAlive: () => Promise<void>): Promise<void> {
    this.#restoring ??= this.#runRestore(keepAlive).finally(() => { this.#restoring = null; });
    return this.#restoring;
  }

  async #runRestore(keepAlive: () => Promise<void>): Promise<void> {
    const startedAt = process.hrtime.bigint();
    const { opts, changelog, metrics, log } = this.deps;
    const previous = this.producer;
    this.producer = null;
    this.restored = false;
    await previous?.disconnect().catch(() => undefined);
    const producer = this.deps.kafka.producer({
      transactionalId: `${opts.transactionalIdPrefix}-${opts.topics.input}-${this.partition}`, idempotent: true, maxInFlightRequests: 1,
      // Right after a commit the coordinator answers CONCURRENT_TRANSACTIONS until the markers are written
      // (a few ms); kafkajs retries with this backoff, so a short first retry keeps per-partition latency low.
      transactionTimeout: opts.transactionTimeoutMs, retry: { retries: 10, initialRetryTime: 20, maxRetryTime: 2_000 },
    });
    await producer.connect();
    try {
      const restored = await changelog.restore(producer, stateKey(opts.topics.input, this.partition), keepAlive); // first transaction = fence
      const committed = await this.deps.committedOffset(this.partition);
      const logStart = await this.deps.logStart(this.partition);
      const factory = this.deps.engines.factory;
      this.work = { engine: restored ? factory.restoreState(restored.snap.engine) : factory.newState() };
      this.chunks = restored?.chunks ?? 0;
      this.lastCheckpointAt = null; // the first batch after a restore checkpoints (bounds the next replay)
      const plan = planReplay({ checkpointOffset: restored ? BigInt(restored.snap.nextOffset) : null, committed, logStart });
      const logCtx = { partition: this.partition, stateNextOffset: restored?.snap.nextOffset ?? null, committed: String(committed), logStart: String(logStart) };
      if (plan.kind === 'replay') {
        this.nextOffset = plan.from;
        this.replayUntil = plan.until;
        this.#needSeek = true;
        this.#replayed = { records: 0, startedAt: process.hrtime.bigint() };
        if (plan.lostBelowLogStart) {
          log.warn({ event: EVENTS.STATE_REPLAY_TRUNCATED, ...logCtx },
            'checkpoint is below the input log start (retention): replaying from the earliest available record');
        }
      } else {
        this.nextOffset = committed;
        this.replayUntil = -1n;
        this.#needSeek = false;
        if (plan.mismatch) log.error({ event: EVENTS.STATE_OFFSET_MISMATCH, ...logCtx }, 'restored state does not match the committed offset');
      }
      if (this.revoked || !this.deps.owns(this)) {
        // Revoked while restoring: do not keep a producer (and a fence) for a partition we no longer own.
        await producer.disconnect().catch(() => undefined);
        return;
      }
      this.producer = producer;
      this.restored = true;
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      metrics.restoreSeconds.observe(seconds);
      if (restored) metrics.stateBytes.set({ partition: String(this.partition) }, restored.storedBytes);
      log.info({
        event: EVENTS.PARTITION_RESTORED, partition: this.partition, seconds: Number(seconds.toFixed(3)), stateBytes: restored?.storedBytes ?? 0,
        chunks: this.chunks, committedOffset: String(committed), replayFrom: plan.kind === 'replay' ? String(plan.from) : null,
      }, 'partition state restored');
    } catch (err) {
      await producer.disconnect().catch(() => undefined);
      throw err;
    }
  }

  /** Restores (retrying up to 5 times) while keeping the group membership alive with `heartbeat`. */
  async ensureRestored(heartbeat: () => Promise<void>): Promise<void> {
    for (let attempt = 0; !this.restored; attempt++) {
      const run = this.restore(heartbeat);
      try {
        for (;;) {
          const done = await Promise.race([run.then(() => true), sleep(this.deps.opts.heartbeatIntervalMs).then(() => false)]);
          if (done) break;
          await heartbeat();
        }
      } catch (err) {
        if (attempt >= 5 || ((err as Error)?.name === 'KafkaJSError' && /rebalanc/i.test((err as Error).message))) throw err;
        this.deps.log.warn({ event: EVENTS.PARTITION_RESTORE_FAILED, err, partition: this.partition, attempt }, 'restore failed; retrying');
        await sleep(500 * (attempt + 1));
        await heartbeat();
      }
    }
  }

  /**
   * After a restore that planned a replay: if the delivered messages do not start at or below the
   * replay start, seek the consumer back to it (once) and tell the caller to drop this batch.
   */
  seekForReplay(messages: KafkaMessage[]): boolean {
    if (!this.#needSeek) return false;
    this.#needSeek = false;
    const first = messages[0];
    if (first && BigInt(first.offset) <= this.nextOffset) return false;
    this.deps.log.info({ event: EVENTS.STATE_REPLAY_SEEK, partition: this.partition, from: String(this.nextOffset), until: String(this.replayUntil) },
      'seeking back to replay inputs since the checkpoint');
    this.deps.seek(this.partition, this.nextOffset);
    return true;
  }

  /** The delivered messages this partition has not applied yet. */
  unapplied(messages: KafkaMessage[]): KafkaMessage[] {
    return messages.filter((message) => BigInt(message.offset) >= this.nextOffset);
  }

  /**
   * The next chunk of `pending` (non-empty): at most batchMaxMessages, one message inside an isolated
   * range; a chunk ends before the replay boundary and before an isolated range, so a replay makes the
   * same engine calls as the first run did.
   */
  nextChunk(pending: KafkaMessage[]): Chunk {
    const first = BigInt(pending[0]!.offset);
    const isolating = this.#isolateUntil;
    const size = isolating !== null && first >= this.#isolateFrom && first <= isolating ? 1 : this.deps.opts.batchMaxMessages;
    const replaying = first < this.replayUntil;
    const fits = (message: KafkaMessage) => {
      const offset = BigInt(message.offset);
      return (!replaying || offset < this.replayUntil) && (isolating === null || first >= this.#isolateFrom || offset < this.#isolateFrom);
    };
    return { messages: pending.slice(0, size).filter(fits), replaying };
  }

  /** A chunk ending at `lastOffset` was applied (replayed or committed). */
  chunkApplied(lastOffset: string): void {
    if (this.#isolateUntil !== null && BigInt(lastOffset) >= this.#isolateUntil) this.#isolateUntil = null;
  }

  /** A chunk [firstOffset, lastOffset] failed: the state is stale; an engine failure widens the isolated range. */
  chunkFailed(err: unknown, firstOffset: bigint, lastOffset: bigint): void {
    if (err instanceof EngineBatchError) {
      const active = this.#isolateUntil !== null;
      this.#isolateFrom = active && this.#isolateFrom < firstOffset ? this.#isolateFrom : firstOffset;
      this.#isolateUntil = active && this.#isolateUntil! > lastOffset ? this.#isolateUntil : lastOffset;
    }
    this.restored = false;
  }

  /** `records` inputs below the committed offset were replayed into the state, up to `lastOffset`. */
  replayed(lastOffset: string, records: number): void {
    this.nextOffset = BigInt(lastOffset) + 1n;
    this.#replayed.records += records;
  }

  /** The first live chunk after a replay: the replay is over. */
  endReplay(): void {
    if (this.replayUntil < 0n) return;
    this.deps.log.info({
      event: EVENTS.STATE_REPLAYED, partition: this.partition, records: this.#replayed.records, until: String(this.replayUntil),
      seconds: Number((Number(process.hrtime.bigint() - this.#replayed.startedAt) / 1e9).toFixed(3)),
    }, 'state rebuilt by replay');
    this.replayUntil = -1n;
  }

  /** Forgets the state and closes the producer (the partition was revoked or the worker stops). */
  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    this.work = null;
    this.restored = false;
    this.deps.metrics.forgetPartition(this.partition);
    await producer?.disconnect().catch(() => undefined);
  }
}
