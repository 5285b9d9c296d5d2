/**
 * Threshold tuning: sweeps each category's model threshold through the full engine (rules, model,
 * context, policy) over a labelled set, and picks, per category, the threshold with the best recall
 * that meets the target (precision at least X, or false-alarm rate at most Y). The figures reported
 * for the suggested thresholds come from one more engine run with all of them together, so they are
 * what `vigie classify` gives with the written manifest.
 */
import type { ChatMessage } from '../contracts/types.js';
import { createState, engineFromParts, type EngineParts, type EngineVerdict } from '../engine/engine.js';
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import type { LabelledSet } from './labelled-set.js';
import { operatingPoint, type OperatingPoint } from './operating-point.js';
import type { RecordedModel } from './recorded-model.js';

export type TuneTarget = { kind: 'precision'; value: number } | { kind: 'falseAlarmRate'; value: number };

export interface TuneOptions {
  target: TuneTarget;
  /** Threshold grid: from `gridMin` to `gridMax` by `gridStep`. Defaults 0.05, 0.95, 0.025. */
  gridMin: number;
  gridMax: number;
  gridStep: number;
  /** Messages per engine call. Default 256 (verdicts do not depend on it). */
  batch: number;
}

export function compileTuneOptions(raw: Partial<TuneOptions> & { target?: TuneTarget }): TuneOptions {
  const o: TuneOptions = {
    target: raw.target ?? { kind: 'precision', value: 0.95 },
    gridMin: raw.gridMin ?? 0.05, gridMax: raw.gridMax ?? 0.95, gridStep: raw.gridStep ?? 0.025, batch: raw.batch ?? 256,
  };
  const p: string[] = [];
  if (!(o.target.value >= 0 && o.target.value <= 1)) p.push(`target ${o.target.kind} must be in [0, 1], got ${o.target.value}`);
  if (!(o.gridMin > 0 && o.gridMax < 1 && o.gridMin <= o.gridMax)) p.push(`threshold grid must satisfy 0 < min <= max < 1 (got ${o.gridMin}..${o.gridMax})`);
  if (!(o.gridStep >= 0.001 && o.gridStep <= 0.5)) p.push(`grid step must be in [0.001, 0.5], got ${o.gridStep}`);
  if (!Number.isInteger(o.batch) || o.batch < 1) p.push(`batch must be a positive integer, got ${o.batch}`);
  if (p.length) throw new Error(p.join('; '));
  return o;
}

export function thresholdGrid(o: Pick<TuneOptions, 'gridMin' | 'gridMax' | 'gridStep'>): number[] {
  const out: number[] = [];
  for (let i = 0; ; i++) {
    const threshold = Math.round((o.gridMin + i * o.gridStep) * 1000) / 1000;
    if (threshold > o.gridMax + 1e-9) break;
    out.push(threshold);
  }
  return out;
}

export interface SweepPoint {
  threshold: number;
  precision: number | null;
  recall: number | null;
  falseAlarmRate: number | null;
  truePositives: number;
  falsePositives: number;
}

export interface Suggestion {
  category: Category;
  current: number;
  suggested: number;
  /** The sweep point met the target with some recall; otherwise the current threshold is kept. */
  met: boolean;
  note: string;
}

export interface TuneResult {
  target: TuneTarget;
  modelId: string;
  grid: number[];
  baseline: OperatingPoint;
  chosen: OperatingPoint;
  sweeps: Partial<Record<Category, SweepPoint[]>>;
  suggestions: Suggestion[];
  /** Per category: highest raw model probability per labelled conversation, split by label. */
  histograms: Partial<Record<Category, { positives: number[]; negatives: number[] }>>;
  messages: number;
  engineRuns: number;
}

const meets = (p: SweepPoint, t: TuneTarget): boolean =>
  t.kind === 'precision' ? p.precision !== null && p.precision >= t.value - 1e-12 : p.falseAlarmRate !== null && p.falseAlarmRate <= t.value + 1e-12;

/**
 * Best recall among the points meeting the target; ties go to fewer false positives, then to the
 * threshold closest to the current one (on a small set many thresholds tie: moving further than the
 * data asks for would fit the set, not the traffic).
 */
export function pickThreshold(points: readonly SweepPoint[], target: TuneTarget, current: number): SweepPoint | null {
  let best: SweepPoint | null = null;
  const dist = (p: SweepPoint): number => Math.abs(p.threshold - current);
  for (const p of points) {
    if (!meets(p, target) || !p.recall) continue;
    if (!best || p.recall > best.recall! || (p.recall === best.recall && (p.falsePositives < best.falsePositives
      || (p.falsePositives === best.falsePositives && dist(p) < dist(best))))) best = p;
  }
  return best;
}

