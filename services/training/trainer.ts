import { LABELS, type Label } from '../contracts/taxonomy.js';
import { featurise, DEFAULT_FEATURISER, type FeaturiserSettings } from '../engine/model/featuriser.js';
import { embedMean, affine, sigmoid, forward, type FastTextParams } from './fasttext-model.js';
import { bestThreshold, labelMetrics, type LabelMetrics } from './metrics.js';
import { Rng } from './rng.js';
import type { TrainingExample } from './corpus.js';

export interface TrainerOptions {
  /** Passes over the training split. Default 6. */
  epochs: number;
  /** Embedding size. Default 24. */
  dim: number;
  /** Hidden layer width; 0 = linear (fastText). Default 0: on this corpus the linear model converges faster and scores higher. */
  hidden: number;
  /** Hash buckets. Default 65536 (2^16): with dim 24 the model is ~6 MB. */
  buckets: number;
  wordNgrams: number;
  charNgrams: [number, number];
  maxLen: number;
  /** Initial SGD learning rate, decayed linearly to 0. Default 0.3. */
  lr: number;
  seed: number;
  /** Share of examples held out (half to pick thresholds, half to report metrics). Default 0.15. */
  holdout: number;
  /** Cap on the positive-class weight sqrt(neg/pos) that counters label imbalance. Default 8. */
  maxPositiveWeight: number;
  /** F-beta used to pick each label's threshold on the calibration half (beta < 1 favours precision). Default 1. */
  thresholdBeta: number;
  /**
   * Lowest threshold the search may pick. Default 0.3: the held-out split comes from the same templates
   * as training, so it rewards very low thresholds that do not carry over to real chat.
   */
  minThreshold: number;
  /**
   * Highest threshold the search may pick. Default 0.5: on hand-written text (not from the templates) the
   * model is less confident than on the template held-out split, and capped thresholds scored a better
   * macro F1 there (corpus/README.md).
   */
  maxThreshold: number;
  /**
   * Share of an example's ids dropped at random at each training step (at least one id kept), so no single
   * word or n-gram carries a label alone. Default 0 (no dropout; the random stream is then untouched).
   */
  idDropout: number;
  /**
   * Cap on the L2 norm of an example's output gradient (weights included), 0 = none. Default 0. With a hidden
   * layer and heavy example weights, one uncapped step can push every hidden unit's bias below zero for good
   * (dead Relu units, a constant model); a cap keeps the steps in scale.
   */
  gradClip: number;
  /**
   * Direct linear model: the output layer is fixed to the identity and the embedding width is the number of
   * labels, so the model is logistic regression over the hashed features (one learned table, no product of two
   * learned matrices whose common scale SGD can inflate without bound). Needs hidden 0; `dim` is ignored. Default false.
   */
  direct: boolean;
  /**
   * AdaGrad instead of plain SGD for the table, the output layer and its bias (per-parameter steps
   * lr · g / sqrt(sum of g²)): a rare feature's row and a heavily weighted example both take bounded steps.
   * Needs hidden 0. Default false.
   */
  adagrad: boolean;
}

