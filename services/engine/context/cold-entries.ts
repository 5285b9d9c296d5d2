/**
 * Idle entries kept encoded in memory (issue 11: worker RSS; issue 14: compact conversation state).
 *
 * A decoded conversation or sender takes several times the heap of its encoded form (state-codec.ts), and at the
 * context bounds most entries are idle. `coolIdleEntries` re-encodes, in small steps, the entries not touched within
 * the last `coldAfterTouches` touches (the state's touch counter `seq`) into a `RawEntry` holding its touch number,
 * exactly as a restore leaves them: `entryOf` (state-lazy.ts) decodes one again on its next read, and a checkpoint
 * copies its bytes. An entry decodes to what a restore of it would give, so verdicts, checkpoints, eviction and TTL
 * are unchanged (cold-entries.test.ts).
 *
 * Steps: each call looks at no more than `ITEMS_PER_MESSAGE` × messages items of each recency queue, from where the
 * previous call stopped (a touch number, found again by binary search: the queues' items are in touch order), up to
 * the items older than `seq - coldAfterTouches`; items that are not their entry's latest touch are skipped. So the
 * work per batch is bounded, and after a restore from JSON (every entry decoded) the backlog is cooled over many batches.
 *
 * The bytes live in chunks (`CHUNK_BYTES`), one list per record, written in recency order. An entry decoded again or
 * evicted leaves dead bytes in its chunk; each time a chunk is opened the oldest chunks are looked at, and one less
 * than half live has its live entries copied to the newest chunk and is dropped (one still mostly live goes to the back
 * of the list). The shared key and shape tables are those of the state's restored entries when it has any (a checkpoint
 * copies encoded entries only when all share one set of tables), else new ones.
 */
import { baseOf, EntryEncoder, entrySource, RawEntry, SharedTables, STATE_FORMAT, Writer, type EntrySource } from './state-codec.js';
import type { ContextBounds, EngineState } from './state.js';
import type { RecencyQueue } from './recency-queue.js';

/** Bytes of a chunk of encoded entries. */
const CHUNK_BYTES = 256 * 1024;
/** Queue items looked at per message and queue (a message pushes about one item on each). */
const ITEMS_PER_MESSAGE = 8;
/** Oldest chunks looked at (and compacted when less than half live) each time a chunk is opened. */
const CHUNKS_CHECKED = 2;

interface Chunk { src: EntrySource; used: number; keys: string[]; raws: RawEntry[] }

/** The cooled entries of one record (conversations or senders). */
class ColdRecord {
  /** Touch number of the last queue item looked at. */
  done = 0;
  /** Oldest first; the last is the one written to. */
  readonly chunks: Chunk[] = [];
  constructor(readonly rec: Record<string, unknown>) {}
}

class ColdStore {
  readonly encoder: EntryEncoder;
  readonly out = new Writer(4096);
  /** Bytes of all the entries cooled (for measurements). */
  written = 0;
  readonly convs: ColdRecord;
  readonly senders: ColdRecord;
  constructor(state: EngineState, readonly tables: SharedTables) {
    this.encoder = new EntryEncoder(tables);
    this.convs = new ColdRecord(state.convs);
    this.senders = new ColdRecord(state.senders);
  }
}

const stores = new WeakMap<EngineState, ColdStore>();

/** Re-encodes in memory some of the entries idle for more than `coldAfterTouches` touches (0: none); `messages` sets the step's size. */
export function coolIdleEntries(state: EngineState, b: Pick<ContextBounds, 'coldAfterTouches'>, messages: number): void {
  const upTo = state.seq - b.coldAfterTouches;
  if (b.coldAfterTouches === 0 || upTo <= 0) return;
  let store = stores.get(state);
  if (!store || store.convs.rec !== state.convs || store.senders.rec !== state.senders) {
    store = new ColdStore(state, tablesOf(state));
    stores.set(state, store);
  }
  const budget = Math.max(1, messages) * ITEMS_PER_MESSAGE;
  cool(store, store.convs, state.cq, upTo, budget, state.now);
  cool(store, store.senders, state.sq, upTo, budget, state.now);
}

