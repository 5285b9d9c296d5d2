/**
 * Binary encoding of the engine state (checkpoints): compact, and restored without parsing JSON.
 *
 * Values are tagged trees. Numbers take the shortest exact form: small integers as varints,
 * timestamps relative to a base time, scores with three decimals as integer thousandths, anything
 * else as float64. Records keyed by ids (null-prototype objects, `keyedRecord`) are written as maps
 * and come back as null-prototype objects; plain objects are written as a shape (their key list, kept
 * once) and come back with the same keys in the same order, so a value decodes to the same data
 * `JSON.parse(JSON.stringify(value))` would give (undefined properties aside) whatever fields the
 * context code adds: the codec reads no field names.
 *
 * Format 2: magic "VGS" + format byte, `now` (float64), the state's version and touch
 * counter, a key table (every plain-object key once: field and label names), a shape table (key lists
 * as key indices), then the conversations and the senders, each a section of entries in recency order
 * (oldest first): the entry's key, its touch number, its base time (as `now` minus base), its length,
 * then the entry alone: its own string table (ids, texts) and its value tree. Last, a CRC-32 of all
 * that precedes it. Each entry stands on its own, so a restore reads only the entries' keys and touch
 * numbers and decodes an entry when it is first used (state-lazy.ts), and an entry never decoded is
 * written again by copying its bytes (the key and shape tables of a restored state are kept, so its
 * shape numbers stay valid).
 *
 * Format 3 (written; speed round 7) is format 2 with two kinds of one-byte values in the entries' trees: a small
 * integer 0..63 (tag 16 + the integer, instead of the Uint tag and a varint) and a time already written in the same
 * entry (tag 80 + its number among the entry's written times, instead of the Time tag and a varint of 2–5 bytes): an
 * entry's marks share the times of its messages (a cue is marked on the sender and on the conversation at once) and
 * most of its counters and message indices are small. The decoded value is the same.
 *
 * Format 4 (round 21) is format 3 with an object of one of the first 16 shapes of the key table written as one byte (tag 80 +
 * its shape number, instead of the Obj tag and a varint): 16 tags taken from the time references, which are 160 (tag 96 +
 * the time's number). An entry is mostly marks `{ s, at, n }`, messages and participants, all among the first shapes.
 *
 * Which format is written is a setting (VIGIE_STATE_FORMAT, 3 by default for one release, so that a worker of the previous
 * release can still restore what this one writes); formats 2, 3 and 4 are always read. An entry restored in another format
 * than the one written and never read since is transcoded on its bytes (`Reader.transcode`: strings copied, numbers and
 * objects written again in the target format) without building its value: the state keeps it encoded.
 *
 * Format 2 (read; entries of a restored format-2 state are transcoded to the format written on the next encode).
 *
 * Format 1 (read only; checkpoints written before format 2): `now`, one string table, one shape table
 * (keys as strings), then one tagged value tree of the whole state.
 */
import { crc32 } from 'node:zlib';
import { ConfigError } from '../../contracts/errors.js';

export const STATE_MAGIC = [0x56, 0x47, 0x53] as const; // "VGS"
/** The newest format (read and written). */
export const STATE_FORMAT = 4;
/** The format written unless the worker's setting says otherwise (VIGIE_STATE_FORMAT): the previous release reads it. */
export const DEFAULT_STATE_FORMAT = 3;
const FORMAT_1 = 1;
/** The entry-per-entry format before format 3 (same layout, no one-byte integers or times); still read. */
export const FORMAT_2 = 2;
/** Format 2 with one-byte small integers and times (speed round 7); read, and written when VIGIE_STATE_FORMAT=3. */
export const FORMAT_3 = 3;
/** The formats `encodeEntries` writes. */
export const WRITTEN_FORMATS: readonly number[] = [FORMAT_3, STATE_FORMAT];

/** `Touch`: the entry's touch number (format 2), written once in the entry's head. */
const enum Tag { Null, False, True, Uint, NegInt, F64, Milli, Time, Str, Arr, Obj, Map, Undef, Touch }
/** Formats 3 and 4: tags SMALL … SMALL + SMALL_COUNT - 1 are the integers 0 … SMALL_COUNT - 1. */
const SMALL = 16;
const SMALL_COUNT = 64;

/**
 * The one-byte values of an entry format: `smalls` integers from tag SMALL, objects of shapes 0 … `shapes` - 1 from tag
 * `shapeTag`, then `timeRefs` references to the entry's times written so far (in the order written, repeats included)
 * from tag `timeRef` to 255.
 */
export interface Layout { readonly smalls: number; readonly shapeTag: number; readonly shapes: number; readonly timeRef: number; readonly timeRefs: number }
const LAYOUT_2: Layout = { smalls: 0, shapeTag: 256, shapes: 0, timeRef: 256, timeRefs: 0 };
const LAYOUT_3: Layout = { smalls: SMALL_COUNT, shapeTag: SMALL + SMALL_COUNT, shapes: 0, timeRef: SMALL + SMALL_COUNT, timeRefs: 256 - SMALL - SMALL_COUNT };
/** Format 4: 16 one-byte shapes (tags 80 … 95), 160 time references (tags 96 … 255). */
const SHAPE_TAGS = 16;
const LAYOUT_4: Layout = { smalls: SMALL_COUNT, shapeTag: SMALL + SMALL_COUNT, shapes: SHAPE_TAGS, timeRef: SMALL + SMALL_COUNT + SHAPE_TAGS, timeRefs: 256 - SMALL - SMALL_COUNT - SHAPE_TAGS };