export function compileTrainerOptions(raw: Partial<TrainerOptions> = {}): TrainerOptions {
  const o: TrainerOptions = {
    epochs: raw.epochs ?? 6,
    dim: raw.dim ?? 24,
    hidden: raw.hidden ?? 0,
    buckets: raw.buckets ?? DEFAULT_FEATURISER.buckets,
    wordNgrams: raw.wordNgrams ?? DEFAULT_FEATURISER.wordNgrams,
    charNgrams: raw.charNgrams ?? DEFAULT_FEATURISER.charNgrams,
    maxLen: raw.maxLen ?? DEFAULT_FEATURISER.maxLen,
    lr: raw.lr ?? 0.3,
    seed: raw.seed ?? 1,
    holdout: raw.holdout ?? 0.15,
    maxPositiveWeight: raw.maxPositiveWeight ?? 8,
    thresholdBeta: raw.thresholdBeta ?? 1,
    minThreshold: raw.minThreshold ?? 0.3,
    maxThreshold: raw.maxThreshold ?? 0.5,
    idDropout: raw.idDropout ?? 0,
    gradClip: raw.gradClip ?? 0,
    direct: raw.direct ?? false,
    adagrad: raw.adagrad ?? false,
  };
  const p: string[] = [];
  const posInt = (k: keyof TrainerOptions, max: number): void => {
    const v = o[k] as number;
    if (!Number.isInteger(v) || v < 1 || v > max) p.push(`${k} must be an integer in [1, ${max}], got ${v}`);
  };
  posInt('epochs', 1000); posInt('dim', 512); posInt('buckets', 1 << 24); posInt('maxLen', 4096); posInt('wordNgrams', 3);
  if (!Number.isInteger(o.hidden) || o.hidden < 0 || o.hidden > 1024) p.push(`hidden must be an integer in [0, 1024], got ${o.hidden}`);
  if (!(o.lr > 0 && o.lr < 10)) p.push(`lr must be in (0, 10), got ${o.lr}`);
  if (!(o.holdout > 0 && o.holdout < 0.9)) p.push(`holdout must be in (0, 0.9), got ${o.holdout}`);
  if (!(o.maxPositiveWeight >= 1)) p.push(`maxPositiveWeight must be >= 1, got ${o.maxPositiveWeight}`);
  if (!(o.thresholdBeta > 0)) p.push(`thresholdBeta must be > 0, got ${o.thresholdBeta}`);
  if (!(o.minThreshold >= 0.01 && o.minThreshold <= 0.95)) p.push(`minThreshold must be in [0.01, 0.95], got ${o.minThreshold}`);
  if (!(o.maxThreshold >= o.minThreshold && o.maxThreshold <= 0.99)) p.push(`maxThreshold must be in [minThreshold, 0.99], got ${o.maxThreshold}`);
  if (!(o.idDropout >= 0 && o.idDropout < 1)) p.push(`idDropout must be in [0, 1), got ${o.idDropout}`);
  if (!(o.gradClip >= 0)) p.push(`gradClip must be >= 0, got ${o.gradClip}`);
  if (o.direct && o.hidden > 0) p.push('direct needs a linear model (hidden 0)');
  if (o.adagrad && o.hidden > 0) p.push('adagrad needs a linear model (hidden 0)');
  if (!Number.isInteger(o.seed)) p.push(`seed must be an integer, got ${o.seed}`);
  if (p.length) throw new Error(`invalid trainer options:\n  - ${p.join('\n  - ')}`);
  return o;
}

export interface TrainResult {
  params: FastTextParams;
  featuriser: FeaturiserSettings;
  labels: Label[];
  thresholds: Record<Label, number>;
  /** Metrics on the test half of the held-out split, at the thresholds chosen on the calibration half. */
  metrics: { perLabel: Record<string, LabelMetrics>; macroAuc: number; macroF1: number; trainLoss: number[] };
  split: { train: number; calibration: number; test: number };
  /** Indices of the calibration half of the held-out split (callers may re-pick thresholds on it). */
  calibrationIndices: number[];
  /** Indices of the test half of the held-out split. */
  testIndices: number[];
  durationMs: number;
}

export type Progress = (line: string) => void;

/** Trains the hashed embedding-bag classifier with per-example SGD and sparse embedding updates. */
export function train(examples: readonly TrainingExample[], raw: Partial<TrainerOptions> = {}, progress: Progress = () => {}): TrainResult {
  const o = compileTrainerOptions(raw);
  const t0 = Date.now();
  if (examples.length < 20) throw new Error(`need at least 20 training examples, got ${examples.length}`);
  const feat: FeaturiserSettings = { ...DEFAULT_FEATURISER, buckets: o.buckets, wordNgrams: o.wordNgrams, charNgrams: o.charNgrams, maxLen: o.maxLen };
  const ids = examples.map((e) => featurise(e.text, feat));
  const ys = examples.map((e) => { const y = new Uint8Array(LABELS.length); for (const l of e.labels) y[LABELS.indexOf(l)] = 1; return y; });
  return fitBag({ ids, ys, labels: [...LABELS], rows: o.buckets + 1, featuriser: feat }, o, progress, t0);
}

