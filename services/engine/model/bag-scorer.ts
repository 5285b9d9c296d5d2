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
import { keepIds } from './id-slab.js';

export interface BagScorer {
  /** Width of a row sum: labels (folded linear model) or the embedding dim (hidden layer). */
  readonly width: number;
  readonly labels: number;
  /** Adds the rows of `ids` (each shifted by `offset`) to `acc[at .. at + width)` (`at` defaults to 0). */
  addRows(acc: Float64Array, ids: Uint32Array, offset: number, at?: number): void;
  /**
   * For each block b < `blocks`: adds the rows of `ids` shifted by b·`buckets` to `acc[at + b·width .. at + (b + 1)·width)`,
   * the same doubles as `addRows` once per block. Present on the folded 8-label model (the window model): its rows are
   * read from a copy of the table with the blocks' rows of one id side by side (one cache miss per id, not one per block).
   */
  readonly addBlocks?: (acc: Float64Array, ids: Uint32Array, blocks: number, buckets: number, at: number) => void;
  /**
   * Probabilities (or logits when the graph has no sigmoid) from a row sum over `n` ids (n = 0: all padding), written
   * into `out` (`labels` long: a batch's rows share one buffer, issue 14 round 18) or into a new row.
   */
  finish(acc: Float64Array, n: number, out?: Float32Array): Float32Array;
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
  // The interleaved copy for `addBlocks`, built on first use for one (blocks, buckets).
  let side: { blocks: number; buckets: number; table: Float32Array } | null = null;
  const addRows = (acc: Float64Array, ids: Uint32Array, offset: number, at = 0): void => {
    if (width === 8) { addRows8(table, rows, acc, ids, offset, 8, 0, at); return; }
    if (width === 16) { addRows16(table, rows, acc, ids, offset, at); return; }
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]! + offset;
      if (id >= rows) throw new RangeError(`feature id ${id} outside the embedding table (${rows} rows)`);
      const base = id * width;
      for (let j = 0; j < width; j++) acc[at + j] = acc[at + j]! + table[base + j]!;
    }
  };
  // Block by block through addRows: the reference path, and its out-of-table error.
  const perBlock = (acc: Float64Array, ids: Uint32Array, blocks: number, buckets: number, at: number): void => {
    for (let b = 0; b < blocks; b++) addRows(acc, ids, b * buckets, at + b * 8);
  };
  const addBlocks = (acc: Float64Array, ids: Uint32Array, blocks: number, buckets: number, at: number): void => {
    if (blocks !== 3 || (blocks - 1) * buckets >= rows) { perBlock(acc, ids, blocks, buckets, at); return; }
    if (side === null || side.blocks !== blocks || side.buckets !== buckets) side = { blocks, buckets, table: interleave(table, rows, blocks, buckets) };
    // An id whose row in the last block is past the table: the error addRows gives (and nothing added).
    const last = (blocks - 1) * buckets;
    for (let k = 0; k < ids.length; k++) if (ids[k]! + last >= rows || ids[k]! > buckets) { perBlock(acc, ids, blocks, buckets, at); return; }
    addBlocks3x8(side.table, acc, ids, at);
  };
  return {
    width,
    labels: L,
    addBlocks: width === 8 ? addBlocks : undefined,
    addRows,
    finish(acc, n, into) {
      const out = into ?? new Float32Array(L);
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
 * The 8-column rows of blocks [0, blocks) of ids 0..buckets side by side: row (b·buckets + id) of `table` at
 * (id·blocks + b)·8 (rows past the table left 0; addBlocks never reads them).
 */
function interleave(table: Float32Array, rows: number, blocks: number, buckets: number): Float32Array {
  const out = new Float32Array((buckets + 1) * blocks * 8);
  for (let id = 0; id <= buckets; id++) {
    for (let b = 0; b < blocks; b++) {
      const r = b * buckets + id;
      if (r < rows) out.set(table.subarray(r * 8, r * 8 + 8), (id * blocks + b) * 8);
    }
  }
  return out;
}

/** addRows8 of three blocks at once from the interleaved table: each block's 8 sums in id order (the same doubles). */
function addBlocks3x8(t: Float32Array, acc: Float64Array, ids: Uint32Array, at: number): void {
  let a0 = acc[at]!, a1 = acc[at + 1]!, a2 = acc[at + 2]!, a3 = acc[at + 3]!, a4 = acc[at + 4]!, a5 = acc[at + 5]!, a6 = acc[at + 6]!, a7 = acc[at + 7]!;
  let b0 = acc[at + 8]!, b1 = acc[at + 9]!, b2 = acc[at + 10]!, b3 = acc[at + 11]!, b4 = acc[at + 12]!, b5 = acc[at + 13]!, b6 = acc[at + 14]!, b7 = acc[at + 15]!;
  let c0 = acc[at + 16]!, c1 = acc[at + 17]!, c2 = acc[at + 18]!, c3 = acc[at + 19]!, c4 = acc[at + 20]!, c5 = acc[at + 21]!, c6 = acc[at + 22]!, c7 = acc[at + 23]!;
  for (let k = 0; k < ids.length; k++) {
    const p = ids[k]! * 24;
    a0 += t[p]!; a1 += t[p + 1]!; a2 += t[p + 2]!; a3 += t[p + 3]!; a4 += t[p + 4]!; a5 += t[p + 5]!; a6 += t[p + 6]!; a7 += t[p + 7]!;
    b0 += t[p + 8]!; b1 += t[p + 9]!; b2 += t[p + 10]!; b3 += t[p + 11]!; b4 += t[p + 12]!; b5 += t[p + 13]!; b6 += t[p + 14]!; b7 += t[p + 15]!;
    c0 += t[p + 16]!; c1 += t[p + 17]!; c2 += t[p + 18]!; c3 += t[p + 19]!; c4 += t[p + 20]!; c5 += t[p + 21]!; c6 += t[p + 22]!; c7 += t[p + 23]!;
  }
  acc[at] = a0; acc[at + 1] = a1; acc[at + 2] = a2; acc[at + 3] = a3; acc[at + 4] = a4; acc[at + 5] = a5; acc[at + 6] = a6; acc[at + 7] = a7;
  acc[at + 8] = b0; acc[at + 9] = b1; acc[at + 10] = b2; acc[at + 11] = b3; acc[at + 12] = b4; acc[at + 13] = b5; acc[at + 14] = b6; acc[at + 15] = b7;
  acc[at + 16] = c0; acc[at + 17] = c1; acc[at + 18] = c2; acc[at + 19] = c3; acc[at + 20] = c4; acc[at + 21] = c5; acc[at + 22] = c6; acc[at + 23] = c7;
}

/**
 * `addRows` over the 16 columns of the folded 16-label model (the message model) in one pass over `ids`: each id's row
 * (64 bytes) read once, where two 8-column passes read every row twice (the second pass missing the cache again on a
 * long message: the table is 4 MB). Each column is still summed over the ids in order, so the doubles are the same.
 */
function addRows16(table: Float32Array, rows: number, acc: Float64Array, ids: Uint32Array, offset: number, at: number): void {
  let a0 = acc[at]!, a1 = acc[at + 1]!, a2 = acc[at + 2]!, a3 = acc[at + 3]!, a4 = acc[at + 4]!, a5 = acc[at + 5]!, a6 = acc[at + 6]!, a7 = acc[at + 7]!;
  let a8 = acc[at + 8]!, a9 = acc[at + 9]!, a10 = acc[at + 10]!, a11 = acc[at + 11]!, a12 = acc[at + 12]!, a13 = acc[at + 13]!, a14 = acc[at + 14]!, a15 = acc[at + 15]!;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]! + offset;
    if (id >= rows) throw new RangeError(`feature id ${id} outside the embedding table (${rows} rows)`);
    const b = id * 16;
    a0 += table[b]!; a1 += table[b + 1]!; a2 += table[b + 2]!; a3 += table[b + 3]!;
    a4 += table[b + 4]!; a5 += table[b + 5]!; a6 += table[b + 6]!; a7 += table[b + 7]!;
    a8 += table[b + 8]!; a9 += table[b + 9]!; a10 += table[b + 10]!; a11 += table[b + 11]!;
    a12 += table[b + 12]!; a13 += table[b + 13]!; a14 += table[b + 14]!; a15 += table[b + 15]!;
  }
  acc[at] = a0; acc[at + 1] = a1; acc[at + 2] = a2; acc[at + 3] = a3; acc[at + 4] = a4; acc[at + 5] = a5; acc[at + 6] = a6; acc[at + 7] = a7;
  acc[at + 8] = a8; acc[at + 9] = a9; acc[at + 10] = a10; acc[at + 11] = a11; acc[at + 12] = a12; acc[at + 13] = a13; acc[at + 14] = a14; acc[at + 15] = a15;
}

