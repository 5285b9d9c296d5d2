/**
 * The engine work of the partitions one thread owns: their EngineStates, and the engine calls of a
 * window (process, replay, snapshot at the window boundary, restore, reset). Used as is when the
 * engine runs on the main thread (`engineThreads` 0), and inside each engine thread of engine-pool.ts.
 *
 * `EngineRunner` is what the window pipeline sees; calls are queued and run one after another in
 * the order they were made (`serialized`), so the pipeline may fire all the engine batches of a
 * window at once and the state of each partition still sees its records in offset order.
 */
import { VigieError } from '../contracts/errors.js';
import type { Codecs } from '../contracts/index.js';
import type { EngineHolder } from './engine-holder.js';
import type { WorkerOptions } from './options.js';
import { processBatch, replayBatch, type BatchResult, type InputRecord, type PartitionWork } from './process-batch.js';
import { snapshotOf, type PartitionSnapshot } from './state-codec.js';

export interface EngineRunner {
  /** Drops every partition state (an aborted window, before a restore). */
  reset(): Promise<void>;
  /** Sets a partition's state: a restored checkpoint's engine part (bytes or version-1 JSON), or null for an empty state. Rejects on a bad state. */
  restore(partition: number, raw: unknown): Promise<void>;
  /** decode → classify → encoded outputs of one engine batch (process-batch.ts). */
  process(partition: number, records: InputRecord[], now: number): Promise<BatchResult>;
  /** Runs records through the engine without output; resolves to the number of messages replayed. */
  replay(partition: number, records: InputRecord[]): Promise<number>;
  /** The partition's state after every call made before this one, as the snapshot of the inputs below `nextOffset`. */
  snapshot(partition: number, nextOffset: string): Promise<PartitionSnapshot>;
  /** Loads a new engine and swaps it in between batches; a failed load keeps the old one. */
  reload(why: string): Promise<void>;
  close(): Promise<void>;
}

export class PartitionNotRestoredError extends VigieError {
  constructor(partition: number) {
    super(`partition ${partition} has no engine state here (not restored, or its engine thread restarted)`, { retriable: true });
  }
}

export class PartitionEngines<S> implements EngineRunner {
  readonly #states = new Map<number, PartitionWork<S>>();

  constructor(private readonly engines: EngineHolder<S>, private readonly codecs: Codecs, private readonly opts: WorkerOptions) {}

  #work(partition: number): PartitionWork<S> {
    const w = this.#states.get(partition);
    if (!w) throw new PartitionNotRestoredError(partition);
    return w;
  }

  async reset(): Promise<void> { this.#states.clear(); }

  async restore(partition: number, raw: unknown): Promise<void> {
    const f = this.engines.factory;
    this.#states.set(partition, { engine: raw === null || raw === undefined ? f.newState() : f.restoreState(raw) });
  }

  process(partition: number, records: InputRecord[], now: number): Promise<BatchResult> {
    const state = this.#work(partition);
    return this.engines.use((engine) => processBatch({ records, topic: this.opts.topics.input, partition, engine, state, codecs: this.codecs, opts: this.opts, now }));
  }

  replay(partition: number, records: InputRecord[]): Promise<number> {
    const state = this.#work(partition);
    return this.engines.use((engine) => replayBatch({ records, engine, state, codecs: this.codecs, opts: this.opts }));
  }

  async snapshot(partition: number, nextOffset: string): Promise<PartitionSnapshot> {
    return snapshotOf(this.engines.factory, nextOffset, this.#work(partition).engine);
  }

  reload(why: string): Promise<void> { return this.engines.reload(why); }

  async close(): Promise<void> { this.engines.close(); }
}

/** The runner with its state calls run one at a time, in call order (reload and close are not queued). */
export function serialized(r: EngineRunner): EngineRunner {
  let tail: Promise<unknown> = Promise.resolve();
  const queue = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = tail.then(fn);
    tail = p.catch(() => undefined);
    return p;
  };
  return {
    reset: () => queue(() => r.reset()),
    restore: (p, raw) => queue(() => r.restore(p, raw)),
    process: (p, records, now) => queue(() => r.process(p, records, now)),
    replay: (p, records) => queue(() => r.replay(p, records)),
    snapshot: (p, next) => queue(() => r.snapshot(p, next)),
    reload: (why) => r.reload(why),
    close: () => r.close(),
  };
}
