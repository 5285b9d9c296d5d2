/**
 * fastText-style hashed features: word unigrams (+ n-grams up to `wordNgrams`) and character n-grams
 * of `<word>` (with boundary markers), hashed with 32-bit FNV-1a over UTF-8 into `buckets` rows.
 * Ids are 1..buckets; 0 is the padding row. The settings travel in the model manifest and the runtime
 * refuses settings it does not implement, so a model is never scored with different features than it
 * was trained on.
 */
import { tokenise, NORMALISER_ID } from './tokenise.js';
import { keepIds } from './id-slab.js';

export interface FeaturiserSettings {
  type: 'hashed-ngrams';
  version: 1;
  hash: 'fnv1a32';
  /** Number of hash rows (embedding rows minus the padding row). */
  buckets: number;
  /** Largest word n-gram (1 = unigrams only, 2 = + bigrams). */
  wordNgrams: number;
  /** Character n-gram lengths [min, max] over `<word>`; [0, 0] disables them. */
  charNgrams: [number, number];
  /** Maximum feature ids per text; the rest are dropped (unigrams first, then bigrams, then char n-grams). */
  maxLen: number;
  /** Identity of the text normaliser the features were computed on. */
  normaliser: string;
}

export const DEFAULT_FEATURISER: FeaturiserSettings = {
  type: 'hashed-ngrams',
  version: 1,
  hash: 'fnv1a32',
  buckets: 1 << 16,
  wordNgrams: 2,
  charNgrams: [3, 5],
  maxLen: 384,
  normaliser: NORMALISER_ID,
};

/** Anything carrying normalised tokens (the engine's NormalisedText), or raw text. */
export type FeaturiserInput = string | { tokens: readonly string[] };

/** Checks settings against what this runtime implements; returns every problem (empty = supported). */
export function featuriserProblems(s: unknown): string[] {
  const p: string[] = [];
  if (typeof s !== 'object' || s === null) return ['featuriser: missing or not an object'];
  const f = s as Record<string, unknown>;
  if (f.type !== 'hashed-ngrams') p.push(`featuriser.type: unsupported "${String(f.type)}" (supported: hashed-ngrams)`);
  if (f.version !== 1) p.push(`featuriser.version: unsupported ${String(f.version)} (supported: 1)`);
  if (f.hash !== 'fnv1a32') p.push(`featuriser.hash: unsupported "${String(f.hash)}" (supported: fnv1a32)`);
  if (!Number.isInteger(f.buckets) || (f.buckets as number) < 1 || (f.buckets as number) > 1 << 24) p.push(`featuriser.buckets: must be an integer in [1, 2^24], got ${String(f.buckets)}`);
  if (!Number.isInteger(f.wordNgrams) || (f.wordNgrams as number) < 1 || (f.wordNgrams as number) > 3) p.push(`featuriser.wordNgrams: must be 1, 2 or 3, got ${String(f.wordNgrams)}`);
  const c = f.charNgrams;
  if (!Array.isArray(c) || c.length !== 2 || !c.every((x) => Number.isInteger(x)) || c[0] > c[1] || c[0] < 0 || c[1] > 8 || (c[0] === 0) !== (c[1] === 0))
    p.push(`featuriser.charNgrams: must be [min, max] with 1 <= min <= max <= 8, or [0, 0], got ${JSON.stringify(c)}`);
  if (!Number.isInteger(f.maxLen) || (f.maxLen as number) < 1 || (f.maxLen as number) > 4096) p.push(`featuriser.maxLen: must be an integer in [1, 4096], got ${String(f.maxLen)}`);
  if (f.normaliser !== NORMALISER_ID) p.push(`featuriser.normaliser: model was trained on "${String(f.normaliser)}" but this runtime has "${NORMALISER_ID}"`);
  return p;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Feeds one code point's UTF-8 bytes into an FNV-1a state (no string or buffer allocated). */
function fnvCp(h: number, cp: number): number {
  if (cp < 0x80) return Math.imul(h ^ cp, FNV_PRIME);
  if (cp < 0x800) {
    h = Math.imul(h ^ (0xc0 | (cp >> 6)), FNV_PRIME);
  } else if (cp < 0x10000) {
    h = Math.imul(h ^ (0xe0 | (cp >> 12)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | ((cp >> 6) & 0x3f)), FNV_PRIME);
  } else {
    h = Math.imul(h ^ (0xf0 | (cp >> 18)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | ((cp >> 12) & 0x3f)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | ((cp >> 6) & 0x3f)), FNV_PRIME);
  }
  return Math.imul(h ^ (0x80 | (cp & 0x3f)), FNV_PRIME);
}

function fnvStr(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo < 0xe000) { cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00); i++; }
    }
    h = fnvCp(h, cp);
  }
  return h;
}

