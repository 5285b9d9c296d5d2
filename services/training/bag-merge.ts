/**
 * Merges K linear hashed-bag models (no hidden layer, same table rows and labels) into one model of the same
 * graph whose logits are the mean of the members' logits. For a linear bag, logit_k(ids) = b_k + mean over ids
 * of T_k[id] with T_k = E_k · W_k (the folded table, rows × labels), so
 *   mean_k logit_k(ids) = mean_k b_k + mean over ids of (mean_k T_k[id]).
 * The merged model has embedding dim = labels, table = mean_k T_k (computed in double, stored in single
 * precision), output weights = identity, bias = mean_k b_k: one row sum per id as before, a third of the
 * 24-dim table's size. onnx-writer.ts writes it unchanged and bag-weights.ts reads it as any linear bag.
 */
import type { FastTextParams } from './fasttext-model.js';

export class BagMergeError extends Error {
  constructor(message: string) { super(message); this.name = 'BagMergeError'; }
}

export function mergeLinearBags(members: readonly FastTextParams[]): FastTextParams {
  const first = members[0];
  if (!first) throw new BagMergeError('no member to merge');
  const { rows, labels: L } = first;
  const bad = members.map((m, k) => (m.hidden !== 0 ? `member ${k} has a hidden layer` : m.rows !== rows || m.labels !== L ? `member ${k} is ${m.rows} × ${m.labels}, member 0 ${rows} × ${L}` : ''))
    .filter((x) => x);
  if (bad.length) throw new BagMergeError(`cannot merge: ${bad.join('; ')}`);
  const K = members.length;
  const emb = new Float32Array(rows * L);
  const acc = new Float64Array(L);
  for (let r = 0; r < rows; r++) {
    acc.fill(0);
    for (const m of members) {
      const e = r * m.dim;
      for (let d = 0; d < m.dim; d++) {
        const x = m.emb[e + d]!;
        if (x === 0) continue;
        const wr = d * L;
        for (let l = 0; l < L; l++) acc[l] = acc[l]! + x * m.w2[wr + l]!;
      }
    }
    for (let l = 0; l < L; l++) emb[r * L + l] = acc[l]! / K;
  }
  const w2 = new Float32Array(L * L);
  for (let l = 0; l < L; l++) w2[l * L + l] = 1;
  const b2 = Float32Array.from({ length: L }, (_, l) => members.reduce((s, m) => s + m.b2[l]!, 0) / K);
  return { emb, rows, dim: L, hidden: 0, w1: new Float32Array(0), b1: new Float32Array(0), w2, b2, labels: L };
}
