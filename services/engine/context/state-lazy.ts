/**
 * Entries of a restored state decoded on first use. A restore (state.ts `restoreState`, formats 2 and 3)
 * reads only each conversation's and sender's key and touch number, and puts the entry in its record
 * still encoded (a `RawEntry`, which carries its touch number `t`). `entryOf` is how the context code
 * reads an entry: it decodes an encoded one (state-codec.ts `decodeEntry`) and puts the plain value in
 * its place. An entry never read is written to the next checkpoint by copying its bytes, and JSON of
 * the state (`serialiseState`) gives its decoded value (`RawEntry.toJSON`).
 */
import { decodeEntry, RawEntry } from './state-codec.js';

/** The entry `rec[key]`, decoded in place if it was still encoded (undefined when absent). */
export function entryOf<T>(rec: Record<string, T>, key: string): T | undefined {
  const v: unknown = rec[key];
  if (!(v instanceof RawEntry)) return v as T | undefined;
  const d = decodeEntry(v) as T;
  rec[key] = d;
  return d;
}

/** The encoded form of `v` when it is an entry not decoded yet. */
export function encodedOf(v: unknown): RawEntry | undefined {
  return v instanceof RawEntry ? v : undefined;
}
