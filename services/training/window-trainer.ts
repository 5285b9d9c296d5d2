/**
 * Trains the conversation-window model (services/engine/model/window-featuriser.ts) with the message
 * model's SGD loop (trainer.ts `fitBag`): 8 category outputs, one example per window, windows of one
 * conversation kept on one side of the held-out split.
 */
import { CATEGORIES } from '../contracts/taxonomy.js';
import { featurise, DEFAULT_FEATURISER, type FeaturiserSettings } from '../engine/model/featuriser.js';
import { featuriseWindow, windowProblems, windowRows, DEFAULT_WINDOW, type WindowSettings } from '../engine/model/window-featuriser.js';
import { compileTrainerOptions, fitBag, type Progress, type TrainerOptions, type TrainResult } from './trainer.js';
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
   * Extra loss weight (multiplier on writerWeight) of a window from a writer's benign conversation: those are
   * written to look like harm without being it (hard negatives). Default 1.
   */
  benignWeight: number;
}

/** Window-model defaults: 32,768 buckets per segment (3 segments), window of 6 messages, 1,536 ids per window. */
export function compileWindowTrainerOptions(raw: Partial<WindowTrainerOptions> = {}): WindowTrainerOptions {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as Partial<WindowTrainerOptions>;
  const base = compileTrainerOptions({
    buckets: 1 << 15, maxLen: 1536, epochs: 5, holdout: 0.3, thresholdBeta: 0.5, minThreshold: 0.5, maxThreshold: 0.9, ...defined,
  });
  const window = { ...DEFAULT_WINDOW, ...(defined.window ?? {}) };
  const p0: string[] = [];
  const writerWeight = defined.writerWeight ?? 3;
  const minWriterCalibration = defined.minWriterCalibration ?? 30;
  const negativeSpans = defined.negativeSpans ?? 0.3;
  const benignWeight = defined.benignWeight ?? 1;
  if (!(benignWeight > 0 && benignWeight <= 20)) p0.push(`benignWeight must be in (0, 20], got ${benignWeight}`);
  if (!(negativeSpans >= 0 && negativeSpans <= 1)) p0.push(`negativeSpans must be in [0, 1], got ${negativeSpans}`);
  const p = [...p0, ...windowProblems(window, base.maxLen)];
  if (!(writerWeight > 0 && writerWeight <= 100)) p.push(`writerWeight must be in (0, 100], got ${writerWeight}`);
  if (p.length) throw new Error(`invalid window trainer options:\n  - ${p.join('\n  - ')}`);
  return { ...base, window, writerWeight, minWriterCalibration, negativeSpans, benignWeight };
}

export type WindowTrainResult = TrainResult & { window: WindowSettings };

export function windowFeaturiser(o: TrainerOptions): FeaturiserSettings {
  return { ...DEFAULT_FEATURISER, buckets: o.buckets, wordNgrams: o.wordNgrams, charNgrams: o.charNgrams, maxLen: o.maxLen };
}

/** Window ids as the runtime computes them (each text cut to `maxChars`, each message featurised once). */
export function windowIds(examples: readonly Pick<WindowExample, 'lines'>[], feat: FeaturiserSettings, win: WindowSettings): Uint32Array[] {
  const cache = new Map<string, Uint32Array>();
  const lineFeat = { ...feat, maxLen: win.maxIdsPerMessage };
  const idsOf = (t: string): Uint32Array => {
    let ids = cache.get(t);
    if (!ids) { ids = featurise(t, lineFeat); cache.set(t, ids); }
    return ids;
  };
  return examples.map((e) => featuriseWindow(
    e.lines.slice(-win.messages).map((l) => ({ input: l.text.slice(0, win.maxChars), mine: l.mine })), feat, win, (x) => idsOf(x as string),
  ));
}

/** Short one-message negatives cut from negative windows' current messages (deterministic for a seed; same group as their source). */
function negativeSpanWindows(examples: readonly WindowExample[], o: WindowTrainerOptions): WindowExample[] {
  const rng = new Rng(o.seed + 7);
  const out: WindowExample[] = [];
  for (const e of examples) {
    if (e.categories.length || !rng.chance(o.negativeSpans)) continue;
    const words = e.lines.at(-1)!.text.split(/\s+/).filter((w) => w.length > 0 && !/\d/.test(w));
    if (words.length < 3) continue;
    const len = rng.int(1, 2);
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
  const all = [...examples, ...negativeSpanWindows(examples, o)];
  const ids = windowIds(all, feat, o.window);
  const ys = all.map((e) => Uint8Array.from(CATEGORIES, (c) => (e.categories.includes(c) ? 1 : 0)));
  const weights = Float32Array.from(all, (e) => (e.writer === 'generated' ? 1 : o.writerWeight * (e.benign ? o.benignWeight : 1)));
  const r = fitBag({ ids, ys, labels: [...CATEGORIES], rows: windowRows(feat), featuriser: feat, groups: all.map((e) => e.conversationId), weights }, o, progress, t0);
  const thresholds = conversationThresholds(r, all, ids, o);
  progress(`train: conversation-level thresholds ${JSON.stringify(thresholds)}`);
  return { ...r, thresholds, window: o.window };
}

/** Per category: F-beta-best threshold on "some window of the conversation reaches it" over calibration conversations. */
function conversationThresholds(r: TrainResult, examples: readonly WindowExample[], ids: Uint32Array[], o: WindowTrainerOptions): TrainResult['thresholds'] {
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
  const set = writers.length >= o.minWriterCalibration ? writers : all;
  const out = { ...r.thresholds };
  CATEGORIES.forEach((cat, k) => {
    if (!set.some((c) => c.truth[k])) return;
    out[cat] = bestThreshold(set.map((c) => c.max[k]!), set.map((c) => c.truth[k] === 1), o.thresholdBeta, o.minThreshold, o.maxThreshold);
  });
  return out;
}
