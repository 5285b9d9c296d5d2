/**
 * Trains the conversation-window model (services/engine/model/window-featuriser.ts) with the message
 * model's SGD loop (trainer.ts `fitBag`): 8 category outputs, one example per window, windows of one
 * conversation kept on one side of the held-out split.
 */
import { CATEGORIES } from '../contracts/taxonomy.js';
import { featurise, DEFAULT_FEATURISER, type FeaturiserSettings } from '../engine/model/featuriser.js';
import { featuriseWindow, lineIds, windowProblems, windowRows, DEFAULT_WINDOW, type WindowSettings } from '../engine/model/window-featuriser.js';
import { compileTrainerOptions, fitBag, heldOutMetrics, type BagData, type Progress, type TrainerOptions, type TrainResult } from './trainer.js';
import { mergeLinearBags } from './bag-merge.js';
import type { WindowExample } from './window-corpus.js';
import { forward } from './fasttext-model.js';
import { bestThreshold } from './metrics.js';
import { Rng } from './rng.js';

export interface WindowTrainerOptions extends TrainerOptions {
  window: WindowSettings;
  /** Loss weight of a window from a writer's conversation relative to a generated one. Default 3. */
  writerWeight: number;
  /**
   * Thresholds are picked per conversation (a category is raised when some window reaches it, as the engine
   * uses the model) on the calibration conversations, the writers' ones when there are at least this many
   * (generated ones are easy and would pick thresholds too low for other people's text). Default 30.
   */
  minWriterCalibration: number;
  /**
   * Share of negative windows that also yield a one-message negative window of 1–2 words cut from their current
   * message (digits excluded), so a short opener alone ("gg pour la partie") learns no category. Default 0.3.
   */
  negativeSpans: number;
  /**
   * Share of positive windows that also yield a one-message window of 1–2 words cut from their current message
   * (digits kept), labelled with no category: one or two words alone are not a conversation ("weed 10" is the
   * rules' and the message model's to read, not evidence of drugging or a threat). Default 0.
   */
  positiveSpans: number;
  /**
   * Extra loss weight (multiplier on writerWeight) of a window from a writer's benign conversation: those are
   * written to look like harm without being it (hard negatives). Default 1.
   */
  benignWeight: number;
  /**
   * Models trained and merged into one (bag-merge.ts: the mean of their logits, one linear bag of the same
   * graph, dim = 8). Member 0 is the single model of `seed`; member k > 0 takes init and order from
   * seed·1000 + k. Every member holds out the same calibration/test conversations (split from `seed`), so the
   * thresholds are picked on conversations no member trained on. Default 1 (no bag).
   */
  bag: number;
  /** Share of the writers (not the generated conversations) each bag member trains on, drawn per member. Default 1. */
  bagWriterFraction: number;
  /**
   * Range [min, max] of a second, stricter set of per-category thresholds picked by the same search (manifest
   * `corroborationThresholds`): where the window model's score counts as corroborating another kind of evidence
   * (and as raised, for the context), while `thresholds` only decide where it adds flag-level evidence. Absent:
   * one set of thresholds for both.
   */
  corroboration?: [number, number];
  /** How a message's repeated ids count in its window (window-featuriser.ts `repeats`); folded into `window`. */
  repeats?: WindowSettings['repeats'];
}

