import type { Label } from '../../contracts/taxonomy.js';
import type { Cue } from '../context/cues.js';

/** What a rule asserts: a category, a signal, or a context cue (`cue:<name>`, context/cues.ts). */
export type RuleLabel = Label | `cue:${Cue}`;
export type RuleKind = 'category' | 'signal' | 'cue';
import type { NormalisedText } from '../normalise.js';
import { VigieError } from '../../contracts/errors.js';

export type Lang = 'fr' | 'en';

/** One rule that fired on a message. `span` is the matched token range [start, end] (inclusive) in `norm.tokens`. */
export interface RuleHit {
  ruleId: string;
  label: RuleLabel;
  weight: number;
  kind: RuleKind;
  span: [number, number];
}

/** One token position of a compiled phrase. */
export type TokenTest =
  | { kind: 'lit'; word: string }
  | { kind: 'any' }
  | { kind: 'num'; min: number; max: number; age: boolean };

/**
 * A pattern side compiled as a position automaton (Glushkov): one position per token test, the
 * positions a match may start with (`first`) and end with (`last`), and for each position the
 * positions that may follow it. No epsilon moves and no cycles, so matching is a bounded state-set walk.
 */
export interface Phrase {
  tests: TokenTest[];
  first: number[];
  last: number[];
  follow: number[][];
}

export interface RuleDef {
  id: string;
  label: RuleLabel;
  kind: RuleKind;
  langs: Lang[];
  weight: number;
  /** Matches when any alternative of `phrase` occurs, or (with `near`) when `phrase` and `near.phrase` occur within `near.window` tokens. */
  phrase: Phrase;
  near: { phrase: Phrase; window: number } | null;
  /** Suppresses the hit when this phrase occurs within `window` tokens of it (anywhere when window is null). */
  unless: { phrase: Phrase; window: number | null } | null;
  source: { file: string; line: number; text: string };
  /**
   * Context cues the rule also sets (field `cue=<name>[,<name>]`, category and signal rules only): each time the rule
   * fires, one cue hit per name follows its hit, with the same ruleId, weight and span. Absent when none.
   */
  cues?: readonly `cue:${Cue}`[];
}

/** A problem found in a rule file: where, what, and how to fix it. */
export interface RuleProblem {
  file: string;
  line: number;
  message: string;
  hint: string;
}

export interface RuleSet {
  /** Version string of the rule files (rules/manifest.json), reported in verdicts as `rulesVersion`. */
  readonly version: string;
  readonly rules: readonly RuleDef[];
  /** Every rule that fires on the message, at most one hit per rule (its first unsuppressed match). Linear in the token count. */
  match(norm: NormalisedText): RuleHit[];
}

export function formatProblem(p: RuleProblem): string {
  return `${p.file}:${p.line}: ${p.message}${p.hint ? ` (hint: ${p.hint})` : ''}`;
}

/** Rule files are invalid. Lists every problem found; never retriable (fix the files). */
export class RuleSetError extends VigieError {
  readonly problems: RuleProblem[];
  constructor(problems: RuleProblem[]) {
    super(`invalid rules (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.map(formatProblem).join('\n  ')}`, { retriable: false });
    this.problems = problems;
  }
}
