/**
 * The classifier worker's window handler for the exactly-once loop (kafka/exactly-once-loop.ts):
 * per owned input partition, its conversation state; per window, decode → engine → outputs
 * (process-batch.ts) in engine batches of `batchMaxMessages`, a state checkpoint when one is due,
 * and the shadow verdicts — all pushed into the window's one transaction with every partition's offset.
 *
 * Restore (`startOffsets`, run by the input on every rewind: start, rebalance, aborted window): the
 * state of each owned partition is read from the changelog (checkpoint with the next input offset C
 * it covers) and the input starts at C, below the committed offset O: records of [C, O) are replayed
 * through the engine without output (deterministic: time comes from `sentAt`), then processing
 * goes on from O (checkpoint-plan.ts). An aborted window voids every state derived since the last
 * commit, so `aborted` drops all states and the rewind restores them. Checkpoint bookkeeping is
 * updated when the checkpoint is built, not when it commits: if its window aborts, the state is
 * restored from the changelog anyway.
 *
 * An engine failure on a batch of several messages aborts the window; the partition's range of that
 * batch is then scored (or replayed) one message at a time, so the one message the engine fails on
 * becomes a dead letter and the others keep their normal verdicts.
 */
import type { Codecs } from '../contracts/index.js';
import type { ChatMessage } from '../contracts/types.js';
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';
import { partitionOffsets } from '../kafka/admin.js';
import type { Admin } from '@platformatic/kafka';
import type { WindowHandler } from '../kafka/exactly-once-loop.js';
import type { Assignment, InputMessage } from '../kafka/kafka-input.js';
import type { OutputRecord } from '../kafka/kafka-output.js';
import type { ChangelogTail } from './changelog-tail.js';
import { checkpointDue, planReplay } from './checkpoint-plan.js';
import type { CommittedBatch, WorkerMetrics } from './metrics.js';
import type { WorkerOptions } from './options.js';
import { EngineThreadDiedError, type PartitionEngines } from './partition-engines.js';
import { EngineBatchError, emptyStats, processBatch, replayBatch, type BatchStats, type InputRecord } from './process-batch.js';
import type { Shadow } from './shadow.js';
import { stateKey } from './state-codec.js';

export interface WindowPipelineDeps {
  opts: WorkerOptions;
  codecs: Codecs;
  /** The engine and each owned partition's state: in process, or in engine threads (engine-pool.ts). */
  engines: PartitionEngines;
  changelog: ChangelogTail;
  admin: Admin;
  metrics: WorkerMetrics;
  log: Logger;
  /** Candidate engine in shadow mode; its verdicts join each window's transaction. */
  shadow: Shadow | null;
  /** A record that kills its engine thread was learned (dead-lettered from the next try on): progress without a commit. */
  onLearned?: () => void;
}

interface PartitionState {
  /** Inputs below this offset are replayed into the state, without output (-1n: none). */
  replayUntil: bigint;
  replayed: { records: number; startedAt: bigint };
  chunks: number;
  lastCheckpointAt: number | null;
}

const toInput = (m: InputMessage): InputRecord => ({ key: m.key ?? null, value: m.value ?? null, offset: String(m.offset) });

/**
 * A count said at most once a minute: the first record at once, then the records counted since the last line, a minute
 * after it: at the next record if one comes by then, else by a timer when the minute ends, so records that came within
 * the minute after a line are said even when no other record follows (before ops43 they waited for one: 3 bad input
 * lines gave one line saying 1). vigie_classifier_input_misrouted_total and vigie_classifier_dlq_total have them all.
 */
export class CountOncePerMinute {
  #loggedAt = -Infinity;
  #since = 0;
  #timer = false;
  constructor(private readonly say: (records: number) => void, private readonly now: () => number = Date.now,
    private readonly schedule: (fn: () => void, ms: number) => void = (fn, ms) => { setTimeout(fn, ms).unref(); }) {}

