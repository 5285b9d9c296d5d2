/**
 * fastText-style hashed features: word unigrams (+ n-grams up to `wordNgrams`) and character n-grams
 * of `<word>` (with boundary markers), hashed with 32-bit FNV-1a over UTF-8 into `buckets` rows.
 * Ids are 1..buckets; 0 is the padding row. The settings travel in the model manifest and the runtime
 * refuses settings it does not implement, so a model is never scored with different features than it
 * was trained on.
 */
import { tokenise, NORMALISER_ID } from './tokenise.js';

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

const encoder = new TextEncoder();

/** 32-bit FNV-1a over the UTF-8 bytes of `s`. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  const bytes = encoder.encode(s);
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function tokensOf(input: FeaturiserInput): readonly string[] {
  return typeof input === 'string' ? tokenise(input) : input.tokens;
}

/** Feature ids (1..buckets) of one text, at most `maxLen`, in a fixed order. */
export function featurise(input: FeaturiserInput, s: FeaturiserSettings): Uint32Array {
  const tokens = tokensOf(input);
  const out: number[] = [];
  const add = (key: string): boolean => {
    out.push(1 + (fnv1a32(key) % s.buckets));
    return out.length < s.maxLen;
  };
  const fill = (): void => {
    for (const t of tokens) if (!add('w:' + t)) return;
    for (let n = 2; n <= s.wordNgrams; n++) {
      for (let i = 0; i + n <= tokens.length; i++) if (!add(`w${n}:` + tokens.slice(i, i + n).join(' '))) return;
    }
    const [lo, hi] = s.charNgrams;
    if (lo === 0) return;
    for (const t of tokens) {
      const cps = [...`<${t}>`];
      for (let n = lo; n <= hi; n++) {
        if (n >= cps.length) break; // the whole bounded word is already the unigram
        for (let i = 0; i + n <= cps.length; i++) if (!add('c:' + cps.slice(i, i + n).join(''))) return;
      }
    }
  };
  fill();
  return Uint32Array.from(out);
}
