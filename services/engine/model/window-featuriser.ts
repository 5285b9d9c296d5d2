/**
 * Conversation-window features: the last K messages of a conversation up to and including the current one,
 * each featurised like a single message (featuriser.ts), then moved into one of three blocks of `buckets`
 * rows by who wrote it and when: the current message, the current sender's earlier lines ("me"), everyone
 * else's earlier lines ("them"). Id = segment·buckets + message id, so the embedding table has
 * 3·buckets + 1 rows and the ONNX graph is the same hashed bag as the message model. The window settings
 * travel in the manifest (`input.window`) and the runtime refuses settings it does not implement.
 */
import { featurise, featuriseInto, type FeaturiserInput, type FeaturiserSettings } from './featuriser.js';
import { keepIds } from './id-slab.js';

export const WINDOW_SPEAKERS = 'current-me-them';
/** Segments of the embedding table, in id order. */
export const SEGMENTS = 3;
const SEG_CURRENT = 0;
const SEG_ME = 1;
const SEG_THEM = 2;

export interface WindowSettings {
  /** Messages in the window, the current one included (K). */
  messages: number;
  /** Characters of each message featurised (the engine keeps this many of each recent message). */
  maxChars: number;
  /** Feature ids per message before they join the window; the rest of that message is dropped. */
  maxIdsPerMessage: number;
  /** How lines are marked: `current-me-them` is the only scheme implemented. */
  speakers: typeof WINDOW_SPEAKERS;
  /**
   * `once`: a feature id repeated within one message counts once (a word or emoji said eighty times weighs what
   * it weighs said once, so a flood of one pattern does not become the whole window). Absent or `count`: every
   * occurrence counts (models up to 1.5.0).
   */
  repeats?: 'count' | 'once';
}

export const DEFAULT_WINDOW: WindowSettings = { messages: 6, maxChars: 500, maxIdsPerMessage: 256, speakers: WINDOW_SPEAKERS };

/** Checks window settings against what this runtime implements; returns every problem (empty = supported). */
export function windowProblems(w: unknown, maxLen?: number): string[] {
  if (typeof w !== 'object' || w === null || Array.isArray(w)) return ['input.window: missing or not an object'];
  const x = w as Record<string, unknown>;
  const p: string[] = [];
  const int = (k: string, lo: number, hi: number): void => {
    const v = x[k];
    if (!Number.isInteger(v) || (v as number) < lo || (v as number) > hi) p.push(`input.window.${k}: must be an integer in [${lo}, ${hi}], got ${JSON.stringify(v)}`);
  };
  int('messages', 1, 64);
  int('maxChars', 16, 16384);
  int('maxIdsPerMessage', 1, 4096);
  if (x.repeats !== undefined && x.repeats !== 'count' && x.repeats !== 'once') p.push(`input.window.repeats: unsupported ${JSON.stringify(x.repeats)} (supported: "count", "once")`);
  if (x.speakers !== WINDOW_SPEAKERS) p.push(`input.window.speakers: unsupported ${JSON.stringify(x.speakers)} (supported: "${WINDOW_SPEAKERS}")`);
  if (maxLen !== undefined && Number.isInteger(x.maxIdsPerMessage) && (x.maxIdsPerMessage as number) > maxLen) {
    p.push(`input.window.maxIdsPerMessage (${String(x.maxIdsPerMessage)}) exceeds featuriser.maxLen (${maxLen}), the cap of the whole window`);
  }
  return p;
}

/**
 * `lineIds`' marks: `seen[id]` is 1 while `id` has been met in the current call, and every mark is cleared before the
 * call returns. One array for every call (grown to the largest id met), not a Set per line: a Set grown to a line's
 * ~60 ids allocated ~1.9 KB per message and cost ~5 % of the engine's CPU (issue 14).
 */
let seen = new Uint8Array(1024);

/**
 * A message's ids as the window reads them: with `repeats: 'once'`, each id kept at its first occurrence only
 * (order kept); otherwise `ids` itself (also when no id repeats).
 */
export function lineIds(ids: Uint32Array, win: Pick<WindowSettings, 'repeats'>): Uint32Array {
  const n = uniqueIds(ids, win);
  return n < 0 ? ids : UNIQUE.slice(0, n);
}