/**
 * One message of a window: its ids (already capped per message) and the row sums of its ids in each speaker
 * block (window-featuriser.ts segments), each computed the first time a window needs it (`done` bit per block).
 * The sums are `sums[at .. at + blocks·width)`: a slice of a slab shared by many lines (lineSums), not an array per line.
 */
export interface LineSums { ids: Uint32Array; sums: Float64Array; at: number; done: number }

/** Doubles per slab of line sums (512 KB: ~2,700 lines of the 8-label window model's three blocks). */
export const SLAB_DOUBLES = 1 << 16;
const NO_SUMS = new Float64Array(0);
/**
 * The slab new lines take their sums from, and the next free double in it. Each double is handed out once (a fresh
 * slab is zeroed), so the sums of a new line start at 0 as a new array did; a slab lives while a line cut from it does.
 * A Float64Array per line cost ~1.4 µs and ~200 bytes per message in the engine (issue 14, round 11b).
 */
let slab = new Float64Array(SLAB_DOUBLES);
let slabNext = 0;

export function lineSums(s: BagScorer | null, ids: Uint32Array, blocks: number): LineSums {
  const need = s ? blocks * s.width : 0;
  if (need === 0) return { ids, sums: NO_SUMS, at: 0, done: 0 };
  if (need > SLAB_DOUBLES) return { ids, sums: new Float64Array(need), at: 0, done: 0 };
  if (slabNext + need > SLAB_DOUBLES) { slab = new Float64Array(SLAB_DOUBLES); slabNext = 0; }
  const at = slabNext;
  slabNext += need;
  return { ids, sums: slab, at, done: 0 };
}

