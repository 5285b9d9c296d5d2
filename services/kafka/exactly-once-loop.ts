/**
 * The exactly-once consume-transform-produce loop: one transaction per commit window spanning every
 * partition the process owns (outputs and input offsets together), the next window taken and
 * processed while the previous commit is in flight.
 *
 * A window ends after `windowMaxMessages` records, or as soon as the input has nothing more buffered
 * (an input that is not saturated is not held back for the commit interval) once `minWindowGapMs` passed
 * since the previous window closed (a trickle does not get one transaction per record), or
 * `commitIntervalMs` since its first record.
 * Its outputs are pushed into the transaction only once the previous transaction committed (one
 * producer has one open transaction). On any failure — a commit refused after a rebalance
 * (stale generation), a broker error, a handler error — the open transaction is aborted, the
 * handler is told to drop state derived from uncommitted windows (`aborted`), and the input is
 * rewound to the committed offsets, which are then processed again. A fenced producer (a newer
 * instance of the same transactional id) stops the loop with an error.
 */
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';
import { VigieError } from '../contracts/errors.js';
import { logErr } from './client-options.js';
import { recordsToCommit } from './commit-floor.js';
import { ProgressTracker } from './loop-progress.js';
import type { Assignment, InputMessage, KafkaInput } from './kafka-input.js';
import type { OutputRecord, TransactionalOutput } from './kafka-output.js';
import { isSecurityRefusal } from './security-errors.js';

export interface ExactlyOnceLoopOptions {
  /** Most records in one transaction. Default 5000. */
  windowMaxMessages?: number;
  /** Longest a window stays open after its first record. Default 100 ms. */
  commitIntervalMs?: number;
  /**
   * Close a window as soon as the input has no more records buffered (and `minWindowGapMs` passed), instead of
   * waiting for the commit interval: an input that is not saturated gets its verdicts one processing + one commit
   * after the fetch. Every take empties the buffer, so a window holds the backlog of that instant: it reaches
   * windowMaxMessages only when that many records are buffered. Default true.
   */
  closeWhenDrained?: boolean;
  /**
   * With closeWhenDrained: least time between two window closes, counted from the previous close (a record after a
   * quiet spell closes its window at once). Caps the transaction rate at 1000 / gap per process under a trickle.
   * An integer from 0 to commitIntervalMs. Default 50 ms (at most commitIntervalMs).
   */
  minWindowGapMs?: number;
  /** Pause after a failed window before the rewind. Default 200 ms, doubled per consecutive failure up to 5 s. */
  failureBackoffMs?: number;
  /**
   * How long failures may follow one another (a broker restart, a coordinator moving) before run()
   * gives up and rejects; the rewind itself is retried within it. Default 300000 ms.
   */
  outageToleranceMs?: number;
}

export interface WindowHandler {
  /** Outputs of a window's records, in order. Must be deterministic given the state of committed windows. */
  process(records: InputMessage[]): Promise<OutputRecord[]> | OutputRecord[];
  /** A window committed. */
  committed?(records: InputMessage[], outputs: number): void;
  /** Windows since the last commit are void: drop state derived from them. The input is rewound next. */
  aborted?(err: unknown): Promise<void> | void;
  /** The input was (re)positioned at the committed offsets of `assignment` (after start, a rebalance or an abort). */
  rewound?(assignment: Assignment): Promise<void> | void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** What the loop is waiting for, and since when (ms): a loop that stops making progress says where it stopped. */
export interface LoopStage { what: string; since: number }

export class ExactlyOnceLoop {
  readonly #max: number;
  readonly #intervalMs: number;
  readonly #closeWhenDrained: boolean;
  readonly #gapMs: number;
  /** When the previous window closed (0: none yet). */
  #lastClose = 0;
  readonly #backoffMs: number;
  readonly #outageMs: number;
  /** Time of the first failure of the current run of failures (0: none). */
  #failingSince = 0;
  readonly #log: Logger;
  #stopping = false;
  #failures = 0;
  #stage: LoopStage = { what: 'created', since: performance.now() };
  /** Windows committed since start, for tests and metrics. */
  commits = 0;
  aborts = 0;
  /** Input taken and not committed yet, for the worker's progress check (loop-progress.ts). */
  readonly progress = new ProgressTracker();

