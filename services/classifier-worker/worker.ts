/**
 * The streaming classifier worker: a consumer-group member that turns `chat.messages` into verdicts,
 * moderation actions, escalations, audit records and dead letters, exactly once.
 *
 * One transactional producer per process (transactional id `<prefix>-<instance>`) and one
 * transaction per commit window (what is buffered when the input is not saturated, else at most
 * 100 ms or `windowMaxMessages` records), spanning every partition the process owns: outputs, dead
 * letters, shadow verdicts, state checkpoints and the
 * input offset of every partition (kafka/exactly-once-loop.ts). The next window is read and scored
 * while the previous commit is in flight. Nothing of a window is visible to read_committed readers
 * before its commit; an aborted window leaves no trace.
 *
 * Fencing (KIP-447): every input offset is committed with the group generation its record was
 * fetched under; after a rebalance the coordinator refuses a stale owner's commit, the stale owner
 * aborts and rewinds. A new owner reads the committed offsets with requireStable, so it waits until
 * the previous owner's open transaction ended, and restores each partition's state from its last
 * checkpoint plus a replay of the inputs since (window-pipeline.ts). A restarted instance with the
 * same instance id fences its predecessor's open transaction at once; a new instance id waits for
 * the coordinator to time that transaction out (transactionTimeoutMs).
 */
import type { Admin } from '@platformatic/kafka';
import type { Codecs } from '../contracts/index.js';
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';
import type { KafkaClient } from '../kafka/client.js';
import { outageUnready } from '../kafka/broker-failures.js';
import { partitionOffsets } from '../kafka/admin.js';
import { ABORTED, unlessAborted, waitForTopic, waitForTopics } from '../kafka/startup-wait.js';
import type { ExactlyOnceLoop } from '../kafka/exactly-once-loop.js';
import { KafkaInput } from '../kafka/kafka-input.js';
import { TransactionalOutput } from '../kafka/kafka-output.js';
import { brokerErrorIds, logErr } from '../kafka/client-options.js';
import { VigieError } from '../contracts/errors.js';
import { ChangelogTail } from './changelog-tail.js';
import type { WorkerMetrics } from './metrics.js';
import type { WorkerOptions } from './options.js';
import type { PartitionEngines } from './partition-engines.js';
import type { Shadow } from './shadow.js';
import type { WindowPipeline } from './window-pipeline.js';
import { workerLoop } from './progressing-pipeline.js';
import { StallWatch, StepRecorder } from './stall.js';
import { ProgressWatch } from './progress.js';
import { livenessWithContext, loopLiveness } from './liveness.js';
import { backlogStep, backlogUnknown, NO_BACKLOG, oldest, type BacklogState } from './backlog.js';
import type { Liveness } from './http-server.js';
import { testFreezeDue, warnTestFreezeSet } from './test-freeze.js';
import { HangingTxnSweeper } from './hanging-sweep.js';
import { transactionalIdOf } from './transactional-id.js';

/** How long a started worker waits for a state topic that its other topics were created with, before creating it. */
const STATE_TOPIC_GRACE_MS = 3_000;

export class ClassifierWorker {
  readonly #log: Logger;
  #admin: Admin | undefined;
  #input: KafkaInput | undefined;
  #output: TransactionalOutput | undefined;
  #changelog: ChangelogTail | undefined;
  #pipeline: WindowPipeline | undefined;
  #loop: ExactlyOnceLoop | undefined;
  #running: Promise<void> | undefined;
  #stallTimer: NodeJS.Timeout | undefined;
  #stopping = false;
  /** Input available and neither fetched nor committed, as of the last backlog probe (backlog.ts). */
  #backlog: BacklogState = NO_BACKLOG;
  #backlogDue = 0;
  #hangingSweep: HangingTxnSweeper | undefined;
  #backlogProbing = false;
  /** Failed backlog probes in a row (logged at warn once per streak). */
  #backlogFailures = 0;
  #frozen = false;
  #startCancelled = false;
  readonly #startAbort = new AbortController();
  /** Candidate engine in shadow mode (shadow.ts); its verdicts join each window's transaction. */
  shadow: Shadow | null = null;
  /** The step stop() awaits (a stop that does not finish names it: `worker.stop_timeout`). */
  readonly stopSteps = new StepRecorder();