/** The entry layout of a format (2, 3 or 4). */
export function layoutOf(format: number): Layout {
  switch (format) {
    case FORMAT_2: return LAYOUT_2;
    case FORMAT_3: return LAYOUT_3;
    case STATE_FORMAT: return LAYOUT_4;
    default: throw new ConfigError([`engine state format ${format} has no entry layout`]);
  }
}

const utf8 = new TextEncoder();

/** True when `s` holds a surrogate code unit not paired (UTF-8 cannot carry it). */
function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return true;
    const d = s.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return true;
    i++;
  }
  return false;
}

/** A growable byte buffer with varint writers. */
export class Writer {
  buf: Uint8Array;
  view: DataView;
  n = 0;

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.n + k) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
    this.view = new DataView(b.buffer);
  }

  byte(x: number): void { this.room(1); this.buf[this.n++] = x; }

  /** Unsigned integer up to 2^53. */
  varint(x: number): void {
    this.room(8);
    while (x >= 0x80) { this.buf[this.n++] = (x % 0x80) | 0x80; x = Math.floor(x / 0x80); }
    this.buf[this.n++] = x;
  }

  f64(x: number): void { this.room(8); this.view.setFloat64(this.n, x, true); this.n += 8; }

  /** A string: varint (byte length × 2) then UTF-8, or, for a string with a lone surrogate, varint (code units × 4 + 1) then UTF-16LE. */
  str(s: string): void { this.strHead(s, 0); }

  /**
   * A string after a head flag: varint ((byte length × 2) × `scale` + `flag`) then UTF-8, or, for a string with
   * a lone surrogate, varint ((code units × 4 + 1) × `scale` + `flag`) then UTF-16LE (`scale` 1: no flag).
   */
  strHead(s: string, flag: number, scale = flag ? 2 : 1): void {
    if (hasLoneSurrogate(s)) {
      this.varint((s.length * 4 + 1) * scale + flag);
      this.room(2 * s.length);
      for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); this.buf[this.n++] = c & 0xff; this.buf[this.n++] = c >> 8; }
      return;
    }
    this.room(s.length * 3 + 8);
    const at = this.n;
    // Length prefix patched after writing: reserve the varint size of the worst case, then close the gap.
    const max = s.length * 6 * scale + flag;
    const lenBytes = max < 0x80 ? 1 : max < 0x4000 ? 2 : max < 0x200000 ? 3 : 4;
    const { written } = utf8.encodeInto(s, this.buf.subarray(at + lenBytes));
    let x = written * 2 * scale + flag;
    const need = x < 0x80 ? 1 : x < 0x4000 ? 2 : x < 0x200000 ? 3 : 4;
    if (need < lenBytes) this.buf.copyWithin(at + need, at + lenBytes, at + lenBytes + written);
    for (let i = 0; i < need; i++) { this.buf[at + i] = (x & 0x7f) | (i < need - 1 ? 0x80 : 0); x >>>= 7; }
    this.n = at + need + written;
  }

  /** An entry's string table: each string as the length of the prefix it shares with the previous one (when ≥ 4) and the rest. */
  stringTable(list: readonly string[]): void {
    this.varint(list.length);
    let prev = '';
    for (const s of list) { this.prefixed(s, prev); prev = s; }
  }

  /** `s` as the rest after the prefix it shares with `prev` (when ≥ 4 code units) and that prefix's length. */
  prefixed(s: string, prev: string): void {
    let k = 0;
    const m = Math.min(s.length, prev.length);
    while (k < m && s.charCodeAt(k) === prev.charCodeAt(k)) k++;
    if (k >= 4) { this.strHead(s.slice(k), 1); this.varint(k); } else this.strHead(s, 0, 2);
  }

  /** A number as a tagged value (times relative to `base`). */
  num(x: number, base: number): void {
    if (isTime(x, base)) { const rel = x - base; this.byte(Tag.Time); this.varint(rel < 0 ? -2 * rel - 1 : 2 * rel); return; }
    if (Number.isInteger(x) && !Object.is(x, -0) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) { this.byte(x < 0 ? Tag.NegInt : Tag.Uint); this.varint(Math.abs(x)); return; }
    const k = Math.round(x * 1000);
    if (Number.isFinite(x) && k / 1000 === x && Math.abs(k) < 2 ** 31 && !Object.is(x, -0)) { this.byte(Tag.Milli); this.varint(k < 0 ? -2 * k - 1 : 2 * k); return; }
    this.byte(Tag.F64); this.f64(x);
  }

  raw(b: Uint8Array): void { this.room(b.length); this.buf.set(b, this.n); this.n += b.length; }

  /** The bytes a latin1 string holds (one per code unit: a cooled entry, state-lazy.ts). */
  latin1(s: string): void {
    this.room(s.length);
    Buffer.from(this.buf.buffer, this.buf.byteOffset, this.buf.length).write(s, this.n, s.length, 'latin1');
    this.n += s.length;
  }

  /** Bytes [start, end) of `src` (a native copy, no view allocated). */
  copyFrom(src: Buffer, start: number, end: number): void {
    this.room(end - start);
    src.copy(this.buf, this.n, start, end);
    this.n += end - start;
  }

  bytes(): Uint8Array { return this.buf.subarray(0, this.n); }
}