/**
 * `lineIds`' work: with `repeats: 'once'` and some id repeated, writes each id at its first occurrence into UNIQUE
 * (order kept) and returns how many; else -1 (`ids` itself is the line's ids).
 */
function uniqueIds(ids: Uint32Array, win: Pick<WindowSettings, 'repeats'>): number {
  if (win.repeats !== 'once' || ids.length < 2) return -1;
  let max = 0;
  for (let k = 0; k < ids.length; k++) if (ids[k]! > max) max = ids[k]!;
  if (max >= seen.length) seen = new Uint8Array(Math.max(max + 1, 2 * seen.length));
  const marks = seen;
  let k = 0;
  for (; k < ids.length; k++) {
    const id = ids[k]!;
    if (marks[id] === 1) break;
    marks[id] = 1;
  }
  let result = -1;
  if (k < ids.length) {
    // The first repeat is at k: ids[0..k) are kept, then each id after it at its first occurrence (into a reused
    // scratch buffer: lineIds copies it out at its final length).
    if (UNIQUE.length < ids.length) UNIQUE = new Uint32Array(Math.max(ids.length, 2 * UNIQUE.length));
    const out = UNIQUE;
    out.set(ids.subarray(0, k));
    let n = k;
    for (k++; k < ids.length; k++) {
      const id = ids[k]!;
      if (marks[id] !== 1) { marks[id] = 1; out[n++] = id; }
    }
    result = n;
  }
  for (let i = 0; i < ids.length; i++) marks[ids[i]!] = 0;
  return result;
}

/** `lineIds`' output scratch (its result is copied out of it). */
let UNIQUE = new Uint32Array(512);
/** `lineFeatures`' scratch for a message's ids before `lineIds`. */
let LINE = new Uint32Array(512);

/**
 * A window line's ids, a new array the caller keeps: `lineIds(featurise(input, { ...feat, maxLen: win.maxIdsPerMessage }), win)`
 * (`feat` already capped at maxIdsPerMessage by the caller; without `win`, `featurise(input, feat)`), with one array
 * allocated per line instead of up to three (featurise's copy, lineIds' buffer and its copy), cut from a shared slab (id-slab.ts; issue 14, round 16b).
 */
export function lineFeatures(input: FeaturiserInput, feat: FeaturiserSettings, win: Pick<WindowSettings, 'repeats'> | null): Uint32Array {
  if (LINE.length < feat.maxLen) LINE = new Uint32Array(feat.maxLen);
  const view = LINE.subarray(0, featuriseInto(input, feat, LINE));
  const n = win ? uniqueIds(view, win) : -1;
  return keepIds(n < 0 ? view : UNIQUE.subarray(0, n));
}

/** One message of a window: its text (or normalised tokens) and whether the current sender wrote it. */
export interface WindowLine { input: FeaturiserInput; mine: boolean }

/**
 * Ids of a window whose last line is the current message (`lines` oldest first, at most K are used).
 * Order: the current message, then earlier lines newest first, so the `maxLen` cap drops the oldest.
 * `idsOf` lets callers reuse a message's ids (the featurisation of a line does not depend on the window).
 */
export function featuriseWindow(
  lines: readonly WindowLine[], feat: FeaturiserSettings, win: WindowSettings,
  idsOf: (input: FeaturiserInput) => Uint32Array = (x) => lineIds(featurise(x, { ...feat, maxLen: win.maxIdsPerMessage }), win),
): Uint32Array {
  const out = new Uint32Array(feat.maxLen);
  let n = 0;
  const B = feat.buckets;
  const first = Math.max(0, lines.length - win.messages);
  for (let i = lines.length - 1; i >= first && n < feat.maxLen; i--) {
    const line = lines[i]!;
    const seg = i === lines.length - 1 ? SEG_CURRENT : line.mine ? SEG_ME : SEG_THEM;
    const ids = idsOf(line.input);
    const off = seg * B;
    for (let k = 0; k < ids.length && k < win.maxIdsPerMessage && n < feat.maxLen; k++) out[n++] = off + ids[k]!;
  }
  return out.slice(0, n);
}

/** Rows of the embedding table of a window model (row 0 is padding). */
export function windowRows(feat: FeaturiserSettings): number {
  return SEGMENTS * feat.buckets + 1;
}
