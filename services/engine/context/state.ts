/**
 * Engine context state: plain data (no Map, no class, no clock; records keyed by ids are null-prototype
 * objects) so the worker can checkpoint it per input partition (`encodeState`, binary) and restore it.
 * Bounded: at most `maxConversations` conversations and `maxSenders` senders, least recently active evicted first; entries idle longer than `ttlMs`,
 * measured on message `sentAt`, are dropped. Recency is a queue of (key, touch number) with lazy
 * deletion, so a touch and an eviction are O(1) amortised however large the state is.
 */
import { ConfigError } from '../../contracts/errors.js';
import type { Category, Signal } from '../../contracts/taxonomy.js';
import type { ContextMessage } from '../../contracts/types.js';
import type { Cue } from './cues.js';
import { decodeStateBinary, DEFAULT_STATE_FORMAT, encodeEntries, FORMAT_2, isBinaryState, readEntries, SharedTables, stateFormatOf, type EntryOut } from './state-codec.js';
import { compactQueue, dropTaken, isQueue, newQueue, queueFromPairs, queueLength, queuePairs, queuePush, type RecencyQueue } from './recency-queue.js';

export type { RecencyQueue };

export { coolIdle, entryOf } from './state-lazy.js';
import { adoptTables, encodedOf, entryOf, lastAtOf, tablesOf } from './state-lazy.js';

/** 2: recency queues (`seq`, `cq`, `sq`, per-entry `t`); version 1 states are migrated on restore. */
export const STATE_VERSION = 2;

/** A decayed piece of evidence: score `s` observed at `at` (epoch ms), message index `n`. */
export interface Mark { s: number; at: number; n: number }

export interface ParticipantState {
  lastAt: number;
  /** Profile age (last seen `senderDeclaredAge`). */
  declaredAge: number | null;
  /** Age stated in the participant's own words (overrides the profile). */
  statedAge: number | null;
  /** Evidence that the participant is a minor without a number (school year, minor-disclosure rule). */
  minorHint: string | null;
  /** Signals this participant sent. */
  sig: Partial<Record<Signal, Mark>>;
  /** Context cues in this participant's messages. */
  cue: Partial<Record<Cue, Mark>>;
  /** Categories the engine asserted for this participant's messages in this conversation. */
  cat: Partial<Record<Category, Mark>>;
  /** Messages sent in this conversation. */
  msgs: number;
  /** Index of this participant's first sexual message (content or image request), or null. */
  sexN: number | null;
  /** A minor in the conversation addressed this participant as family (mum, dad, uncle...). */
  kin: boolean;
}

/** The participant's age: stated in their own words (it overrides the profile), else the profile's; null when neither is known. */
export function ageOf(p: ParticipantState): number | null {
  return p.statedAge ?? p.declaredAge;
}

export interface PairState {
  lastAt: number;
  /** Signals sent from the pair's sender to its recipient. */
  sig: Partial<Record<Signal, Mark>>;
  /** Sexual messages (content or image requests) sent on this pair. */
  sexual: number;
  /** Pressing messages (asks again, compliments, meetings...) sent on this pair since the recipient refused an approach; absent = no refusal. */
  afterNo?: number;
}

/** One earlier message of a conversation: the AuditRecord's context entry (contracts/types.ts). */
export type { ContextMessage };

export interface ConversationState {
  lastAt: number;
  /** Touch number of the latest access (matches its newest entry in the recency queue). */
  t: number;
  room: boolean;
  /** Messages seen (index of the next message). */
  n: number;
  /** "p:<userId>" → participant. */
  people: Record<string, ParticipantState>;
  /** "<sender>\u0000<recipient|*>" → pair (bounded like people). */
  pairs: Record<string, PairState>;
  /** Accumulated per-category evidence (noisy-or, decayed per message). */
  acc: Partial<Record<Category, Mark>>;
  /** Conversation-wide cues (any participant). */
  cue: Partial<Record<Cue, Mark>>;
  /** Message index of the last window-model raise per category (observe.ts: two windows make it believed). */
  win?: Partial<Record<Category, number>>;
  /** Stop 54 (min54): the adult a P0 re-read (minor-revealed.ts, not held at P1) made the child grooming offender: his next
   * messages the window model reads as grooming or harassment continue it (observe.ts ongoing). */
  reread?: string;
  /** Offender per established category (user id), for continuity and victim handling. */
  offender: Partial<Record<Category, string>>;
  /** Last K messages (truncated), oldest first. */
  recent: ContextMessage[];
}

