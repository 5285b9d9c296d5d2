/**
 * Entries of a restored state decoded on first use. A restore (state.ts `restoreState`, format 2)
 * reads only each conversation's and sender's key and touch number and defines the entry as an
 * accessor of its record: the first read decodes it (state-codec.ts `decodeEntry`) and puts the plain
 * value in its place, so the context code, JSON and tests see ordinary records. An entry never read is
 * written to the next checkpoint by copying its bytes (`pendingOf` gives them to `encodeState`).
 */
import { decodeEntry, type RawEntry, type SharedTables } from './state-codec.js';

/** The undecoded entries of one record, by key, and the tables of the restore they came from. */
export interface Pending { raw: Map<string, RawEntry>; tables: SharedTables | null }

const pendingByRecord = new WeakMap<object, Pending>();

/** The undecoded entries of `rec`, if it came from a restore and some are left. */
export function pendingOf(rec: object): Pending | undefined {
  const p = pendingByRecord.get(rec);
  return p && p.raw.size ? p : undefined;
}

/** Starts the list of undecoded entries of a record being restored. */
export function pendingFor(rec: object): Pending {
  const p: Pending = { raw: new Map(), tables: null };
  pendingByRecord.set(rec, p);
  return p;
}

function settle(rec: Record<string, unknown>, key: string, p: Pending, value: unknown): unknown {
  p.raw.delete(key);
  Object.defineProperty(rec, key, { value, writable: true, enumerable: true, configurable: true });
  return value;
}

/**
 * Defines `rec[key]` as the entry `raw`, decoded when first read; false when `key` was defined already.
 * A getter only (half the allocations of a getter and setter pair, which a restore pays per entry): the
 * context code reads an entry before it replaces it (observe.ts), and a write before any read throws a
 * TypeError (strict mode) instead of losing the entry silently.
 */
export function defineLazy(rec: Record<string, unknown>, key: string, raw: RawEntry, p: Pending): boolean {
  const size = p.raw.size;
  if (p.raw.set(key, raw).size === size) return false;
  Object.defineProperty(rec, key, { configurable: true, enumerable: true, get() { return settle(rec, key, p, decodeEntry(raw)); } });
  return true;
}

/** Touch number of `rec[key]` without decoding it (undefined when absent). */
export function touchOf(rec: Record<string, { t: number } | undefined>, key: string): number | undefined {
  const raw = pendingByRecord.get(rec)?.raw.get(key);
  return raw ? raw.t : rec[key]?.t;
}

/** Forgets an entry deleted from its record. */
export function dropPending(rec: object, key: string): void {
  pendingByRecord.get(rec)?.raw.delete(key);
}
