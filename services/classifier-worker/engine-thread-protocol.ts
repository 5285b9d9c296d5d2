/**
 * Messages between the main thread (engine-pool.ts) and an engine thread (engine-thread.ts).
 * Every request carries an id; the thread answers each with one reply of the same id, in order.
 */
import type { LoggerSettings } from '../common/logger.js';
import type { WireRecords, WireResult } from './buffer-pack.js';
import type { WorkerOptions } from './options.js';
import type { PartitionSnapshot } from './state-codec.js';

export interface ThreadData {
  /** URL of a module exporting `createEngineFactory(params)` (engine-factory.ts, or a test double). */
  factoryModule: string;
  factoryParams: unknown;
  opts: WorkerOptions;
  log: LoggerSettings;
  index: number;
}

export type Request =
  | { id: number; op: 'reset' }
  | { id: number; op: 'restore'; partition: number; raw: unknown }
  | { id: number; op: 'process'; partition: number; records: WireRecords; now: number }
  | { id: number; op: 'replay'; partition: number; records: WireRecords }
  | { id: number; op: 'snapshot'; partition: number; nextOffset: string }
  | { id: number; op: 'reload'; why: string };

export interface WireError {
  name: string;
  message: string;
  retriable: boolean;
  /** EngineBatchError: the batch size and the engine's own message. */
  batch?: { size: number; cause: string };
}

export type Reply =
  | { type: 'ready'; versions: { model: string; rules: string; policy: string } }
  | { type: 'failed'; error: WireError }
  | { type: 'reply'; id: number; ok: true; result: WireResult | number | PartitionSnapshot | { outcome: 'ok' | 'error'; versions: { model: string; rules: string; policy: string } } | null }
  | { type: 'reply'; id: number; ok: false; error: WireError };

/** A request before the pool gives it an id. */
export type RequestBody = Request extends unknown ? (Request extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never) : never;
