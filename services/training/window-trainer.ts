/**
 * Trains the conversation-window model (services/engine/model/window-featuriser.ts) with the message
 * model's SGD loop (trainer.ts `fitBag`): 8 category outputs, one example per window, windows of one
 * conversation kept on one side of the held-out split.
 */
import { CATEGORIES } from '../engine/taxonomy.js';
import { featurise, DEFAULT_FEATURISER, type FeaturiserSettings } from '../engine/model/featuriser.js';
import { featuriseWindow, windowProblems, windowRows, DEFAULT_WINDOW, type WindowSettings } from '../engine/model/window-featuriser.js';
import { compileTrainerOptions, fitBag, type Progress, type TrainerOptions, type TrainResult } from './trainer.js';
import type { WindowExample } from './window-corpus.js';

export interface WindowTrainerOptions extends TrainerOptions {
  window: WindowSettings;
  /** Loss weight of a window from a writer's conversation relative to a generated one. Default 3. */
  writerWeight: number;
}

/** Window-model defaults: 32,768 buckets per segment (3 segments), window of 6 messages, 1,536 ids per window. */
export function compileWindowTrainerOptions(raw: Partial<WindowTrainerOptions> = {}): WindowTrainerOptions {
  const base = compileTrainerOptions({ buckets: 1 << 15, maxLen: 1536, epochs: 5, ...raw });
  const window = { ...DEFAULT_WINDOW, ...(raw.window ?? {}) };
  const writerWeight = raw.writerWeight ?? 3;
  const p = windowProblems(window, base.maxLen);
  if (!(writerWeight > 0 && writerWeight <= 100)) p.push(`writerWeight must be in (0, 100], got ${writerWeight}`);
  if (p.length) throw new Error(`invalid window trainer options:\n  - ${p.join('\n  - ')}`);
  return { ...base, window, writerWeight };
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

export function trainWindows(examples: readonly WindowExample[], raw: Partial<WindowTrainerOptions> = {}, progress: Progress = () => {}): WindowTrainResult {
  const o = compileWindowTrainerOptions(raw);
  const t0 = Date.now();
  if (examples.length < 20) throw new Error(`need at least 20 training windows, got ${examples.length}`);
  const feat = windowFeaturiser(o);
  const ids = windowIds(examples, feat, o.window);
  const ys = examples.map((e) => Uint8Array.from(CATEGORIES, (c) => (e.categories.includes(c) ? 1 : 0)));
  const weights = Float32Array.from(examples, (e) => (e.writer === 'generated' ? 1 : o.writerWeight));
  const r = fitBag({ ids, ys, labels: [...CATEGORIES], rows: windowRows(feat), featuriser: feat, groups: examples.map((e) => e.conversationId), weights }, o, progress, t0);
  return { ...r, window: o.window };
}