/** The three lists are read only (perf49's review): a new sender's are the shared frozen EMPTY_LIST (empty-list.ts), so a
 * write anywhere but `remembered` (which replaces the shared one) is a compile error, not a throw at run time. */
export interface SenderState {
  lastAt: number;
  /** Touch number of the latest access. */
  t: number;
  /** Conversations (ids) where this sender asked someone's age. */
  ageAsked: readonly string[];
  /** Conversations where this sender pushed off-platform contact or asked for images. */
  moved: readonly string[];
  /** Conversations where a category was asserted against this sender. */
  flagged: readonly string[];
}

export interface EngineState {
  v: number;
  /** Latest `sentAt` seen: the state's notion of "now" for TTL. */
  now: number;
  /**
   * "c:<conversationId>" → conversation. After a restore an entry may still be encoded until first read:
   * read entries with `entryOf(state.convs, key)` (state-lazy.ts), never `state.convs[key]` directly.
   */
  convs: Record<string, ConversationState>;
  /** "s:<senderId>" → sender; read entries with `entryOf(state.senders, key)`, like `convs`. */
  senders: Record<string, SenderState>;
  /** Entry counts of `convs` and `senders` (kept so eviction needs no key scan). */
  nc: number;
  ns: number;
  /** Touch counter. */
  seq: number;
  /**
   * Recency queues (oldest first) of keys and touch numbers (recency-queue.ts); stale items are skipped and compacted.
   * Serialised as lists of [key, touch number] pairs (`serialiseState`).
   */
  cq: RecencyQueue;
  sq: RecencyQueue;
}

export interface ContextBounds {
  /** Max conversations kept (default 50_000). */
  maxConversations: number;
  /** Max senders kept for cross-conversation risk (default 100_000). */
  maxSenders: number;
  /** Drop entries idle longer than this, on `sentAt` (default 14 days). */
  ttlMs: number;
  /** Max participants (and pairs) per conversation (default 32). */
  maxParticipants: number;
  /** Max conversation ids remembered per sender list (default 32). */
  maxSenderConversations: number;
  /** Messages kept per conversation for the audit context (default 5). */
  recentMessages: number;
  /** Characters kept of each recent message (default 500). */
  recentTextChars: number;
  /** Half-life of signal evidence on `sentAt` (default 3 days). */
  halfLifeMs: number;
  /**
   * Entries (conversations and senders) not touched within this many touches (two per message) are kept encoded in
   * memory until read again (state-lazy.ts `coolIdle`): less memory for more CPU; 0 = never (the default).
   */
  coolAfterTouches: number;
  /** ... only once the state holds at least this many entries (conversations + senders; default 4,000). */
  coolMinEntries: number;
}

export const DEFAULT_BOUNDS: ContextBounds = {
  maxConversations: 50_000,
  maxSenders: 100_000,
  ttlMs: 14 * 24 * 3600_000,
  maxParticipants: 32,
  maxSenderConversations: 32,
  recentMessages: 5,
  recentTextChars: 500,
  halfLifeMs: 3 * 24 * 3600_000,
  coolAfterTouches: 0,
  coolMinEntries: 4_000,
};

/**
 * A conversation's key in `EngineState.convs` (`c:`, the tenant scope, the conversation id). Built once per message by the
 * engine and handed to each reader (the window gate, observe, the second harm, the audit's ages): a key string already
 * looked up is flat and hashed, where each fresh copy is built, hashed and found in V8's string table again (round 42).
 */
