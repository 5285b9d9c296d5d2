/**
 * Binary encoding of the engine state (checkpoints): compact, and restored without parsing JSON.
 *
 * Layout (format 1): magic "VGS" + format byte, the state's `now` (float64), a string table (every
 * distinct string once: ids, keys, texts), a shape table (every distinct key list of a plain object
 * once), then one tagged value tree. Numbers take the shortest exact form: small integers as
 * varints, timestamps relative to `now`, scores with three decimals as integer thousandths, anything
 * else as float64. Records keyed by ids (null-prototype objects, `keyedRecord`) are written as maps
 * and come back as null-prototype objects; plain objects come back with the same keys in the same
 * order, so the state decodes to the same data `JSON.parse(JSON.stringify(state))` would give
 * (undefined properties aside) whatever fields the context code adds: the codec reads no field names.
 * The recency queues are not stored: they are rebuilt from the entries' touch numbers.
 */
import { ConfigError } from '../../contracts/errors.js';

export const STATE_MAGIC = [0x56, 0x47, 0x53] as const; // "VGS"
export const STATE_FORMAT = 1;

const enum Tag { Null, False, True, Uint, NegInt, F64, Milli, Time, Str, Arr, Obj, Map, Undef }

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
class Writer {
  buf = new Uint8Array(1 << 16);
  view = new DataView(this.buf.buffer);
  n = 0;

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
  str(s: string): void {
    if (hasLoneSurrogate(s)) {
      this.varint(s.length * 4 + 1);
      this.room(2 * s.length);
      for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); this.buf[this.n++] = c & 0xff; this.buf[this.n++] = c >> 8; }
      return;
    }
    this.room(s.length * 3 + 8);
    const at = this.n;
    // Length prefix patched after writing: reserve the varint size of the worst case.
    const max = s.length * 6;
    const lenBytes = max < 0x80 ? 1 : max < 0x4000 ? 2 : max < 0x200000 ? 3 : 4;
    const { written } = utf8.encodeInto(s, this.buf.subarray(at + lenBytes));
    let x = written * 2;
    for (let i = 0; i < lenBytes; i++) { this.buf[at + i] = (x & 0x7f) | (i < lenBytes - 1 ? 0x80 : 0); x >>>= 7; }
    this.n = at + lenBytes + written;
  }

  bytes(): Uint8Array { return this.buf.subarray(0, this.n); }
}

/** Encodes a JSON-like value tree (the engine state) as described above. */
export function encodeStateBinary(root: object, now: number): Uint8Array {
  const strings = new Map<string, number>();
  const stringList: string[] = [];
  const shapes = new Map<string, number>();
  const shapeList: string[][] = [];
  const body = new Writer();
  const strRef = (s: string): number => {
    let i = strings.get(s);
    if (i === undefined) { i = stringList.length; strings.set(s, i); stringList.push(s); }
    return i;
  };
  const num = (x: number): void => {
    if (Number.isInteger(x) && !Object.is(x, -0) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) {
      const rel = x - now;
      const plain = Math.abs(x);
      if (Math.abs(rel) * 2 < plain && Number.isSafeInteger(rel)) { body.byte(Tag.Time); body.varint(rel < 0 ? -2 * rel - 1 : 2 * rel); return; }
      body.byte(x < 0 ? Tag.NegInt : Tag.Uint); body.varint(plain); return;
    }
    const k = Math.round(x * 1000);
    if (Number.isFinite(x) && k / 1000 === x && Math.abs(k) < 2 ** 31 && !Object.is(x, -0)) { body.byte(Tag.Milli); body.varint(k < 0 ? -2 * k - 1 : 2 * k); return; }
    body.byte(Tag.F64); body.f64(x);
  };
  const value = (v: unknown): void => {
    switch (typeof v) {
      case 'number': num(v); return;
      case 'string': body.byte(Tag.Str); body.varint(strRef(v)); return;
      case 'boolean': body.byte(v ? Tag.True : Tag.False); return;
      case 'undefined': body.byte(Tag.Undef); return;
      case 'object': break;
      default: throw new ConfigError([`engine state holds a ${typeof v}, which has no encoding`]);
    }
    if (v === null) { body.byte(Tag.Null); return; }
    if (Array.isArray(v)) {
      body.byte(Tag.Arr); body.varint(v.length);
      for (let i = 0; i < v.length; i++) value(v[i]);
      return;
    }
    const o = v as Record<string, unknown>;
    if (Object.getPrototypeOf(o) === null) {
      let count = 0;
      for (const k in o) count++;
      body.byte(Tag.Map); body.varint(count);
      for (const k in o) { body.varint(strRef(k)); value(o[k]); }
      return;
    }
    const keys = Object.keys(o);
    const sig = keys.join('\u0000');
    let id = shapes.get(sig);
    if (id === undefined) { id = shapeList.length; shapes.set(sig, id); shapeList.push(keys); for (const k of keys) strRef(k); }
    body.byte(Tag.Obj); body.varint(id);
    for (let i = 0; i < keys.length; i++) value(o[keys[i]!]);
  };
  value(root);
  const head = new Writer();
  for (const b of STATE_MAGIC) head.byte(b);
  head.byte(STATE_FORMAT);
  head.f64(now);
  head.varint(stringList.length);
  for (const s of stringList) head.str(s);
  head.varint(shapeList.length);
  for (const keys of shapeList) { head.varint(keys.length); for (const k of keys) head.varint(strRef(k)); }
  const out = new Uint8Array(head.n + body.n);
  out.set(head.bytes(), 0);
  out.set(body.bytes(), head.n);
  return out;
}

