/**
 * Seeded bootstrap over units (conversations): percentile intervals for statistics computed from
 * resampling weights. Deterministic: the same data, seed and resample count give the same intervals.
 */

export interface BootstrapOptions {
  /** Number of resamples. */
  resamples: number;
  /** Seed of the pseudo-random generator. */
  seed: number;
  /** Coverage of the interval, e.g. 0.95. */
  level: number;
}

/** mulberry32: a small, fast 32-bit generator; good enough to draw resamples, and reproducible everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Quantile q of sorted values, interpolating between order statistics (R's type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) throw new Error('quantile of no values');
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo]!, b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

/**
 * Draws `resamples` samples of n units with replacement; each is given to `statistics` as counts per
 * unit (how many times each unit was drawn), which returns one value per statistic (null when the
 * statistic is undefined on that sample, e.g. a recall with no positive drawn). Returns, per statistic,
 * the percentile interval of its defined values, or null when no sample defined it.
 */
export function bootstrapIntervals(
  n: number,
  statistics: (weights: Uint32Array) => (number | null)[],
  o: BootstrapOptions,
): ([number, number] | null)[] {
  if (n === 0 || o.resamples < 1) return statistics(new Uint32Array(0)).map(() => null);
  const random = mulberry32(o.seed);
  const weights = new Uint32Array(n);
  const values: number[][] = [];
  for (let r = 0; r < o.resamples; r++) {
    weights.fill(0);
    for (let i = 0; i < n; i++) weights[Math.floor(random() * n)]!++;
    statistics(weights).forEach((v, k) => {
      (values[k] ??= []);
      if (v !== null && Number.isFinite(v)) values[k]!.push(v);
    });
  }
  const tail = (1 - o.level) / 2;
  return values.map((vs) => {
    if (!vs.length) return null;
    vs.sort((x, y) => x - y);
    return [quantile(vs, tail), quantile(vs, 1 - tail)];
  });
}