export function conversationKey(m: { tenantId?: string | null; conversationId: string }): string {
  return m.tenantId ? `c:${m.tenantId}\u0000${m.conversationId}` : `c:${m.conversationId}`;
}

/**
 * True when an entry last active at `lastAt` has expired for a message sent at `at`: more than `ttlMs` later on
 * the entry's own timeline (not on the newest time seen, so a file replayed out of time order keeps each
 * conversation's context). The one expiry rule of conversations and senders (observe.ts, window-stage.ts).
 */
export function expiredAt(lastAt: number, at: number, b: Pick<ContextBounds, 'ttlMs'>): boolean {
  return at - lastAt > b.ttlMs;
}

/** Fills defaults and rejects bad values (every problem at once). */
export function compileContextBounds(raw: Partial<ContextBounds> = {}): ContextBounds {
  const b = { ...DEFAULT_BOUNDS, ...Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) } as ContextBounds;
  const problems: string[] = [];
  for (const [k, v] of Object.entries(b)) {
    if (!Number.isInteger(v) || v < 0) problems.push(`context bound ${k} must be a non-negative integer (got ${String(v)})`);
  }
  for (const k of ['maxConversations', 'maxSenders', 'maxParticipants', 'ttlMs', 'halfLifeMs'] as const) {
    if (b[k] === 0) problems.push(`context bound ${k} must be > 0`);
  }
  if (problems.length) throw new ConfigError(problems);
  return b;
}

export function createState(): EngineState {
  return { v: STATE_VERSION, now: 0, convs: keyedRecord(), senders: keyedRecord(), nc: 0, ns: 0, seq: 0, cq: newQueue(), sq: newQueue() };
}

/**
 * A record keyed by ids (conversations, senders, participants, pairs): a null-prototype object, which
 * V8 keeps as a hash table from the start. A plain `{}` given thousands of distinct user-id keys builds
 * a hidden class per key set, and every insert and lookup pays for it. Serialises as plain JSON.
 */
export function keyedRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * An empty record of marks (`sig`, `cue`, `cat`, `acc`) that V8 keeps as a hash table from the start: a plain
 * object (Object prototype, so it encodes, serialises and compares as `{}`) put into dictionary mode by deleting
 * a property that is not the last one. A plain `{}` gains one hidden-class transition per new key, in an order that
 * differs between records, and the keyed stores of `mark` then go through the slow megamorphic path.
 */
export function markRecord<T>(): T {
  const o: Record<string, number> = { a: 0, b: 0 };
  delete o.a;
  delete o.b;
  return o as T;
}

/**
 * The one empty mark record every new participant, conversation and pair starts with (`sig`, `cue`, `cat`, `acc`): most
 * of them stay empty (52,400 of 108,900 records after 60,000 bench messages, round 44), and a `markRecord` costs ~280 B of
 * heap even empty. Frozen, so a write that does not go through `ownMarks` throws instead of reaching every entry. It reads,
 * iterates, encodes and serialises as `{}`.
 */
export const NO_MARKS: Readonly<Record<string, never>> = Object.freeze(Object.create(Object.prototype) as Record<string, never>);

/** The shared empty mark record, typed as the record it stands for. */
export function noMarks<T>(): T {
  return NO_MARKS as T;
}

/** The mark record `h[f]` to write into: its own `markRecord` in place of the shared empty one on the first write. */
export function ownMarks<H extends object, F extends keyof H>(h: H, f: F): H[F] {
  const r = h[f];
  if (r !== (NO_MARKS as unknown)) return r;
  const own = markRecord<H[F]>();
  h[f] = own;
  return own;
}

/** The state as JSON (readable; the format of checkpoints written before the binary encoding). */
export function serialiseState(state: EngineState): string {
  // The queues as the pairs this format always had (a restore of an older JSON state reads the same).
  return JSON.stringify({ ...state, cq: queuePairs(state.cq), sq: queuePairs(state.sq) });
}