  add(n: number): void {
    this.#since += n;
    const now = this.now();
    if (now - this.#loggedAt >= 60_000) { this.#flush(now); return; }
    if (this.#timer) return;
    this.#timer = true;
    this.schedule(() => {
      this.#timer = false;
      if (this.#since > 0) this.#flush(this.now());
    }, this.#loggedAt + 60_000 - now);
  }

  #flush(now: number): void {
    this.say(this.#since);
    this.#loggedAt = now;
    this.#since = 0;
  }
}

export class WindowPipeline implements WindowHandler {
  readonly #states = new Map<number, PartitionState>();
  /** Ranges scored one message at a time after an engine failure; kept across restores. */
  readonly #isolate = new Map<number, { from: bigint; until: bigint }>();
  /** Single records whose classify killed the engine thread: dead-lettered without the engine next time; kept across restores. */
  readonly #killers = new Map<number, Set<bigint>>();
  /** Metrics of windows processed and not yet committed, oldest first. */
  readonly #pending: CommittedBatch[][] = [];
  #restoredGeneration = -1;
  /**
   * input.misrouted and input.dead_lettered: each said once a minute at most (counts only), with what was counted since the
   * last time it was said, over every partition; every such record is also in the metrics.
   */
  readonly #misrouted = new CountOncePerMinute((records) => this.deps.log.warn({ event: EVENTS.INPUT_MISROUTED, records, topic: this.deps.opts.topics.input },
    'input records are not keyed by their conversationId: a conversation spread over partitions is classified without its context; produce chat.messages with key = conversationId'));
  readonly #deadLettered = new CountOncePerMinute((records) => this.deps.log.warn({ event: EVENTS.INPUT_DEAD_LETTERED, records, topic: this.deps.opts.topics.dlq },
    'input records could not be classified (undecodable, invalid, or killing the engine) and went to the dead-letter topic: the reason is in each record there (error header); no text here'));

  constructor(private readonly deps: WindowPipelineDeps) {}

  /** The generation whose partitions are all restored (-1: none yet). */
  get restoredGeneration(): number { return this.#restoredGeneration; }

  /** KafkaInput's start-offset hook: restores every owned partition and says where its input starts. */
  async startOffsets(a: Assignment, committed: Map<number, bigint>): Promise<Map<number, bigint>> {
    const { opts, changelog, engines, log, metrics } = this.deps;
    for (const p of this.#states.keys()) if (!a.partitions.includes(p)) metrics.forgetPartition(p);
    this.#states.clear();
    engines.clear();
    this.#pending.length = 0;
    for (const p of a.partitions) this.deps.shadow?.forget(p);
    const logStarts = await partitionOffsets(this.deps.admin, opts.topics.input, 'earliest');
    const starts = new Map<number, bigint>();
    for (const partition of a.partitions) {
      const startedAt = process.hrtime.bigint();
      const restored = await changelog.restore(stateKey(opts.topics.input, partition));
      const c = committed.get(partition) ?? -1n;
      const logStart = logStarts.get(partition) ?? 0n;
      const plan = planReplay({ checkpointOffset: restored ? BigInt(restored.snap.nextOffset) : null, committed: c, logStart });
      const ctx = { partition, stateNextOffset: restored?.snap.nextOffset ?? null, committed: String(c), logStart: String(logStart) };
      if (plan.kind === 'replay' && plan.lostBelowLogStart) log.warn({ event: EVENTS.STATE_REPLAY_TRUNCATED, ...ctx }, 'checkpoint is below the input log start (retention): replaying from the earliest available record');
      if (plan.kind === 'none' && plan.mismatch) log.error({ event: EVENTS.STATE_OFFSET_MISMATCH, ...ctx }, 'restored state does not match the committed offset');
      await engines.open(partition, restored ? restored.snap.engine : null);
      this.#states.set(partition, {
        replayUntil: plan.kind === 'replay' ? plan.until : -1n,
        replayed: { records: 0, startedAt: process.hrtime.bigint() },
        chunks: restored?.chunks ?? 0,
        lastCheckpointAt: null, // the first window after a restore checkpoints (bounds the next replay)
      });
      starts.set(partition, plan.kind === 'replay' ? plan.from : c);
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      metrics.restoreSeconds.observe(seconds);
      if (restored) metrics.stateBytes.set({ partition: String(partition) }, restored.storedBytes);
      log.info({ event: EVENTS.PARTITION_RESTORED, partition, generation: a.generation, seconds: Number(seconds.toFixed(3)), stateBytes: restored?.storedBytes ?? 0,
        chunks: restored?.chunks ?? 0, committedOffset: String(c), replayFrom: plan.kind === 'replay' ? String(plan.from) : null }, 'partition state restored');
    }
    return starts;
  }