/** Chunks and chunk bytes held by the state's cooled entries (live and dead), and the bytes of all entries cooled so far (moves aside). */
export function coldBytes(state: EngineState): { chunks: number; bytes: number; written: number } {
  const store = stores.get(state);
  let chunks = 0;
  let bytes = 0;
  for (const cr of store ? [store.convs, store.senders] : []) for (const c of cr.chunks) { chunks++; bytes += c.src.bytes.length; }
  return { chunks, bytes, written: store?.written ?? 0 };
}

function cool(store: ColdStore, cr: ColdRecord, q: RecencyQueue, upTo: number, budget: number, now: number): void {
  if (cr.done >= upTo) return;
  const rec = cr.rec as Record<string, { t: number }>;
  const start = firstAfter(q, cr.done);
  const end = Math.min(q.keys.length, start + budget);
  for (let i = start; i < end; i++) {
    const key = q.keys[i]!;
    const t = q.touches[i]!;
    if (t > upTo) break;
    cr.done = t;
    const e = rec[key];
    if (e === undefined || e.t !== t || e instanceof RawEntry) continue;
    const base = baseOf(e, now);
    store.out.n = 0;
    store.encoder.write(store.out, e, base, t, false);
    const bytes = store.out.bytes();
    store.written += bytes.length;
    place(store, cr, key, bytes, base, t, true);
  }
}

/** Index of the first queued item with a touch number above `t` (items are in touch order). */
function firstAfter(q: RecencyQueue, t: number): number {
  let lo = q.head;
  let hi = q.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (q.touches[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Puts an entry's bytes in the record's newest chunk (opening one when full) and the entry, encoded, in its record. */
function place(store: ColdStore, cr: ColdRecord, key: string, bytes: Uint8Array, base: number, t: number, mayCompact: boolean): void {
  let c = cr.chunks[cr.chunks.length - 1];
  if (!c || c.used + bytes.length > c.src.bytes.length) {
    const size = Math.max(CHUNK_BYTES, bytes.length);
    c = { src: entrySource(new Uint8Array(size), size, store.tables, STATE_FORMAT), used: 0, keys: [], raws: [] };
    cr.chunks.push(c);
    if (mayCompact) compact(store, cr);
  }
  c.src.bytes.set(bytes, c.used);
  const raw = new RawEntry(c.src, c.used, c.used + bytes.length, base, t);
  c.used += bytes.length;
  c.keys.push(key);
  c.raws.push(raw);
  cr.rec[key] = raw;
}

/** Looks at the oldest chunks: one less than half live has its live entries moved to the newest chunk and is dropped. */
function compact(store: ColdStore, cr: ColdRecord): void {
  for (let n = 0; n < CHUNKS_CHECKED && cr.chunks.length > 2; n++) {
    const c = cr.chunks.shift()!;
    let live = 0;
    for (let j = 0; j < c.raws.length; j++) if (cr.rec[c.keys[j]!] === c.raws[j]) live += c.raws[j]!.end - c.raws[j]!.start;
    if (live * 2 > c.used) { cr.chunks.splice(cr.chunks.length - 1, 0, c); continue; }
    for (let j = 0; j < c.raws.length; j++) {
      const raw = c.raws[j]!;
      const key = c.keys[j]!;
      if (cr.rec[key] === raw) place(store, cr, key, c.src.bytes.subarray(raw.start, raw.end), raw.base, raw.t, false);
    }
  }
}

/** The tables of the state's restored entries still encoded (all share one set), else new ones. */
function tablesOf(state: EngineState): SharedTables {
  for (const [rec, q] of [[state.convs, state.cq], [state.senders, state.sq]] as const) {
    for (let i = q.head; i < q.keys.length; i++) {
      const e: unknown = (rec as Record<string, unknown>)[q.keys[i]!];
      if (e instanceof RawEntry) return e.src.tables;
    }
  }
  return new SharedTables();
}