/**
 * The state in the binary checkpoint encoding (state-codec.ts): `format` 3 (the default, `DEFAULT_STATE_FORMAT`) or 4
 * (the worker's VIGIE_STATE_FORMAT), 2 only for tests of older checkpoints. The entries in recency order with their
 * touch numbers; the recency queues and counts are derived data, rebuilt by `restoreState`. Entries of a restored state
 * never read since are copied as they were (state-lazy.ts), or transcoded on their bytes when restored in another
 * format: they stay encoded in the state either way, a transcoded one now in the returned bytes (which must not be
 * modified), so that it is transcoded once and copied by the next encodes. Entries cooled while the engine runs
 * (state-lazy.ts `coolIdle`) are copied when cooled in `format`, else transcoded, and stay cooled either way.
 */
export function encodeState(state: EngineState, format = DEFAULT_STATE_FORMAT): Uint8Array {
  const found: { tables: SharedTables | null } = { tables: null };
  const convs = entriesOf(state.convs, state.cq, found);
  const senders = entriesOf(state.senders, state.sq, found);
  const recs: Record<string, unknown>[] = [state.convs, state.senders];
  // The encoded entries' tables (state-lazy.ts), copied: the decoded entries' shapes are added to the copy only.
  const own = tablesOf(state);
  const tables = own ? own.fork() : found.tables ?? new SharedTables();
  return encodeEntries({ v: state.v, now: state.now, seq: state.seq }, [convs, senders], tables, format, (section, key, old, raw) => {
    // A transcoded restored entry now points at the bytes just written (in the format written): the next encode copies
    // it. A cooled one stays as it is (its own bytes, in the format cooling writes), not tied to this checkpoint's.
    const rec = recs[section]!;
    if (rec[key] === old && old.text === null) rec[key] = raw;
  });
}

/** The live entries of a record in recency order (its queue's items that are the entry's latest touch); notes the tables of encoded entries. */
function entriesOf(rec: Record<string, { t: number }>, q: RecencyQueue, found: { tables: SharedTables | null }): EntryOut[] {
  const out: EntryOut[] = [];
  const item = (key: string, e: { t: number }): EntryOut => {
    const raw = encodedOf(e);
    if (raw) found.tables ??= raw.src.tables;
    return { key, t: e.t, value: raw ? undefined : e, raw };
  };
  for (let i = q.head; i < q.keys.length; i++) {
    const key = q.keys[i]!;
    const e = rec[key];
    if (e && e.t === q.touches[i]) out.push(item(key, e));
  }
  let count = 0;
  for (const _ in rec) count++;
  if (out.length === count) return out;
  // A queue that misses entries (a state built by hand): order the record by touch numbers instead.
  out.length = 0;
  for (const key in rec) out.push(item(key, rec[key]!));
  return out.sort((a, b) => a.t - b.t);
}

/**
 * Restores a state written by `encodeState` (bytes), or by `serialiseState` (JSON text, or that JSON
 * already parsed: checkpoints written before the binary encoding); throws a clear error on anything else.
 */
export function restoreState(input: string | Uint8Array | object): EngineState {
  if (input instanceof Uint8Array) return isBinaryState(input) && stateFormatOf(input) >= FORMAT_2 ? fromEntries(input) : fromBinary(decodeStateBinary(input));
  let parsed: unknown = input;
  if (typeof input === 'string') {
    try {
      parsed = JSON.parse(input);
    } catch (err) {
      throw new ConfigError([`engine state is not valid JSON: ${(err as Error).message}`]);
    }
  }
  const s = parsed as Partial<EngineState> | null;
  if (s && typeof s === 'object' && s.v === 1 && s.convs && s.senders && s.seq === undefined) migrateV1(s);
  const state = checkShape(s);
  // The queues come as lists of [key, touch number] pairs (a migrated version 1 state has built them already).
  state.cq = asQueue(state.cq);
  state.sq = asQueue(state.sq);
  // JSON gives plain objects: id-keyed records become hash tables again (keyedRecord), keys in the same order.
  state.convs = keyed(state.convs);
  state.senders = keyed(state.senders);
  for (const k in state.convs) {
    const c = state.convs[k]!;
    if (c && typeof c === 'object') { c.people = keyed(c.people); c.pairs = keyed(c.pairs); }
  }
  // Counts are derived data: recompute rather than trust them.
  state.nc = Object.keys(state.convs).length;
  state.ns = Object.keys(state.senders).length;
  return state;
}

