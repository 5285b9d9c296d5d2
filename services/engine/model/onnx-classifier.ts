import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, basename } from 'node:path';
import * as ort from 'onnxruntime-node';
import { ModelError } from '../../contracts/errors.js';
import type { Label } from '../../contracts/taxonomy.js';
import { featurise, type FeaturiserInput } from './featuriser.js';
import { featuriseWindow, type WindowSettings } from './window-featuriser.js';
import { validateManifest, type ModelManifest } from './manifest.js';

export interface TextClassifierOptions {
  /** Threads onnxruntime may use inside one operator. Default 1 (one core per worker). */
  intraOpNumThreads: number;
  /** Rows per onnxruntime run; larger batches are split. Default 64. */
  maxBatch: number;
  /** Check the ONNX file against the manifest's sha256. Default true. */
  verifyChecksum: boolean;
}

export function compileTextClassifierOptions(raw: Partial<TextClassifierOptions> = {}): TextClassifierOptions {
  const o: TextClassifierOptions = {
    intraOpNumThreads: raw.intraOpNumThreads ?? 1,
    maxBatch: raw.maxBatch ?? 64,
    verifyChecksum: raw.verifyChecksum ?? true,
  };
  const p: string[] = [];
  if (!Number.isInteger(o.intraOpNumThreads) || o.intraOpNumThreads < 1 || o.intraOpNumThreads > 64) p.push(`intraOpNumThreads must be an integer in [1, 64], got ${o.intraOpNumThreads}`);
  if (!Number.isInteger(o.maxBatch) || o.maxBatch < 1 || o.maxBatch > 4096) p.push(`maxBatch must be an integer in [1, 4096], got ${o.maxBatch}`);
  if (p.length) throw new ModelError('(options)', p.join('; '));
  return o;
}

export interface WindowText { text: string; mine: boolean }

/** Message ids kept per window model (by text): each message is featurised once while it stays in windows. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const WINDOW_CACHE_SIZE = 8192;

export interface TextClassifier {
  readonly manifest: ModelManifest;
  /** `name@version`, as used in verdict sources (`model:<id>`). */
  readonly id: string;
  readonly labels: readonly Label[];
  /** Per-label thresholds in label order (0.5 where the manifest has none). */
  readonly thresholds: Float32Array;
  /** `window` settings of a conversation-window model (input kind `window-hashed-bag`), else null. */
  readonly window: WindowSettings | null;
  /** Probabilities per input, in manifest label order (message models only). */
  scoreBatch(inputs: readonly FeaturiserInput[]): Promise<Float32Array[]>;
  /**
   * Probabilities per window (window models only). Each window lists messages oldest first, the current one
   * last; `mine` = written by the current message's sender. Lines beyond the window's K are ignored and each
   * text is cut to `window.maxChars`, so callers may pass more.
   */
  scoreWindows(windows: readonly (readonly WindowText[])[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/** Loads `<dir>/manifest.json` and its ONNX file, validating both; creates one session, reused for every batch. */
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
  let session: ort.InferenceSession;
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
  const nLabels = manifest.labels.length;
  const thresholds = Float32Array.from(manifest.labels, (l) => manifest.thresholds[l] ?? 0.5);
  const feat = manifest.featuriser;

  async function runChunk(ids: Uint32Array[]): Promise<Float32Array[]> {
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
    let out: ort.InferenceSession.OnnxValueMapType;
    try {
      out = await session.run({ [manifest.input.ids]: new ort.Tensor('int64', idT, [n, len]), [manifest.input.weights]: new ort.Tensor('float32', wT, [n, len]) });
    } catch (err) {
      throw new ModelError(id, `inference failed: ${(err as Error).message}`, { retriable: true, cause: err });
    }
    const t = out[manifest.output.name]!;
    if (t.dims.length !== 2 || t.dims[0] !== n || t.dims[1] !== nLabels) throw new ModelError(id, `output ${manifest.output.name} has shape [${t.dims.join(', ')}], expected [${n}, ${nLabels}]`);
    const data = t.data as Float32Array;
    const rows: Float32Array[] = [];
    for (let b = 0; b < n; b++) {
      const row = data.slice(b * nLabels, (b + 1) * nLabels);
      if (manifest.output.activation === 'none') for (let c = 0; c < nLabels; c++) row[c] = 1 / (1 + Math.exp(-row[c]!));
      rows.push(row);
    }
    return rows;
  }

  async function scoreIds(ids: Uint32Array[]): Promise<Float32Array[]> {
    // Sorted by length so each chunk pads to similar lengths.
    const order = ids.map((_, i) => i).sort((a, b) => ids[a]!.length - ids[b]!.length);
    const result: Float32Array[] = new Array(ids.length);
    for (let s = 0; s < order.length; s += opts.maxBatch) {
      const chunk = order.slice(s, s + opts.maxBatch);
      const rows = await runChunk(chunk.map((i) => ids[i]!));
      chunk.forEach((i, k) => { result[i] = rows[k]!; });
    }
    return result;
  }

  const input = manifest.input;
  const win = input.kind === 'window-hashed-bag' ? input.window : null;
  // A pure function of the text, so verdicts do not depend on what the cache holds; cleared when full.
  const lineIds = new Map<string, Uint32Array>();
  const lineFeat = win ? { ...feat, maxLen: win.maxIdsPerMessage } : feat;
  const idsOfText = (text: string): Uint32Array => {
    let ids = lineIds.get(text);
    if (ids === undefined) {
      if (lineIds.size >= WINDOW_CACHE_SIZE) lineIds.clear();
      ids = featurise(text, lineFeat);
      lineIds.set(text, ids);
    }
    return ids;
  };

  return {
    manifest,
    id,
    labels: manifest.labels,
    thresholds,
    window: win,
    async scoreBatch(inputs) {
      if (win) throw new ModelError(id, 'a conversation-window model scores windows (scoreWindows), not single messages');
      return scoreIds(inputs.map((x) => featurise(x, feat)));
    },
    async scoreWindows(windows) {
      if (!win) throw new ModelError(id, 'a message model scores single messages (scoreBatch), not windows');
      return scoreIds(windows.map((w) => featuriseWindow(
        w.slice(-win.messages).map((l) => ({ input: l.text.length > win.maxChars ? l.text.slice(0, win.maxChars) : l.text, mine: l.mine })),
        feat, win, (x) => idsOfText(x as string),
      )));
    },
    async close() {
      await session.release();
    },
  };
}
