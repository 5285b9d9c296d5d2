/**
 * The second harm's policy section (policy `secondHarm`, second-harm.ts): its shape (checked by policy-file.ts) and its
 * compiled form, worked out once when the policy is compiled (`compilePolicy` keeps it on the policy as
 * `secondHarmCompiled`): what the engine reads of it on every message.
 */
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';

export const SECOND_HARM_EVIDENCE = ['context', 'message', 'window'] as const;
export type SecondHarmEvidence = (typeof SECOND_HARM_EVIDENCE)[number];

/** Naming the second harm (second-harm.ts): flag only, never hold, block, escalation or enforcement. */
export interface SecondHarmPolicy {
  /** The conversation counts as raised for X from a verdict acting at this action or above that lists X at its threshold. */
  raisedAt: 'flag' | 'hold';
  /** Messages between X's raise and Y's evidence (either order). */
  within: number;
  /** Y is named from this score of its best evidence on a message (models' calibrated scores below their floor included). */
  nameAt: number;
  nameAtByCategory?: Partial<Record<Category, number>>;
  /**
   * X → Y → the score Y is named from beside X (over `nameAtByCategory` and `nameAt`): a pair whose two categories are
   * told in the same words (a drugging and the drugs, an ambush and its violence) asks more of Y's evidence, since the
   * window model's score for Y on a window about X is partly X's own words.
   */
  nameAtByPair?: Partial<Record<Category, Partial<Record<Category, number>>>>;
  /**
   * Y's evidence counts only from X's raise on (the raise's own message included), not from before it: told before any
   * raise, with nothing acting, it is the window model reading an opening. Default false (stop 41: either order).
   */
  afterRaise?: boolean;
  /** The kinds of Y's evidence read (default all): `context` (rules, cues, derivations), `message` and `window` (the models' scores). */
  evidence?: SecondHarmEvidence[];
  /** X → the categories that may be named beside it. */
  pairs: Partial<Record<Category, Category[]>>;
}

/**
 * What `best` reads of a second-harm policy, worked out once per compiled policy (issue 14, round 42; stop 43 tidy43: on the
 * compiled policy, no longer a module-level cache of the last policy seen, which read a policy edited in place stale):
 * the evidence kinds as three flags and each category's lowest naming score by category index, where each message
 * asked `evidence.includes` three times and `nameAtByCategory` once per category.
 */
export interface CompiledSecondHarm {
  /** The section compiled (the thresholds by pair and `within` are read from it). */
  readonly policy: SecondHarmPolicy;
  readonly context: boolean;
  readonly message: boolean;
  readonly window: boolean;
  /**
   * The lowest score CATEGORIES[i] could be named from beside any X (`nameAtByCategory[c] ?? nameAt`, or a lower
   * `nameAtByPair`): a candidate below it is never kept.
   */
  readonly lowest: readonly number[];
  /** `afterRaise`. */
  readonly after: boolean;
}

const ALL_EVIDENCE: readonly SecondHarmEvidence[] = ['context', 'message', 'window'];

export function compileSecondHarm(sh: SecondHarmPolicy): CompiledSecondHarm {
  const kinds = sh.evidence ?? ALL_EVIDENCE;
  return {
    policy: sh,
    context: kinds.includes('context'), message: kinds.includes('message'), window: kinds.includes('window'),
    lowest: CATEGORIES.map((y) => lowestNameAt(sh, y)),
    after: sh.afterRaise === true,
  };
}

function nameAtOf(sh: SecondHarmPolicy, y: Category): number {
  return sh.nameAtByCategory?.[y] ?? sh.nameAt;
}

/** The score Y is named from beside X: the pair's own (`nameAtByPair`), else Y's. */
export function pairNameAt(sh: SecondHarmPolicy, x: Category, y: Category): number {
  return sh.nameAtByPair?.[x]?.[y] ?? nameAtOf(sh, y);
}

/** The lowest score Y could be named from beside any X. */
function lowestNameAt(sh: SecondHarmPolicy, y: Category): number {
  let at = nameAtOf(sh, y);
  const by = sh.nameAtByPair;
  if (by) for (const x of CATEGORIES) { const v = by[x]?.[y]; if (v !== undefined && v < at && sh.pairs[x]?.includes(y)) at = v; }
  return at;
}