function checkShape(s: Partial<EngineState> | null): EngineState {
  if (!s || typeof s !== 'object' || s.v !== STATE_VERSION || typeof s.now !== 'number' || typeof s.convs !== 'object' || typeof s.senders !== 'object' || !s.convs || !s.senders
    || typeof s.seq !== 'number' || !queueLike(s.cq) || !queueLike(s.sq)) {
    throw new ConfigError([`engine state has an unknown shape or version (expected v=${STATE_VERSION})`]);
  }
  return s as EngineState;
}

function asQueue(q: RecencyQueue | [string, number][]): RecencyQueue {
  return Array.isArray(q) ? queueFromPairs(q) : q;
}

/** A queue, or its JSON form (a list of pairs). */
function queueLike(q: unknown): boolean {
  return Array.isArray(q) || isQueue(q);
}

function keyed<T>(rec: Record<string, T> | undefined): Record<string, T> {
  if (!rec || typeof rec !== 'object' || Object.getPrototypeOf(rec) === null) return rec as Record<string, T>;
  return Object.assign(keyedRecord<T>(), rec);
}

/** A format-3 (or 2) state: entries left encoded in their records (state-lazy.ts), queues in the order written. */
function fromEntries(bytes: Uint8Array): EngineState {
  const convs = keyedRecord<unknown>();
  const senders = keyedRecord<unknown>();
  const recs = [convs, senders];
  const queues = [newQueue(), newQueue()];
  const head = readEntries(bytes, (section, key, raw) => {
    const rec = recs[section];
    if (!rec) throw new ConfigError([`engine state is corrupt: section ${section} is unknown`]);
    if (rec[key] !== undefined) throw new ConfigError([`engine state is corrupt: entry ${key} is listed twice`]);
    rec[key] = raw;
    queuePush(queues[section]!, key, raw.t);
  });
  const state = checkShape({
    v: head.v, now: head.now, convs: convs as Record<string, ConversationState>, senders: senders as Record<string, SenderState>,
    nc: queueLength(queues[0]!), ns: queueLength(queues[1]!), seq: head.seq, cq: queues[0], sq: queues[1],
  });
  adoptTables(state, head.tables);
  return state;
}

/** A decoded binary state (format 1): check it, then rebuild the recency queues from the touch numbers (oldest first) and the counts. */
function fromBinary(decoded: unknown): EngineState {
  const d = decoded as Partial<EngineState> | null;
  const state = checkShape(d && typeof d === 'object'
    ? { v: d.v, now: d.now, convs: d.convs, senders: d.senders, nc: 0, ns: 0, seq: d.seq, cq: newQueue(), sq: newQueue() }
    : null);
  state.cq = queueOf(state.convs);
  state.sq = queueOf(state.senders);
  state.nc = queueLength(state.cq);
  state.ns = queueLength(state.sq);
  return state;
}

function queueOf(rec: Record<string, { t: number }>): RecencyQueue {
  const q: [string, number][] = [];
  for (const k in rec) {
    const t = rec[k]?.t;
    if (typeof t !== 'number') throw new ConfigError([`engine state entry ${k} has no touch number`]);
    q.push([k, t]);
  }
  return queueFromPairs(q.sort((a, b) => a[1] - b[1]));
}

