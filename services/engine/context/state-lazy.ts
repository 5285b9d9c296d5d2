/**
 * Entries kept encoded in memory, decoded on first use.
 *
 * Restored: a restore (state.ts `restoreState`, formats 2 to 4) reads only each conversation's and sender's key and
 * touch number, and puts the entry in its record still encoded (a `RawEntry`, which carries its touch number `t`).
 *
 * Cooled (issue 11, rounds 21–22; off unless `coolAfterTouches` is set, VIGIE_CLASSIFIER_STATE_COOL_AFTER): `coolIdle`,
 * called before each batch, re-encodes the entries not touched within the last `coolAfterTouches` touches
 * (ContextBounds) into a `RawEntry` holding its own bytes (a latin1 string: on the heap, 16 bytes besides its bytes, no
 * slab to compact) and its `lastAt`, which eviction reads without decoding it. The bytes are those of the format the
 * state's checkpoints are written in (the engine's `stateFormat`, VIGIE_STATE_FORMAT), so a checkpoint copies them as
 * they are; one written in another format transcodes them on their bytes and leaves them cooled. It does nothing while
 * the state holds fewer than `coolMinEntries` entries (a small state is not worth the CPU). A cursor in touch numbers
 * makes each queued item visited once.
 *
 * `entryOf` is how the context code reads an entry: it decodes an encoded one (state-codec.ts `decodeEntry`) and puts
 * the plain value in its place, so verdicts do not depend on what was encoded when. An entry never read is written to
 * the next checkpoint by copying its bytes, and JSON of the state (`serialiseState`) gives its decoded value
 * (`RawEntry.toJSON`).
 *
 * Shapes (the key lists of plain objects, mostly the marks' records) are numbered in tables shared by a state's encoded
 * entries and written whole into each checkpoint. The tables of cooled entries start as those of the restore (so both
 * kinds are copied into a checkpoint as they are) and grow only with cooled entries' shapes (a checkpoint extends a
 * copy: `SharedTables.fork`). Past twice the shapes they held when they started (at least `MIN_COOL_SHAPES`), a new
 * generation starts: every encoded entry is written again with new tables holding only the live entries' shapes, and
 * the old tables (and a restored checkpoint's bytes) can go. So the tables stay within twice the live shapes.
 */
import type { RecencyQueue } from './recency-queue.js';
import { coolEntry, coolSource, decodeEntry, DEFAULT_STATE_FORMAT, EntryWriter, RawEntry, SharedTables, WRITTEN_FORMATS, type EntrySource } from './state-codec.js';
import { ConfigError } from '../../contracts/errors.js';

/** What cooling reads of an engine state (state.ts's EngineState, not imported: state.ts imports this module). */
export interface CoolableState {
  now: number;
  seq: number;
  nc: number;
  ns: number;
  convs: Record<string, { t: number; lastAt: number }>;
  senders: Record<string, { t: number; lastAt: number }>;
  cq: RecencyQueue;
  sq: RecencyQueue;
}

/** The cooling bounds (state.ts ContextBounds). */
export interface CoolBounds { coolAfterTouches: number; coolMinEntries: number }

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

/** `lastAt` of the entry `rec[key]` (present), read from its encoded form when known there. */
export function lastAtOf<T extends { lastAt: number }>(rec: Record<string, T>, key: string): number {
  const v: unknown = rec[key];
  if (v instanceof RawEntry && !Number.isNaN(v.lastAt)) return v.lastAt;
  return entryOf(rec, key)!.lastAt;
}

/** Tables of a generation: at least this many shapes before a new one starts. */
export const MIN_COOL_SHAPES = 4096;

/** A state's encoded entries' tables (one generation) and the cooling cursor. */
interface Cooling {
  tables: SharedTables;
  /** The format entries are cooled in (the one checkpoints are written in, so that they copy them), its source and writer. */
  format: number;
  src: EntrySource;
  writer: EntryWriter | null;
  /** Shapes in `tables` when the generation started. */
  startShapes: number;
  /** Entries last touched at or before this touch number have been cooled (or were encoded already). */
  through: number;
  /** Generations started (tests, figures). */
  generations: number;
}