/** True when `bytes` starts like an encoded state (any format). */
export function isBinaryState(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === STATE_MAGIC[0] && bytes[1] === STATE_MAGIC[1] && bytes[2] === STATE_MAGIC[2];
}

const corrupt = (why: string): ConfigError => new ConfigError([`engine state is corrupt: ${why}`]);
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes `encodeStateBinary` output; throws ConfigError on anything else. */
export function decodeStateBinary(bytes: Uint8Array): unknown {
  if (!isBinaryState(bytes)) throw corrupt('not a binary engine state (bad magic)');
  if (bytes[3] !== STATE_FORMAT) throw new ConfigError([`engine state format ${bytes[3]} is not supported (this engine reads format ${STATE_FORMAT})`]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length;
  let p = 4;
  const varint = (): number => {
    let x = 0;
    let mul = 1;
    for (;;) {
      if (p >= end) throw corrupt('truncated');
      const b = bytes[p++]!;
      x += (b & 0x7f) * mul;
      if (b < 0x80) return x;
      mul *= 0x80;
      if (mul > 2 ** 56) throw corrupt('varint too long');
    }
  };
  if (p + 8 > end) throw corrupt('truncated');
  const now = view.getFloat64(p, true);
  p += 8;
  const nStrings = varint();
  if (nStrings > end) throw corrupt('string table larger than the state');
  const strings: string[] = new Array(nStrings);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < nStrings; i++) {
    const head = varint();
    if (head % 2 === 1) {
      const units = (head - 1) / 4;
      if (p + 2 * units > end) throw corrupt('truncated string');
      strings[i] = buf.toString('utf16le', p, p + 2 * units);
      p += 2 * units;
      continue;
    }
    const len = head / 2;
    if (p + len > end) throw corrupt('truncated string');
    let ascii = true;
    for (let k = p; k < p + len; k++) if (bytes[k]! >= 0x80) { ascii = false; break; }
    try {
      strings[i] = ascii ? buf.toString('latin1', p, p + len) : utf8Decoder.decode(bytes.subarray(p, p + len));
    } catch {
      throw corrupt('invalid UTF-8');
    }
    p += len;
  }
  const str = (i: number): string => {
    if (i >= nStrings) throw corrupt('string reference out of range');
    return strings[i]!;
  };
  const nShapes = varint();
  if (nShapes > end) throw corrupt('shape table larger than the state');
  const shapes: string[][] = new Array(nShapes);
  for (let i = 0; i < nShapes; i++) {
    const k = varint();
    if (k > end) throw corrupt('shape larger than the state');
    const keys: string[] = new Array(k);
    for (let j = 0; j < k; j++) keys[j] = str(varint());
    shapes[i] = keys;
  }
  const zigzag = (z: number): number => (z % 2 === 1 ? -(z + 1) / 2 : z / 2);
  let depth = 0;
  const value = (): unknown => {
    if (p >= end) throw corrupt('truncated');
    const tag = bytes[p++]!;
    switch (tag) {
      case Tag.Null: return null;
      case Tag.False: return false;
      case Tag.True: return true;
      case Tag.Undef: return undefined;
      case Tag.Uint: return varint();
      case Tag.NegInt: return -varint();
      case Tag.Time: return now + zigzag(varint());
      case Tag.Milli: return zigzag(varint()) / 1000;
      case Tag.F64: {
        if (p + 8 > end) throw corrupt('truncated');
        const x = view.getFloat64(p, true);
        p += 8;
        return x;
      }
      case Tag.Str: return str(varint());
      default: break;
    }
    if (++depth > 64) throw corrupt('nested too deep');
    let out: unknown;
    if (tag === Tag.Arr) {
      const n = varint();
      if (n > end - p) throw corrupt('array longer than the state');
      const a: unknown[] = new Array(n);
      for (let i = 0; i < n; i++) a[i] = value();
      out = a;
    } else if (tag === Tag.Obj) {
      const id = varint();
      if (id >= nShapes) throw corrupt('shape reference out of range');
      const keys = shapes[id]!;
      const o: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        if (k === '__proto__') Object.defineProperty(o, k, { value: value(), enumerable: true, writable: true, configurable: true });
        else o[k] = value();
      }
      out = o;
    } else if (tag === Tag.Map) {
      const n = varint();
      if (n > end - p) throw corrupt('record longer than the state');
      const o = Object.create(null) as Record<string, unknown>;
      for (let i = 0; i < n; i++) { const k = str(varint()); o[k] = value(); }
      out = o;
    } else {
      throw corrupt(`unknown tag ${tag}`);
    }
    depth--;
    return out;
  };
  const root = value();
  if (p !== end) throw corrupt(`${end - p} trailing bytes`);
  return root;
}