/** Window-model defaults: 32,768 buckets per segment (3 segments), window of 6 messages, 1,536 ids per window. */
export function compileWindowTrainerOptions(raw: Partial<WindowTrainerOptions> = {}): WindowTrainerOptions {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as Partial<WindowTrainerOptions>;
  const base = compileTrainerOptions({
    buckets: 1 << 15, maxLen: 1536, epochs: 5, holdout: 0.3, thresholdBeta: 0.5, minThreshold: 0.5, maxThreshold: 0.9, ...defined,
  });
  const window: WindowSettings = { ...DEFAULT_WINDOW, ...(defined.window ?? {}), ...(defined.repeats === undefined ? {} : { repeats: defined.repeats }) };
  const p0: string[] = [];
  const writerWeight = defined.writerWeight ?? 3;
  const minWriterCalibration = defined.minWriterCalibration ?? 30;
  const negativeSpans = defined.negativeSpans ?? 0.3;
  const positiveSpans = defined.positiveSpans ?? 0;
  const benignWeight = defined.benignWeight ?? 1;
  const bag = defined.bag ?? 1;
  const bagWriterFraction = defined.bagWriterFraction ?? 1;
  if (!(Number.isInteger(bag) && bag >= 1 && bag <= 32)) p0.push(`bag must be an integer in [1, 32], got ${bag}`);
  if (!(bagWriterFraction > 0 && bagWriterFraction <= 1)) p0.push(`bagWriterFraction must be in (0, 1], got ${bagWriterFraction}`);
  if (bag > 1 && base.hidden > 0) p0.push('bag needs a linear model (hidden 0): only linear bags merge into one');
  if (!(benignWeight > 0 && benignWeight <= 20)) p0.push(`benignWeight must be in (0, 20], got ${benignWeight}`);
  if (!(negativeSpans >= 0 && negativeSpans <= 1)) p0.push(`negativeSpans must be in [0, 1], got ${negativeSpans}`);
  if (!(positiveSpans >= 0 && positiveSpans <= 1)) p0.push(`positiveSpans must be in [0, 1], got ${positiveSpans}`);
  const cr = defined.corroboration;
  if (cr !== undefined && !(Array.isArray(cr) && cr.length === 2 && cr[0] >= 0.01 && cr[0] <= cr[1] && cr[1] <= 0.99)) p0.push(`corroboration must be [min, max] with 0.01 <= min <= max <= 0.99, got ${JSON.stringify(cr)}`);
  const p = [...p0, ...windowProblems(window, base.maxLen)];
  if (!(writerWeight > 0 && writerWeight <= 100)) p.push(`writerWeight must be in (0, 100], got ${writerWeight}`);
  if (p.length) throw new Error(`invalid window trainer options:\n  - ${p.join('\n  - ')}`);
  return { ...base, window, writerWeight, minWriterCalibration, negativeSpans, positiveSpans, benignWeight, bag, bagWriterFraction, ...(cr ? { corroboration: cr } : {}) };
}

/** The recipe flags `vigie train-window` and window-lowo both take, spelled as on the command line. */
export const RECIPE_FLAGS = ['benign-weight', 'min-threshold', 'max-threshold', 'hidden', 'id-dropout', 'char-ngrams', 'lr', 'grad-clip', 'bag', 'bag-writer-fraction', 'positive-spans', 'direct', 'adagrad', 'repeats', 'corroboration'] as const;

/** The options RECIPE_FLAGS set: `num(flag)` reads a flag as a number, `text(flag)` as given (both undefined when absent). */
export function recipeFromFlags(num: (flag: string) => number | undefined, text: (flag: string) => string | undefined): Partial<WindowTrainerOptions> {
  const ngrams = text('char-ngrams');
  const bool = (flag: string): boolean | undefined => { const v = num(flag); return v === undefined ? undefined : v !== 0; };
  return {
    benignWeight: num('benign-weight'), minThreshold: num('min-threshold'), maxThreshold: num('max-threshold'), hidden: num('hidden'), idDropout: num('id-dropout'), lr: num('lr'),
    gradClip: num('grad-clip'), bag: num('bag'), bagWriterFraction: num('bag-writer-fraction'), positiveSpans: num('positive-spans'),
    direct: bool('direct'), adagrad: bool('adagrad'),
    ...(text('repeats') === undefined ? {} : { repeats: text('repeats') as WindowSettings['repeats'] }),
    ...(text('corroboration') === undefined ? {} : { corroboration: text('corroboration')!.split(',').map(Number) as [number, number] }),
    ...(ngrams === undefined ? {} : { charNgrams: ngrams.split(',').map(Number) as [number, number] }),
  };
}

export type WindowTrainResult = TrainResult & {
  window: WindowSettings;
  /** Stricter thresholds where the score corroborates other evidence (`corroboration` range), when asked for. */
  corroborationThresholds?: TrainResult['thresholds'];
  /** With a bag: member 0 alone (the single model of the same seed), with its own conversation-level thresholds, for comparison. */
  first?: TrainResult;
};

export function windowFeaturiser(o: TrainerOptions): FeaturiserSettings {
  return { ...DEFAULT_FEATURISER, buckets: o.buckets, wordNgrams: o.wordNgrams, charNgrams: o.charNgrams, maxLen: o.maxLen };
}