/** How a tree names its strings and object shapes (a table index each). */
interface TreeRefs {
  str(s: string): number;
  shape(keys: string[]): number;
}

/** True when `Writer.num` writes `x` as a time relative to `base` (Tag.Time). */
function isTime(x: number, base: number): boolean {
  if (!Number.isInteger(x) || Object.is(x, -0) || Math.abs(x) > Number.MAX_SAFE_INTEGER) return false;
  const rel = x - base;
  return Math.abs(rel) * 2 < Math.abs(x) && Number.isSafeInteger(rel);
}

/** Writes tagged value trees into `w` (times relative to `base`) with the one-byte values of `layout` (format 1 and 2: none). */
export class TreeWriter {
  base = 0;
  touch = NaN;
  /** Formats 3 and 4: the entry's times written so far (first position of each) and how many were written. */
  readonly times = new Map<number, number>();
  timeCount = 0;
  constructor(readonly w: Writer, readonly refs: TreeRefs, readonly layout: Layout = LAYOUT_2) {}

  /** Starts an entry (format 3: its time table is empty). */
  reset(base: number, touch: number): void {
    this.base = base;
    this.touch = touch;
    this.times.clear();
    this.timeCount = 0;
  }

  number(x: number): void {
    const w = this.w;
    if (x === this.touch) { w.byte(Tag.Touch); return; }
    const l = this.layout;
    if (l.smalls === 0) { w.num(x, this.base); return; }
    if (x >= 0 && x < l.smalls && Number.isInteger(x) && !Object.is(x, -0)) { w.byte(SMALL + x); return; }
    if (isTime(x, this.base)) {
      const i = this.times.get(x);
      if (i !== undefined && i < l.timeRefs) { w.byte(l.timeRef + i); return; }
      if (i === undefined) this.times.set(x, this.timeCount);
      this.timeCount++;
    }
    w.num(x, this.base);
  }

  value(v: unknown): void {
    const w = this.w;
    switch (typeof v) {
      case 'number': this.number(v); return;
      case 'string': w.byte(Tag.Str); w.varint(this.refs.str(v)); return;
      case 'boolean': w.byte(v ? Tag.True : Tag.False); return;
      case 'undefined': w.byte(Tag.Undef); return;
      case 'object': break;
      default: throw new ConfigError([`engine state holds a ${typeof v}, which has no encoding`]);
    }
    if (v === null) { w.byte(Tag.Null); return; }
    if (Array.isArray(v)) {
      w.byte(Tag.Arr); w.varint(v.length);
      for (let i = 0; i < v.length; i++) this.value(v[i]);
      return;
    }
    const o = v as Record<string, unknown>;
    if (Object.getPrototypeOf(o) === null) {
      let count = 0;
      for (const k in o) count++;
      w.byte(Tag.Map); w.varint(count);
      for (const k in o) { w.varint(this.refs.str(k)); this.value(o[k]); }
      return;
    }
    const keys = Object.keys(o);
    this.objectHead(this.refs.shape(keys));
    for (let i = 0; i < keys.length; i++) this.value(o[keys[i]!]);
  }

  /** The head of an object of shape `id` (its values follow in the shape's key order). */
  objectHead(id: number): void {
    if (id < this.layout.shapes) { this.w.byte(this.layout.shapeTag + id); return; }
    this.w.byte(Tag.Obj); this.w.varint(id);
  }
}

/** A string table: each distinct string once, numbered in order of first use. */
class StringTable {
  readonly ids = new Map<string, number>();
  readonly list: string[] = [];
  ref(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) { i = this.list.length; this.ids.set(s, i); this.list.push(s); }
    return i;
  }
  clear(): void { this.ids.clear(); this.list.length = 0; }
}

/** Encodes a JSON-like value tree in format 1 (one string table for the whole tree; read by `decodeStateBinary`). */
export function encodeStateBinary(root: object, now: number): Uint8Array {
  const strings = new StringTable();
  const shapes = new Map<string, number>();
  const shapeList: string[][] = [];
  const body = new Writer();
  const tree = new TreeWriter(body, {
    str: (s) => strings.ref(s),
    shape: (keys) => {
      const sig = keys.join('\u0000');
      let id = shapes.get(sig);
      if (id === undefined) { id = shapeList.length; shapes.set(sig, id); shapeList.push(keys); for (const k of keys) strings.ref(k); }
      return id;
    },
  });
  tree.base = now;
  tree.value(root);
  const head = new Writer();
  for (const b of STATE_MAGIC) head.byte(b);
  head.byte(FORMAT_1);
  head.f64(now);
  head.varint(strings.list.length);
  for (const s of strings.list) head.str(s);
  head.varint(shapeList.length);
  for (const keys of shapeList) { head.varint(keys.length); for (const k of keys) head.varint(strings.ref(k)); }
  const out = new Uint8Array(head.n + body.n);
  out.set(head.bytes(), 0);
  out.set(body.bytes(), head.n);
  return out;
}

/** True when `bytes` starts like an encoded state (any format). */
export function isBinaryState(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === STATE_MAGIC[0] && bytes[1] === STATE_MAGIC[1] && bytes[2] === STATE_MAGIC[2];
}