  constructor(private readonly client: KafkaClient, private readonly opts: WorkerOptions, private readonly codecs: Codecs,
    private readonly engines: PartitionEngines, private readonly metrics: WorkerMetrics, log: Logger,
    private readonly onFatal: (err: unknown) => void = () => undefined) {
    this.#log = log.child({ component: 'classifier-worker', groupId: opts.groupId });
    warnTestFreezeSet(opts.testFreezeInputFile, this.#log);
  }

  get assigned(): readonly number[] { return this.#input?.assignment.partitions ?? []; }

  readiness(): { ready: boolean; detail: unknown } {
    const a = this.#input?.assignment ?? { generation: -1, partitions: [] };
    const restored = this.#pipeline?.restoredGeneration ?? -1;
    const ready = !this.#stopping && a.generation >= 0 && restored === a.generation && !this.#input?.rewindNeeded;
    const detail = { generation: a.generation, assigned: a.partitions, restoredGeneration: restored };
    // A broker outage the client knows of: not ready, with why (stop 51); ready again at the first reconnection.
    const away = outageUnready(this.client.outage(), Date.now());
    return away ? { ready: false, detail: { ...away, ...detail } } : { ready, detail };
  }

  /**
   * Waits (backoff, one log line per change) until the broker answers and every topic exists, then starts
   * the state changelog tail and the exactly-once loop (in the background). Resolves false when stopped while
   * waiting (`cancelStart`, e.g. SIGTERM before the topics were created); throws when Kafka refuses this
   * client (authentication, ACLs): that no wait can cure.
   */
  async start(): Promise<boolean> {
    const opts = this.opts;
    this.#admin = this.client.admin();
    const needed = [opts.topics.input, opts.topics.verdicts, opts.topics.actions, opts.topics.escalations, opts.topics.audit, opts.topics.dlq];
    const cancelled = () => this.#startCancelled || this.#stopping;
    const signal = this.#startAbort.signal;
    const present = await waitForTopics(this.#admin, needed, this.#log, { maxMs: 5_000, cancelled, signal });
    if (!present || cancelled()) return false;
    // The state changelog is created by the worker itself when missing (changelog-tail.ts); a `vigie topics create`
    // running right now creates it with its plan, so give it a moment first instead of racing it.
    await waitForTopic(this.#admin, opts.topics.state, STATE_TOPIC_GRACE_MS, cancelled, signal);
    if (cancelled()) return false;
    this.#changelog = new ChangelogTail(this.client, opts.topics.state, opts.groupId, this.#log);
    // Joining the state reader's group takes seconds, longer with a slow broker: a stop meanwhile ends start()
    // here (stop() closes the changelog), before the loop fences the previous instance and joins the input group.
    if ((await unlessAborted(this.#changelog.start(), signal)) === ABORTED || cancelled()) return false;
    // A learned thread killer is progress (progressing-pipeline.ts): a burst of them must not end in a no-progress exit.
    const transactionalId = transactionalIdOf(opts.transactionalIdPrefix, opts.instanceId);
    const instance = transactionalId.slice(opts.transactionalIdPrefix.length + 1);
    const built = workerLoop({
      opts, codecs: this.codecs, engines: this.engines, changelog: this.#changelog, admin: this.#admin, metrics: this.metrics, log: this.#log, shadow: this.shadow,
    }, {
      input: (startOffsets) => {
        const input = new KafkaInput(this.client, {
          topic: opts.topics.input, groupId: opts.groupId, sessionTimeoutMs: opts.sessionTimeoutMs, heartbeatIntervalMs: opts.heartbeatIntervalMs,
          rebalanceTimeoutMs: opts.rebalanceTimeoutMs, maxWaitTimeMs: opts.batchMaxWaitMs, maxBytesPerPartition: opts.maxBytesPerPartition,
          stableOffsetTimeoutMs: opts.transactionTimeoutMs * 4,
          maxBuffered: opts.readAheadRecords, maxBufferedBytes: opts.readAheadBytes,
          startOffsets,
        }, this.#log);
        input.onPause = () => this.metrics.inputPauses.inc();
        this.metrics.observeInput(input);
        return input;
      },
      output: () => new TransactionalOutput(this.client, { transactionalId, transactionTimeoutMs: opts.transactionTimeoutMs, offsetCommit: opts.offsetCommit }, this.#log),
    }, {
      windowMaxMessages: opts.windowMaxMessages, commitIntervalMs: opts.commitIntervalMs,
      closeWhenDrained: opts.closeWhenDrained, minWindowGapMs: opts.minWindowGapMs,
    }, () => this.metrics.transactions.inc({ outcome: 'aborted' }), this.#log);
    this.#pipeline = built.pipeline;
    this.#input = built.input;
    this.#output = built.output;
    this.#loop = built.loop;
    this.#running = this.#loop.run().catch((err: unknown) => {
      if (this.#stopping) return;
      if (this.#output?.fenced && !brokerErrorIds(err).includes('TRANSACTIONAL_ID_AUTHORIZATION_FAILED')) {
        const fenced = new VigieError(fencedMessage(transactionalId, opts.instanceId ? instance : null), { cause: err, retriable: false });
        this.#log.error({ event: EVENTS.WORKER_FENCED, transactionalId, err: (err as Error)?.message }, fenced.message);
        this.onFatal(fenced);
        return;
      }
      this.#log.error({ event: EVENTS.CONSUMER_CRASH, err }, 'exactly-once loop stopped');
      this.onFatal(err);
    });
    const loop = this.#loop;
    const watch = new StallWatch(() => loop.stage, { warnMs: opts.stallWarnMs, fatalMs: opts.stallTimeoutMs },
      (_stage, ageMs) => this.#log.warn({ event: EVENTS.WORKER_STALLED, seconds: Math.round(ageMs / 1000), ...this.stages() },
        'the exactly-once loop has been waiting on one step for long (a broker away, or a promise that never settles)'),
      (stage, ageMs) => {
        this.#log.error({ event: EVENTS.WORKER_STALLED, seconds: Math.round(ageMs / 1000), fatal: true, ...this.stages() },
          'the exactly-once loop is stuck: its partitions make no progress while the group still counts this member; exiting so that the supervisor restarts it');
        this.onFatal(new VigieError(`exactly-once loop stuck for ${Math.round(ageMs / 1000)} s on "${stage.what}"`));
      });
    const progress = new ProgressWatch(() => this.#pendingSince(), { warnMs: opts.progressWarnMs, fatalMs: opts.progressTimeoutMs },
      (ageMs) => this.#log.warn({ event: EVENTS.WORKER_NO_PROGRESS, seconds: Math.round(ageMs / 1000), ...this.#progressCounts(), ...this.stages() },
        'input pending and not committed for long: the loop keeps failing its commits (abort, rewind, again), or its stream stopped fetching while its partitions hold records (backlog)'),
      (ageMs) => {
        this.#log.error({ event: EVENTS.WORKER_NO_PROGRESS, seconds: Math.round(ageMs / 1000), fatal: true, ...this.#progressCounts(), ...this.stages() },
          'no transaction committed while input is pending: its partitions make no progress while the group still counts this member; exiting so that the supervisor restarts it');
        this.onFatal(new VigieError(`no commit for ${Math.round(ageMs / 1000)} s with input pending (${loop.progress.abortsSinceCommit} aborts since the last commit)`));
      });
    const t = opts.topics;
    this.#hangingSweep = new HangingTxnSweeper(() => (this.#stopping ? undefined : this.#admin), {
      // Every topic a window's transaction writes, the shadow verdicts too when shadow mode is on.
      topics: [t.verdicts, t.actions, t.escalations, t.audit, t.dlq, t.state, ...(this.shadow ? [this.shadow.topic] : [])], groupId: opts.groupId,
      transactionalIdPrefix: opts.transactionalIdPrefix, brokers: opts.brokers,
    }, opts.hangingTxnSweepMs, this.#log);
    this.#stallTimer = setInterval(() => {
      this.#testFreeze();
      const now = performance.now();
      this.#hangingSweep?.tick(now);
      if (opts.backlogCheckMs > 0 && now >= this.#backlogDue && !this.#backlogProbing) {
        this.#backlogDue = now + opts.backlogCheckMs;
        void this.#probeBacklog();
      }
      watch.tick(now);
      progress.tick(now);
    }, 1000);
    this.#stallTimer.unref();
    return true;
  }

  #progressCounts(): Record<string, unknown> {
    const p = this.#loop?.progress;
    const b = this.#backlog;
    return {
      abortsSinceCommit: p?.abortsSinceCommit ?? 0, aborts: this.#loop?.aborts ?? 0, commits: this.#loop?.commits ?? 0,
      takenPending: p?.pendingSince != null, backlog: b.since === null ? null : { lagging: b.lagging, undelivered: b.undelivered },
    };
  }

  /** Since when input has been pending without progress: taken and not committed (the loop), or available and not fetched (backlog.ts). */
  #pendingSince(): number | null {
    return oldest(this.#loop?.progress.pendingSince ?? null, this.#backlog.since);
  }

  /**
   * End offsets (read_committed: last stable offsets; one Metadata request, then one ListOffsets per leader) of the assigned input partitions, compared with the
   * input's fetch positions (backlog.ts). A failed request keeps an episode only while the worker makes no progress
   * (backlogUnknown; a broker away is the stall check's matter), logged at warn once per failure streak; no stream open
   * (a rewind) skips the probe; no partition assigned ends any episode.
   */
  async #probeBacklog(): Promise<void> {
    const input = this.#input, loop = this.#loop, admin = this.#admin;
    if (!input || !loop || !admin || this.#stopping) return;
    const partitions = [...input.assignment.partitions];
    if (!partitions.length) { this.#backlog = NO_BACKLOG; return; }
    this.#backlogProbing = true;
    try {
      const ends = await partitionOffsets(admin, input.topic, 'latest', true, partitions);
      const positions = input.fetchPositions();
      if (!positions || this.#stopping) return;
      this.#backlog = backlogStep(this.#backlog, {
        now: performance.now(), partitions: input.assignment.partitions, ends, positions, undelivered: input.undelivered, progressMark: loop.commits + input.delivered,
        paused: input.paused,
      });
      if (this.#backlogFailures > 0) this.#log.info({ failures: this.#backlogFailures }, 'backlog probe works again');
      this.#backlogFailures = 0;
    } catch (err) {
      this.#backlog = backlogUnknown(this.#backlog, loop.commits + input.delivered, input.assignment.partitions);
      if (this.#backlogFailures++ === 0) this.#log.warn({ err: logErr(err) }, 'backlog probe failed (end offsets of the input partitions); an episode is kept only while nothing progresses');
      else this.#log.debug({ err: logErr(err), failures: this.#backlogFailures }, 'backlog probe failed again');
    } finally {
      this.#backlogProbing = false;
    }
  }

  /** Test only (options.ts `testFreezeInputFile`, test-freeze.ts): the input stops fetching once the file exists. */
  #testFreeze(): void {
    if (this.#frozen || !this.#input || !testFreezeDue(this.opts.testFreezeInputFile, this.#log)) return;
    this.#frozen = true;
    this.#input.freezeFetching();
  }

  /**
   * Not live while the loop waits on one step past livezStallMs, or input has been pending without a commit past
   * livezProgressMs (not the warnings: liveness.ts): an orchestrator's liveness probe then restarts the process (its reason says which check).
   */
  liveness(now = performance.now()): Liveness {
    const loop = this.#loop;
    if (!loop || this.#stopping) return { live: true };
    const o = this.opts;
    const l = loopLiveness({ stage: loop.stage, pendingSince: this.#pendingSince(), abortsSinceCommit: loop.progress.abortsSinceCommit }, now,
      { stallMs: o.livezStallMs, progressMs: o.livezProgressMs });
    return livenessWithContext(l, this.assigned, this.#backlog.since === null ? null : this.#backlog.lagging);
  }

  /**
   * What each part awaits and for how long (seconds): the loop, the input's last rewind, the output's last commit
   * or abort; with the assignment. For the stall check and a stop that does not finish.
   */
  stages(): Record<string, unknown> {
    const now = performance.now();
    const at = (s: { what: string; since: number } | undefined) => (s ? `${s.what} (${((now - s.since) / 1000).toFixed(1)} s)` : null);
    return {
      loopStage: at(this.#loop?.stage), stopStep: at(this.stopSteps.current ?? undefined), inputStage: at(this.#input?.stage), outputStage: at(this.#output?.stage),
      generation: this.#input?.assignment.generation ?? -1, assigned: this.#input?.assignment.partitions ?? [], buffered: this.#input?.buffered ?? 0,
    };
  }

  /** Ends a `start()` that is still waiting for the broker or the topics (it then resolves false). */
  cancelStart(): void {
    this.#startCancelled = true;
    this.#startAbort.abort();
  }

  /**
   * Finishes the window in flight (its transaction commits or aborts), leaves the group, closes the clients.
   * Stopped before the loop existed (while loading or waiting for Kafka), there is no window and no group: the
   * clients are closed without the two lines below, and the caller says in one line what happened.
   */
  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#startAbort.abort();
    const at = (what: string, p: Promise<unknown> | undefined) => this.stopSteps.at(what, Promise.resolve(p));
    if (!this.#loop) {
      await at('state changelog stop', this.#changelog?.stop());
      await at('hanging-transaction sweep', this.#hangingSweep?.settle());
    await at('admin client close', this.#admin?.close().catch(() => undefined));
      this.stopSteps.done();
      return;
    }
    this.#log.info({ event: EVENTS.WORKER_STOPPING }, 'stopping: finishing the window in flight, leaving the group');
    this.#loop?.stop();
    await at('exactly-once loop (the window in flight commits or aborts)', this.#running);
    clearInterval(this.#stallTimer);
    await at('input close (leave the group)', this.#input?.close().catch((err: unknown) => this.#log.warn({ err: logErr(err) }, 'input close failed')));
    await at('output close (transactional producer)', this.#output?.close());
    await at('state changelog stop', this.#changelog?.stop());
    await at('hanging-transaction sweep', this.#hangingSweep?.settle());
    await at('admin client close', this.#admin?.close().catch(() => undefined));
    this.stopSteps.done();
    this.#log.info({ event: EVENTS.WORKER_STOPPED }, 'stopped');
  }
}

/**
 * Why a fenced worker stops, for the operator: a newer producer took its transactional id. That is normal when the
 * process was replaced (a restart under the same instance name), and a misconfiguration when two processes run with
 * the same VIGIE_CLASSIFIER_INSTANCE: they then fence each other on every restart (outputs stay exactly once).
 */
export function fencedMessage(transactionalId: string, instance: string | null): string {
  return `fenced: another classifier process now holds transactional id ${transactionalId}, so this one stops. ` +
    (instance === null ? 'This process had a random instance name: another process started with it, a previous run of this one outlived its fencing, ' +
        'or a hanging-transaction sweep of another worker fenced it to end a transaction of this id whose marker the broker lost (kafka.hanging_txn_ended in that worker\'s log). '
      : `Normal if this process was replaced by a restart of instance ${instance}; if two processes run with VIGIE_CLASSIFIER_INSTANCE=${instance} ` +
        '(and the same VIGIE_CLASSIFIER_GROUP), they fence each other on every restart: give each process its own instance name, e.g. the pod name.');
}