  rewound(a: Assignment): void {
    this.#restoredGeneration = a.generation;
  }

  aborted(): void {
    this.#states.clear();
    this.deps.engines.clear();
    this.#pending.length = 0;
    this.#restoredGeneration = -1;
  }

  /** The oldest processed window's transaction committed: one transaction in the metrics, with each partition's batch. */
  committed(): void {
    const batches = this.#pending.shift() ?? [];
    this.deps.metrics.recordCommittedWindow(batches);
    for (const b of batches) {
      if (b.stats.misrouted) this.#misrouted.add(b.stats.misrouted);
      if (b.stats.dlq) this.#deadLettered.add(b.stats.dlq);
    }
  }

  async process(records: InputMessage[]): Promise<OutputRecord[]> {
    const byPartition = new Map<number, InputMessage[]>();
    for (const m of records) {
      let list = byPartition.get(m.partition);
      if (!list) byPartition.set(m.partition, list = []);
      list.push(m);
    }
    const halt = { stop: false };
    const done = await Promise.allSettled([...byPartition].map(([partition, messages]) => {
      const out: OutputRecord[] = [];
      return this.#partition(partition, messages, out, halt).then((batch) => ({ batch, out }), (err: unknown) => { halt.stop = true; throw err; });
    }));
    const failed = done.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const ok = done.map((r) => (r as PromiseFulfilledResult<{ batch: CommittedBatch; out: OutputRecord[] }>).value);
    this.#pending.push(ok.map((r) => r.batch).filter((b) => b.consumed > 0));
    return ok.flatMap((r) => r.out);
  }