/** Window ids as the runtime computes them (each text cut to `maxChars`, each message featurised once). */
export function windowIds(examples: readonly Pick<WindowExample, 'lines'>[], feat: FeaturiserSettings, win: WindowSettings): Uint32Array[] {
  const cache = new Map<string, Uint32Array>();
  const lineFeat = { ...feat, maxLen: win.maxIdsPerMessage };
  const idsOf = (t: string): Uint32Array => {
    let ids = cache.get(t);
    if (!ids) { ids = lineIds(featurise(t, lineFeat), win); cache.set(t, ids); }
    return ids;
  };
  return examples.map((e) => featuriseWindow(
    e.lines.slice(-win.messages).map((l) => ({ input: l.text.slice(0, win.maxChars), mine: l.mine })), feat, win, (x) => idsOf(x as string),
  ));
}

/**
 * One-message windows of 1–2 words cut from windows' current messages, labelled with no category (deterministic for a
 * seed; same group as their source). `from: 'benign'`: from windows with no category, digits excluded, messages of 3
 * words or more, so a short opener alone ("gg pour la partie") learns no category (`negativeSpans`). `from: 'harmful'`:
 * from windows with a category, digits kept, any message: one or two words alone do not make a conversation harmful
 * ("weed 10" is the rules' and the message model's to read; `positiveSpans`).
 */
export function spanWindows(examples: readonly WindowExample[], from: 'benign' | 'harmful', share: number, seed: number): WindowExample[] {
  const harmful = from === 'harmful';
  const rng = new Rng(seed + (harmful ? 11 : 7));
  const minWords = harmful ? 1 : 3;
  const out: WindowExample[] = [];
  for (const e of examples) {
    if (e.categories.length > 0 !== harmful || !rng.chance(share)) continue;
    const words = e.lines.at(-1)!.text.split(/\s+/).filter((w) => w.length > 0 && (harmful || !/\d/.test(w)));
    if (words.length < minWords) continue;
    const len = Math.min(words.length, rng.int(1, 2));
    const at = rng.int(0, words.length - len);
    out.push({ lines: [{ text: words.slice(at, at + len).join(' '), mine: true }], categories: [], conversationId: e.conversationId, writer: e.writer });
  }
  return out;
}

export function trainWindows(examples: readonly WindowExample[], raw: Partial<WindowTrainerOptions> = {}, progress: Progress = () => {}): WindowTrainResult {
  const o = compileWindowTrainerOptions(raw);
  const t0 = Date.now();
  if (examples.length < 20) throw new Error(`need at least 20 training windows, got ${examples.length}`);
  const feat = windowFeaturiser(o);
  const all = [...examples, ...spanWindows(examples, 'benign', o.negativeSpans, o.seed), ...spanWindows(examples, 'harmful', o.positiveSpans, o.seed)];
  const ids = windowIds(all, feat, o.window);
  const ys = all.map((e) => Uint8Array.from(CATEGORIES, (c) => (e.categories.includes(c) ? 1 : 0)));
  const weights = Float32Array.from(all, (e) => (e.writer === 'generated' ? 1 : o.writerWeight * (e.benign ? o.benignWeight : 1)));
  const data: BagData = { ids, ys, labels: [...CATEGORIES], rows: windowRows(feat), featuriser: feat, groups: all.map((e) => e.conversationId), weights };
  const single = o.bag === 1 && o.bagWriterFraction === 1;
  const r = single ? fitBag(data, o, progress, t0) : fitMembers(data, all, o, progress, t0);
  // Flag thresholds in [minThreshold, maxThreshold] and, when asked for, corroboration thresholds in their own range:
  // two searches over one scoring of the calibration conversations.
  const pick = (x: TrainResult): { thresholds: TrainResult['thresholds']; corroborationThresholds?: TrainResult['thresholds'] } => {
    const cal = calibrationMaxima(x, all, ids, o);
    const thresholds = conversationThresholds(x, cal, o, [o.minThreshold, o.maxThreshold]);
    return o.corroboration ? { thresholds, corroborationThresholds: conversationThresholds(x, cal, o, o.corroboration) } : { thresholds };
  };
  const picked = pick(r);
  progress(`train: conversation-level thresholds ${JSON.stringify(picked.thresholds)}`);
  if (picked.corroborationThresholds) progress(`train: corroboration thresholds ${JSON.stringify(picked.corroborationThresholds)}`);
  if (single) return { ...r, ...picked, window: o.window };
  const { first: f, ...merged } = r as ReturnType<typeof fitMembers>;
  return { ...merged, ...picked, window: o.window, first: { ...f, ...pick(f) } };
}

