/**
 * The figures of `vigie eval`: verdicts against conversation labels, with exactly the definitions of
 * the dev-set scorer (eval/score.mjs). Plain functions over plain data, no I/O.
 *
 * - Category c is *raised* in a conversation when some verdict of it lists c and acts (action other
 *   than allow) or escalates; the first such message (in stream order) is where it was raised.
 * - Labelled c and raised: detected, delay = position raised − position of `evidentAt[c]` (0 without one).
 * - A benign conversation (labelled with no category) is a *hard* false alarm when any verdict holds,
 *   blocks or escalates, *soft* when verdicts only flag.
 * Added to the scorer: precision (conversations labelled c among those where c was raised), F1,
 * percentile bootstrap intervals over conversations, p90 delay, P0 escalations on benign
 * conversations, the confusion between categories, and the misses and false alarms with their messages.
 */
import { bootstrapIntervals, type BootstrapOptions } from './bootstrap.js';
import { median } from './operating-point.js';

export interface EvalMessage { messageId: string; conversationId: string; senderId: string; text: string }
export interface EvalLabel { categories: readonly string[]; evidentIndex: Readonly<Partial<Record<string, number>>> }
/** The part of a Verdict the figures read. */
export interface EvalVerdict {
  action: string;
  escalation: { priority: string } | null;
  categories: readonly { category: string; score?: number }[];
  reasons?: readonly string[];
}
export interface EvalInput {
  /** In stream order; conversations may interleave. Messages of unlabelled conversations are not scored. */
  messages: readonly EvalMessage[];
  labels: ReadonlyMap<string, EvalLabel>;
  /** By message id. */
  verdicts: ReadonlyMap<string, EvalVerdict>;
}

/** A point estimate with its bootstrap interval (both null when undefined, e.g. a recall without positives). */
export interface Estimate { value: number | null; ci: [number, number] | null }

export interface CategoryResult {
  category: string;
  /** Conversations labelled with the category. */
  positives: number;
  /** Conversations where it was raised. */
  raised: number;
  /** Labelled and raised. */
  detected: number;
  /** Raised in a conversation labelled with other categories only (the scorer's "spurious"). */
  spurious: number;
  precision: Estimate;
  recall: Estimate;
  f1: Estimate;
  /** One per detected conversation, in conversation order. */
  delays: number[];
  /** The scorer's median: the element at index ⌊n/2⌋ of the sorted delays. */
  medianDelay: number | null;
  /** Nearest rank: the element at index ⌈0.9·n⌉−1 of the sorted delays. */
  p90Delay: number | null;
  lateOver2: number;
}

export interface MessageView {
  position: number;
  messageId: string;
  senderId: string;
  text: string;
  /** Categories whose labelled evident point is this message. */
  evidentFor: string[];
  verdict: { action: string; escalation: string | null; categories: { category: string; score: number | null }[]; reasons: string[] } | null;
}
export interface MissItem { conversationId: string; labelled: string[]; missed: string[]; raised: string[]; messages: MessageView[] }
export interface FalseAlarmItem {
  conversationId: string;
  labelled: string[];
  /** Raised but not labelled. */
  categories: string[];
  /** hard: a verdict raising one of them (for a benign conversation: any verdict) holds, blocks or escalates. */
  severity: 'hard' | 'soft';
  messages: MessageView[];
}

export interface EvalResult {
  conversations: number;
  messages: number;
  /** Messages of scored conversations with no verdict. */
  missingVerdicts: number;
  positiveConversations: number;
  benign: number;
  perCategory: CategoryResult[];
  microRecall: Estimate;
  macroRecall: Estimate;
  /** Labelled-positive conversations where anything was raised (the scorer's anyCategoryRecall). */
  anyCategoryRecall: number | null;
  benignHard: { count: number; rate: Estimate };
  benignSoft: { count: number; rate: Estimate };
  benignP0: { escalations: number; conversations: number };
  /**
   * counts[i][j]: conversations labelled rows[i] (or benign) in which columns[j] was raised (or nothing
   * was) without being labelled too: the diagonal counts detections, the rest confusions.
   */
  confusion: { rows: string[]; columns: string[]; counts: number[][] };
  misses: MissItem[];
  falseAlarms: FalseAlarmItem[];
  bootstrap: BootstrapOptions;
}