/** 32-bit FNV-1a over the UTF-8 bytes of `s`. */
export function fnv1a32(s: string): number {
  return fnvStr(FNV_OFFSET, s) >>> 0;
}

const H_WORD = fnvStr(FNV_OFFSET, 'w:');
const H_CHAR = fnvStr(FNV_OFFSET, 'c:');
const H_BIGRAM = [0, 0, fnvStr(FNV_OFFSET, 'w2:'), fnvStr(FNV_OFFSET, 'w3:')];
const SPACE = 0x20;
const LT = 0x3c;
const GT = 0x3e;

/** Scratch buffers of `featurise` (single-threaded: reused across calls, no per-call allocation). */
let CPS = new Int32Array(64);
let GRAMS = new Uint32Array(1024);
let COUNTS = new Int32Array(8);

/**
 * Feature ids (1..buckets) of one text, at most `maxLen`, in a fixed order: word unigrams, word n-grams
 * by n, then per word its character n-grams by length. Id = 1 + fnv1a32(key) mod buckets, with keys
 * `w:<word>`, `w<n>:<w1> <w2>…` and `c:<gram>` (hashed incrementally, without building the key strings).
 * The hashes do not depend on `buckets`, so two models reading the same normalised tokens (the message and
 * the window model, on the engine's tokens of a message) hash them once: they are kept per tokens array.
 * A word's character n-grams are a function of the word alone and words repeat from message to message:
 * they are hashed once per word and kept (two generations of at most `WORD_CACHE_SIZE` words, ~10 MB at most).
 */
export function featurise(input: FeaturiserInput, s: FeaturiserSettings): Uint32Array {
  if (IDS.length < s.maxLen) IDS = new Uint32Array(s.maxLen);
  return IDS.slice(0, featuriseInto(input, s, IDS));
}

let IDS = new Uint32Array(512);

/** `featurise` written into `out` (at least `s.maxLen` long); returns how many ids (a caller that scores them at once allocates nothing). */
export function featuriseInto(input: FeaturiserInput, s: FeaturiserSettings, out: Uint32Array): number {
  // A text's hashes are read here only: a view of the scratch buffer, not a copy.
  const raw = typeof input === 'string' ? hashes(tokenise(input), s, s.maxLen, false) : sharedHashes(input.tokens, s);
  const n = Math.min(raw.length, s.maxLen);
  const B = s.buckets;
  // x % B on a uint32 is x & (B - 1) when B is a power of two (an integer operation instead of a double modulo).
  if ((B & (B - 1)) === 0 && B <= 0x40000000) { const mask = B - 1; for (let k = 0; k < n; k++) out[k] = 1 + (raw[k]! & mask); }
  else for (let k = 0; k < n; k++) out[k] = 1 + (raw[k]! % B);
  return n;
}

interface Hashed { key: string; raw: Uint32Array; complete: boolean }
/**
 * Hashes by tokens array (identity): the message model and the window model read the same tokens within one
 * engine batch. A plain Map cleared when full, not a WeakMap (whose entries cost the garbage collector).
 */
let HASHED = new Map<readonly string[], Hashed>();
const HASHED_MAX = 2048;

const SETTINGS_KEYS = new WeakMap<FeaturiserSettings, string>();

/** Hashes of a tokens array, reused while the array lives when the n-gram settings match and enough were kept. */
function sharedHashes(tokens: readonly string[], s: FeaturiserSettings): Uint32Array {
  // The n-gram settings as a string, built once per settings object (the models keep theirs).
  let key = SETTINGS_KEYS.get(s);
  if (key === undefined) { key = `${s.wordNgrams}|${s.charNgrams[0]}|${s.charNgrams[1]}`; SETTINGS_KEYS.set(s, key); }
  const h = HASHED.get(tokens);
  if (h && h.key === key && (h.complete || h.raw.length >= s.maxLen)) return h.raw;
  const raw = keepIds(hashes(tokens, s, s.maxLen, false));
  if (HASHED.size >= HASHED_MAX) HASHED = new Map();
  HASHED.set(tokens, { key, raw, complete: raw.length < s.maxLen });
  return raw;
}

/** Words kept per cache generation: when the newer one is full it becomes the older one (words still in use move back). */
const WORD_CACHE_SIZE = 32768;

/**
 * What the features of a word are made of, a pure function of the word and [lo, hi]: its unigram hash, the FNV
 * states of `w2:<word>` and `w3:<word>` (the start of the n-grams it begins, before the space) and its character
 * n-gram hashes. Kept per word (words repeat), so a known word costs one lookup instead of hashing it again.
 */
interface WordFeatures { readonly uni: number; readonly w2: number; readonly w3: number; readonly grams: Uint32Array }

