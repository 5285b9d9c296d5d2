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
 * restores from scratch. See docs/classifier-worker.md for the guarantee.
 *
 * The parts: partition-runtime.ts (one partition's producer, state and fence/restore/replay state
 * machine), batch-pipeline.ts (decode → engine → outputs → one transaction), metrics.ts; this file
 * is the consumer-group member that feeds them.
 */
import type { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { KafkaIoError, VigieError } from '../contracts/errors.js';
import type { Codecs } from '../contracts/index.js';
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';
import { replayChunk, runChunk } from './batch-pipeline.js';
import type { EngineHolder } from './engine-holder.js';
import type { WorkerMetrics } from './metrics.js';
import type { WorkerOptions } from './options.js';
import { PartitionRuntime, sleep, type PartitionDeps } from './partition-runtime.js';
import type { Shadow } from './shadow.js';
import { StateChangelog } from './state-changelog.js';

export class ClassifierWorker<S> {
  readonly #partitions = new Map<number, PartitionRuntime<S>>();
  #assigned: number[] = [];
  #joined = false;
  #consumer: Consumer | undefined;
  #admin: Admin | undefined;
  readonly #changelog: StateChangelog;
  #stopping = false;
  readonly #log: Logger;
  readonly #deps: PartitionDeps<S>;
  /** Candidate engine in shadow mode (shadow.ts); its verdicts join each batch's transaction. */
  shadow: Shadow | null = null;

  constructor(private readonly kafka: Kafka, private readonly opts: WorkerOptions, private readonly codecs: Codecs,
    private readonly engines: EngineHolder<S>, private readonly metrics: WorkerMetrics, log: Logger,
    private readonly onFatal: (err: unknown) => void = () => undefined) {
    this.#log = log.child({ component: 'classifier-worker', groupId: opts.groupId });
    this.#changelog = new StateChangelog(kafka, opts.topics.state, opts.groupId, this.#log);
    this.#deps = {
      kafka, opts, changelog: this.#changelog, engines, metrics, log: this.#log,
      committedOffset: (partition) => this.#committedOffset(partition),
      logStart: (partition) => this.#logStart(partition),
      seek: (partition, offset) => this.#consumer!.seek({ topic: opts.topics.input, partition, offset: String(offset) }),
      owns: (runtime) => this.#partitions.get(runtime.partition) === runtime,
    };
  }

  get assigned(): readonly number[] { return this.#assigned; }

  readiness(): { ready: boolean; detail: unknown } {
    const restored = this.#assigned.filter((p) => this.#partitions.get(p)?.restored);
    const ready = this.#joined && !this.#stopping && restored.length === this.#assigned.length;
    return { ready, detail: { joined: this.#joined, assigned: this.#assigned, restored } };
  }

  async start(): Promise<void> {
    const opts = this.opts;
    this.#admin = this.kafka.admin();
    await this.#admin.connect();
    const topics = await this.#admin.listTopics();
    const needed = [opts.topics.input, opts.topics.verdicts, opts.topics.actions, opts.topics.escalations, opts.topics.audit, opts.topics.dlq];
    const missing = needed.filter((t) => !topics.includes(t));
    if (missing.length) throw new VigieError(`missing topics: ${missing.join(', ')} (create them with \`vigie topics create\`)`);
    await this.#changelog.start(this.#admin);

    const consumer = this.kafka.consumer({
      groupId: opts.groupId, readUncommitted: false, sessionTimeout: opts.sessionTimeoutMs, heartbeatInterval: opts.heartbeatIntervalMs,
      rebalanceTimeout: opts.rebalanceTimeoutMs, maxWaitTimeInMs: opts.batchMaxWaitMs, maxBytesPerPartition: opts.maxBytesPerPartition,
      retry: { retries: 8, restartOnFailure: async () => !this.#stopping },
    });
    this.#consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (e) => this.#onJoin((e.payload.memberAssignment[opts.topics.input] ?? []).slice().sort((a, b) => a - b)));
    consumer.on(consumer.events.CRASH, (e) => {
      this.#joined = false;
      this.#log.error({ event: EVENTS.CONSUMER_CRASH, err: e.payload.error, restart: e.payload.restart }, 'consumer crashed');
      if (!e.payload.restart && !this.#stopping) this.onFatal(e.payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topic: opts.topics.input, fromBeginning: true });
    await consumer.run({
      autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 1,
      eachBatch: async (payload) => {
        try {
          await this.#eachBatch(payload);
        } catch (err) {
          // kafkajs restarts the consumer only for retriable errors; every failure here is worth a rejoin.
          if (err instanceof Error && (err.name.startsWith('KafkaJS') || (err instanceof VigieError && err.retriable))) throw err;
          const where = `${payload.batch.topic}/${payload.batch.partition}`;
          throw new KafkaIoError(`batch of ${where} failed: ${(err as Error)?.message ?? String(err)}`, { cause: err, retriable: true });
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
    const added = assigned.filter((p) => !before.has(p));
    const revoked = [...before].filter((p) => !now.has(p));
    this.#log.info({ event: EVENTS.PARTITIONS_ASSIGNED, assigned, added, revoked }, 'group joined');
    for (const p of assigned) {
      const rt = this.#runtime(p);
      rt.revoked = false;
      if (!rt.restored && !rt.restoring) {
        void rt.restore(async () => undefined).catch((err: unknown) => {
          this.#log.warn({ event: EVENTS.PARTITION_RESTORE_FAILED, err, partition: p }, 'eager restore failed; retried on first batch');
        });
      }
    }
  }

  #runtime(partition: number): PartitionRuntime<S> {
    let rt = this.#partitions.get(partition);
    if (!rt) {
      rt = new PartitionRuntime(partition, this.#deps);
      this.#partitions.set(partition, rt);
    }
    return rt;
  }

  async #drop(rt: PartitionRuntime<S>): Promise<void> {
    if (this.#partitions.get(rt.partition) === rt) this.#partitions.delete(rt.partition);
    this.shadow?.forget(rt.partition);
    await rt.close();
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

  async #eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const partition = batch.partition;
    const rt = this.#runtime(partition);
    const pipeline = { opts: this.opts, codecs: this.codecs, engines: this.engines, changelog: this.#changelog, shadow: this.shadow };
    rt.busy = true;
    try {
      this.metrics.lag.set({ partition: String(partition) }, Number(batch.offsetLag()));
      if (isStale()) return;
      await rt.ensureRestored(heartbeat);
      if (rt.seekForReplay(batch.messages)) return;
      let pending: KafkaMessage[] = rt.unapplied(batch.messages);
      let failures = 0;
      while (pending.length && isRunning() && !isStale() && !rt.revoked) {
        const first = BigInt(pending[0]!.offset);
        const { messages: chunk, replaying } = rt.nextChunk(pending);
        const last = chunk[chunk.length - 1]!;
        try {
          if (replaying) await replayChunk(pipeline, rt, chunk);
          else this.metrics.recordCommitted(await runChunk(pipeline, rt, chunk));
          resolveOffset(last.offset);
          pending = pending.slice(chunk.length);
          failures = 0;
          rt.chunkApplied(last.offset);
        } catch (err) {
          this.metrics.transactions.inc({ outcome: 'aborted' });
          rt.chunkFailed(err, first, BigInt(last.offset));
          failures++;
          this.#log.warn({ event: EVENTS.BATCH_ABORTED, err, partition: partition, firstOffset: String(first), lastOffset: last.offset, failures },
            'batch transaction aborted; restoring partition state and retrying from the committed offset');
          if (failures > 5) throw err;
          await sleep(Math.min(5000, 200 * 2 ** failures));
          await heartbeat();
          await rt.ensureRestored(heartbeat);
          if (rt.seekForReplay(pending)) return;
          pending = rt.unapplied(pending);
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

  /** Finishes the batch in flight (its transaction commits or aborts), leaves the group, closes producers. */
  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#log.info({ event: EVENTS.WORKER_STOPPING }, 'stopping: finishing the batch in flight, leaving the group');
    await this.#consumer?.disconnect().catch((err: unknown) => this.#log.warn({ err }, 'consumer disconnect failed'));
    await Promise.all([...this.#partitions.values()].map((rt) => this.#drop(rt)));
    await this.#changelog.stop();
    await this.#admin?.disconnect().catch(() => undefined);
    this.#log.info({ event: EVENTS.WORKER_STOPPED }, 'stopped');
  }
}