export const BENIGN = '(benign)';
export const NOTHING = '(nothing raised)';

const acts = (v: EvalVerdict): boolean => v.action !== 'allow' || v.escalation !== null;
const isHard = (v: EvalVerdict): boolean => v.action === 'hold' || v.action === 'block' || v.escalation !== null;

/** What happened in one labelled conversation. */
export interface Outcome {
  conversationId: string;
  label: EvalLabel;
  messages: EvalMessage[];
  /** Category → position of the first message that raised it. */
  raisedAt: Map<string, number>;
  /** Categories listed by a verdict that holds, blocks or escalates. */
  raisedHard: Set<string>;
  hard: boolean;
  soft: boolean;
  p0: number;
  missing: number;
}

export function outcomes(input: EvalInput): Outcome[] {
  const byConversation = new Map<string, EvalMessage[]>();
  for (const m of input.messages) {
    const list = byConversation.get(m.conversationId);
    if (list) list.push(m); else byConversation.set(m.conversationId, [m]);
  }
  const out: Outcome[] = [];
  for (const [conversationId, messages] of byConversation) {
    const label = input.labels.get(conversationId);
    if (!label) continue;
    const o: Outcome = { conversationId, label, messages, raisedAt: new Map(), raisedHard: new Set(), hard: false, soft: false, p0: 0, missing: 0 };
    messages.forEach((m, position) => {
      const v = input.verdicts.get(m.messageId);
      if (!v) { o.missing++; return; }
      if (!acts(v)) return;
      o.soft = true;
      if (isHard(v)) o.hard = true;
      if (v.escalation?.priority === 'P0') o.p0++;
      for (const { category } of v.categories) {
        if (!o.raisedAt.has(category)) o.raisedAt.set(category, position);
        if (isHard(v)) o.raisedHard.add(category);
      }
    });
    out.push(o);
  }
  return out;
}

const ratio = (a: number, b: number): number | null => (b ? a / b : null);

/** Nearest-rank percentile of a list (not sorted in place). */
export function percentileRank(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((x, y) => x - y);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)]!;
}

/**
 * The ratios with intervals, as one function of per-conversation weights: all ones gives the point
 * estimates, bootstrap weights give the resampled values. Order: per category precision, recall,
 * F1; then micro recall, macro recall, benign hard rate, benign soft rate.
 */
function ratioStatistics(os: readonly Outcome[], categories: readonly string[]): (w: Uint32Array) => (number | null)[] {
  const labelledIdx = categories.map((c) => os.flatMap((o, i) => (o.label.categories.includes(c) ? [i] : [])));
  const raisedIdx = categories.map((c) => os.flatMap((o, i) => (o.raisedAt.has(c) ? [i] : [])));
  const detectedIdx = categories.map((c) => os.flatMap((o, i) => (o.raisedAt.has(c) && o.label.categories.includes(c) ? [i] : [])));
  const benignIdx = os.flatMap((o, i) => (o.label.categories.length ? [] : [i]));
  const benignHardIdx = benignIdx.filter((i) => os[i]!.hard);
  const benignSoftIdx = benignIdx.filter((i) => !os[i]!.hard && os[i]!.soft);
  const sum = (w: Uint32Array, idx: readonly number[]): number => { let s = 0; for (const i of idx) s += w[i]!; return s; };
  return (w) => {
    const out: (number | null)[] = [];
    let tpAll = 0, posAll = 0, macro = 0, macroN = 0;
    categories.forEach((_, k) => {
      const p = sum(w, labelledIdx[k]!), r = sum(w, raisedIdx[k]!), tp = sum(w, detectedIdx[k]!);
      const recall = ratio(tp, p);
      out.push(ratio(tp, r), recall, ratio(2 * tp, p + r));
      tpAll += tp; posAll += p;
      if (recall !== null) { macro += recall; macroN++; }
    });
    const benign = sum(w, benignIdx);
    out.push(ratio(tpAll, posAll), ratio(macro, macroN), ratio(sum(w, benignHardIdx), benign), ratio(sum(w, benignSoftIdx), benign));
    return out;
  };
}