/**
 * A copy of `line` (its ids, its sums and which blocks are done) cut from the current slabs: what a cache calls when a
 * line moves back from its older generation. A line cut from a slab keeps the whole slab alive (512 KB of sums and
 * 256 KB of ids), so a text that stays in use for hours (a greeting many conversations repeat) kept the slab of its
 * first sighting, and a long run held one pair of slabs per such text (RSS growing with time). Copied on the move,
 * every line a cache holds was cut within its last two generations. The copy has the same doubles: verdicts unchanged.
 */
export function promoteLine(s: BagScorer | null, line: LineSums, blocks: number): LineSums {
  const fresh = lineSums(s, keepIds(line.ids), blocks);
  if (line.done !== 0) {
    const need = blocks * s!.width;
    fresh.sums.set(line.sums.subarray(line.at, line.at + need), fresh.at);
    fresh.done = line.done;
  }
  return fresh;
}

/**
 * Adds the row sum of `line` in block `block` (ids shifted by block·buckets) to `acc`. With `blocks` (the line's
 * blocks, as given to lineSums) and a scorer that has `addBlocks`, a line's first use computes all its blocks at once:
 * a line read as the current message is read as "me" or "them" by the next windows.
 */
export function addBlock(s: BagScorer, acc: Float64Array, line: LineSums, block: number, buckets: number, blocks = 0): void {
  const w = s.width;
  const from = line.at + block * w;
  if (!(line.done & (1 << block))) {
    if (line.done === 0 && blocks > 0 && s.addBlocks) {
      s.addBlocks(line.sums, line.ids, blocks, buckets, line.at);
      line.done = (1 << blocks) - 1;
    } else {
      s.addRows(line.sums, line.ids, block * buckets, from);
      line.done |= 1 << block;
    }
  }
  const sums = line.sums;
  for (let j = 0; j < w; j++) acc[j] = acc[j]! + sums[from + j]!;
}
