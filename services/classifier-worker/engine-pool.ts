/**
 * Detection off the event loop: `threads` engine threads (engine-thread.ts), each with its own engine
 * (onnxruntime with one intra-op thread) and the conversation states of the input partitions assigned
 * to it (owned partitions round-robin over the threads, in the order opened). A thread answers its requests one at a time in the order
 * they were sent, and the pipeline makes a partition's calls one after another, so every partition sees
 * the same calls on the same state as with the in-process engine: identical verdicts and snapshots.
 *
 * A thread that dies (error, exit) fails every request in flight with EngineStateLostError and is
 * recreated (with an empty state) on the next request; the window aborts, and the rewind restores the
 * partitions from their checkpoints. The classify running when it died gets EngineThreadDiedError: the
 * pipeline isolates its messages like an engine failure. A recreated thread that cannot load the engine,
 * or loads other versions than the pool's (files changed since), is fatal (`onFatal`); until the worker stops,
 * the partitions of a thread without an engine answer EngineStateLostError (never left waiting). Reload: every
 * thread loads the new files first; all switch if all loaded the same versions, none does otherwise (the previous
 * engine keeps running everywhere); a switch that some threads made and others did not is fatal. A reload that ends
 * past its deadline (load-deadline.ts) follows the same rule: applied everywhere if every thread loaded, else none.
 */
import { Worker } from 'node:worker_threads';
import { VigieError } from '../contracts/errors.js';
import type { ChatMessage } from '../contracts/types.js';
import type { EngineOptions } from '../engine/engine.js';
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';
import type { EngineVerdicts } from './engine-holder.js';
import { loadDeadline, reloadLateMessage, reloadOverdueMessage } from './load-deadline.js';
import { ReloadQueue } from './reload-queue.js';
import { watchFiles } from './file-watch.js';
import { EngineStateLostError, EngineThreadDiedError, type PartitionEngines } from './partition-engines.js';
import type { PartitionSnapshot } from './state-codec.js';

type Versions = { model: string; rules: string; policy: string };

export type ThreadRequest = { id: number } & (
  | { op: 'open'; partition: number; restored: unknown }
  | { op: 'classify'; partition: number; messages: ChatMessage[] }
  | { op: 'snapshot'; partition: number }
  | { op: 'clear' | 'prepare' | 'commit' | 'discard' });

type Op = ThreadRequest['op'];
type Body = ThreadRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export type ThreadReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; lost: boolean; message: string; name: string; stack?: string };

/** An error the engine threw inside its thread (message and name kept; the thread's error, with its stack, as `cause`). */
export class EngineThreadCallError extends VigieError {
  constructor(op: Op, name: string, message: string, stack?: string) {
    const cause = Object.assign(new Error(message), { name }, stack ? { stack } : {});
    super(`${name} in engine thread (${op}): ${message}`, { cause });
  }
}

export interface EnginePoolOptions {
  threads: number;
  /** The engine's options, given to every thread (serialisable). */
  engine: EngineOptions;
  watchPaths: string[];
  log: Logger;
  onReload?: (outcome: 'ok' | 'error') => void;
  /**
   * A reload's deadline (VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS, load-deadline.ts; default 0 = none): past it an error line
   * says the previous engine still runs; what every thread loads later is applied then (a warn line), as one switch.
   */
  loadTimeoutMs?: number;
  /** The thread's module (tests); default engine-thread.js. */
  entry?: URL;
  /** V8 heap limit of each thread (MB): a runaway message kills its thread only. Default 1024. */
  maxOldGenerationSizeMb?: number;
  /**
   * V8 young generation of each thread (MB; two semi-spaces of a third each). Default 24 (`ENGINE_THREAD_YOUNG_GENERATION_MB`):
   * V8's own default on a large machine is 3 × 64 MB, and a thread touches all of it (+~100 MB of RSS per thread, measured).
   */
  maxYoungGenerationSizeMb?: number;
  /**
   * The pool cannot go on (a recreated thread failed to load the engine, or loaded other versions than the
   * pool's): the worker must exit so that its supervisor restarts it on one consistent engine.
   */
  onFatal?: (err: Error) => void;
}