/** The format byte of an encoded state (after `isBinaryState`). */
export function stateFormatOf(bytes: Uint8Array): number {
  return bytes[3]!;
}

const corrupt = (why: string): ConfigError => new ConfigError([`engine state is corrupt: ${why}`]);
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads varints, strings and tagged value trees from `bytes[p, end)`. */
export class Reader {
  readonly view: DataView;
  readonly buf: Buffer;
  p: number;
  end: number;
  /** Base time of the tree being read, its strings and the shapes (key lists) of its objects. */
  base = 0;
  touch: number | undefined;
  /** The one-byte values of the entries' format; `times[0, timeCount)` the entry's times read so far. */
  layout: Layout = LAYOUT_2;
  times: number[] = [];
  timeCount = 0;
  strs: string[] = [];
  shapes: string[][] = [];
  private depth = 0;

  constructor(readonly bytes: Uint8Array, p: number, end: number) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.p = p;
    this.end = end;
  }

  varint(): number {
    let x = 0;
    let mul = 1;
    for (;;) {
      if (this.p >= this.end) throw corrupt('truncated');
      const b = this.bytes[this.p++]!;
      x += (b & 0x7f) * mul;
      if (b < 0x80) return x;
      mul *= 0x80;
      if (mul > 2 ** 56) throw corrupt('varint too long');
    }
  }

  f64(): number {
    if (this.p + 8 > this.end) throw corrupt('truncated');
    const x = this.view.getFloat64(this.p, true);
    this.p += 8;
    return x;
  }

  /** Length of a table, refused when longer than the bytes left could hold. */
  count(what: string): number {
    const n = this.varint();
    if (n > this.end - this.p) throw corrupt(`${what} larger than the state`);
    return n;
  }

  str(): string { return this.strBody(this.varint()); }

  /** The string whose head (as `Writer.strHead` wrote it, flag removed) was just read. */
  strBody(head: number): string {
    const p = this.p;
    if (head % 2 === 1) {
      const units = (head - 1) / 4;
      if (p + 2 * units > this.end) throw corrupt('truncated string');
      this.p += 2 * units;
      return this.buf.toString('utf16le', p, p + 2 * units);
    }
    const len = head / 2;
    if (p + len > this.end) throw corrupt('truncated string');
    this.p += len;
    const bytes = this.bytes;
    let ascii = true;
    for (let k = p; k < p + len; k++) if (bytes[k]! >= 0x80) { ascii = false; break; }
    if (ascii) return this.buf.toString('latin1', p, p + len);
    try {
      return utf8Decoder.decode(bytes.subarray(p, p + len));
    } catch {
      throw corrupt('invalid UTF-8');
    }
  }

  /** An entry's string table (`Writer.stringTable`). */
  stringTable(): string[] {
    const n = this.count('string table');
    const out: string[] = new Array(n);
    let prev = '';
    for (let i = 0; i < n; i++) out[i] = prev = this.prefixed(prev);
    return out;
  }

  /** A string written by `Writer.prefixed` after `prev`. */
  prefixed(prev: string): string {
    const head = this.varint();
    const s = this.strBody(Math.floor(head / 2));
    if (head % 2 === 0) return s;
    const k = this.varint();
    if (k > prev.length) throw corrupt('shared prefix longer than the previous string');
    return prev.slice(0, k) + s;
  }

  strings(): string[] {
    const n = this.count('string table');
    const out: string[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.str();
    return out;
  }

  ref(): string {
    const i = this.varint();
    if (i >= this.strs.length) throw corrupt('string reference out of range');
    return this.strs[i]!;
  }

  value(): unknown {
    if (this.p >= this.end) throw corrupt('truncated');
    const tag = this.bytes[this.p++]!;
    switch (tag) {
      case Tag.Null: return null;
      case Tag.False: return false;
      case Tag.True: return true;
      case Tag.Undef: return undefined;
      case Tag.Uint: return this.varint();
      case Tag.NegInt: return -this.varint();
      case Tag.Time: { const x = this.base + zigzag(this.varint()); this.times[this.timeCount++] = x; return x; }
      case Tag.Milli: return zigzag(this.varint()) / 1000;
      case Tag.F64: return this.f64();
      case Tag.Str: return this.ref();
      case Tag.Touch: if (this.touch === undefined) throw corrupt('touch number outside an entry'); return this.touch;
      default: break;
    }
    const l = this.layout;
    if (tag >= SMALL) {
      if (tag < SMALL + l.smalls) return tag - SMALL;
      if (tag >= l.timeRef) return this.timeRef(tag - l.timeRef);
    }
    if (++this.depth > 64) throw corrupt('nested too deep');
    let out: unknown;
    if (tag === Tag.Arr) {
      const n = this.count('array');
      const a: unknown[] = new Array(n);
      for (let i = 0; i < n; i++) a[i] = this.value();
      out = a;
    } else if (tag === Tag.Obj) {
      out = this.object(this.varint());
    } else if (tag >= l.shapeTag && tag < l.shapeTag + l.shapes) {
      out = this.object(tag - l.shapeTag);
    } else if (tag === Tag.Map) {
      const n = this.count('record');
      const o = Object.create(null) as Record<string, unknown>;
      for (let i = 0; i < n; i++) { const k = this.ref(); o[k] = this.value(); }
      out = o;
    } else {
      throw corrupt(`unknown tag ${tag}`);
    }
    this.depth--;
    return out;
  }

  /** The entry's `i`th written time (a one-byte time reference). */
  private timeRef(i: number): number {
    if (i >= this.timeCount) throw corrupt('time reference out of range');
    return this.times[i]!;
  }

  /** The key list of shape `id`. */
  private shape(id: number): string[] {
    if (id >= this.shapes.length) throw corrupt('shape reference out of range');
    return this.shapes[id]!;
  }

  /** An object of shape `id`: its values in the shape's key order. */
  private object(id: number): Record<string, unknown> {
    const keys = this.shape(id);
    const o: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (k === '__proto__') Object.defineProperty(o, k, { value: this.value(), enumerable: true, writable: true, configurable: true });
      else o[k] = this.value();
    }
    return o;
  }

  /** Strings in the table `skipStringTable` passed (the string references `transcode` accepts). */
  stringCount = 0;

  /** Skips an entry's string table (`Writer.stringTable`) without making its strings. */
  skipStringTable(): void {
    const n = this.count('string table');
    this.stringCount = n;
    for (let i = 0; i < n; i++) {
      const head = this.varint();
      const h = Math.floor(head / 2);
      const len = h % 2 === 1 ? 2 * ((h - 1) / 4) : h / 2;
      if (this.p + len > this.end) throw corrupt('truncated string');
      this.p += len;
      if (head % 2 === 1) this.varint();
    }
  }

  /**
   * Writes the value tree at `p` again with `out` (another entry layout, same string table), without building it:
   * structure and string references copied, every number given to `out.number` (which picks its form in the target
   * format), every object's shape given to `out.objectHead` (`shapeId` maps this state's shape numbers to `out`'s).
   */
  transcode(out: TreeWriter, shapeId: (id: number) => number): void {
    if (this.p >= this.end) throw corrupt('truncated');
    const w = out.w;
    const tag = this.bytes[this.p++]!;
    switch (tag) {
      case Tag.Null: case Tag.False: case Tag.True: case Tag.Undef: w.byte(tag); return;
      case Tag.Uint: out.number(this.varint()); return;
      case Tag.NegInt: out.number(-this.varint()); return;
      case Tag.Time: { const x = this.base + zigzag(this.varint()); this.times[this.timeCount++] = x; out.number(x); return; }
      case Tag.Milli: out.number(zigzag(this.varint()) / 1000); return;
      case Tag.F64: out.number(this.f64()); return;
      case Tag.Str: { const i = this.varint(); if (i >= this.stringCount) throw corrupt('string reference out of range'); w.byte(Tag.Str); w.varint(i); return; }
      case Tag.Touch: if (this.touch === undefined) throw corrupt('touch number outside an entry'); out.number(this.touch); return;
      default: break;
    }
    const l = this.layout;
    if (tag >= SMALL) {
      if (tag < SMALL + l.smalls) { out.number(tag - SMALL); return; }
      if (tag >= l.timeRef) { out.number(this.timeRef(tag - l.timeRef)); return; }
    }
    if (++this.depth > 64) throw corrupt('nested too deep');
    if (tag === Tag.Arr) {
      const n = this.count('array');
      w.byte(Tag.Arr); w.varint(n);
      for (let i = 0; i < n; i++) this.transcode(out, shapeId);
    } else if (tag === Tag.Obj || (tag >= l.shapeTag && tag < l.shapeTag + l.shapes)) {
      const id = tag === Tag.Obj ? this.varint() : tag - l.shapeTag;
      const n = this.shape(id).length;
      out.objectHead(shapeId(id));
      for (let i = 0; i < n; i++) this.transcode(out, shapeId);
    } else if (tag === Tag.Map) {
      const n = this.count('record');
      w.byte(Tag.Map); w.varint(n);
      for (let i = 0; i < n; i++) {
        const k = this.varint();
        if (k >= this.stringCount) throw corrupt('string reference out of range');
        w.varint(k);
        this.transcode(out, shapeId);
      }
    } else {
      throw corrupt(`unknown tag ${tag}`);
    }
    this.depth--;
  }
}

