import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, basename } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { ModelError } from '../../contracts/errors.js';
import type { Label } from '../../contracts/taxonomy.js';
import { featurise, featuriseInto, type FeaturiserInput } from './featuriser.js';
import { featuriseWindow, lineFeatures, SEGMENTS, type WindowSettings } from './window-featuriser.js';
import { validateManifest, type ModelManifest } from './manifest.js';
import { readBagWeights } from './bag-weights.js';
import { addBlock, createBagScorer, lineSums, promoteLine, type BagScorer, type LineSums } from './bag-scorer.js';
import { LineCache } from './line-cache.js';

export interface TextClassifierOptions {
  /** Threads onnxruntime may use inside one operator. Default 1 (one core per worker). */
  intraOpNumThreads: number;
  /** Rows per onnxruntime run; larger batches are split. Default 64. */
  maxBatch: number;
  /** Check the ONNX file against the manifest's sha256. Default true. */
  verifyChecksum: boolean;
  /**
   * `auto` (default): score in TypeScript from the ONNX file's weights when its graph is the hashed bag the
   * trainer writes (bag-weights.ts), else with onnxruntime. `onnxruntime`: always onnxruntime.
   */
  backend: 'auto' | 'onnxruntime';
}

export function compileTextClassifierOptions(raw: Partial<TextClassifierOptions> = {}): TextClassifierOptions {
  const o: TextClassifierOptions = {
    intraOpNumThreads: raw.intraOpNumThreads ?? 1,
    maxBatch: raw.maxBatch ?? 64,
    verifyChecksum: raw.verifyChecksum ?? true,
    backend: raw.backend ?? 'auto',
  };
  const p: string[] = [];
  if (!Number.isInteger(o.intraOpNumThreads) || o.intraOpNumThreads < 1 || o.intraOpNumThreads > 64) p.push(`intraOpNumThreads must be an integer in [1, 64], got ${o.intraOpNumThreads}`);
  if (!Number.isInteger(o.maxBatch) || o.maxBatch < 1 || o.maxBatch > 4096) p.push(`maxBatch must be an integer in [1, 4096], got ${o.maxBatch}`);
  if (o.backend !== 'auto' && o.backend !== 'onnxruntime') p.push(`backend must be "auto" or "onnxruntime", got ${JSON.stringify(o.backend)}`);
  if (p.length) throw new ModelError('(options)', p.join('; '));
  return o;
}

/**
 * One message of a window. `tokens`, when given, are the engine normaliser's tokens of the whole `text`
 * (what the featuriser would compute from it): the engine passes the current message's, already normalised
 * for the rules, and those of recent messages it still remembers (window-stage.ts `TokensMemo`), so the window
 * model does not normalise them again. Ignored when the text is cut to maxChars.
 */
export interface WindowText { text: string; mine: boolean; tokens?: readonly string[] }

/**
 * Where `scoreWindowNow` may find the normalised tokens of a whole line text it has not featurised yet (the engine's
 * TokensMemo): asked only on a miss of the model's own cache of lines, not for every line of every window (issue 14, round 16b).
 * Its value must be `normalise(text).tokens` or undefined, like `WindowText.tokens`.
 */
export type TokensOf = (text: string) => readonly string[] | undefined;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Messages kept per window model and generation (by text): each message is featurised once while it stays in windows. */
const WINDOW_CACHE_SIZE = 8192;