function sameVersions(a: Versions, b: Versions): boolean {
  return a.model === b.model && a.rules === b.rules && a.policy === b.policy;
}

/**
 * Young generation of an engine thread by default (MB): semi-spaces of 8 MB, as `--max-semi-space-size=8` (node-flags.ts).
 * 48 (16 MB semi-spaces) until round 44: 24 with the event loop's 8 took ~40 MiB off the worker's peak RSS at the same rate.
 */
export const ENGINE_THREAD_YOUNG_GENERATION_MB = 24;

/** A pool that cannot keep its engine consistent (see `EnginePoolOptions.onFatal`). */
export class EnginePoolFatalError extends VigieError {}

/** One engine thread and its requests in flight. */
class EngineThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { op: Op; partition: number; resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  #next = 0;
  dead: Error | null = null;
  readonly ready: Promise<Versions>;

  constructor(entry: URL, engine: EngineOptions, readonly index: number, onDeath: (t: EngineThread, err: Error) => void,
    resourceLimits: { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number }) {
    this.#worker = new Worker(entry, { workerData: engine, resourceLimits });
    let started: (v: Versions) => void = () => undefined;
    let failed: (e: unknown) => void = () => undefined;
    this.ready = new Promise<Versions>((res, rej) => { started = res; failed = rej; });
    this.ready.catch(() => undefined);
    this.#worker.on('message', (m: ThreadReply | { ready: Versions } | { failed: { message: string; name: string; stack?: string } }) => {
      if ('ready' in m) { started(m.ready); return; }
      if ('failed' in m) {
        const cause = Object.assign(new Error(m.failed.message), { name: m.failed.name }, m.failed.stack ? { stack: m.failed.stack } : {});
        failed(new VigieError(`engine thread ${this.index} could not load the engine: ${m.failed.name}: ${m.failed.message}`, { cause }));
        return;
      }
      const p = this.#pending.get(m.id);
      if (!p) return;
      this.#pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(m.lost ? new EngineStateLostError(p.partition, `engine thread ${this.index}: ${m.message || 'partition not opened'}`) : new EngineThreadCallError(p.op, m.name, m.message, m.stack));
    });
    const die = (err: Error) => {
      if (this.dead) return;
      this.dead = err;
      failed(err);
      this.#failPending(err, true);
      onDeath(this, err);
    };
    this.#worker.on('error', die);
    this.#worker.on('exit', (code) => die(new Error(`exited with code ${code}`)));
  }

  call<R>(body: Body): Promise<R> {
    const partition = 'partition' in body ? body.partition : -1;
    if (this.dead) return Promise.reject(new EngineStateLostError(partition, `engine thread ${this.index} died: ${this.dead.message}`));
    const id = this.#next++;
    return new Promise<R>((resolve, reject) => {
      this.#pending.set(id, { op: body.op, partition, resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ ...body, id });
    });
  }

  /**
   * Requests are answered in order, so the oldest pending one was running when the thread died: a classify there is
   * the likely culprit (EngineThreadDiedError, isolated by the pipeline); the others just lost their state.
   */
  #failPending(err: Error, blame: boolean): void {
    let first = blame;
    for (const p of this.#pending.values()) {
      const why = `engine thread ${this.index} died: ${err.message}`;
      p.reject(first && p.op === 'classify' ? new EngineThreadDiedError(p.partition, why) : new EngineStateLostError(p.partition, why));
      first = false;
    }
    this.#pending.clear();
  }

  async terminate(): Promise<void> {
    if (!this.dead) {
      this.dead = new Error('terminated');
      this.#failPending(this.dead, false);
    }
    await this.#worker.terminate();
  }
}

export class EngineThreadPool implements PartitionEngines {
  readonly #threads: EngineThread[] = [];
  readonly #entry: URL;
  readonly #log: Logger;
  #versions: Versions;
  /** One reload at a time, one more after it (reload-queue.ts). */
  readonly #reloads = new ReloadQueue(() => this.#closed);
  #unwatch: () => void = () => undefined;
  #closed = false;
  /** Owned partition → thread, round-robin in the order opened (`clear` forgets it). */
  readonly #assigned = new Map<number, number>();