const zigzag = (z: number): number => (z % 2 === 1 ? -(z + 1) / 2 : z / 2);

function checkHead(bytes: Uint8Array, ...formats: number[]): void {
  if (!isBinaryState(bytes)) throw corrupt('not a binary engine state (bad magic)');
  if (!formats.includes(bytes[3]!)) throw new ConfigError([`engine state format ${bytes[3]} is not supported (this engine reads formats ${FORMAT_1} to ${STATE_FORMAT})`]);
}

/** Decodes format 1 (`encodeStateBinary` output); throws ConfigError on anything else. */
export function decodeStateBinary(bytes: Uint8Array): unknown {
  checkHead(bytes, FORMAT_1);
  const r = new Reader(bytes, 4, bytes.length);
  r.base = r.f64();
  r.strs = r.strings();
  const nShapes = r.count('shape table');
  r.shapes = new Array(nShapes);
  for (let i = 0; i < nShapes; i++) {
    const k = r.count('shape');
    const keys: string[] = new Array(k);
    for (let j = 0; j < k; j++) keys[j] = r.ref();
    r.shapes[i] = keys;
  }
  const root = r.value();
  if (r.p !== r.end) throw corrupt(`${r.end - r.p} trailing bytes`);
  return root;
}

/** The key and shape tables of a format-2 or 3 state; kept by a restored state so its undecoded entries can be copied as they are. */
export class SharedTables {
  readonly keys = new StringTable();
  readonly shapeIds = new Map<string, number>();
  readonly shapes: string[][] = [];

