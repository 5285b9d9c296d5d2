/**
 * Holds the current detection engine and swaps it for a freshly loaded one when its rule, policy or
 * model files change (fs.watch) or on SIGHUP (the caller wires the signal to `reload()`). The worker
 * reads `current` once at the start of each batch, so a swap happens between batches and no message
 * is dropped or scored by half an engine. A reload that fails (bad rule file, unreadable model) is
 * logged and counted; the previous engine keeps running. Verdicts carry the versions of the engine
 * that scored them.
 */
import type { Logger } from '../common/logger.js';
import type { ChatMessage, ContextMessage, ParticipantAge, Verdict } from '../contracts/types.js';
import { EVENTS } from '../common/events.js';
import { watchFiles } from './file-watch.js';
import { loadDeadline, reloadLateMessage, reloadOverdueMessage } from './load-deadline.js';
import { ReloadQueue } from './reload-queue.js';

export type EngineVerdicts = (Verdict & { context?: ContextMessage[]; participantAges?: ParticipantAge[] })[];

/** The engine contract of docs/architecture.md (structural, so the worker depends on no engine internals). */
export interface WorkerEngine<S = unknown> {
  readonly versions: { model: string; rules: string; policy: string };
  /** One verdict per message; `context` = earlier messages of the conversation and `participantAges` = their known ages, when it acts or escalates. */
  classifyBatch(messages: ChatMessage[], state: S): Promise<EngineVerdicts>;
  close?(): Promise<void>;
}

export interface EngineFactory<S = unknown> {
  load(): Promise<WorkerEngine<S>>;
  /** A fresh, empty engine state. */
  newState(): S;
  /** Checks and normalises a restored state (throws on an unknown shape): the bytes of `encodeState`, or the JSON value of a version 1 snapshot. */
  restoreState(raw: unknown): S;
  /** The state as checkpoint bytes (snapshot version 2); without it, checkpoints hold the state as JSON (version 1). */
  encodeState?(state: S): Uint8Array;
  /** Files and folders whose change triggers a reload. */
  watchPaths: string[];
}

export class EngineHolder<S = unknown> {
  #current: WorkerEngine<S>;
  #unwatch: () => void = () => undefined;
  /** One reload at a time, one more after it (reload-queue.ts). */
  readonly #reloads = new ReloadQueue(() => this.#closed);
  #closed = false;

  private constructor(readonly factory: EngineFactory<S>, first: WorkerEngine<S>, private readonly log: Logger,
    private readonly onReload: (outcome: 'ok' | 'error') => void, private readonly loadTimeoutMs: number) {
    this.#current = first;
  }

  /** `loadTimeoutMs`: a reload's deadline (VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS, load-deadline.ts); 0 = none. */
  static async create<S>(factory: EngineFactory<S>, log: Logger, onReload: (outcome: 'ok' | 'error') => void = () => undefined, loadTimeoutMs = 0): Promise<EngineHolder<S>> {
    return new EngineHolder(factory, await factory.load(), log.child({ component: 'engine-holder' }), onReload, loadTimeoutMs);
  }

  get current(): WorkerEngine<S> {
    return this.#current;
  }

  readonly #inflight = new Map<WorkerEngine<S>, number>();

  /** Runs `fn` with the current engine; an engine swapped out is closed once no batch uses it. */
  async use<R>(fn: (engine: WorkerEngine<S>) => Promise<R>): Promise<R> {
    const e = this.#current;
    this.#inflight.set(e, (this.#inflight.get(e) ?? 0) + 1);
    try {
      return await fn(e);
    } finally {
      const n = (this.#inflight.get(e) ?? 1) - 1;
      if (n > 0) this.#inflight.set(e, n);
      else {
        this.#inflight.delete(e);
        if (e !== this.#current) this.#closeQuietly(e);
      }
    }
  }

  #closeQuietly(e: WorkerEngine<S>): void {
    e.close?.().catch((err: unknown) => this.log.warn({ err }, 'closing the previous engine failed'));
  }

  /** Starts watching the factory's paths; changes are debounced by `debounceMs`. */
  watch(debounceMs = 500): void {
    this.#unwatch = watchFiles(this.factory.watchPaths, this.log, (p) => void this.reload(`file change under ${p}`), debounceMs);
  }

  /**
   * Loads a new engine and swaps it in (after `close()`, a load that ends is closed, never swapped in). Past `loadTimeoutMs` a line says the previous
   * engine still runs (the reload counted `error`); a load that ends later and loads is applied then (counted `ok`, with
   * an `engine.load_late` warn line), one that fails keeps the previous engine. A reload asked for while one runs (a
   * file change, SIGHUP) loads once more after it, so the newest files win (several such asks share that one load).
   */
  reload(why: string): Promise<void> {
    return this.#reloads.run(async () => {
      const before = this.#current.versions;
      const t0 = performance.now();
      const deadline = loadDeadline(this.loadTimeoutMs, () => {
        this.onReload('error');
        this.log.error({ event: EVENTS.ENGINE_RELOAD_TIMEOUT, why, loadTimeoutMs: this.loadTimeoutMs, watchPaths: this.factory.watchPaths },
          reloadOverdueMessage(Math.round((performance.now() - t0) / 1000), before));
      });
      // Past the deadline the overdue line has already counted the reload as an error.
      let late = false;
      try {
        let next: WorkerEngine<S>;
        try {
          next = await this.factory.load();
        } finally {
          late = deadline.done();
        }
        if (this.#closed) { this.#closeQuietly(next); return; }
        const old = this.#current;
        this.#current = next;
        if (!this.#inflight.has(old)) this.#closeQuietly(old);
        this.onReload('ok');
        if (late) {
          this.log.warn({ event: EVENTS.ENGINE_LOAD_LATE, why, loadMs: Math.round(performance.now() - t0), before, after: next.versions },
            reloadLateMessage(true));
        } else {
          this.log.info({ event: EVENTS.ENGINE_RELOADED, why, before, after: next.versions }, 'engine reloaded');
        }
      } catch (err) {
        if (late) {
          this.log.warn({ event: EVENTS.ENGINE_LOAD_LATE, why, loadMs: Math.round(performance.now() - t0), kept: before, err }, reloadLateMessage(false));
        } else {
          this.onReload('error');
          this.log.error({ event: EVENTS.ENGINE_RELOAD_FAILED, why, err }, 'engine reload failed; keeping the previous engine');
        }
      }
    });
  }

  close(): void {
    this.#closed = true;
    if (!this.#inflight.has(this.#current)) this.#closeQuietly(this.#current);
    this.#unwatch();
    this.#unwatch = () => undefined;
  }
}