  private constructor(private readonly opts: EnginePoolOptions, versions: Versions) {
    this.#entry = opts.entry ?? new URL('./engine-thread.js', import.meta.url);
    this.#log = opts.log.child({ component: 'engine-pool' });
    this.#versions = versions;
  }

  /** Starts the threads; rejects (every thread stopped) when one cannot load the engine. */
  static async create(opts: EnginePoolOptions): Promise<EngineThreadPool> {
    if (!(Number.isInteger(opts.threads) && opts.threads >= 1)) throw new VigieError(`engine threads: expected an integer >= 1, got ${opts.threads}`);
    const pool = new EngineThreadPool(opts, { model: '', rules: '', policy: '' });
    for (let i = 0; i < opts.threads; i++) pool.#threads.push(pool.#spawn(i, false));
    try {
      const versions = await Promise.all(pool.#threads.map((t) => t.ready));
      pool.#versions = versions[0]!;
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  get versions(): Versions { return this.#versions; }
  get threads(): number { return this.#threads.length; }

  /** Thread indexes whose recreated thread could not load the engine (failed or died while loading). */
  readonly #unloadable = new Set<number>();

  #spawn(i: number, respawn: boolean): EngineThread {
    const t = new EngineThread(this.#entry, this.opts.engine, i, (t, err) => {
      if (!this.#closed) this.#log.error({ event: EVENTS.ENGINE_THREAD_DIED, thread: t.index, err }, 'engine thread died; its partitions are restored from their checkpoints');
    }, { maxOldGenerationSizeMb: this.opts.maxOldGenerationSizeMb ?? 1024, maxYoungGenerationSizeMb: this.opts.maxYoungGenerationSizeMb ?? ENGINE_THREAD_YOUNG_GENERATION_MB });
    // A recreated thread loads the files again: it must load, and load what the other threads run, or the pool stops.
    if (respawn) {
      t.ready.then((v) => {
        const want = this.#versions;
        if (!sameVersions(v, want)) {
          this.#fatal(new EnginePoolFatalError(`recreated engine thread ${i} loaded versions ${JSON.stringify(v)}, the pool runs ${JSON.stringify(want)}`));
        } else {
          this.#log.info({ event: EVENTS.ENGINE_THREAD_RESPAWNED, thread: i, versions: v }, 'engine thread recreated');
        }
      }, (err: unknown) => {
        // Not recreated again (each would load the model, and fail or crash the same way): its partitions answer "state lost".
        this.#unloadable.add(i);
        const why = err instanceof Error ? err.message : String(err);
        const what = why.startsWith(`engine thread ${i} could not load the engine`) ? why : `engine thread ${i} could not load the engine: ${why}`;
        this.#fatal(new EnginePoolFatalError(`recreated ${what}; its partitions answer "state lost" until the worker stops`, { cause: err }));
      });
    }
    return t;
  }

  #fatal(err: EnginePoolFatalError): void {
    if (this.#closed) return;
    this.#log.error({ event: EVENTS.ENGINE_POOL_FATAL, err }, 'engine pool cannot go on; the worker stops');
    this.opts.onFatal?.(err);
  }

  #index(partition: number): number {
    return this.#assigned.get(partition) ?? partition % this.#threads.length;
  }

  /** The thread at index i; a dead one is replaced (it starts with no partition state). */
  #thread(i: number): EngineThread {
    if (this.#threads[i]!.dead && !this.#closed && !this.#unloadable.has(i)) this.#threads[i] = this.#spawn(i, true);
    return this.#threads[i]!;
  }

  open(partition: number, restored: unknown): Promise<void> {
    if (!this.#assigned.has(partition)) this.#assigned.set(partition, this.#assigned.size % this.#threads.length);
    return this.#thread(this.#index(partition)).call({ op: 'open', partition, restored });
  }

  classify(partition: number, messages: ChatMessage[]): Promise<EngineVerdicts> {
    return this.#thread(this.#index(partition)).call({ op: 'classify', partition, messages });
  }

  async snapshot(partition: number, nextOffset: string): Promise<PartitionSnapshot> {
    const engine = await this.#thread(this.#index(partition)).call<Uint8Array>({ op: 'snapshot', partition });
    return { v: 2, nextOffset, engine };
  }

  clear(): void {
    this.#assigned.clear();
    for (const t of this.#threads) if (!t.dead) t.call({ op: 'clear' }).catch(() => undefined);
  }

  watch(): void {
    this.#unwatch = watchFiles(this.opts.watchPaths, this.#log, (path) => void this.reload(`file change under ${path}`));
  }

  /** Every thread loads the files; all switch to the new engine, or (one failed) none does. A call while one runs loads once more after it. */
  reload(why: string): Promise<void> {
    return this.#reloads.run(async () => {
      const before = this.#versions;
      const threads = this.#threads.map((_, i) => this.#thread(i));
      const t0 = performance.now();
      const timeoutMs = this.opts.loadTimeoutMs ?? 0;
      const deadline = loadDeadline(timeoutMs, () => {
        this.opts.onReload?.('error');
        this.#log.error({ event: EVENTS.ENGINE_RELOAD_TIMEOUT, why, loadTimeoutMs: timeoutMs, watchPaths: this.opts.watchPaths },
          reloadOverdueMessage(Math.round((performance.now() - t0) / 1000), before));
      });
      const loaded = await Promise.allSettled(threads.map((t) => t.call<Versions>({ op: 'prepare' })));
      // Past the deadline the overdue line has already counted the reload as an error; a late load that loads in every
      // thread is still applied (the operator's change is not lost), with a warn line instead of the info one.
      const late = deadline.done();
      const loadMs = () => Math.round(performance.now() - t0);
      const failed = loaded.find((r) => r.status === 'rejected');
      const versions = loaded.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      try {
        if (failed) {
          await Promise.allSettled(threads.map((t) => t.call({ op: 'discard' })));
          throw failed.reason;
        }
        // The files changed while the threads loaded them: switching would run two engines side by side.
        if (versions.some((v) => !sameVersions(v, versions[0]!))) {
          await Promise.allSettled(threads.map((t) => t.call({ op: 'discard' })));
          throw new VigieError(`engine threads loaded different versions (${versions.map((v) => JSON.stringify(v)).join(' / ')}): files changed during the reload`);
        }
        const committed = await Promise.allSettled(threads.map((t) => t.call({ op: 'commit' })));
        const commitFailed = committed.filter((r) => r.status === 'rejected');
        if (commitFailed.length === committed.length) throw (commitFailed[0] as PromiseRejectedResult).reason;
        if (commitFailed.length) {
          // Some threads switched and the old engine is closed there: no way back to one version. Stop, to restart on one engine.
          const reason = (commitFailed[0] as PromiseRejectedResult).reason as Error;
          this.#versions = versions[0]!;
          if (!late) this.opts.onReload?.('error');
          this.#fatal(new EnginePoolFatalError(`engine reload switched ${committed.length - commitFailed.length} of ${committed.length} engine threads to ${JSON.stringify(versions[0])}; ` +
            `the others did not (${reason?.message ?? String(reason)}): threads would run different versions`, { cause: reason }));
          return;
        }
        this.#versions = versions[0]!;
        this.opts.onReload?.('ok');
        if (late) {
          this.#log.warn({ event: EVENTS.ENGINE_LOAD_LATE, why, loadMs: loadMs(), before, after: this.#versions, threads: threads.length }, reloadLateMessage(true));
        } else {
          this.#log.info({ event: EVENTS.ENGINE_RELOADED, why, before, after: this.#versions, threads: threads.length }, 'engine reloaded in every engine thread');
        }
      } catch (err) {
        if (late) {
          // A late load that failed says why (a rules syntax error read from a slow mount), as the holder's path does.
          this.#log.warn({ event: EVENTS.ENGINE_LOAD_LATE, why, loadMs: loadMs(), kept: before, err }, reloadLateMessage(false));
        } else {
          this.opts.onReload?.('error');
          this.#log.error({ event: EVENTS.ENGINE_RELOAD_FAILED, why, err }, 'engine reload failed; keeping the previous engine');
        }
      }
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#unwatch();
    await Promise.all(this.#threads.map((t) => t.terminate()));
  }
}