  /** Set on a copy (`fork`): the tables it copied, whose shape numbers it keeps. */
  forkOf: SharedTables | null = null;

  shape(keys: string[]): number {
    const sig = keys.join('\u0000');
    let id = this.shapeIds.get(sig);
    if (id === undefined) { id = this.shapes.length; this.shapeIds.set(sig, id); this.shapes.push(keys); for (const k of keys) this.keys.ref(k); }
    return id;
  }

  /** A copy to extend (a checkpoint's shapes of decoded entries) without growing these tables; entries written with these are copied as they are. */
  fork(): SharedTables {
    const t = new SharedTables();
    for (const k of this.keys.list) t.keys.ref(k);
    for (const keys of this.shapes) t.shape(keys);
    t.forkOf = this;
    return t;
  }

  /** True when an entry written with `tables` can be copied into a state written with these. */
  holds(tables: SharedTables): boolean {
    return tables === this || tables === this.forkOf;
  }
}

/**
 * An entry still in its encoded form, times relative to `base`: bytes [start, end) of `src` (a restored entry), or the
 * bytes `text` holds one per latin1 code unit (a cooled entry, state-lazy.ts: `start` 0, `end` its length), with the
 * entry's `lastAt` when known (else NaN) so eviction need not decode it.
 */
export class RawEntry {
  constructor(
    readonly src: EntrySource, readonly start: number, readonly end: number, readonly base: number, readonly t: number,
    readonly text: string | null = null, readonly lastAt = NaN,
  ) {}
  /** JSON of a state still holding the entry: its decoded value. */
  toJSON(): unknown { return decodeEntry(this); }
}
export interface EntrySource { bytes: Uint8Array; tables: SharedTables; reader: Reader; format: number }

/** Writes one entry alone in `format` (its string table, then its value tree; shapes in `tables`): for a checkpoint and for cooling. */
export class EntryWriter {
  private readonly local = new StringTable();
  private readonly scratch = new Writer();
  private readonly strings = new Writer();
  private readonly joined = new Writer();
  private readonly tree: TreeWriter;
  /** The reader of the entry `transcode` read last. */
  private source: Reader | null = null;

  constructor(readonly tables: SharedTables, readonly format: number) {
    this.tree = new TreeWriter(this.scratch, { str: (s) => this.local.ref(s), shape: (keys) => tables.shape(keys) }, layoutOf(format));
  }

  /**
   * Writes the tree of the undecoded entry `raw` again in this format, on its bytes (its string table is kept as it
   * is and not written): returns where that string table ends in the entry's bytes (`copyTranscodedTo`).
   */
  transcode(raw: RawEntry): number {
    this.scratch.n = 0;
    this.tree.reset(raw.base, raw.t);
    this.source = entryReader(raw);
    return transcodeEntry(this.source, raw, this.tree, this.tables);
  }

  /** Length of the tree `transcode` wrote. */
  treeLength(): number { return this.scratch.n; }

  /** Appends the entry `transcode` read last: its string table, bytes [start, tableEnd) of its source, then the new tree. */
  copyTranscodedTo(w: Writer, start: number, tableEnd: number): void {
    w.copyFrom(this.source!.buf, start, tableEnd);
    w.raw(this.scratch.bytes());
  }

  /** Encodes `value` (times relative to `base`, `t` its touch number); returns its length in bytes. */
  write(value: unknown, base: number, t: number): number {
    this.local.clear();
    this.scratch.n = 0;
    this.tree.reset(base, t);
    this.tree.value(value);
    this.strings.n = 0;
    this.strings.stringTable(this.local.list);
    return this.strings.n + this.scratch.n;
  }

  /** Appends the entry just written to `w`. */
  copyTo(w: Writer): void {
    w.raw(this.strings.bytes());
    w.raw(this.scratch.bytes());
  }

  /** The entry just written as a latin1 string (one code unit per byte). */
  text(): string {
    // One flat string (two joined would be a rope of three objects).
    const j = this.joined;
    j.n = 0;
    this.copyTo(j);
    return Buffer.from(j.buf.buffer, j.buf.byteOffset, j.n).toString('latin1');
  }
}

/**
 * Where the entries cooled with `tables` in `format` decode from: their bytes are their text (`RawEntry.text`), read
 * through one shared reader given this source's shapes and layout.
 */
export function coolSource(tables: SharedTables, format: number): EntrySource {
  return entrySource(new Uint8Array(0), 0, tables, format);
}

/** `value` (an entry touched at `t`, last active at `lastAt`) encoded by `w` into a cooled entry of `src` (whose tables `w` writes with). */
export function coolEntry(w: EntryWriter, src: EntrySource, value: unknown, now: number, t: number, lastAt: number): RawEntry {
  const base = baseOf(value, now);
  const n = w.write(value, base, t);
  return new RawEntry(src, 0, n, base, t, w.text(), lastAt);
}

/** One entry to write: its key, touch number, and its value or its undecoded bytes. */
export interface EntryOut { key: string; t: number; value: unknown; raw: RawEntry | undefined }

