/**
 * The engine as the window pipeline uses it: one conversation state per owned input partition, held
 * by whoever runs the engine. Two implementations: `InProcessEngines` (the engine on the worker's
 * event loop, `engineThreads` = 0) and `EngineThreadPool` (engine-pool.ts: each partition's state in
 * one engine thread). Calls for one partition are made one after another by the pipeline; calls for
 * different partitions may overlap.
 */
import { VigieError } from '../contracts/errors.js';
import type { ChatMessage } from '../contracts/types.js';
import { SerialQueue } from '../common/serial-queue.js';
import type { EngineHolder, EngineVerdicts } from './engine-holder.js';
import { snapshotOf, type PartitionSnapshot } from './state-codec.js';

export interface PartitionEngines {
  /** The partition's state: restored from a checkpoint's `engine` value, or new (null). */
  open(partition: number, restored: unknown): Promise<void>;
  /** One verdict per message, in order; updates the partition's state. */
  classify(partition: number, messages: ChatMessage[]): Promise<EngineVerdicts>;
  /** The partition's state as of every call made so far, as a checkpoint snapshot. */
  snapshot(partition: number, nextOffset: string): Promise<PartitionSnapshot>;
  /** Forgets every partition's state (an aborted window or a rebalance; `open` restores them). */
  clear(): void;
  /** Loads the rule, policy and model files again; a failed load keeps the engine in use. */
  reload(why: string): Promise<void>;
  /** Reloads on changes of the engine's files. */
  watch(): void;
  close(): Promise<void>;
}

/**
 * A partition's engine state is gone (its engine thread died and was recreated, or it was never opened):
 * not a fault of the messages. The window aborts and the rewind restores the partition from its checkpoint.
 */
export class EngineStateLostError extends VigieError {
  constructor(partition: number, why: string) {
    super(`engine state of partition ${partition} lost: ${why}`, { retriable: true });
  }
}

/**
 * The engine thread died while running this classify call (the oldest request of that thread): likely the
 * messages' fault (out of memory, a crash). The window aborts as for a lost state, and the pipeline then
 * isolates these messages like an EngineBatchError; a single message that kills the thread is dead-lettered.
 */
export class EngineThreadDiedError extends EngineStateLostError {}

/**
 * The engine on the calling thread (the behaviour before engine threads). Engine calls run one at a time, in the order
 * made, as before the pipeline processed partitions concurrently: the engine never interleaves two batches.
 */
export class InProcessEngines<S> implements PartitionEngines {
  readonly #states = new Map<number, S>();
  readonly #serial = new SerialQueue();

  constructor(readonly holder: EngineHolder<S>) {}

  #state(partition: number): S {
    const s = this.#states.get(partition);
    if (s === undefined) throw new EngineStateLostError(partition, 'not opened');
    return s;
  }

  async open(partition: number, restored: unknown): Promise<void> {
    const f = this.holder.factory;
    this.#states.set(partition, restored === null ? f.newState() : f.restoreState(restored));
  }

  classify(partition: number, messages: ChatMessage[]): Promise<EngineVerdicts> {
    const state = this.#state(partition);
    return this.#serial.run(() => this.holder.use((engine) => engine.classifyBatch(messages, state)));
  }

  async snapshot(partition: number, nextOffset: string): Promise<PartitionSnapshot> {
    return snapshotOf(this.holder.factory, nextOffset, this.#state(partition));
  }

  clear(): void {
    this.#states.clear();
  }

  reload(why: string): Promise<void> {
    return this.holder.reload(why);
  }

  watch(): void {
    this.holder.watch();
  }

  async close(): Promise<void> {
    this.holder.close();
  }
}
