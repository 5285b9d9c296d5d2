/**
 * The engine off the event loop: a small pool of engine threads (engine-thread.ts), each owning
 * whole input partitions (partition p → thread p mod n) with their EngineStates. All the records
 * of a partition go to its one thread, in order; a checkpoint asks that thread for the state as it
 * stands after the batches sent before (the window boundary); a restore sends the state to it.
 * (A generic pool such as piscina hands a task to any idle thread: it cannot keep per-partition state.)
 *
 * A thread that dies (an uncaught error, an out-of-memory kill, process.exit in native code) fails
 * every request it had in flight with EngineThreadError: the window aborts and resumes from the
 * committed offsets, which restores the states of its partitions into a fresh thread started at
 * once. After `maxCrashes` deaths within `crashWindowMs` (a message that kills the engine every time
 * it is scored: window, abort, restore, window...), the pool gives up: `onFatal` is called (the worker
 * exits non-zero for its supervisor) and every later request fails. Never a silent hang.
 */
import { Worker } from 'node:worker_threads';
import { VigieError } from '../contracts/errors.js';
import { EVENTS } from '../common/events.js';
import type { Logger, LoggerSettings } from '../common/logger.js';
import { packRecords, unpackResult, type WireResult } from './buffer-pack.js';
import type { Reply, Request, RequestBody, ThreadData, WireError } from './engine-thread-protocol.js';
import type { WorkerOptions } from './options.js';
import type { EngineRunner } from './partition-engines.js';
import { EngineBatchError, type BatchResult, type InputRecord } from './process-batch.js';
import type { PartitionSnapshot } from './state-codec.js';

export class EngineThreadError extends VigieError {
  constructor(message: string, retriable: boolean, cause?: unknown) {
    super(message, { retriable, cause });
  }
}

export interface EnginePoolOptions {
  threads: number;
  /** URL of the module exporting createEngineFactory (engine-factory.ts in production). */
  factoryModule: string;
  factoryParams: unknown;
  opts: WorkerOptions;
  log: LoggerSettings;
  /** Thread deaths within `crashWindowMs` after which the pool gives up. Default 3. */
  maxCrashes?: number;
  /** Default 60000 ms. */
  crashWindowMs?: number;
}

type Versions = { model: string; rules: string; policy: string };
type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
interface Slot { worker: Worker; pending: Map<number, Pending>; ready: Promise<Versions> }

function toError(e: WireError): Error {
  if (e.batch) return new EngineBatchError(e.batch.size, new Error(e.batch.cause));
  const err = new VigieError(e.message, { retriable: e.retriable });
  err.name = e.name;
  return err;
}

export class EnginePool implements EngineRunner {
  readonly #slots: Slot[] = [];
  #nextId = 1;
  readonly #crashTimes: number[] = [];
  #fatal: Error | null = null;
  #closing = false;
  versions: Versions = { model: '', rules: '', policy: '' };

  private constructor(private readonly o: EnginePoolOptions, private readonly log: Logger, private readonly onFatal: (err: Error) => void,
    private readonly onReload: (outcome: 'ok' | 'error') => void) {}