const coolings = new WeakMap<CoolableState, Cooling>();

function generation(tables: SharedTables, through: number, generations: number, format = DEFAULT_STATE_FORMAT): Cooling {
  return { tables, format, src: coolSource(tables, format), writer: null, startShapes: tables.shapes.length, through, generations };
}

/** A restored state's tables: entries cooled later share them, so a checkpoint copies both kinds. */
export function adoptTables(state: CoolableState, tables: SharedTables): void {
  coolings.set(state, generation(tables, 0, 0));
}

/** The tables of a state's encoded entries (null when it has none yet): what a checkpoint forks and extends. */
export function tablesOf(state: CoolableState): SharedTables | null {
  return coolings.get(state)?.tables ?? null;
}

/** Shapes in the tables of a state's encoded entries, and generations started (tests, figures). */
export function coolingFigures(state: CoolableState): { shapes: number; generations: number } {
  const c = coolings.get(state);
  return { shapes: c?.tables.shapes.length ?? 0, generations: c?.generations ?? 0 };
}

/**
 * Encodes the entries not touched within the last `coolAfterTouches` touches (0 = never) once the state holds at
 * least `coolMinEntries` entries, in `format` (3 or 4: the format the state's checkpoints are written in, which then
 * copy them as they are; entries cooled before in another format stay so, and a checkpoint transcodes them). Call it
 * between batches: it changes how entries are held, never what they hold.
 */
export function coolIdle(state: CoolableState, b: CoolBounds, format = DEFAULT_STATE_FORMAT): void {
  if (b.coolAfterTouches === 0 || state.nc + state.ns < b.coolMinEntries) return;
  if (!WRITTEN_FORMATS.includes(format)) throw new ConfigError([`engine state format ${format} cannot be written (formats ${WRITTEN_FORMATS.join(' and ')})`]);
  const limit = state.seq - b.coolAfterTouches;
  let c = coolings.get(state);
  if (c && limit <= c.through) return;
  if (!c) { c = generation(new SharedTables(), 0, 0, format); coolings.set(state, c); }
  if (c.format !== format) { c.format = format; c.src = coolSource(c.tables, format); c.writer = null; }
  if (c.tables.shapes.length > Math.max(MIN_COOL_SHAPES, 2 * c.startShapes)) c = renew(state, c);
  coolQueue(state.convs, state.cq, c, limit, state.now);
  coolQueue(state.senders, state.sq, c, limit, state.now);
  c.through = limit;
}

/** Cools the live entries of queue items touched after `c.through` and at or before `limit`. */
function coolQueue(rec: Record<string, { t: number; lastAt: number }>, q: RecencyQueue, c: Cooling, limit: number, now: number): void {
  const { keys, touches } = q;
  // Touch numbers increase along the queue: the first item after the cursor by bisection (queue compaction moves items).
  let lo = q.head;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (touches[mid]! <= c.through) lo = mid + 1; else hi = mid;
  }
  const w = (c.writer ??= new EntryWriter(c.tables, c.format));
  for (let i = lo; i < keys.length && touches[i]! <= limit; i++) {
    const k = keys[i]!;
    const e = rec[k];
    if (!e || e.t !== touches[i] || e instanceof RawEntry) continue;
    rec[k] = coolEntry(w, c.src, e, now, e.t, e.lastAt) as unknown as { t: number; lastAt: number };
  }
}

/** A new generation: every encoded entry written again with new tables (which then hold only live shapes). */
function renew(state: CoolableState, old: Cooling): Cooling {
  const c = generation(new SharedTables(), old.through, old.generations + 1, old.format);
  const w = (c.writer = new EntryWriter(c.tables, c.format));
  for (const rec of [state.convs, state.senders] as Record<string, unknown>[]) {
    for (const k in rec) {
      const v = rec[k];
      if (!(v instanceof RawEntry)) continue;
      const e = decodeEntry(v) as { lastAt: number };
      rec[k] = coolEntry(w, c.src, e, state.now, v.t, e.lastAt);
    }
  }
  c.startShapes = c.tables.shapes.length;
  coolings.set(state, c);
  return c;
}