/** Word features for one [lo, hi], in two generations. */
class GramCache {
  private cur = new Map<string, WordFeatures>();
  private old = new Map<string, WordFeatures>();
  constructor(readonly lo: number, readonly hi: number) {}
  get(word: string): WordFeatures {
    let g = this.cur.get(word);
    if (g !== undefined) return g;
    g = this.old.get(word) ?? {
      uni: fnvStr(H_WORD, word) >>> 0, w2: fnvStr(H_BIGRAM[2]!, word), w3: fnvStr(H_BIGRAM[3]!, word),
      grams: this.lo === 0 ? NO_GRAMS : wordGrams(word, this.lo, this.hi),
    };
    if (this.cur.size >= WORD_CACHE_SIZE) { this.old = this.cur; this.cur = new Map(); }
    this.cur.set(word, g);
    return g;
  }
}
const NO_GRAMS = new Uint32Array(0);
const GRAM_CACHES = new Map<number, GramCache>();
function gramCache(lo: number, hi: number): GramCache {
  let c = GRAM_CACHES.get(lo * 64 + hi);
  if (!c) { c = new GramCache(lo, hi); GRAM_CACHES.set(lo * 64 + hi, c); }
  return c;
}
/** The character n-gram hashes of `<word>` (lengths lo..hi, grams as long as the whole bounded word left out), by length, then by position. */
function wordGrams(t: string, lo: number, hi: number): Uint32Array {
  const kinds = hi - lo + 1;
  if (CPS.length < t.length + 2) CPS = new Int32Array(2 * t.length + 16);
  const cps = CPS;
  let len = 0;
  cps[len++] = LT;
  for (let i = 0; i < t.length; i++) {
    let cp = t.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < t.length) {
      const lo2 = t.charCodeAt(i + 1);
      if (lo2 >= 0xdc00 && lo2 < 0xe000) { cp = 0x10000 + ((cp - 0xd800) << 10) + (lo2 - 0xdc00); i++; }
    }
    cps[len++] = cp;
  }
  cps[len++] = GT;
  if (GRAMS.length < kinds * len) GRAMS = new Uint32Array(2 * kinds * len + 64);
  const grams = GRAMS;
  const counts = COUNTS.length >= kinds ? COUNTS.fill(0, 0, kinds) : (COUNTS = new Int32Array(kinds));
  for (let i = 0; i < len; i++) {
    let h = H_CHAR;
    for (let m = 1; m <= hi && i + m <= len; m++) {
      h = fnvCp(h, cps[i + m - 1]!);
      // Grams as long as the whole bounded word are skipped: that is the unigram.
      if (m >= lo && m < len) { const g = m - lo; grams[g * len + counts[g]!++] = h >>> 0; }
    }
  }
  let total = 0;
  for (let g = 0; g < kinds; g++) total += counts[g]!;
  const out = new Uint32Array(total);
  let n = 0;
  for (let g = 0; g < kinds; g++) {
    const c = counts[g]!;
    out.set(grams.subarray(g * len, g * len + c), n);
    n += c;
  }
  return out;
}

/** The 32-bit FNV-1a hashes of the features of `tokens`, at most `cap`, in feature order. */
let HASH_SCRATCH = new Uint32Array(1024);
/** The tokens' word features, looked up once per token (scratch, reused). */
let WORDS: WordFeatures[] = [];

function hashes(tokens: readonly string[], s: FeaturiserSettings, cap: number, copy = true): Uint32Array {
  // Filled in a reused buffer, copied out once at its final length (no zeroed buffer of `cap` per call).
  if (HASH_SCRATCH.length < cap) HASH_SCRATCH = new Uint32Array(cap);
  const out = HASH_SCRATCH;
  const [lo, hi] = s.charNgrams;
  const cache = gramCache(lo, hi);
  const nt = tokens.length;
  if (WORDS.length < nt) WORDS = new Array<WordFeatures>(2 * nt);
  const words = WORDS;
  let n = 0;
  for (let i = 0; i < nt; i++) {
    const w = (words[i] = cache.get(tokens[i]!));
    if (n < cap) out[n++] = w.uni;
  }
  // Word n-grams: the first word's state is kept per word, the following words are hashed on from it.
  for (let g = 2; g <= s.wordNgrams && n < cap; g++) {
    for (let i = 0; i + g <= nt; i++) {
      if (n >= cap) break;
      let h = g === 2 ? words[i]!.w2 : words[i]!.w3;
      for (let k = 1; k < g; k++) h = fnvStr(fnvCp(h, SPACE), tokens[i + k]!);
      out[n++] = h >>> 0;
    }
  }
  // Per word its character n-grams, by length (none when lo is 0).
  for (let i = 0; i < nt && n < cap; i++) {
    const g = words[i]!.grams;
    const take = Math.min(g.length, cap - n);
    for (let k = 0; k < take; k++) out[n + k] = g[k]!;
    n += take;
  }
  words.fill(undefined as unknown as WordFeatures, 0, nt); // no reference kept to evicted words
  return copy ? out.slice(0, n) : out.subarray(0, n);
}
