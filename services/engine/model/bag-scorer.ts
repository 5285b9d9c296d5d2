/**
 * Scores a hashed-bag classifier in TypeScript from the weights of its ONNX file (bag-weights.ts), with the
 * same arithmetic as the graph: mean of the ids' embedding rows → [dense + Relu] → dense → [sigmoid].
 * Without a hidden layer the output layer is folded into the table at load (row · W2, `labels` numbers a row
 * instead of `dim`), so a text costs one short row sum per id. Sums are additive, so a window is scored from
 * per-message sums (one per speaker block) that each message computes once while it stays in windows: the
 * window model costs a few additions per gated message instead of an onnxruntime call.
 * Results equal onnxruntime's to float rounding (checked by bag-scorer.test.ts on many texts and windows).
 */
import type { BagWeights } from './bag-weights.js';

export interface BagScorer {
  /** Width of a row sum: labels (folded linear model) or the embedding dim (hidden layer). */
  readonly width: number;
  readonly labels: number;
  /** Adds the rows of `ids` (each shifted by `offset`) to `acc[at .. at + width)` (`at` defaults to 0). */
  addRows(acc: Float64Array, ids: Uint32Array, offset: number, at?: number): void;
  /** Probabilities (or logits when the graph has no sigmoid) from a row sum over `n` ids (n = 0: all padding). */
  finish(acc: Float64Array, n: number): Float32Array;
}

export function createBagScorer(w: BagWeights): BagScorer {
  const L = w.labels;
  let table: Float32Array = w.emb;
  let width = w.dim;
  if (!w.hidden) {
    // Fold the output layer into the table: (Σ E[id] / n) · W2 = Σ (E[id] · W2) / n. Each row is computed in
    // double and stored in single precision (what the graph computes in): half the memory read per id.
    const P = new Float32Array(w.rows * L);
    const row = new Float64Array(L);
    for (let r = 0; r < w.rows; r++) {
      const e = r * w.dim;
      row.fill(0);
      for (let d = 0; d < w.dim; d++) {
        const x = w.emb[e + d]!;
        if (x === 0) continue;
        const wr = d * L;
        for (let l = 0; l < L; l++) row[l] = row[l]! + x * w.out.w[wr + l]!;
      }
      P.set(row, r * L);
    }
    table = P;
    width = L;
  }
  const rows = w.rows;
  const bag = new Float64Array(w.dim);
  const h = new Float64Array(w.hidden?.size ?? 0);
  return {
    width,
    labels: L,
    addRows(acc, ids, offset, at = 0) {
      if (width === 8) { addRows8(table, rows, acc, ids, offset, 8, 0, at); return; }
      if (width === 16) { addRows8(table, rows, acc, ids, offset, 16, 0, at); addRows8(table, rows, acc, ids, offset, 16, 8, at + 8); return; }
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k]! + offset;
        if (id >= rows) throw new RangeError(`feature id ${id} outside the embedding table (${rows} rows)`);
        const base = id * width;
        for (let j = 0; j < width; j++) acc[at + j] = acc[at + j]! + table[base + j]!;
      }
    },
    finish(acc, n) {
      const out = new Float32Array(L);
      const inv = n > 0 ? 1 / n : 0;
      if (!w.hidden) {
        for (let l = 0; l < L; l++) out[l] = acc[l]! * inv + w.out.b[l]!;
      } else {
        for (let d = 0; d < w.dim; d++) bag[d] = acc[d]! * inv;
        const H = w.hidden.size;
        for (let j = 0; j < H; j++) {
          let s = w.hidden.b[j]!;
          for (let d = 0; d < w.dim; d++) s += bag[d]! * w.hidden.w[d * H + j]!;
          h[j] = s > 0 ? s : 0;
        }
        for (let l = 0; l < L; l++) {
          let s = w.out.b[l]!;
          for (let j = 0; j < H; j++) s += h[j]! * w.out.w[j * L + l]!;
          out[l] = s;
        }
      }
      if (w.sigmoid) for (let l = 0; l < L; l++) out[l] = 1 / (1 + Math.exp(-out[l]!));
      return out;
    },
  };
}

/**
 * `addRows` over 8 columns [col, col + 8) of rows `width` wide (the folded 8- and 16-label models) into
 * acc[at .. at + 8): the sums kept in locals, each column added in the same order as the plain loop (same doubles).
 */
function addRows8(table: Float32Array, rows: number, acc: Float64Array, ids: Uint32Array, offset: number, width: number, col: number, at: number): void {
  let a0 = acc[at]!, a1 = acc[at + 1]!, a2 = acc[at + 2]!, a3 = acc[at + 3]!, a4 = acc[at + 4]!, a5 = acc[at + 5]!, a6 = acc[at + 6]!, a7 = acc[at + 7]!;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]! + offset;
    if (id >= rows) throw new RangeError(`feature id ${id} outside the embedding table (${rows} rows)`);
    const b = id * width + col;
    a0 += table[b]!; a1 += table[b + 1]!; a2 += table[b + 2]!; a3 += table[b + 3]!;
    a4 += table[b + 4]!; a5 += table[b + 5]!; a6 += table[b + 6]!; a7 += table[b + 7]!;
  }
  acc[at] = a0; acc[at + 1] = a1; acc[at + 2] = a2; acc[at + 3] = a3; acc[at + 4] = a4; acc[at + 5] = a5; acc[at + 6] = a6; acc[at + 7] = a7;
}

/**
 * One message of a window: its ids (already capped per message) and the row sums of its ids in each speaker
 * block (window-featuriser.ts segments), each computed the first time a window needs it (`done` bit per block).
 */
export interface LineSums { ids: Uint32Array; sums: Float64Array; done: number }

export function lineSums(s: BagScorer | null, ids: Uint32Array, blocks: number): LineSums {
  return { ids, sums: new Float64Array(s ? blocks * s.width : 0), done: 0 };
}

/** Adds the row sum of `line` in block `block` (ids shifted by block·buckets) to `acc`. */
export function addBlock(s: BagScorer, acc: Float64Array, line: LineSums, block: number, buckets: number): void {
  const w = s.width;
  const from = block * w;
  if (!(line.done & (1 << block))) {
    s.addRows(line.sums, line.ids, block * buckets, from);
    line.done |= 1 << block;
  }
  const sums = line.sums;
  for (let j = 0; j < w; j++) acc[j] = acc[j]! + sums[from + j]!;
}