export interface TextClassifier {
  readonly manifest: ModelManifest;
  /** `name@version`, as used in verdict sources (`model:<id>`). */
  readonly id: string;
  readonly labels: readonly Label[];
  /** Per-label thresholds in label order (0.5 where the manifest has none). */
  readonly thresholds: Float32Array;
  /** Window models: per-label thresholds where the score corroborates other evidence (manifest `corroborationThresholds`; a label without one: its threshold); null when the manifest has none. */
  readonly corroborationThresholds: Float32Array | null;
  /** What scores: `typescript` (weights read from the ONNX file) or `onnxruntime`. */
  readonly backend: 'typescript' | 'onnxruntime';
  /** `window` settings of a conversation-window model (input kind `window-hashed-bag`), else null. */
  readonly window: WindowSettings | null;
  /**
   * Probabilities per input, in manifest label order (message models only). The rows of one call may be views of one
   * shared buffer (one allocation per batch): read or copy them, never write into one.
   */
  scoreBatch(inputs: readonly FeaturiserInput[]): Promise<Float32Array[]>;
  /**
   * Probabilities per window (window models only). Each window lists messages oldest first, the current one
   * last; `mine` = written by the current message's sender. Lines beyond the window's K are ignored and each
   * text is cut to `window.maxChars`, so callers may pass more.
   */
  scoreWindows(windows: readonly (readonly WindowText[])[]): Promise<Float32Array[]>;
  /**
   * One window scored at once, the same row as `scoreWindows([window])[0]`: present only on a window model scored in
   * TypeScript (no promise per gated message in the engine's loop). The row is the classifier's one reused row (issue 14,
   * round 38: a new row per gated message was a typed array and its backing store), overwritten by the next call: read
   * it, or copy it, before scoring another window.
   */
  readonly scoreWindowNow?: (window: readonly WindowText[], tokensOf?: TokensOf) => Float32Array;
  close(): Promise<void>;
}

