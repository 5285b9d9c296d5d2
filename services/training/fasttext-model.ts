/**
 * Parameters and forward pass of the hashed embedding-bag classifier:
 * mean of embedding rows → (Linear → ReLU) → Linear → sigmoid, multi-label.
 * The same computation is written into ONNX by onnx-writer.ts; tests compare both.
 */
export interface FastTextParams {
  /** Embedding rows (buckets + 1; row 0 is the all-zero padding row) × dim, row-major. */
  emb: Float32Array;
  rows: number;
  dim: number;
  /** Optional hidden layer: w1 is dim × hidden (row-major, input-major), b1 hidden. */
  hidden: number;
  w1: Float32Array;
  b1: Float32Array;
  /** Output layer: (hidden || dim) × labels, and labels biases. */
  w2: Float32Array;
  b2: Float32Array;
  labels: number;
}

/** Mean embedding of ids into `out` (length dim). */
export function embedMean(p: FastTextParams, ids: ArrayLike<number>, out: Float32Array): void {
  out.fill(0);
  const n = ids.length;
  if (n === 0) return;
  const inv = 1 / n;
  for (let k = 0; k < n; k++) {
    const base = ids[k]! * p.dim;
    for (let j = 0; j < p.dim; j++) out[j]! += p.emb[base + j]! * inv;
  }
}

/** out[c] += sum_i x[i] * w[i*cols + c] + b[c] */
export function affine(x: Float32Array, w: Float32Array, b: Float32Array, cols: number, out: Float32Array): void {
  for (let c = 0; c < cols; c++) out[c] = b[c]!;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    const base = i * cols;
    for (let c = 0; c < cols; c++) out[c]! += xi * w[base + c]!;
  }
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Probabilities for one text's feature ids. */
export function forward(p: FastTextParams, ids: ArrayLike<number>): Float32Array {
  const e = new Float32Array(p.dim);
  embedMean(p, ids, e);
  let x = e;
  if (p.hidden > 0) {
    const h = new Float32Array(p.hidden);
    affine(e, p.w1, p.b1, p.hidden, h);
    for (let i = 0; i < h.length; i++) if (h[i]! < 0) h[i] = 0;
    x = h;
  }
  const z = new Float32Array(p.labels);
  affine(x, p.w2, p.b2, p.labels, z);
  for (let c = 0; c < z.length; c++) z[c] = sigmoid(z[c]!);
  return z;
}
