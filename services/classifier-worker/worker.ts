/**
 * The streaming classifier worker: a kafkajs consumer-group member that turns `chat.messages` into
 * verdicts, moderation actions, escalations, audit records and dead letters, exactly once.
 *
 * Per input partition p the worker owns a transactional producer with id `<prefix>-<topic>-<p>`.
 * Every micro-batch is one transaction holding: all output records of the batch, the consumed offset
 * (sendOffsets) and, at most every `checkpointIntervalMs` (and on the first batch after a restore),
 * a checkpoint of p's conversation state with the next input offset C it covers (changelog). Nothing
 * of a batch is visible to read_committed consumers until the commit; an aborted batch leaves no trace.
 * A restore rebuilds the state of [C, committed offset) by replaying those inputs through the engine
 * (deterministic: time comes from sentAt) without producing anything (checkpoint-plan.ts).
 *
 * kafkajs has no KIP-447 (consumer-group-metadata fencing), so a partition's first use after
 * assignment runs "fence, then read": (1) initialise the producer of p — the coordinator aborts, or
 * waits for the completion of, any transaction of a previous owner (a zombie after a crash or
 * rebalance), which is then fenced; (2) restore p's state from the changelog behind a marker
 * (state-changelog.ts); (3) read p's committed offset AGAIN from the broker — it may have moved after
 * kafkajs fetched it, if the previous owner's last transaction committed in between — and skip every
 * delivered message below it. A worker that keeps p across a rebalance keeps its producer; if
 * someone else used p meanwhile, that producer is fenced, its next transaction fails, and the worker
 * restores from scratch. See README "Classifier worker" for the guarantee.
 */