  /** Starts the threads and waits until each has loaded its engine (rejects if one cannot). */
  static async start(o: EnginePoolOptions, log: Logger, onFatal: (err: Error) => void = () => undefined,
    onReload: (outcome: 'ok' | 'error') => void = () => undefined): Promise<EnginePool> {
    if (!(Number.isInteger(o.threads) && o.threads >= 1)) throw new VigieError(`engine threads must be an integer >= 1, got ${o.threads}`);
    const pool = new EnginePool(o, log.child({ component: 'engine-pool' }), onFatal, onReload);
    for (let i = 0; i < o.threads; i++) pool.#slots.push(pool.#spawn(i));
    try {
      const all = await Promise.all(pool.#slots.map((s) => s.ready));
      pool.versions = all[0]!;
    } catch (err) {
      await pool.close();
      throw err;
    }
    pool.log.info({ event: EVENTS.ENGINE_THREADS_STARTED, threads: o.threads, versions: pool.versions }, 'engine threads started');
    return pool;
  }

  get threads(): number { return this.#slots.length; }

  /** The thread that owns `partition`. */
  threadOf(partition: number): number { return partition % this.#slots.length; }

  #spawn(index: number): Slot {
    const data: ThreadData = { factoryModule: this.o.factoryModule, factoryParams: this.o.factoryParams, opts: this.o.opts, log: this.o.log, index };
    const worker = new Worker(new URL('./engine-thread.js', import.meta.url), { workerData: data });
    const pending = new Map<number, Pending>();
    let settleReady: { resolve: (v: Versions) => void; reject: (e: unknown) => void } = { resolve: () => undefined, reject: () => undefined };
    const ready = new Promise<Versions>((resolve, reject) => { settleReady = { resolve, reject }; });
    ready.catch(() => undefined); // a respawned thread's failure surfaces through its requests
    const slot: Slot = { worker, pending, ready };
    let dead = false;
    const died = (why: string, cause?: unknown) => {
      if (dead) return;
      dead = true;
      const err = new EngineThreadError(`engine thread ${index} ${why}; the states of its partitions are lost: the window aborts and resumes from the committed offsets`, true, cause);
      settleReady.reject(err);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      if (this.#closing) return;
      const now = Date.now();
      this.#crashTimes.push(now);
      while (this.#crashTimes[0]! < now - (this.o.crashWindowMs ?? 60_000)) this.#crashTimes.shift();
      const recent = this.#crashTimes.length;
      this.log.error({ event: EVENTS.ENGINE_THREAD_CRASHED, thread: index, recentCrashes: recent, err: cause ?? err }, `engine thread ${why}`);
      if (recent >= (this.o.maxCrashes ?? 3)) {
        this.#fatal = new EngineThreadError(`engine threads died ${recent} times within ${(this.o.crashWindowMs ?? 60_000) / 1000} s (last: thread ${index} ${why}): giving up`, false, cause);
        this.onFatal(this.#fatal);
        return;
      }
      if (this.#slots[index] === slot) this.#slots[index] = this.#spawn(index);
    };
    worker.on('message', (m: Reply) => {
      if (m.type === 'ready') { settleReady.resolve(m.versions); return; }
      if (m.type === 'failed') { settleReady.reject(toError(m.error)); return; }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.result); else p.reject(toError(m.error));
    });
    worker.on('error', (err) => died(`crashed: ${err.message}`, err));
    worker.on('exit', (code) => died(`exited with code ${code}`));
    return slot;
  }

  #call<T>(thread: number, req: RequestBody, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.#fatal) return Promise.reject(this.#fatal);
    if (this.#closing) return Promise.reject(new EngineThreadError('engine pool closed', false));
    const slot = this.#slots[thread]!;
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      slot.worker.postMessage({ ...req, id } as Request, transfer);
    });
  }

  async reset(): Promise<void> {
    await Promise.all(this.#slots.map((_, i) => this.#call(i, { op: 'reset' })));
  }

  restore(partition: number, raw: unknown): Promise<void> {
    return this.#call(this.threadOf(partition), { op: 'restore', partition, raw });
  }

  async process(partition: number, records: InputRecord[], now: number): Promise<BatchResult> {
    const { wire, transfer } = packRecords(records);
    return unpackResult(await this.#call<WireResult>(this.threadOf(partition), { op: 'process', partition, records: wire, now }, transfer));
  }

  replay(partition: number, records: InputRecord[]): Promise<number> {
    const { wire, transfer } = packRecords(records);
    return this.#call<number>(this.threadOf(partition), { op: 'replay', partition, records: wire }, transfer);
  }

  async snapshot(partition: number, nextOffset: string): Promise<PartitionSnapshot> {
    const snap = await this.#call<PartitionSnapshot>(this.threadOf(partition), { op: 'snapshot', partition, nextOffset });
    return snap.engine instanceof Uint8Array ? { ...snap, engine: Buffer.from(snap.engine.buffer, snap.engine.byteOffset, snap.engine.byteLength) } : snap;
  }

  /** Every thread loads the new engine; one that fails keeps its previous engine (logged by the thread). */
  async reload(why: string): Promise<void> {
    const res = await Promise.all(this.#slots.map((_, i) => this.#call<{ outcome: 'ok' | 'error'; versions: Versions }>(i, { op: 'reload', why })));
    const ok = res.every((r) => r.outcome === 'ok');
    if (ok) this.versions = res[0]!.versions;
    this.onReload(ok ? 'ok' : 'error');
  }

  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