/** Loads `<dir>/manifest.json` and its ONNX file, validating both; scores in TypeScript from its weights, or with one onnxruntime session reused for every batch. */
export async function loadTextClassifier(dir: string, raw: Partial<TextClassifierOptions> = {}): Promise<TextClassifier> {
  const opts = compileTextClassifierOptions(raw);
  const dirId = basename(dir);
  let text: string;
  try {
    text = await readFile(join(dir, 'manifest.json'), 'utf8');
  } catch (err) {
    throw new ModelError(dirId, `cannot read ${join(dir, 'manifest.json')}: ${(err as Error).message}`, { cause: err });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ModelError(dirId, `manifest.json is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const manifest = validateManifest(parsed, dirId);
  const id = `${manifest.name}@${manifest.version}`;
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, manifest.file));
  } catch (err) {
    throw new ModelError(id, `cannot read model file ${manifest.file}: ${(err as Error).message}`, { cause: err });
  }
  if (opts.verifyChecksum && manifest.sha256) {
    const got = createHash('sha256').update(bytes).digest('hex');
    if (got !== manifest.sha256) throw new ModelError(id, `${manifest.file} sha256 ${got} does not match the manifest (${manifest.sha256})`);
  }
  const input = manifest.input;
  const win = input.kind === 'window-hashed-bag' ? input.window : null;
  const feat = manifest.featuriser;
  const nLabels = manifest.labels.length;
  const thresholds = Float32Array.from(manifest.labels, (l) => manifest.thresholds[l] ?? 0.5);
  const cr = manifest.corroborationThresholds;
  const corroborationThresholds = cr ? Float32Array.from(manifest.labels, (l, j) => cr[l] ?? thresholds[j]!) : null;
  // The TypeScript scorer when the graph is the trainer's hashed bag; onnxruntime otherwise (or when asked).
  let scorer: BagScorer | null = null;
  if (opts.backend === 'auto') {
    const w = readBagWeights(bytes, { ids: input.ids, weights: input.weights, output: manifest.output.name });
    const rowsNeeded = (win ? SEGMENTS : 1) * feat.buckets + 1;
    if ('emb' in w && w.labels === nLabels && w.rows >= rowsNeeded) scorer = createBagScorer(w);
  }
  // onnxruntime is imported only here, for a graph the TypeScript scorer cannot score: a process whose models all score
  // in TypeScript never loads its native library (round 43 memory).
  const ort = scorer ? null : await loadOnnxRuntime(id);
  const session = ort ? await createSession(ort, id, manifest, bytes, opts) : null;
  const activate = (row: Float32Array): Float32Array => {
    if (manifest.output.activation === 'none') for (let c = 0; c < row.length; c++) row[c] = 1 / (1 + Math.exp(-row[c]!));
    return row;
  };

  async function runChunk(ort: typeof Ort, sess: Ort.InferenceSession, ids: Uint32Array[]): Promise<Float32Array[]> {
    const len = Math.max(1, ...ids.map((x) => x.length));
    const n = ids.length;
    const idT = new BigInt64Array(n * len);
    // Ids are < 2^32 and non-negative: written as the low 32-bit words of the int64s (little-endian),
    // without a BigInt per id (the high words stay 0).
    const idLo = new Uint32Array(idT.buffer, idT.byteOffset, 2 * n * len);
    const wT = new Float32Array(n * len);
    for (let b = 0; b < n; b++) {
      const x = ids[b]!;
      const w = x.length ? 1 / x.length : 0;
      const base = b * len;
      for (let k = 0; k < x.length; k++) {
        if (LITTLE_ENDIAN) idLo[2 * (base + k)] = x[k]!; else idT[base + k] = BigInt(x[k]!);
        wT[base + k] = w;
      }
    }
    let out: Ort.InferenceSession.OnnxValueMapType;
    try {
      out = await sess.run({ [input.ids]: new ort.Tensor('int64', idT, [n, len]), [input.weights]: new ort.Tensor('float32', wT, [n, len]) });
    } catch (err) {
      throw new ModelError(id, `inference failed: ${(err as Error).message}`, { retriable: true, cause: err });
    }
    const t = out[manifest.output.name]!;
    if (t.dims.length !== 2 || t.dims[0] !== n || t.dims[1] !== nLabels) throw new ModelError(id, `output ${manifest.output.name} has shape [${t.dims.join(', ')}], expected [${n}, ${nLabels}]`);
    const data = t.data as Float32Array;
    const rows: Float32Array[] = [];
    for (let b = 0; b < n; b++) rows.push(activate(data.slice(b * nLabels, (b + 1) * nLabels)));
    return rows;
  }

  const acc = new Float64Array(scorer?.width ?? 0);
  let idBuf = new Uint32Array(0);
  function scoreIdsNow(s: BagScorer, ids: Uint32Array, out?: Float32Array): Float32Array {
    acc.fill(0);
    s.addRows(acc, ids, 0);
    return activate(s.finish(acc, ids.length, out));
  }

  async function scoreIds(ids: Uint32Array[]): Promise<Float32Array[]> {
    if (scorer) return ids.map((x) => scoreIdsNow(scorer!, x));
    // Sorted by length so each chunk pads to similar lengths.
    const order = ids.map((_, i) => i).sort((a, b) => ids[a]!.length - ids[b]!.length);
    const result: Float32Array[] = new Array(ids.length);
    for (let s = 0; s < order.length; s += opts.maxBatch) {
      const chunk = order.slice(s, s + opts.maxBatch);
      const rows = await runChunk(ort!, session!, chunk.map((i) => ids[i]!));
      chunk.forEach((i, k) => { result[i] = rows[k]!; });
    }
    return result;
  }

  // Per message text: its ids (and, with the TypeScript scorer, its row sums in each speaker block), in two generations
  // (line-cache.ts); a line moving back is copied into the current slabs (promoteLine).
  const lineCache = new LineCache<LineSums>(WINDOW_CACHE_SIZE, (kept) => promoteLine(scorer, kept, SEGMENTS));
  const lineFeat = win ? { ...feat, maxLen: win.maxIdsPerMessage } : feat;
  const newLine = (text: string, tokens?: readonly string[]): LineSums => {
    return lineSums(scorer, lineFeatures(tokens ? { tokens } : text, lineFeat, win), SEGMENTS);
  };
  // find, then add on a miss: no `make` closure per line asked for (issue 14, round 19).
  const lineOf = (text: string, tokens?: readonly string[], tokensOf?: TokensOf): LineSums =>
    lineCache.find(text) ?? lineCache.add(text, newLine(text, tokens ?? tokensOf?.(text)));
  const cut = (w: WindowSettings, t: string): string => (t.length > w.maxChars ? t.slice(0, w.maxChars) : t);
  const idsOfWindow = (w: WindowSettings, window: readonly WindowText[]): Uint32Array => featuriseWindow(
    window.slice(-w.messages).map((l) => ({ input: cut(w, l.text), mine: l.mine })), feat, w, (x) => lineOf(x as string).ids,
  );
  /** A window from its messages' block sums; the id-level path when the window's ids exceed featuriser.maxLen. */
  function scoreWindowNow(s: BagScorer, w: WindowSettings, window: readonly WindowText[], tokensOf?: TokensOf, out?: Float32Array): Float32Array {
    const first = Math.max(0, window.length - w.messages);
    let n = 0;
    acc.fill(0);
    for (let i = window.length - 1; i >= first; i--) {
      const x = window[i]!;
      const line = x.text.length <= w.maxChars ? lineOf(x.text, x.tokens, tokensOf) : lineOf(cut(w, x.text));
      const seg = i === window.length - 1 ? 0 : x.mine ? 1 : 2;
      n += line.ids.length;
      if (n > feat.maxLen) return scoreIdsNow(s, idsOfWindow(w, window), out);
      addBlock(s, acc, line, seg, feat.buckets, SEGMENTS);
    }
    return activate(s.finish(acc, n, out));
  }
  /** scoreWindowNow's row (see TextClassifier.scoreWindowNow). */
  const windowRow = new Float32Array(scorer?.labels ?? 0);

  return {
    manifest,
    id,
    labels: manifest.labels,
    thresholds,
    corroborationThresholds,
    backend: scorer ? 'typescript' : 'onnxruntime',
    window: win,
    async scoreBatch(inputs) {
      if (win) throw new ModelError(id, 'a conversation-window model scores windows (scoreWindows), not single messages');
      if (scorer) {
        // Featurised into one reused buffer and scored at once: no ids array per message.
        if (idBuf.length < feat.maxLen) idBuf = new Uint32Array(feat.maxLen);
        // The batch's rows are views of one buffer: a row per message was a typed array, its buffer object and its
        // backing store (the largest allocation of the model stage); a view is the first only. Same floats.
        const L = scorer.labels;
        const rows = new Float32Array(inputs.length * L);
        return inputs.map((x, i) => scoreIdsNow(scorer!, idBuf.subarray(0, featuriseInto(x, feat, idBuf)), rows.subarray(i * L, i * L + L)));
      }
      return scoreIds(inputs.map((x) => featurise(x, feat)));
    },
    async scoreWindows(windows) {
      if (!win) throw new ModelError(id, 'a message model scores single messages (scoreBatch), not windows');
      if (scorer) return windows.map((w) => scoreWindowNow(scorer!, win, w));
      return scoreIds(windows.map((w) => idsOfWindow(win, w)));
    },
    scoreWindowNow: scorer && win ? (w, tokensOf) => scoreWindowNow(scorer!, win, w, tokensOf, windowRow) : undefined,
    async close() {
      await session?.release();
    },
  };
}

/**
 * onnxruntime-node, imported on first use. Its native library and the runtime it sets up at import cost the process
 * resident memory (~5 MiB per process, measured in docs/benchmarks.md "Round 43 memory") that models scored in TypeScript
 * never use.
 */
async function loadOnnxRuntime(id: string): Promise<typeof Ort> {
  try {
    return await import('onnxruntime-node');
  } catch (err) {
    throw new ModelError(id, `onnxruntime cannot be loaded: ${(err as Error).message}`, { cause: err });
  }
}

/** One onnxruntime session for `bytes`, checked to have the tensors the manifest declares. */
async function createSession(ort: typeof Ort, id: string, manifest: ModelManifest, bytes: Buffer, opts: TextClassifierOptions): Promise<Ort.InferenceSession> {
  let session: Ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: opts.intraOpNumThreads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
  } catch (err) {
    throw new ModelError(id, `onnxruntime cannot load ${manifest.file}: ${(err as Error).message}`, { cause: err });
  }
  const missing = [manifest.input.ids, manifest.input.weights].filter((n) => !session.inputNames.includes(n));
  if (!session.outputNames.includes(manifest.output.name)) missing.push(manifest.output.name);
  if (missing.length) {
    await session.release();
    throw new ModelError(id, `graph lacks tensors declared in the manifest: ${missing.join(', ')} (graph inputs: ${session.inputNames.join(', ')}; outputs: ${session.outputNames.join(', ')})`);
  }
  return session;
}