/** Writers a bag member trains on: a share `fraction` of them, drawn from `seed` (all when fraction is 1). */
export function memberWriters(writers: readonly string[], fraction: number, seed: number): Set<string> {
  if (fraction >= 1) return new Set(writers);
  const rng = new Rng(seed);
  const order = [...writers].sort();
  for (let i = order.length - 1; i > 0; i--) { const j = rng.int(0, i); [order[i], order[j]] = [order[j]!, order[i]!]; }
  return new Set(order.slice(0, Math.max(1, Math.round(order.length * fraction))));
}

/** Trains `o.bag` members on the same held-out split and merges them (mean of logits); held-out metrics of the merged model. */
function fitMembers(data: BagData, all: readonly WindowExample[], o: WindowTrainerOptions, progress: Progress, t0: number): TrainResult & { first: TrainResult } {
  const writers = [...new Set(all.map((e) => e.writer).filter((w) => w !== 'generated'))];
  const members: TrainResult[] = [];
  for (let k = 0; k < o.bag; k++) {
    const seed = o.seed * 1000 + k;
    const chosen = memberWriters(writers, o.bagWriterFraction, seed + 17);
    const keep = o.bagWriterFraction >= 1 ? undefined : (i: number): boolean => all[i]!.writer === 'generated' || chosen.has(all[i]!.writer);
    progress(`bag: member ${k + 1}/${o.bag} (${k === 0 ? `seed ${o.seed}, as one model` : `seed ${seed}`}${keep ? `, writers ${[...chosen].sort().join(',')}` : ''})`);
    members.push(fitBag({ ...data, member: { ...(k === 0 ? {} : { seed }), ...(keep ? { keep } : {}) } }, o, progress, t0));
  }
  const params = mergeLinearBags(members.map((m) => m.params));
  const first = members[0]!;
  const m = heldOutMetrics(params, data, first.calibrationIndices, first.testIndices, o);
  const trainLoss = first.metrics.trainLoss.map((_, ep) => +(members.reduce((s, x) => s + x.metrics.trainLoss[ep]!, 0) / members.length).toFixed(4));
  progress(`bag: merged ${o.bag} members, held-out macro AUC ${m.macroAuc}, macro F1 ${m.macroF1} (${Date.now() - t0} ms)`);
  return { ...first, params, thresholds: m.thresholds, metrics: { perLabel: m.perLabel, macroAuc: m.macroAuc, macroF1: m.macroF1, trainLoss }, durationMs: Date.now() - t0, first };
}

/** Per category: the F-beta-best threshold in `range` on "some window of the conversation reaches it" over the calibration conversations `cal`. */
function conversationThresholds(r: TrainResult, cal: CalibrationMaxima, o: WindowTrainerOptions, range: [number, number]): TrainResult['thresholds'] {
  const out = { ...r.thresholds };
  CATEGORIES.forEach((cat, k) => {
    if (!cal.some((c) => c.truth[k])) return;
    out[cat] = bestThreshold(cal.map((c) => c.max[k]!), cal.map((c) => c.truth[k] === 1), o.thresholdBeta, range[0], range[1]);
  });
  return out;
}

/** Per calibration conversation: each category's highest window score and whether the conversation is labelled with it. */
type CalibrationMaxima = { max: Float32Array; truth: Uint8Array }[];

/** The calibration conversations of `r`'s split scored by `r` (the writers' when there are enough of them, else all). */
function calibrationMaxima(r: TrainResult, examples: readonly WindowExample[], ids: Uint32Array[], o: WindowTrainerOptions): CalibrationMaxima {
  const byConv = new Map<string, { writer: string; max: Float32Array; truth: Uint8Array }>();
  for (const i of r.calibrationIndices) {
    const e = examples[i]!;
    let c = byConv.get(e.conversationId);
    if (!c) byConv.set(e.conversationId, (c = { writer: e.writer, max: new Float32Array(CATEGORIES.length), truth: new Uint8Array(CATEGORIES.length) }));
    const p = forward(r.params, ids[i]!);
    CATEGORIES.forEach((cat, k) => {
      c.max[k] = Math.max(c.max[k]!, p[k]!);
      if (e.categories.includes(cat)) c.truth[k] = 1;
    });
  }
  const all = [...byConv.values()];
  const writers = all.filter((c) => c.writer !== 'generated');
  return writers.length >= o.minWriterCalibration ? writers : all;
}