  /**
   * One partition's records of the window, in engine batches one after another; `halt.stop` (another partition failed,
   * the window will abort) ends it at the next batch.
   */
  async #partition(partition: number, messages: InputMessage[], out: OutputRecord[], halt: { stop: boolean }): Promise<CommittedBatch> {
    const { opts, codecs, engines, changelog, shadow, log } = this.deps;
    const st = this.#states.get(partition);
    if (!st) throw new EngineBatchError(messages.length, new Error(`partition ${partition} delivered but not restored`));
    const startedAt = process.hrtime.bigint();
    const live: InputMessage[] = [];
    const stats: BatchStats[] = [];
    const produced = new Map<string, number>();
    const count = (topic: string, n: number) => { if (n) produced.set(topic, (produced.get(topic) ?? 0) + n); };
    for (let i = 0; i < messages.length && !halt.stop;) {
      const chunk = this.#chunk(partition, st, messages, i);
      i += chunk.length;
      const first = chunk[0]!.offset;
      const last = chunk[chunk.length - 1]!.offset;
      const killer = chunk.length === 1 && this.#killers.get(partition)?.has(first);
      const classify = killer
        ? () => Promise.reject(new Error('the engine thread died on this message'))
        : (ms: ChatMessage[]) => engines.classify(partition, ms);
      try {
        if (first < st.replayUntil) {
          st.replayed.records += await replayBatch({ records: chunk.map(toInput), classify, codecs, opts });
          if (last + 1n >= st.replayUntil) {
            log.info({ event: EVENTS.STATE_REPLAYED, partition, records: st.replayed.records, until: String(st.replayUntil),
              seconds: Number((Number(process.hrtime.bigint() - st.replayed.startedAt) / 1e9).toFixed(3)) }, 'state rebuilt by replay');
            st.replayUntil = -1n;
          }
        } else {
          const res = await processBatch({ records: chunk.map(toInput), topic: opts.topics.input, partition, classify, codecs, opts, now: Date.now() });
          for (const [topic, ms] of res.out) for (const m of ms) out.push({ topic, key: m.key, value: m.value, headers: m.headers });
          for (const [topic, ms] of res.out) count(topic, ms.length);
          stats.push(res.stats);
          for (const m of chunk) live.push(m);
          if (shadow) {
            const verdicts = await shadow.process(partition, chunk.map((m) => ({ value: m.value ?? null, offset: String(m.offset) })), res.out.get(opts.topics.verdicts) ?? [], Date.now());
            for (const v of verdicts) out.push({ topic: shadow.topic, key: v.key, value: v.value, headers: v.headers });
            count(shadow.topic, verdicts.length);
          }
        }
      } catch (err) {
        if (err instanceof EngineThreadDiedError && chunk.length === 1) {
          let set = this.#killers.get(partition);
          if (!set) this.#killers.set(partition, set = new Set());
          if (!set.has(first)) { set.add(first); this.deps.onLearned?.(); }
          log.error({ event: EVENTS.ENGINE_THREAD_DIED, partition, offset: String(first) }, 'this message killed its engine thread: dead-lettered after the rewind');
        } else if (err instanceof EngineBatchError || err instanceof EngineThreadDiedError) {
          const cur = this.#isolate.get(partition);
          this.#isolate.set(partition, { from: cur && cur.from < first ? cur.from : first, until: cur && cur.until > last ? cur.until : last });
        }
        throw err;
      }
      const iso = this.#isolate.get(partition);
      if (iso && last >= iso.until) this.#isolate.delete(partition);
    }
    let checkpoint: CommittedBatch['checkpoint'] = null;
    const now = Date.now();
    if (!halt.stop && live.length && checkpointDue({ now, lastCheckpointAt: st.lastCheckpointAt, intervalMs: opts.checkpointIntervalMs })) {
      const next = live[live.length - 1]!.offset + 1n;
      const snapshot = await engines.snapshot(partition, String(next));
      const cp = changelog.checkpoint(stateKey(opts.topics.input, partition), snapshot, opts.stateChunkBytes, st.chunks, opts.stateCompression);
      for (const m of cp.messages) out.push({ topic: changelog.topic, key: m.key, value: m.value, headers: m.headers, partition: m.partition });
      count(changelog.topic, cp.messages.length);
      st.chunks = cp.chunks;
      st.lastCheckpointAt = now;
      checkpoint = { storedBytes: cp.storedBytes, jsonBytes: cp.jsonBytes };
    }
    return {
      partition, inputTopic: opts.topics.input, consumed: live.length, produced: [...produced].map(([topic, n]) => ({ topic, count: n })),
      seconds: Number(process.hrtime.bigint() - startedAt) / 1e9, stats: mergeStats(stats), checkpoint,
    };
  }

  /**
   * The next engine batch from `messages[i]`: at most batchMaxMessages, one message inside an isolated
   * range; it ends before the replay boundary and before an isolated range, so a replay makes the
   * same engine calls as the first time.
   */
  #chunk(partition: number, st: PartitionState, messages: InputMessage[], i: number): InputMessage[] {
    const first = messages[i]!.offset;
    const iso = this.#isolate.get(partition);
    const size = iso && first >= iso.from && first <= iso.until ? 1 : this.deps.opts.batchMaxMessages;
    const replaying = first < st.replayUntil;
    const out: InputMessage[] = [messages[i]!];
    for (let j = i + 1; j < messages.length && out.length < size; j++) {
      const offset = messages[j]!.offset;
      if (replaying && offset >= st.replayUntil) break;
      if (iso && first < iso.from && offset >= iso.from) break;
      out.push(messages[j]!);
    }
    return out;
  }
}

function mergeStats(all: BatchStats[]): BatchStats {
  const m = emptyStats();
  const add = (into: Record<string, number>, from: Record<string, number>) => { for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v; };
  for (const s of all) {
    m.verdicts += s.verdicts;
    m.dlq += s.dlq;
    add(m.actions, s.actions);
    add(m.categories, s.categories);
    add(m.escalations, s.escalations);
    for (const x of s.e2eSeconds) m.e2eSeconds.push(x);
    m.truncatedForScoring += s.truncatedForScoring;
    m.truncatedInStorage += s.truncatedInStorage;
    m.engineSeconds += s.engineSeconds;
    m.misrouted += s.misrouted;
  }
  return m;
}