/** Base time of an entry: its first field holding an epoch-like integer (times inside it are written relative to it), else `now`. */
function baseOf(v: unknown, now: number): number {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const k in v as Record<string, unknown>) {
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === 'number' && Number.isSafeInteger(x) && Math.abs(x) >= 2 ** 32) return x;
    }
  }
  return now;
}

/** `now` minus an entry's base: a zigzag varint × 2 when an integer, else 1 then float64. */
function writeBase(w: Writer, d: number): void {
  if (Number.isSafeInteger(d) && Number.isSafeInteger(2 * d)) { w.varint(2 * (d < 0 ? -2 * d - 1 : 2 * d)); return; }
  w.varint(1); w.f64(d);
}

/**
 * Encodes a state in `format` (3 or 4; 2 only for tests of older checkpoints): `sections` (conversations, then senders)
 * are written entry by entry in the order given (touch numbers increasing). `tables` are the shared tables to extend
 * (those of the state's undecoded entries, or new ones). An undecoded entry is copied when it is in the format
 * written, else transcoded on its bytes (`Reader.transcode`; its value is never built) and, once the bytes are done,
 * given to `transcoded` as a `RawEntry` of those bytes (the caller puts it in the old one's place, so that the next
 * encode copies it instead of transcoding it again; the returned bytes then back it and must not be modified).
 */
export function encodeEntries(head: { v: number; now: number; seq: number }, sections: readonly (readonly EntryOut[])[], tables: SharedTables, format = DEFAULT_STATE_FORMAT,
  transcoded?: (section: number, key: string, old: RawEntry, raw: RawEntry) => void): Uint8Array {
  if (format !== FORMAT_2 && !WRITTEN_FORMATS.includes(format)) throw new ConfigError([`engine state format ${format} cannot be written (formats ${WRITTEN_FORMATS.join(' and ')})`]);
  const now = head.now;
  const entry = new EntryWriter(tables, format);
  // An undecoded entry (restored or cooled) is copied when written in this format with these tables (or those they were
  // forked from); any other is transcoded on its bytes.
  const copies = (raw: RawEntry | undefined): boolean => raw !== undefined && raw.src.format === format && tables.holds(raw.src.tables);
  // One allocation of the body when most of it is copied entries (a large buffer grown by doubling costs full collections).
  let copied = 0;
  for (const entries of sections) for (const e of entries) if (copies(e.raw)) copied += e.raw!.end - e.raw!.start + e.key.length * 3 + 24;
  const body = new Writer(copied + (1 << 16));
  /** Transcoded entries: section, the entry, where its bytes start in `body` and their length. */
  const moved: { s: number; e: EntryOut; at: number; len: number }[] = [];
  body.varint(sections.length);
  for (let si = 0; si < sections.length; si++) {
    const entries = sections[si]!;
    body.varint(entries.length);
    let lastT = 0;
    let lastKey = '';
    for (const e of entries) {
      if (e.t <= lastT && lastT > 0) throw new ConfigError([`engine state entry ${e.key} is out of recency order`]);
      body.prefixed(e.key, lastKey);
      lastKey = e.key;
      body.varint(e.t - lastT);
      lastT = e.t;
      if (e.raw && copies(e.raw)) {
        writeBase(body, now - e.raw.base);
        body.varint(e.raw.end - e.raw.start);
        if (e.raw.text !== null) body.latin1(e.raw.text);
        else body.copyFrom(e.raw.src.reader.buf, e.raw.start, e.raw.end);
        continue;
      }
      if (e.raw) {
        writeBase(body, now - e.raw.base);
        const tableEnd = entry.transcode(e.raw);
        const len = tableEnd - e.raw.start + entry.treeLength();
        body.varint(len);
        if (transcoded) moved.push({ s: si, e, at: body.n, len });
        entry.copyTranscodedTo(body, e.raw.start, tableEnd);
        continue;
      }
      const value = e.value;
      const base = baseOf(value, now);
      writeBase(body, now - base);
      // Entry = its string table, then its tree; the length prefix is written once both sizes are known.
      body.varint(entry.write(value, base, e.t));
      entry.copyTo(body);
    }
  }
  const top = new Writer();
  for (const b of STATE_MAGIC) top.byte(b);
  top.byte(format);
  top.f64(now);
  top.varint(head.v);
  top.varint(head.seq);
  top.varint(tables.keys.list.length);
  for (const k of tables.keys.list) top.str(k);
  top.varint(tables.shapes.length);
  for (const keys of tables.shapes) { top.varint(keys.length); for (const k of keys) top.varint(tables.keys.ref(k)); }
  const out = new Uint8Array(top.n + body.n + 4);
  out.set(top.bytes(), 0);
  out.set(body.bytes(), top.n);
  const end = top.n + body.n;
  const crc = crc32(out.subarray(0, end));
  out[end] = crc & 0xff; out[end + 1] = (crc >>> 8) & 0xff; out[end + 2] = (crc >>> 16) & 0xff; out[end + 3] = crc >>> 24;
  if (moved.length) {
    const src = entrySource(out, end, tables, format);
    // An entry transcoded from the tables these were forked from uses only their shapes (same numbers): it is given
    // them, so that the next encode, which forks them again, copies it.
    const origin = tables.forkOf ? entrySource(out, end, tables.forkOf, format) : src;
    for (const m of moved) {
      const from = tables.holds(m.e.raw!.src.tables) ? origin : src;
      transcoded!(m.s, m.e.key, m.e.raw!, new RawEntry(from, top.n + m.at, top.n + m.at + m.len, m.e.raw!.base, m.e.t));
    }
  }
  return out;
}

