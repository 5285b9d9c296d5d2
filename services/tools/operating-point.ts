/**
 * Conversation-level figures of a set of verdicts against labels, with the dev-set scorer's
 * definition of a detection (eval/score.mjs): category c is detected in a conversation
 * when some verdict of it lists c and acts (action other than allow) or escalates. On top of the
 * scorer's recall, this counts false positives per category (detected in a conversation not
 * labelled c), hence precision and false-alarm rate, and the detection delay in messages after the
 * evident point.
 */
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import type { LabelledSet } from './labelled-set.js';

/** The part of a verdict the figures read. */
export interface ScoredVerdict {
  messageId: string;
  conversationId: string;
  action: string;
  escalation: unknown;
  categories: { category: string }[];
}

export interface CategoryFigures {
  category: Category;
  positives: number;
  negatives: number;
  truePositives: number;
  falsePositives: number;
  /** null when nothing was detected. */
  precision: number | null;
  /** null when there are no positives. */
  recall: number | null;
  /** False positives / negatives; null when there are no negatives. */
  falseAlarmRate: number | null;
  /** Messages between the evident point and the first detection, one per detected positive. */
  delays: number[];
  medianDelay: number | null;
  maxDelay: number | null;
}

export interface OperatingPoint {
  perCategory: Record<Category, CategoryFigures>;
  conversations: number;
  benign: number;
  /** Benign conversations with a hold/block or escalation (score.mjs benignHardFalseAlarmRate). */
  benignHardFalseAlarmRate: number | null;
  microRecall: number | null;
}

const ratio = (a: number, b: number): number | null => (b ? a / b : null);
export const median = (a: readonly number[]): number | null => {
  if (!a.length) return null;
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
};

/** Reads verdicts in any order; a conversation with no label is not counted. */
export function operatingPoint(set: LabelledSet, verdicts: Iterable<ScoredVerdict>): OperatingPoint {
  const firstDetect = new Map<string, Partial<Record<Category, number>>>();
  const hard = new Set<string>();
  for (const v of verdicts) {
    const acts = v.action !== 'allow' || (v.escalation !== null && v.escalation !== undefined);
    if (!acts) continue;
    if (v.action === 'hold' || v.action === 'block' || v.escalation) hard.add(v.conversationId);
    const pos = set.position.get(v.messageId);
    if (pos === undefined) continue;
    const rec = firstDetect.get(v.conversationId) ?? {};
    for (const { category } of v.categories) {
      const c = category as Category;
      if (!CATEGORIES.includes(c)) continue;
      if (rec[c] === undefined || pos < rec[c]!) rec[c] = pos;
    }
    firstDetect.set(v.conversationId, rec);
  }
  const perCategory = {} as Record<Category, CategoryFigures>;
  let benign = 0, benignHard = 0, pos = 0, det = 0;
  for (const label of set.labels.values()) if (!label.categories.length) { benign++; if (hard.has(label.conversationId)) benignHard++; }
  for (const c of CATEGORIES) {
    let positives = 0, negatives = 0, tp = 0, fp = 0;
    const delays: number[] = [];
    for (const label of set.labels.values()) {
      const at = firstDetect.get(label.conversationId)?.[c];
      if (label.categories.includes(c)) {
        positives++;
        if (at !== undefined) { tp++; delays.push(at - (label.evidentIndex[c] ?? 0)); }
      } else {
        negatives++;
        if (at !== undefined) fp++;
      }
    }
    pos += positives; det += tp;
    perCategory[c] = {
      category: c, positives, negatives, truePositives: tp, falsePositives: fp,
      precision: ratio(tp, tp + fp), recall: ratio(tp, positives), falseAlarmRate: ratio(fp, negatives),
      delays, medianDelay: median(delays), maxDelay: delays.length ? Math.max(...delays) : null,
    };
  }
  return { perCategory, conversations: set.labels.size, benign, benignHardFalseAlarmRate: ratio(benignHard, benign), microRecall: ratio(det, pos) };
}