/** Version 1 kept recency in key order: rebuild the queues from it. */
function migrateV1(s: Partial<EngineState>): void {
  s.seq = 0;
  s.cq = newQueue();
  s.sq = newQueue();
  for (const [k, e] of Object.entries(s.convs!)) { e.t = ++s.seq; queuePush(s.cq, k, e.t); }
  for (const [k, e] of Object.entries(s.senders!)) { e.t = ++s.seq; queuePush(s.sq, k, e.t); }
  s.v = STATE_VERSION;
}

/** Size in bytes of the encoded state (`encodeState` in `format`), and entry counts. */
export function stateSize(state: EngineState, format = DEFAULT_STATE_FORMAT): { bytes: number; conversations: number; senders: number } {
  return {
    bytes: encodeState(state, format).length,
    conversations: Object.keys(state.convs).length,
    senders: Object.keys(state.senders).length,
  };
}

/** Value of a mark at time `at`, halved every `halfLifeMs`. */
export function decayed(m: Mark | undefined, at: number, halfLifeMs: number): number {
  if (!m) return 0;
  const dt = Math.max(0, at - m.at);
  return m.s * Math.pow(0.5, dt / halfLifeMs);
}

/** A cue mark still live at `at` (decayed score ≥ 0.4), and marked at message `sinceN` or later when given. */
export function liveCue(rec: Partial<Record<Cue, { s: number; at: number; n: number }>>, c: Cue, at: number, hl: number, sinceN = -1): boolean {
  const m = rec[c];
  return !!m && m.n >= sinceN && decayed(m, at, hl) >= 0.4;
}

/** Records evidence: keeps the stronger of the decayed old mark and the new one. */
export function mark<K extends string>(rec: Partial<Record<K, Mark>>, key: K, s: number, at: number, n: number, halfLifeMs: number): void {
  const m = rec[key];
  if (s < decayed(m, at, halfLifeMs)) return;
  if (m) { m.s = round(s); m.at = at; m.n = n; } // in place: marks are never shared
  else rec[key] = { s: round(s), at, n };
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Moves `key` to the most-recent end of a small LRU-ordered record (participants, pairs). */
export function touch<T>(rec: Record<string, T>, key: string, value: T): void {
  delete rec[key];
  rec[key] = value;
}

/** Marks a conversation or sender entry as just used: a new touch number, queued at the recent end. */
export function touchEntry(state: EngineState, queue: 'cq' | 'sq', key: string, e: { t: number }): void {
  e.t = ++state.seq;
  queuePush(state[queue], key, e.t);
}

/**
 * Drops entries from the least-recent end of a queue while they are expired or more than `max` remain.
 * Queue items whose touch number is not the entry's latest are stale and skipped. The queue is
 * compacted when more than half of it is stale. Returns the new count.
 */
export function evictEntries<T extends { lastAt: number; t: number }>(
  rec: Record<string, T>, q: RecencyQueue, count: number, max: number, expiredBefore: number,
): number {
  const { keys, touches } = q;
  let head = q.head;
  while (head < keys.length) {
    const k = keys[head]!;
    const t = touches[head]!;
    const e = rec[k];
    if (!e || e.t !== t) { head++; continue; }
    if (count > max || lastAtOf(rec, k) < expiredBefore) { delete rec[k]; count--; head++; continue; }
    break;
  }
  q.head = head;
  // The queued items are the same as when each eviction spliced them off: only where they sit in the arrays differs.
  if (queueLength(q) > 2 * count + 64) compactStale(rec, q);
  else dropTaken(q);
  return count;
}

/**
 * Compacts `q` to the items still the latest touch of their entry. Apart from evictEntries (issue 14, round 46): its
 * closure reads `rec`, and a closure over a parameter made evictEntries allocate a context record on every call (twice
 * a message: conversations and senders), not only on the rare compaction.
 */
function compactStale<T extends { t: number }>(rec: Record<string, T>, q: RecencyQueue): void {
  compactQueue(q, (k, t) => rec[k]?.t === t);
}