/** The source of the entries of an encoded state `bytes` (its entries end at `end`). */
function entrySource(bytes: Uint8Array, end: number, tables: SharedTables, format: number): EntrySource {
  const src: EntrySource = { bytes, tables, reader: new Reader(bytes, 0, end), format };
  src.reader.shapes = tables.shapes;
  src.reader.layout = layoutOf(format);
  return src;
}

/**
 * Reads a format-3 (or format-2) state without decoding its entries: checks the CRC and the layout, then calls
 * `entry(section, key, raw)` for each entry in order (touch numbers strictly increasing per section).
 */
export function readEntries(bytes: Uint8Array, entry: (section: number, key: string, raw: RawEntry) => void): { v: number; now: number; seq: number; tables: SharedTables } {
  checkHead(bytes, FORMAT_2, FORMAT_3, STATE_FORMAT);
  const format = bytes[3]!;
  if (bytes.length < 8) throw corrupt('truncated');
  const end = bytes.length - 4;
  const stored = (bytes[end]! | (bytes[end + 1]! << 8) | (bytes[end + 2]! << 16) | (bytes[end + 3]! << 24)) >>> 0;
  if (crc32(bytes.subarray(0, end)) !== stored) throw corrupt('checksum mismatch (truncated or damaged)');
  const r = new Reader(bytes, 4, end);
  const now = r.f64();
  const v = r.varint();
  const seq = r.varint();
  const tables = new SharedTables();
  for (const k of r.strings()) tables.keys.ref(k);
  const keyList = tables.keys.list;
  const nShapes = r.count('shape table');
  for (let i = 0; i < nShapes; i++) {
    const k = r.count('shape');
    const keys: string[] = new Array(k);
    for (let j = 0; j < k; j++) {
      const id = r.varint();
      if (id >= keyList.length) throw corrupt('key reference out of range');
      keys[j] = keyList[id]!;
    }
    if (tables.shape(keys) !== i) throw corrupt('shape listed twice');
  }
  const src = entrySource(bytes, end, tables, format);
  const nSections = r.varint();
  for (let s = 0; s < nSections; s++) {
    const n = r.count('section');
    let t = 0;
    let key = '';
    for (let i = 0; i < n; i++) {
      key = r.prefixed(key);
      const dt = r.varint();
      if (dt === 0) throw corrupt('entries out of recency order');
      t += dt;
      const b = r.varint();
      const delta = b === 1 ? r.f64() : zigzag(b / 2);
      const len = r.varint();
      if (r.p + len > end) throw corrupt('truncated entry');
      entry(s, key, new RawEntry(src, r.p, r.p + len, now - delta, t));
      r.p += len;
    }
  }
  if (r.p !== end) throw corrupt(`${end - r.p} trailing bytes`);
  return { v, now, seq, tables };
}

/** Reads cooled entries: their text copied into its bytes (one buffer, grown as needed; a read is never nested in another). */
let textReader = new Reader(new Uint8Array(1 << 12), 0, 0);

/** The reader of `raw`'s bytes, set at the start of the entry (its bounds, base time and touch number; no time read yet). */
function entryReader(raw: RawEntry): Reader {
  let r = raw.src.reader;
  if (raw.text !== null) {
    // A cooled entry (state-lazy.ts): its bytes are its text, one per latin1 code unit; tables and layout those of its source.
    const n = raw.text.length;
    if (n > textReader.bytes.length) {
      let size = textReader.bytes.length * 2;
      while (size < n) size *= 2;
      textReader = new Reader(new Uint8Array(size), 0, 0);
    }
    if (textReader.buf.write(raw.text, 0, n, 'latin1') !== n) throw corrupt('cooled entry text is not latin1');
    textReader.shapes = r.shapes;
    textReader.layout = r.layout;
    r = textReader;
  }
  r.p = raw.start;
  r.end = raw.end;
  r.base = raw.base;
  r.touch = raw.t;
  r.timeCount = 0;
  return r;
}

/**
 * Writes the tree of `raw` again with `tree` (reset for the entry; its string table, which stays as it is, is not
 * written): returns where the entry's string table ends in its source bytes.
 */
function transcodeEntry(r: Reader, raw: RawEntry, tree: TreeWriter, tables: SharedTables): number {
  r.skipStringTable();
  const tableEnd = r.p;
  const shapes = raw.src.tables.shapes;
  // The tables written, or those they were forked from: the same shape numbers.
  const same = tables.holds(raw.src.tables);
  r.transcode(tree, same ? (id) => id : (id) => tables.shape(shapes[id]!));
  if (r.p !== r.end) throw corrupt(`${r.end - r.p} trailing bytes in an entry`);
  return tableEnd;
}

/** Decodes one entry of `readEntries` or a cooled one (state-lazy.ts). */
export function decodeEntry(raw: RawEntry): unknown {
  const r = entryReader(raw);
  r.strs = r.stringTable();
  const value = r.value();
  if (r.p !== r.end) throw corrupt(`${r.end - r.p} trailing bytes in an entry`);
  return value;
}