/** Featurised examples for `fitBag`: ids per example, 0/1 targets in `labels` order, table rows. */
export interface BagData {
  ids: Uint32Array[];
  ys: Uint8Array[];
  labels: Label[];
  rows: number;
  featuriser: FeaturiserSettings;
  /** Examples of one group (e.g. the windows of one conversation) stay on one side of the held-out split. */
  groups?: string[];
  /** Per-example weight on the loss (default 1), e.g. to count a hand-written conversation more than a generated one. */
  weights?: Float32Array;
  /**
   * One member of a bag of models (window-trainer.ts `bag`): the held-out split still comes from `o.seed`
   * (every member holds out the same examples), while initialisation and order come from `seed` (absent: from
   * the split's stream, as one model), and only training examples that `keep` accepts are trained on.
   */
  member?: { seed?: number; keep?: (i: number) => boolean };
}

/** The SGD loop shared by the message model and the conversation-window model. */
export function fitBag(data: BagData, o: TrainerOptions, progress: Progress, t0 = Date.now()): TrainResult {
  const { ids, ys, labels } = data;
  const L = labels.length;
  const splitRng = new Rng(o.seed);
  const split = holdoutSplit(ids.length, o.holdout, splitRng, data.groups);
  const { calib, test } = split;
  const rng = data.member?.seed === undefined ? splitRng : new Rng(data.member.seed);
  const keep = data.member?.keep;
  const trainIdx = keep ? split.trainIdx.filter((i) => keep(i)) : split.trainIdx;
  progress(`train: ${ids.length} examples featurised (${trainIdx.length} train, ${calib.length} calibration, ${test.length} test) in ${Date.now() - t0} ms`);

  const posW = new Float32Array(L);
  for (let c = 0; c < L; c++) {
    let pos = 0;
    for (const i of trainIdx) pos += ys[i]![c]!;
    posW[c] = pos === 0 ? 1 : Math.min(o.maxPositiveWeight, Math.max(1, Math.sqrt((trainIdx.length - pos) / pos)));
  }

  const rows = data.rows;
  const dim = o.direct ? L : o.dim;
  const inDim = o.hidden > 0 ? o.hidden : dim;
  const uni = (n: number, scale: number): Float32Array => Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * scale);
  const p: FastTextParams = {
    emb: uni(rows * dim, 1 / dim), rows, dim: dim, hidden: o.hidden,
    w1: uni(dim * o.hidden, Math.sqrt(6 / (dim + o.hidden || 1))), b1: new Float32Array(o.hidden),
    w2: uni(inDim * L, Math.sqrt(6 / (inDim + L))), b2: new Float32Array(L), labels: L,
  };
  p.emb.fill(0, 0, dim); // padding row stays zero: ids are 1..buckets
  if (o.direct) { p.w2.fill(0); for (let c = 0; c < L; c++) p.w2[c * L + c] = 1; }

  const e = new Float32Array(dim), h = new Float32Array(o.hidden), z = new Float32Array(L);
  const dz = new Float32Array(L), dx = new Float32Array(inDim), de = new Float32Array(dim);
  const total = o.epochs * trainIdx.length;
  // AdaGrad accumulators (sum of squared gradients per parameter), allocated only when used.
  const gEmb = o.adagrad ? new Float32Array(rows * dim) : null;
  const gW2 = o.adagrad ? new Float32Array(inDim * L) : null;
  const gB2 = o.adagrad ? new Float32Array(L) : null;
  const ada = (acc: Float32Array, at: number, g: number): number => { const s = acc[at]! + g * g; acc[at] = s; return g / (Math.sqrt(s) + 1e-8); };
  let step = 0;
  const dropRng = new Rng(o.seed + 101);
  let kept = new Uint32Array(256);
  /** The example's ids with a share `idDropout` dropped (at least one kept); the ids themselves without dropout. */
  const dropIds = (x: Uint32Array): Uint32Array => {
    if (o.idDropout <= 0 || x.length < 2) return x;
    if (kept.length < x.length) kept = new Uint32Array(x.length);
    let n = 0;
    for (let k = 0; k < x.length; k++) if (dropRng.next() >= o.idDropout) kept[n++] = x[k]!;
    if (n === 0) kept[n++] = x[Math.floor(dropRng.next() * x.length)]!;
    return kept.subarray(0, n);
  };
  const trainLoss: number[] = [];
  for (let ep = 0; ep < o.epochs; ep++) {
    shuffle(trainIdx, rng);
    let loss = 0;
    for (const i of trainIdx) {
      const lr = o.lr * (1 - step / total);
      step++;
      const x = dropIds(ids[i]!), y = ys[i]!;
      if (x.length === 0) continue;
      const ew = data.weights ? data.weights[i]! : 1;
      embedMean(p, x, e);
      let act = e;
      if (o.hidden > 0) {
        affine(e, p.w1, p.b1, o.hidden, h);
        for (let j = 0; j < o.hidden; j++) if (h[j]! < 0) h[j] = 0;
        act = h;
      }
      affine(act, p.w2, p.b2, L, z);
      for (let c = 0; c < L; c++) {
        const pr = sigmoid(z[c]!);
        const w = (y[c] ? posW[c]! : 1) * ew;
        loss -= w * (y[c] ? Math.log(pr + 1e-7) : Math.log(1 - pr + 1e-7));
        dz[c] = w * (pr - y[c]!);
      }
      if (o.gradClip > 0) {
        let n2 = 0;
        for (let c = 0; c < L; c++) n2 += dz[c]! * dz[c]!;
        if (n2 > o.gradClip * o.gradClip) { const f = o.gradClip / Math.sqrt(n2); for (let c = 0; c < L; c++) dz[c]! *= f; }
      }
      // Output layer gradient, and gradient into its input.
      dx.fill(0);
      for (let k = 0; k < inDim; k++) {
        const a = act[k]!, base = k * L;
        let s = 0;
        for (let c = 0; c < L; c++) {
          s += p.w2[base + c]! * dz[c]!;
          if (a !== 0 && !o.direct) p.w2[base + c]! -= lr * (gW2 ? ada(gW2, base + c, a * dz[c]!) : a * dz[c]!);
        }
        dx[k] = s;
      }
      for (let c = 0; c < L; c++) p.b2[c]! -= lr * (gB2 ? ada(gB2, c, dz[c]!) : dz[c]!);
      if (o.hidden > 0) {
        de.fill(0);
        for (let j = 0; j < o.hidden; j++) if (h[j]! <= 0) dx[j] = 0;
        for (let k = 0; k < dim; k++) {
          const a = e[k]!, base = k * o.hidden;
          let s = 0;
          for (let j = 0; j < o.hidden; j++) {
            const g = dx[j]!;
            if (g === 0) continue;
            s += p.w1[base + j]! * g;
            p.w1[base + j]! -= lr * a * g;
          }
          de[k] = s;
        }
        for (let j = 0; j < o.hidden; j++) p.b1[j]! -= lr * dx[j]!;
      } else {
        de.set(dx);
      }
      // Sparse update: only the embedding rows this example touched.
      const scale = lr / x.length, inv = 1 / x.length;
      for (let k = 0; k < x.length; k++) {
        const base = x[k]! * dim;
        for (let j = 0; j < dim; j++) p.emb[base + j]! -= gEmb ? lr * ada(gEmb, base + j, de[j]! * inv) : scale * de[j]!;
      }
    }
    trainLoss.push(Math.round((loss / trainIdx.length) * 10000) / 10000);
    progress(`train: epoch ${ep + 1}/${o.epochs} loss ${trainLoss[ep]} (${Date.now() - t0} ms)`);
  }

  const { thresholds, perLabel, macroAuc, macroF1 } = heldOutMetrics(p, data, calib, test, o);
  progress(`train: held-out macro AUC ${macroAuc}, macro F1 ${macroF1} (${Date.now() - t0} ms)`);
  return {
    params: p, featuriser: data.featuriser, labels: [...labels], thresholds,
    metrics: { perLabel, macroAuc, macroF1, trainLoss },
    split: { train: trainIdx.length, calibration: calib.length, test: test.length },
    calibrationIndices: calib,
    testIndices: test,
    durationMs: Date.now() - t0,
  };
}