import type { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { KafkaIoError, VigieError } from '../contracts/errors.js';
import type { Logger } from '../common/logger.js';
import type { Codecs } from '../contracts/index.js';
import type { EngineHolder } from './engine-holder.js';
import type { WorkerMetrics } from './metrics.js';
import type { WorkerOptions } from './options.js';
import type { Shadow } from './shadow.js';
import { checkpointDue, planReplay } from './checkpoint-plan.js';
import { EngineBatchError, processBatch, replayBatch, type PartitionWork } from './process-batch.js';
import { StateChangelog } from './state-changelog.js';
import { stateKey } from './state-codec.js';

interface PartitionRuntime<S> {
  partition: number;
  producer: Producer | null;
  work: PartitionWork<S> | null;
  /** First input offset not yet applied to `work` (-1: nothing known, accept all). */
  nextOffset: bigint;
  /** Offsets in [nextOffset, replayUntil) are replayed into the state without output (-1: no replay). */
  replayUntil: bigint;
  /** A replay was planned and the consumer may have to seek back to `nextOffset`. */
  needSeek: boolean;
  replayed: { records: number; t0: bigint };
  /** Wall clock of the last committed checkpoint; null: none since the restore. */
  lastCheckpointAt: number | null;
  chunks: number;
  restoring: Promise<void> | null;
  restored: boolean;
  busy: boolean;
  revoked: boolean;
  /** After an engine failure on a batch, messages in [isolateFrom, isolateUntil] are scored (or replayed) one at a time. */
  isolateFrom: bigint;
  isolateUntil: bigint | null;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class ClassifierWorker<S> {
  readonly #partitions = new Map<number, PartitionRuntime<S>>();
  #assigned: number[] = [];
  #joined = false;
  #consumer: Consumer | undefined;
  #admin: Admin | undefined;
  #changelog: StateChangelog;
  #stopping = false;
  readonly #log: Logger;
  /** Candidate engine in shadow mode (shadow.ts); its verdicts join each batch's transaction. */
  shadow: Shadow | null = null;

  constructor(private readonly kafka: Kafka, private readonly opts: WorkerOptions, private readonly codecs: Codecs,
    private readonly engines: EngineHolder<S>, private readonly metrics: WorkerMetrics, log: Logger,
    private readonly onFatal: (err: unknown) => void = () => undefined) {
    this.#log = log.child({ component: 'classifier-worker', groupId: opts.groupId });
    this.#changelog = new StateChangelog(kafka, opts.topics.state, opts.groupId, this.#log);
  }

  get assigned(): readonly number[] { return this.#assigned; }

  readiness(): { ready: boolean; detail: unknown } {
    const restored = this.#assigned.filter((p) => this.#partitions.get(p)?.restored);
    return { ready: this.#joined && !this.#stopping && restored.length === this.#assigned.length, detail: { joined: this.#joined, assigned: this.#assigned, restored } };
  }

  async start(): Promise<void> {
    const o = this.opts;
    this.#admin = this.kafka.admin();
    await this.#admin.connect();
    const topics = await this.#admin.listTopics();
    const missing = [o.topics.input, o.topics.verdicts, o.topics.actions, o.topics.escalations, o.topics.audit, o.topics.dlq].filter((t) => !topics.includes(t));
    if (missing.length) throw new VigieError(`missing topics: ${missing.join(', ')} (create them with \`vigie topics create\`)`);
    await this.#changelog.start(this.#admin);

    const consumer = this.kafka.consumer({
      groupId: o.groupId, readUncommitted: false, sessionTimeout: o.sessionTimeoutMs, heartbeatInterval: o.heartbeatIntervalMs,
      rebalanceTimeout: o.rebalanceTimeoutMs, maxWaitTimeInMs: o.batchMaxWaitMs, maxBytesPerPartition: o.maxBytesPerPartition,
      retry: { retries: 8, restartOnFailure: async () => !this.#stopping },
    });
    this.#consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (e) => this.#onJoin((e.payload.memberAssignment[o.topics.input] ?? []).slice().sort((a, b) => a - b)));
    consumer.on(consumer.events.CRASH, (e) => {
      this.#joined = false;
      this.#log.error({ event: 'consumer.crash', err: e.payload.error, restart: e.payload.restart }, 'consumer crashed');
      if (!e.payload.restart && !this.#stopping) this.onFatal(e.payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topic: o.topics.input, fromBeginning: true });
    await consumer.run({
      autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 1,
      eachBatch: async (payload) => {
        try {
          await this.#eachBatch(payload);
        } catch (err) {
          // kafkajs restarts the consumer only for retriable errors; every failure here is worth a rejoin.
          if (err instanceof Error && (err.name.startsWith('KafkaJS') || (err instanceof VigieError && err.retriable))) throw err;
          throw new KafkaIoError(`batch of ${payload.batch.topic}/${payload.batch.partition} failed: ${(err as Error)?.message ?? String(err)}`, { cause: err, retriable: true });
        }
      },
    });
  }

  #onJoin(assigned: number[]): void {
    this.#joined = true;
    const before = new Set(this.#assigned);
    this.#assigned = assigned;
    const now = new Set(assigned);
    for (const [p, rt] of this.#partitions) {
      if (now.has(p)) continue;
      rt.revoked = true;
      if (!rt.busy) void this.#drop(rt);
    }
    this.#log.info({ event: 'partitions.assigned', assigned, added: assigned.filter((p) => !before.has(p)), revoked: [...before].filter((p) => !now.has(p)) }, 'group joined');
    for (const p of assigned) {
      const rt = this.#runtime(p);
      rt.revoked = false;
      if (!rt.restored && !rt.restoring) void this.#restore(rt, async () => undefined).catch((err: unknown) => this.#log.warn({ err, partition: p }, 'eager restore failed; retried on first batch'));
    }
  }

  #runtime(p: number): PartitionRuntime<S> {
    let rt = this.#partitions.get(p);
    if (!rt) {
      rt = { partition: p, producer: null, work: null, nextOffset: -1n, replayUntil: -1n, needSeek: false, replayed: { records: 0, t0: 0n }, lastCheckpointAt: null, chunks: 0, restoring: null, restored: false, busy: false, revoked: false, isolateFrom: 0n, isolateUntil: null };
      this.#partitions.set(p, rt);
    }
    return rt;
  }

  async #drop(rt: PartitionRuntime<S>): Promise<void> {
    if (this.#partitions.get(rt.partition) === rt) this.#partitions.delete(rt.partition);
    this.shadow?.forget(rt.partition);
    const producer = rt.producer;
    rt.producer = null;
    rt.work = null;
    rt.restored = false;
    this.metrics.stateBytes.remove({ partition: String(rt.partition) });
    this.metrics.lag.remove({ partition: String(rt.partition) });
    await producer?.disconnect().catch(() => undefined);
  }

  /** Fence, restore state, re-read the committed offset. Concurrent callers share one run. */
  #restore(rt: PartitionRuntime<S>, keepAlive: () => Promise<void>): Promise<void> {
    rt.restoring ??= (async () => {
      const t0 = process.hrtime.bigint();
      const o = this.opts;
      const key = stateKey(o.topics.input, rt.partition);
      const old = rt.producer;
      rt.producer = null;
      rt.restored = false;
      await old?.disconnect().catch(() => undefined);
      const producer = this.kafka.producer({
        transactionalId: `${o.transactionalIdPrefix}-${o.topics.input}-${rt.partition}`, idempotent: true, maxInFlightRequests: 1,
        // Right after a commit the coordinator answers CONCURRENT_TRANSACTIONS until the markers are written
        // (a few ms); kafkajs retries with this backoff, so a short first retry keeps per-partition latency low.
        transactionTimeout: o.transactionTimeoutMs, retry: { retries: 10, initialRetryTime: 20, maxRetryTime: 2_000 },
      });
      await producer.connect();
      try {
        const restored = await this.#changelog.restore(producer, key, keepAlive); // first transaction = fence
        const committed = await this.#committedOffset(rt.partition);
        const logStart = await this.#logStart(rt.partition);
        const factory = this.engines.factory;
        rt.work = restored
          ? { engine: factory.restoreState(restored.snap.engine) }
          : { engine: factory.newState() };
        rt.chunks = restored?.chunks ?? 0;
        rt.lastCheckpointAt = null; // the first batch after a restore checkpoints (bounds the next replay)
        const plan = planReplay({ checkpointOffset: restored ? BigInt(restored.snap.nextOffset) : null, committed, logStart });
        const logCtx = { partition: rt.partition, stateNextOffset: restored?.snap.nextOffset ?? null, committed: String(committed), logStart: String(logStart) };
        if (plan.kind === 'replay') {
          rt.nextOffset = plan.from;
          rt.replayUntil = plan.until;
          rt.needSeek = true;
          rt.replayed = { records: 0, t0: process.hrtime.bigint() };
          if (plan.lostBelowLogStart) this.#log.warn({ event: 'state.replay_truncated', ...logCtx }, 'checkpoint is below the input log start (retention): replaying from the earliest available record');
        } else {
          rt.nextOffset = committed;
          rt.replayUntil = -1n;
          rt.needSeek = false;
          if (plan.mismatch) this.#log.error({ event: 'state.offset_mismatch', ...logCtx }, 'restored state does not match the committed offset');
        }
        if (rt.revoked || this.#partitions.get(rt.partition) !== rt) {
          // Revoked while restoring: do not keep a producer (and a fence) for a partition we no longer own.
          await producer.disconnect().catch(() => undefined);
          return;
        }
        rt.producer = producer;
        rt.restored = true;
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        this.metrics.restoreSeconds.observe(seconds);
        if (restored) this.metrics.stateBytes.set({ partition: String(rt.partition) }, restored.storedBytes);
        this.#log.info({ event: 'partition.restored', partition: rt.partition, seconds: Number(seconds.toFixed(3)), stateBytes: restored?.storedBytes ?? 0,
          chunks: rt.chunks, committedOffset: String(committed), replayFrom: plan.kind === 'replay' ? String(plan.from) : null }, 'partition state restored');
      } catch (err) {
        await producer.disconnect().catch(() => undefined);
        throw err;
      }
    })().finally(() => { rt.restoring = null; });
    return rt.restoring;
  }

  async #committedOffset(partition: number): Promise<bigint> {
    const res = await this.#admin!.fetchOffsets({ groupId: this.opts.groupId, topics: [this.opts.topics.input] });
    const off = res[0]?.partitions.find((x) => x.partition === partition)?.offset ?? '-1';
    return BigInt(off);
  }

  async #logStart(partition: number): Promise<bigint> {
    const res = await this.#admin!.fetchTopicOffsets(this.opts.topics.input);
    return BigInt(res.find((x) => x.partition === partition)?.low ?? '0');
  }

  /**
   * After a restore that planned a replay: if the delivered messages do not start at or below the
   * replay start, seek the consumer back to it (once) and tell the caller to drop this batch.
   */
  #seekForReplay(rt: PartitionRuntime<S>, messages: KafkaMessage[]): boolean {
    if (!rt.needSeek) return false;
    rt.needSeek = false;
    const first = messages[0];
    if (first && BigInt(first.offset) <= rt.nextOffset) return false;
    this.#log.info({ event: 'state.replay_seek', partition: rt.partition, from: String(rt.nextOffset), until: String(rt.replayUntil) }, 'seeking back to replay inputs since the checkpoint');
    this.#consumer!.seek({ topic: this.opts.topics.input, partition: rt.partition, offset: String(rt.nextOffset) });
    return true;
  }

  async #ensureRestored(rt: PartitionRuntime<S>, heartbeat: () => Promise<void>): Promise<void> {
    for (let attempt = 0; !rt.restored; attempt++) {
      const p = this.#restore(rt, heartbeat);
      try {
        for (;;) {
          const done = await Promise.race([p.then(() => true), sleep(this.opts.heartbeatIntervalMs).then(() => false)]);
          if (done) break;
          await heartbeat();
        }
      } catch (err) {
        if (attempt >= 5 || (err as Error)?.name === 'KafkaJSError' && /rebalanc/i.test((err as Error).message)) throw err;
        this.#log.warn({ err, partition: rt.partition, attempt }, 'restore failed; retrying');
        await sleep(500 * (attempt + 1));
        await heartbeat();
      }
    }
  }

  async #eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const p = batch.partition;
    const rt = this.#runtime(p);
    rt.busy = true;
    try {
      this.metrics.lag.set({ partition: String(p) }, Number(batch.offsetLag()));
      if (isStale()) return;
      await this.#ensureRestored(rt, heartbeat);
      if (this.#seekForReplay(rt, batch.messages)) return;
      let pending: KafkaMessage[] = batch.messages.filter((m) => BigInt(m.offset) >= rt.nextOffset);
      let failures = 0;
      while (pending.length && isRunning() && !isStale() && !rt.revoked) {
        const first = BigInt(pending[0]!.offset);
        const size = rt.isolateUntil !== null && first >= rt.isolateFrom && first <= rt.isolateUntil ? 1 : this.opts.batchMaxMessages;
        const replaying = first < rt.replayUntil;
        // A chunk ends before the replay boundary and before an isolated range (same engine calls as the first time).
        const end = (m: KafkaMessage) => (!replaying || BigInt(m.offset) < rt.replayUntil) && (rt.isolateUntil === null || first >= rt.isolateFrom || BigInt(m.offset) < rt.isolateFrom);
        const chunk = pending.slice(0, size).filter(end);
        const last = chunk[chunk.length - 1]!;
        try {
          if (replaying) await this.#replayChunk(rt, chunk);
          else await this.#runChunk(rt, chunk);
          resolveOffset(last.offset);
          pending = pending.slice(chunk.length);
          failures = 0;
          if (rt.isolateUntil !== null && BigInt(last.offset) >= rt.isolateUntil) rt.isolateUntil = null;
        } catch (err) {
          this.metrics.transactions.inc({ outcome: 'aborted' });
          if (err instanceof EngineBatchError) {
            const active = rt.isolateUntil !== null;
            rt.isolateFrom = active && rt.isolateFrom < first ? rt.isolateFrom : first;
            rt.isolateUntil = active && rt.isolateUntil! > BigInt(last.offset) ? rt.isolateUntil : BigInt(last.offset);
          }
          failures++;
          this.#log.warn({ event: 'batch.aborted', err, partition: p, firstOffset: String(first), lastOffset: last.offset, failures },
            'batch transaction aborted; restoring partition state and retrying from the committed offset');
          rt.restored = false;
          if (failures > 5) throw err;
          await sleep(Math.min(5000, 200 * 2 ** failures));
          await heartbeat();
          await this.#ensureRestored(rt, heartbeat);
          if (this.#seekForReplay(rt, pending)) return;
          pending = pending.filter((m) => BigInt(m.offset) >= rt.nextOffset);
          continue;
        }
        await heartbeat();
      }
      // Everything delivered was committed before (by us or a previous owner): move the fetch position past it.
      if (!pending.length && batch.messages.length && rt.nextOffset > BigInt(batch.firstOffset() ?? '0')) {
        resolveOffset(String(rt.nextOffset - 1n));
      }
    } finally {
      rt.busy = false;
      if (rt.revoked) await this.#drop(rt);
    }
  }

  /** Replays inputs below the committed offset into the state: engine only, nothing produced or committed. */
  async #replayChunk(rt: PartitionRuntime<S>, chunk: KafkaMessage[]): Promise<void> {
    const o = this.opts;
    const n = await this.engines.use((engine) => replayBatch({ records: chunk.map((m) => ({ key: m.key, value: m.value, offset: m.offset })), engine, state: rt.work!, codecs: this.codecs, opts: o }));
    rt.nextOffset = BigInt(chunk[chunk.length - 1]!.offset) + 1n;
    rt.replayed.records += n;
  }

  #endReplay(rt: PartitionRuntime<S>): void {
    if (rt.replayUntil < 0n) return;
    this.#log.info({ event: 'state.replayed', partition: rt.partition, records: rt.replayed.records, until: String(rt.replayUntil),
      seconds: Number((Number(process.hrtime.bigint() - rt.replayed.t0) / 1e9).toFixed(3)) }, 'state rebuilt by replay');
    rt.replayUntil = -1n;
  }

  async #runChunk(rt: PartitionRuntime<S>, chunk: KafkaMessage[]): Promise<void> {
    const o = this.opts;
    this.#endReplay(rt);
    const t0 = process.hrtime.bigint();
    const res = await this.engines.use((engine) => processBatch({
      records: chunk.map((m) => ({ key: m.key, value: m.value, offset: m.offset })), topic: o.topics.input, partition: rt.partition,
      engine, state: rt.work!, codecs: this.codecs, opts: o, now: Date.now(),
    }));
    const next = BigInt(chunk[chunk.length - 1]!.offset) + 1n;
    const checkpointAt = Date.now();
    const cp = checkpointDue({ now: checkpointAt, lastCheckpointAt: rt.lastCheckpointAt, intervalMs: o.checkpointIntervalMs })
      ? this.#changelog.checkpoint(stateKey(o.topics.input, rt.partition), { v: 1, nextOffset: String(next), engine: rt.work!.engine }, o.stateChunkBytes, rt.chunks)
      : null;
    const topicMessages: { topic: string; messages: { key: string | Buffer | null; value: Buffer | null; headers: Record<string, string>; partition?: number }[] }[] =
      [...res.out].filter(([, ms]) => ms.length).map(([topic, ms]) => ({ topic, messages: ms }));
    if (cp) topicMessages.push({ topic: this.#changelog.topic, messages: cp.messages });
    if (this.shadow) {
      const sv = await this.shadow.process(rt.partition, chunk.map((m) => ({ value: m.value, offset: m.offset })), res.out.get(o.topics.verdicts) ?? [], Date.now());
      if (sv.length) topicMessages.push({ topic: this.shadow.topic, messages: sv });
    }
    const txn = await rt.producer!.transaction();
    try {
      await txn.sendBatch({ topicMessages, acks: -1 });
      await txn.sendOffsets({ consumerGroupId: o.groupId, topics: [{ topic: o.topics.input, partitions: [{ partition: rt.partition, offset: String(next) }] }] });
      await txn.commit();
    } catch (err) {
      await txn.abort().catch(() => undefined);
      this.shadow?.forget(rt.partition);
      throw err;
    }
    rt.nextOffset = next;
    if (cp) {
      rt.chunks = cp.chunks;
      rt.lastCheckpointAt = checkpointAt;
    }
    const m = this.metrics;
    m.transactions.inc({ outcome: 'committed' });
    m.consumed.inc({ topic: o.topics.input }, chunk.length);
    for (const { topic, messages } of topicMessages) m.produced.inc({ topic }, messages.length);
    m.batchSeconds.observe(Number(process.hrtime.bigint() - t0) / 1e9);
    if (res.stats.engineSeconds) m.classifySeconds.observe(res.stats.engineSeconds);
    for (const s of res.stats.e2eSeconds) m.e2eSeconds.observe(s);
    for (const [k, v] of Object.entries(res.stats.actions)) m.byAction.inc({ action: k }, v);
    for (const [k, v] of Object.entries(res.stats.categories)) m.byCategory.inc({ category: k }, v);
    for (const [k, v] of Object.entries(res.stats.escalations)) m.escalations.inc({ priority: k }, v);
    if (res.stats.dlq) m.dlq.inc(res.stats.dlq);
    if (res.stats.truncatedForScoring) m.truncated.inc({ where: 'scoring' }, res.stats.truncatedForScoring);
    if (res.stats.truncatedInStorage) m.truncated.inc({ where: 'storage' }, res.stats.truncatedInStorage);
    if (cp) {
      m.stateBytes.set({ partition: String(rt.partition) }, cp.storedBytes);
      m.stateJsonBytes.set({ partition: String(rt.partition) }, cp.jsonBytes);
    }
  }

  /** Finishes the batch in flight (its transaction commits or aborts), leaves the group, closes producers. */
  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#log.info({ event: 'worker.stopping' }, 'stopping: finishing the batch in flight, leaving the group');
    await this.#consumer?.disconnect().catch((err: unknown) => this.#log.warn({ err }, 'consumer disconnect failed'));
    await Promise.all([...this.#partitions.values()].map((rt) => this.#drop(rt)));
    await this.#changelog.stop();
    await this.#admin?.disconnect().catch(() => undefined);
    this.#log.info({ event: 'worker.stopped' }, 'stopped');
  }
}