  constructor(private readonly input: KafkaInput, private readonly output: TransactionalOutput, private readonly handler: WindowHandler,
    opts: ExactlyOnceLoopOptions, log: Logger) {
    this.#max = opts.windowMaxMessages ?? 5000;
    this.#intervalMs = opts.commitIntervalMs ?? 100;
    this.#closeWhenDrained = opts.closeWhenDrained ?? true;
    this.#gapMs = opts.minWindowGapMs ?? Math.min(50, this.#intervalMs);
    this.#backoffMs = opts.failureBackoffMs ?? 200;
    this.#outageMs = opts.outageToleranceMs ?? 300_000;
    if (!(Number.isInteger(this.#max) && this.#max > 0)) throw new VigieError(`windowMaxMessages must be an integer > 0, got ${this.#max}`);
    if (!(this.#intervalMs > 0)) throw new VigieError(`commitIntervalMs must be > 0, got ${this.#intervalMs}`);
    if (typeof this.#closeWhenDrained !== 'boolean') throw new VigieError(`closeWhenDrained must be a boolean, got ${String(this.#closeWhenDrained)}`);
    if (!(Number.isInteger(this.#gapMs) && this.#gapMs >= 0 && this.#gapMs <= this.#intervalMs)) {
      throw new VigieError(`minWindowGapMs must be an integer from 0 to commitIntervalMs (${this.#intervalMs}), got ${this.#gapMs}`);
    }
    this.#log = log.child({ component: 'exactly-once-loop' });
  }

  /** What the loop awaits now (or last awaited) and since when: read by the worker's stall check and its logs. */
  get stage(): LoopStage { return this.#stage; }

  /** Marks what the loop waits for next (`stage`) and waits for it. */
  #at<T>(what: string, p: Promise<T> | T): Promise<T> | T {
    this.#stage = { what, since: performance.now() };
    return p;
  }

  /** Runs until stop(); the window in flight then commits (or aborts) before it resolves. */
  async run(): Promise<void> {
    if (!(await this.#start())) return;
    let inflight: Promise<void> | null = null;
    while (!this.#stopping) {
      try {
        if (this.input.rewindNeeded) {
          await this.#at('commit in flight (before a rewind)', inflight?.catch(() => undefined));
          inflight = null;
          await this.#rewind(null);
          continue;
        }
        const records = await this.#window(() => inflight === null);
        if (!records.length) {
          if (inflight) { const p = inflight; inflight = null; await this.#at('commit in flight', p); }
          continue;
        }
        this.progress.taken(performance.now());
        const outputs = await this.#at('process', this.handler.process(records));
        if (inflight) { const p = inflight; inflight = null; await this.#at('commit in flight', p); }
        if (this.input.rewindNeeded) continue; // a rebalance during processing: this window is void
        await this.#at('push', this.output.push(outputs));
        // Records replayed into state (below the committed offset) must not move the offset back.
        this.output.consumed(this.input.consumer, recordsToCommit(records, this.input.committedAtRewind));
        inflight = this.output.flush().then(() => {
          this.commits++;
          this.progress.committed();
          this.#failures = 0;
          this.handler.committed?.(records, outputs.length);
        });
        inflight.catch(() => undefined); // awaited above, next turn
      } catch (err) {
        // The previous window's commit may still be in flight (a window closed on drain is processed while it
        // commits): let it settle before the abort and the rewind, or the abort would end the transaction being
        // committed and its late requests would land in the next one (duplicate outputs).
        const p = inflight;
        inflight = null;
        await this.#at('commit in flight (after a failure)', p?.catch(() => undefined));
        // Fenced, or refused by the broker's ACLs / login: retrying cannot help, the caller stops.
        if (this.output.fenced || isSecurityRefusal(err)) throw err;
        await this.#recover(err);
      }
    }
    await this.#at('commit in flight (stopping)', inflight);
    this.#at('stopped', undefined);
  }

  /**
   * The first transaction, the group join and the committed offsets, retried with backoff while the
   * broker is away (a restart, a coordinator moving) within the outage tolerance, as a failed window is.
   * False when stopped meanwhile. Fenced or refused by ACLs / login: thrown at once.
   */
  async #start(): Promise<boolean> {
    for (;;) {
      try {
        // Fence a previous instance of our transactional id first: its open transaction is aborted now
        // instead of holding the committed offsets unstable until its timeout.
        await this.#at('init (fencing)', this.output.init());
        // A stop during the fencing: do not join the group (every member would rebalance) only to leave it.
        if (this.#stopping) return false;
        await this.#at('start (join, positions)', this.input.start());
        this.progress.rewound(this.input.assignment.partitions);
        if (this.#stopping) return false;
        await this.#at('rewound', this.handler.rewound?.(this.input.assignment));
        this.#failingSince = 0;
        this.#failures = 0;
        return true;
      } catch (err) {
        if (this.#stopping) return false;
        if (this.output.fenced || isSecurityRefusal(err)) throw err;
        this.#failingSince ||= Date.now();
        if (this.#outageOver()) throw err;
        this.#failures++;
        this.#log.warn({ event: EVENTS.WINDOW_ABORTED, err: logErr(err), failures: this.#failures }, 'start failed (broker away?); retrying');
        await this.#at('backoff', this.#backoff());
        if (this.#stopping) return false;
        this.input.requestRewind();
      }
    }
  }

  /** Aborts and rewinds after a failure; a failing rewind (broker down) is retried until the outage tolerance runs out. */
  async #recover(err: unknown): Promise<void> {
    this.#failingSince ||= Date.now();
    for (let cause = err; ;) {
      try {
        await this.#rewind(cause);
        this.#failingSince = 0;
        return;
      } catch (again) {
        if (this.#stopping) return; // nothing was committed since the last commit: a restart resumes from there
        if (this.output.fenced || this.#outageOver()) throw again;
        cause = again;
      }
    }
  }

  async #rewind(err: unknown): Promise<void> {
    this.progress.voided(err !== null);
    await this.#at('abort', this.output.abort());
    if (err !== null) {
      this.aborts++;
      this.#failures++;
      this.#log.warn({ event: EVENTS.WINDOW_ABORTED, err: logErr(err), failures: this.#failures }, 'window aborted; resuming from the committed offsets');
      await this.#at('backoff', this.#backoff());
    }
    await this.#at('aborted', this.handler.aborted?.(err));
    this.input.requestRewind();
    await this.#at('rewind (positions, state restore)', this.input.rewind());
    this.progress.rewound(this.input.assignment.partitions);
    await this.#at('rewound', this.handler.rewound?.(this.input.assignment));
  }

  /** The pause after the current run of failures: failureBackoffMs doubled per consecutive failure, at most 5 s. */
  #backoff(): Promise<void> {
    return sleep(Math.min(5000, this.#backoffMs * 2 ** (this.#failures - 1)));
  }

  /** Failures have followed one another for longer than the outage tolerance. */
  #outageOver(): boolean {
    return Date.now() - this.#failingSince > this.#outageMs;
  }

  /**
   * Records of one window: until full, or the input has nothing more buffered (`closeWhenDrained`) and the gap since
   * the previous close passed, or the commit interval since its first record passed (and no commit is in flight).
   */
  async #window(idle: () => boolean): Promise<InputMessage[]> {
    const out = await this.#at('take', this.input.take(this.#max, this.#intervalMs));
    if (!out.length) return out;
    const gapEnd = this.#lastClose + this.#gapMs;
    // Not saturated: everything fetched so far is in this window; waiting for more only adds latency.
    const drained = () => this.#closeWhenDrained && this.input.buffered === 0 && Date.now() >= gapEnd;
    if (!drained()) {
      const deadline = Date.now() + this.#intervalMs;
      while (out.length < this.#max && !this.input.rewindNeeded && !this.#stopping) {
        const left = deadline - Date.now();
        if (left <= 0 && idle()) break;
        if (drained()) break;
        // Within the gap, wait only until it ends: then the window closes once drained.
        const wait = this.#closeWhenDrained ? Math.min(left, gapEnd - Date.now()) : left;
        const more = await this.#at('take', this.input.take(this.#max - out.length, Math.max(1, wait)));
        if (!more.length && left <= 0) break;
        for (const m of more) out.push(m);
      }
    }
    this.#lastClose = Date.now();
    return out;
  }

  stop(): void {
    this.#stopping = true;
  }
}