/** Per-label thresholds picked on the calibration indices and metrics on the test ones, for parameters `p`. */
export function heldOutMetrics(
  p: FastTextParams, data: Pick<BagData, 'ids' | 'ys' | 'labels'>, calib: readonly number[], test: readonly number[], o: TrainerOptions,
): { thresholds: Record<Label, number>; perLabel: Record<string, LabelMetrics>; macroAuc: number; macroF1: number } {
  const { ids, ys, labels } = data;
  const score = (set: readonly number[]): Float32Array[] => set.map((i) => forward(p, ids[i]!));
  const calibScores = score(calib), testScores = score(test);
  const thresholds = {} as Record<Label, number>;
  const perLabel: Record<string, LabelMetrics> = {};
  let aucSum = 0, aucN = 0, f1Sum = 0, f1N = 0;
  labels.forEach((label, c) => {
    const cs = calibScores.map((s) => s[c]!), ct = calib.map((i) => ys[i]![c] === 1);
    thresholds[label] = bestThreshold(cs, ct, o.thresholdBeta, o.minThreshold, o.maxThreshold);
    const m = labelMetrics(testScores.map((s) => s[c]!), test.map((i) => ys[i]![c] === 1), thresholds[label]);
    perLabel[label] = m;
    if (!Number.isNaN(m.auc)) { aucSum += m.auc; aucN++; }
    if (m.positives > 0) { f1Sum += m.f1; f1N++; }
  });
  const macroAuc = Math.round((aucSum / Math.max(1, aucN)) * 10000) / 10000;
  const macroF1 = Math.round((f1Sum / Math.max(1, f1N)) * 10000) / 10000;
  return { thresholds, perLabel, macroAuc, macroF1 };
}