async function runEngine(parts: EngineParts, model: RecordedModel, messages: readonly ChatMessage[], batch: number): Promise<EngineVerdict[]> {
  model.rewind();
  const engine = engineFromParts({ ...parts, model });
  const state = createState();
  const out: EngineVerdict[] = [];
  for (let i = 0; i < messages.length; i += batch) out.push(...await engine.classifyBatch(messages.slice(i, i + batch), state));
  return out;
}

/**
 * `parts.model` must be a recorded model that has NOT yet been used: the first run records the real
 * model's probabilities. Progress lines go to `progress`.
 */
export async function tune(parts: EngineParts & { model: RecordedModel }, set: LabelledSet, o: TuneOptions, progress: (s: string) => void = () => {}): Promise<TuneResult> {
  const model = parts.model;
  // Recording pass: the real model scores each batch once.
  const engine = engineFromParts(parts);
  const state = createState();
  const baselineVerdicts: EngineVerdict[] = [];
  for (let i = 0; i < set.messages.length; i += o.batch) baselineVerdicts.push(...await engine.classifyBatch(set.messages.slice(i, i + o.batch), state));
  const baseline = operatingPoint(set, baselineVerdicts);
  const current = Float32Array.from(model.thresholds);
  const grid = thresholdGrid(o);
  const sweeps: TuneResult['sweeps'] = {};
  const histograms: TuneResult['histograms'] = {};
  const suggestions: Suggestion[] = [];
  let runs = 1;
  for (const c of CATEGORIES) {
    const labelIndex = model.labels.indexOf(c);
    if (labelIndex < 0) continue;
    histograms[c] = conversationMaxima(set, model.rows, labelIndex, c);
    const cur = round3(current[labelIndex]!);
    const fig0 = baseline.perCategory[c];
    if (!fig0.positives) {
      suggestions.push({ category: c, current: cur, suggested: cur, met: false, note: 'no positives in the data: kept' });
      continue;
    }
    const points: SweepPoint[] = [];
    // The current threshold is always a candidate, so "keep it" is measured like any other choice.
    for (const t of [...new Set([...grid, cur])].sort((a, b) => a - b)) {
      model.thresholds.set(current);
      model.thresholds[labelIndex] = t;
      const figures = operatingPoint(set, await runEngine(parts, model, set.messages, o.batch)).perCategory[c];
      runs++;
      points.push({ threshold: t, precision: figures.precision, recall: figures.recall, falseAlarmRate: figures.falseAlarmRate, truePositives: figures.truePositives, falsePositives: figures.falsePositives });
    }
    sweeps[c] = points;
    const pick = pickThreshold(points, o.target, cur);
    suggestions.push(pick
      ? { category: c, current: cur, suggested: pick.threshold, met: true, note: `recall ${fmt(pick.recall)} at precision ${fmt(pick.precision)}, false alarms ${fmt(pick.falseAlarmRate)}` }
      : { category: c, current: cur, suggested: cur, met: false, note: 'no threshold meets the target with any recall: kept' });
    progress(`tune: ${c}: ${points.length} thresholds swept, suggested ${suggestions.at(-1)!.suggested}`);
  }
  model.thresholds.set(current);
  for (const s of suggestions) model.thresholds[model.labels.indexOf(s.category)] = s.suggested;
  const chosen = operatingPoint(set, await runEngine(parts, model, set.messages, o.batch));
  model.thresholds.set(current);
  return { target: o.target, modelId: model.id, grid, baseline, chosen, sweeps, suggestions, histograms, messages: set.messages.length, engineRuns: runs + 1 };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const fmt = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));

function conversationMaxima(set: LabelledSet, rows: readonly Float32Array[], j: number, c: Category): { positives: number[]; negatives: number[] } {
  const max = new Map<string, number>();
  set.messages.forEach((m, i) => {
    const score = rows[i]?.[j] ?? 0;
    if (score > (max.get(m.conversationId) ?? -1)) max.set(m.conversationId, score);
  });
  const out = { positives: [] as number[], negatives: [] as number[] };
  for (const label of set.labels.values()) {
    const best = max.get(label.conversationId);
    if (best === undefined) continue;
    (label.categories.includes(c) ? out.positives : out.negatives).push(best);
  }
  return out;
}
