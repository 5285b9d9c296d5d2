/** Binary classification metrics for one label over scored examples. */
export interface LabelMetrics {
  positives: number;
  negatives: number;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  auc: number;
}

/** ROC AUC by the rank statistic (ties get half credit). NaN when a class is absent. */
export function auc(scores: ArrayLike<number>, truth: ArrayLike<boolean>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0, neg = 0, rankSum = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (truth[idx[k]!]) { pos++; rankSum += avgRank; } else neg++;
    i = j + 1;
  }
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function prf(scores: ArrayLike<number>, truth: ArrayLike<boolean>, threshold: number): { precision: number; recall: number; f1: number } {
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const p = scores[i]! >= threshold;
    if (p && truth[i]) tp++;
    else if (p) fp++;
    else if (truth[i]) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Threshold with the best F-beta on these scores (beta < 1 favours precision); 0.5 without positives. */
export function bestThreshold(scores: ArrayLike<number>, truth: ArrayLike<boolean>, beta = 1, lo = 0.05, hi = 0.95): number {
  let best = 0.5, bestF = -1;
  const b2 = beta * beta;
  if (!Array.from(truth).some(Boolean)) return best;
  // Integer steps: the threshold tested is exactly the threshold stored (no float drift).
  for (let k = Math.round(lo * 100); k <= Math.round(hi * 100); k++) {
    const t = k / 100;
    const { precision, recall } = prf(scores, truth, t);
    const f = precision + recall === 0 ? 0 : ((1 + b2) * precision * recall) / (b2 * precision + recall);
    if (f > bestF + 1e-9) { bestF = f; best = t; }
  }
  return best;
}

export function labelMetrics(scores: ArrayLike<number>, truth: ArrayLike<boolean>, threshold: number): LabelMetrics {
  let positives = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i]) positives++;
  const r = (x: number): number => Math.round(x * 10000) / 10000;
  const m = prf(scores, truth, threshold);
  return { positives, negatives: truth.length - positives, threshold, precision: r(m.precision), recall: r(m.recall), f1: r(m.f1), auc: r(auc(scores, truth)) };
}