/** Held-out split (half calibration, half test); with groups, whole groups go to one side. */
function holdoutSplit(n: number, holdout: number, rng: Rng, groups?: string[]): { calib: number[]; test: number[]; trainIdx: number[] } {
  if (!groups) {
    const order = shuffle(Array.from({ length: n }, (_, i) => i), rng);
    const nHold = Math.max(2, Math.round(n * holdout));
    return { calib: order.slice(0, nHold >> 1), test: order.slice(nHold >> 1, nHold), trainIdx: order.slice(nHold) };
  }
  const names = shuffle([...new Set(groups)].sort(), rng);
  const nHold = Math.max(2, Math.round(names.length * holdout));
  const side = new Map(names.map((g, k) => [g, k < nHold >> 1 ? 0 : k < nHold ? 1 : 2]));
  const calib: number[] = [], test: number[] = [], trainIdx: number[] = [];
  groups.forEach((g, i) => [calib, test, trainIdx][side.get(g)!]!.push(i));
  shuffle(trainIdx, rng);
  return { calib, test, trainIdx };
}

function shuffle<T>(a: T[], rng: Rng): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Per-label metrics of a trained model on other examples (e.g. hand-written ones), at its thresholds. */
export function evaluate(
  r: Pick<TrainResult, 'params' | 'featuriser' | 'thresholds'>,
  examples: readonly TrainingExample[],
): { perLabel: Record<string, LabelMetrics>; macroAuc: number; macroF1: number; examples: number } {
  const scores = examples.map((e) => forward(r.params, featurise(e.text, r.featuriser)));
  const perLabel: Record<string, LabelMetrics> = {};
  let aucSum = 0, aucN = 0, f1Sum = 0, f1N = 0;
  LABELS.forEach((label, c) => {
    const m = labelMetrics(scores.map((s) => s[c]!), examples.map((e) => e.labels.includes(label)), r.thresholds[label]);
    perLabel[label] = m;
    if (!Number.isNaN(m.auc)) { aucSum += m.auc; aucN++; }
    if (m.positives > 0) { f1Sum += m.f1; f1N++; }
  });
  const r4 = (x: number): number => Math.round(x * 10000) / 10000;
  return { perLabel, macroAuc: r4(aucSum / Math.max(1, aucN)), macroF1: r4(f1Sum / Math.max(1, f1N)), examples: examples.length };
}
