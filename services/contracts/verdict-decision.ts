/**
 * A verdict's decision in a few bits, for comparing millions of verdicts in bounded memory:
 * action (2 bits), escalation priority (2), enforcement (2), asserted categories (8-bit set), and
 * the highest category score quantised to 1/32 (5 bits, for score distributions only — never
 * compared). Two verdicts "decide the same" when action, escalation priority, enforcement and the
 * set of asserted categories are equal.
 */
import { CATEGORIES, type Category } from './taxonomy.js';

export const ACTIONS = ['allow', 'flag', 'hold', 'block'] as const;
const PRIORITIES = [null, 'P0', 'P1', 'P2'] as const;
const ENFORCEMENTS = [null, 'mute', 'suspend'] as const;

export interface DecisionLike {
  action: string;
  categories: { category: string; score: number }[];
  escalation: { priority: string } | null;
  enforcement: { action: string } | null;
}

export function packDecision(v: DecisionLike): number {
  const a = Math.max(0, ACTIONS.indexOf(v.action as (typeof ACTIONS)[number]));
  const e = Math.max(0, PRIORITIES.indexOf((v.escalation?.priority ?? null) as (typeof PRIORITIES)[number]));
  const f = Math.max(0, ENFORCEMENTS.indexOf((v.enforcement?.action ?? null) as (typeof ENFORCEMENTS)[number]));
  let cats = 0, top = 0;
  for (const c of v.categories) {
    const i = CATEGORIES.indexOf(c.category as Category);
    if (i >= 0) cats |= 1 << i;
    if (c.score > top) top = c.score;
  }
  const q = Math.min(31, Math.floor(top * 32));
  return a | (e << 2) | (f << 4) | (cats << 6) | (q << 14);
}

/** The compared part (everything but the score). */
export const decisionKey = (p: number): number => p & 0x3fff;
export const sameDecision = (a: number, b: number): boolean => decisionKey(a) === decisionKey(b);
export const actionOf = (p: number): (typeof ACTIONS)[number] => ACTIONS[p & 3]!;
export const escalationOf = (p: number): string | null => PRIORITIES[(p >> 2) & 3]!;
export const enforcementOf = (p: number): string | null => ENFORCEMENTS[(p >> 4) & 3] ?? null;
export const categoriesOf = (p: number): Category[] => CATEGORIES.filter((_, i) => (p >> (6 + i)) & 1);
/** Highest category score, as the lower edge of its 1/32 bin. */
export const topScoreOf = (p: number): number => ((p >> 14) & 31) / 32;

/** What changed between two packed decisions, e.g. ["action flag→block", "categories +ambush"]. */
export function describeChange(before: number, after: number): string[] {
  const out: string[] = [];
  if (actionOf(before) !== actionOf(after)) out.push(`action ${actionOf(before)}→${actionOf(after)}`);
  if (escalationOf(before) !== escalationOf(after)) out.push(`escalation ${escalationOf(before) ?? 'none'}→${escalationOf(after) ?? 'none'}`);
  if (enforcementOf(before) !== enforcementOf(after)) out.push(`enforcement ${enforcementOf(before) ?? 'none'}→${enforcementOf(after) ?? 'none'}`);
  const b = new Set(categoriesOf(before)), a = new Set(categoriesOf(after));
  const plus = [...a].filter((c) => !b.has(c)), minus = [...b].filter((c) => !a.has(c));
  if (plus.length || minus.length) out.push(`categories ${[...plus.map((c) => `+${c}`), ...minus.map((c) => `-${c}`)].join(' ')}`);
  return out;
}