function view(o: Outcome, verdicts: ReadonlyMap<string, EvalVerdict>): MessageView[] {
  return o.messages.map((m, position) => {
    const v = verdicts.get(m.messageId);
    return {
      position, messageId: m.messageId, senderId: m.senderId, text: m.text,
      evidentFor: o.label.categories.filter((c) => (o.label.evidentIndex[c] ?? 0) === position),
      verdict: v ? {
        action: v.action, escalation: v.escalation?.priority ?? null,
        categories: v.categories.map((c) => ({ category: c.category, score: c.score ?? null })), reasons: [...(v.reasons ?? [])],
      } : null,
    };
  });
}

export function evaluate(input: EvalInput, b: BootstrapOptions): EvalResult {
  const os = outcomes(input);
  const categories = [...new Set(os.flatMap((o) => [...o.label.categories, ...o.raisedAt.keys()]))].sort();
  const statistics = ratioStatistics(os, categories);
  const point = statistics(new Uint32Array(os.length).fill(1));
  const cis = bootstrapIntervals(os.length, statistics, b);
  const est = (k: number): Estimate => ({ value: point[k] ?? null, ci: point[k] === null ? null : cis[k] ?? null });

  const perCategory = categories.map((c, k): CategoryResult => {
    let positives = 0, raised = 0, detected = 0, spurious = 0;
    const delays: number[] = [];
    for (const o of os) {
      const labelled = o.label.categories.includes(c), at = o.raisedAt.get(c);
      if (labelled) positives++;
      if (at === undefined) continue;
      raised++;
      if (labelled) { detected++; delays.push(at - (o.label.evidentIndex[c] ?? 0)); } else if (o.label.categories.length) spurious++;
    }
    return {
      category: c, positives, raised, detected, spurious, precision: est(3 * k), recall: est(3 * k + 1), f1: est(3 * k + 2),
      delays, medianDelay: median(delays), p90Delay: percentileRank(delays, 0.9), lateOver2: delays.filter((d) => d > 2).length,
    };
  });
  const n = categories.length * 3;
  const positive = os.filter((o) => o.label.categories.length);
  const benign = os.filter((o) => !o.label.categories.length);

  const rows = [...categories.filter((c) => positive.some((o) => o.label.categories.includes(c))), BENIGN];
  const columns = [...categories.filter((c) => os.some((o) => o.raisedAt.has(c))), NOTHING];
  const counts = rows.map((row) => {
    const inRow = os.filter((o) => (row === BENIGN ? !o.label.categories.length : o.label.categories.includes(row)));
    return columns.map((col) => inRow.filter((o) => (col === NOTHING ? o.raisedAt.size === 0
      : o.raisedAt.has(col) && (col === row || !o.label.categories.includes(col)))).length);
  });

  const misses: MissItem[] = [];
  const falseAlarms: FalseAlarmItem[] = [];
  for (const o of os) {
    const labelled = [...o.label.categories], raised = [...o.raisedAt.keys()];
    const missed = labelled.filter((c) => !o.raisedAt.has(c));
    if (missed.length) misses.push({ conversationId: o.conversationId, labelled, missed, raised, messages: view(o, input.verdicts) });
    const extra = raised.filter((c) => !labelled.includes(c));
    const isBenign = !labelled.length;
    if ((isBenign && o.soft) || extra.length) {
      const severity = (isBenign ? o.hard : extra.some((c) => o.raisedHard.has(c))) ? 'hard' : 'soft';
      falseAlarms.push({ conversationId: o.conversationId, labelled, categories: extra, severity, messages: view(o, input.verdicts) });
    }
  }

  return {
    conversations: os.length, messages: os.reduce((s, o) => s + o.messages.length, 0), missingVerdicts: os.reduce((s, o) => s + o.missing, 0),
    positiveConversations: positive.length, benign: benign.length, perCategory,
    microRecall: est(n), macroRecall: est(n + 1),
    anyCategoryRecall: ratio(positive.filter((o) => o.soft).length, positive.length),
    benignHard: { count: benign.filter((o) => o.hard).length, rate: est(n + 2) },
    benignSoft: { count: benign.filter((o) => !o.hard && o.soft).length, rate: est(n + 3) },
    benignP0: { escalations: benign.reduce((s, o) => s + o.p0, 0), conversations: benign.filter((o) => o.p0 > 0).length },
    confusion: { rows, columns, counts }, misses, falseAlarms, bootstrap: b,
  };
}
