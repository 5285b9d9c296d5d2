/**
 * Policy decision: from asserted categories (with their sources), signals and context facts to an
 * action, an optional escalation and an optional enforcement against the sender, with reasons.
 * Pure function of its inputs; the policy file format lives in policy-file.ts.
 */
import type { Action, CategoryScore, Enforcement, EscalationRequest, Priority, SignalHit } from '../contracts/types.js';
import type { ContextOutcome } from './context/observe.js';
import { ACTIONS, type Policy, type SupportKind } from './policy-file.js';
import { SIGNALS, type Category } from '../contracts/taxonomy.js';
import { scoreOnly } from './evidence-source.js';
import { EMPTY_LIST } from './empty-list.js';

export { compilePolicy, POLICY_FORMAT, SUPPORT_KINDS, type Policy, type CategoryPolicy, type SupportKind } from './policy-file.js';

export interface Decision {
  action: Action;
  categories: CategoryScore[];
  signals: SignalHit[];
  escalation: EscalationRequest | null;
  enforcement: Enforcement | null;
  reasons: string[];
}

const rank = (a: Action): number => ACTIONS.indexOf(a);
const capAt = (a: Action, cap: Action): Action => (rank(a) > rank(cap) ? cap : a);
const PRIO_RANK: Record<Priority, number> = { P0: 0, P1: 1, P2: 2 };

function actionFor(score: number, t: { flagAt: number | null; holdAt: number | null; blockAt: number | null }): Action {
  if (t.blockAt !== null && score >= t.blockAt) return 'block';
  if (t.holdAt !== null && score >= t.holdAt) return 'hold';
  if (t.flagAt !== null && score >= t.flagAt) return 'flag';
  return 'allow';
}

/**
 * Decides what to do with one message. `senderId` is the enforcement target. Each asserted category is judged by a
 * function of its own (`judge`, reached on a minority of messages): its rarely taken branches, when first reached,
 * deoptimise that small function and not this one, which every message runs.
 */
export function decide(policy: Policy, outcome: ContextOutcome, senderId: string, into?: Decision): Decision {
  // `into`: the engine's verdict, its decision fields set here (allow, empty lists, nulls) and filled: the decision is
  // not built apart and copied into the verdict (issue 14, round 41). Whatever those fields held is overwritten.
  // The three lists start as shared frozen empties (issue 14, round 42b: most messages add nothing to them) and are
  // replaced by a fresh array on their first entry; anything that adds to a decision's list goes through withEntry (or ownList).
  let d: Decision;
  if (into === undefined) d = { action: 'allow', categories: NO_CATEGORY_SCORES, signals: NO_SIGNAL_HITS, escalation: null, enforcement: null, reasons: NO_REASON_LINES };
  else {
    d = into;
    d.action = 'allow'; d.categories = NO_CATEGORY_SCORES; d.signals = NO_SIGNAL_HITS; d.escalation = null; d.enforcement = null; d.reasons = NO_REASON_LINES;
  }
  for (let ai = 0; ai < outcome.asserted.length; ai++) judge(policy, outcome, senderId, outcome.asserted[ai]!, d);
  for (let i = 0; i < SIGNALS.length; i++) {
    const s = SIGNALS[i]!;
    const e = outcome.signals[s];
    if (e && e.score >= 0.5) d.signals = withEntry(d.signals, { signal: s, score: e.score, sources: e.sources });
  }
  const signals = d.signals;
  if (d.action === 'allow' && signals.length && policy.senderRisk.flagAt !== null && outcome.senderRisk >= policy.senderRisk.flagAt) {
    d.action = 'flag';
    d.reasons = withEntry(d.reasons, `sender risk ${outcome.senderRisk.toFixed(2)} across conversations with signals ${signals.map((s) => s.signal).join(', ')} → flag`);
  }
  // No copy when the policy added no reason (most messages): the outcome's reasons are this message's own array. Read
  // only in the outcome's type because the shared EMPTY_LIST stands for none; a list with lines is observe's fresh copy
  // for this message alone, so the verdict may take it as its own (and add to it later, as second-harm does).
  if (outcome.reasons.length) d.reasons = d.reasons.length ? d.reasons.concat(outcome.reasons) : outcome.reasons as string[];
  return d;
}

/** One asserted category `c`: its action (capped), score line, escalation and enforcement, merged into `d`. */
function judge(policy: Policy, outcome: ContextOutcome, senderId: string, c: Category, d: Decision): void {
  const corr = policy.corroboration;
  const ev = outcome.categories[c]!;
  const pc = policy.categories[c];
  let modelOnly = true;
  for (let i = 0; i < ev.sources.length && modelOnly; i++) modelOnly = scoreOnly(ev.sources[i]!);
  const kinds = outcome.support[c] ?? NO_KINDS;
  const framed = outcome.framed.includes(c);
  let a = actionFor(ev.score, pc);
  // The caps as the text of the reason line (", "-separated), not an array joined at the end: no array per category.
  let caps = '';
  if (modelOnly && rank(a) > rank(policy.modelOnly.maxAction)) { a = capAt(a, policy.modelOnly.maxAction); caps = withCap(caps, 'model only'); }
  if (outcome.victim && rank(a) > rank(policy.victim.maxAction)) { a = capAt(a, policy.victim.maxAction); caps = withCap(caps, 'sender is the target'); }
  if (framed && rank(a) > rank(corr.framed.maxAction)) { a = capAt(a, corr.framed.maxAction); caps = withCap(caps, 'framed as report, warning or banter'); }
  if (a === 'block' && kinds.length < corr.minKinds.block) a = 'hold';
  if (a === 'hold' && kinds.length < corr.minKinds.hold && rank(a) > rank(corr.uncorroboratedMaxAction)) {
    a = capAt(a, corr.uncorroboratedMaxAction);
    caps = withCap(caps, `uncorroborated: ${kinds.join('+') || 'no support'}`);
  }
  if (rank(a) > rank(d.action)) d.action = a;
  d.categories = withEntry(d.categories, { category: c, score: ev.score, sources: ev.sources });
  const score2 = ev.score.toFixed(2);
  let line = `${c} ${score2} [${ev.sources.join(', ')}] → ${a}${caps ? ` (capped: ${caps})` : ''}`;
  const corroborated = kinds.length >= corr.minKinds.escalate;
  if (pc.escalate && ev.score >= pc.escalate.minScore && (!modelOnly || policy.modelOnly.escalate) && corroborated && (!framed || corr.framed.escalate)) {
    let priority = pc.escalate.priority;
    if (priority === 'P0' && !hasEvery(kinds, corr.p0.requireKinds)) priority = corr.p0.downgradeTo;
    // Stop 38 (p0-bar.ts): a derivation that said its finding is below P0 on its own (a drugging with no purpose said).
    const belowP0 = priority === 'P0' && outcome.belowP0 !== undefined && outcome.belowP0.includes(c);
    if (belowP0) priority = corr.p0.downgradeTo;
    if (!d.escalation || PRIO_RANK[priority] < PRIO_RANK[d.escalation.priority]) {
      d.escalation = { priority, reason: `${c} (score ${score2}; ${kinds.join('+')})` };
    }
    // Stop 51 (det51): a finding held below P0 by a frame names the frame (« held at P1: arranged with the family... »).
    const why = belowP0 ? outcome.belowP0Why?.[c] : undefined;
    line += `, escalate ${priority}${priority !== pc.escalate.priority ? ` (${why ?? `${pc.escalate.priority} needs ${belowP0 ? 'a purpose said (incapacity, sex, refusal)' : corr.p0.requireKinds.join('+')}`})` : ''}`;
  }
  // Stop 42: a declared minor is never suspended for grooming or drugging (a child's birthday secret, two teens): held and escalated only.
  const minorSpared = outcome.minorSender === true && NO_ENFORCE_ON_MINOR.includes(c);
  if (pc.enforce && ev.score >= pc.enforce.minScore && !outcome.victim && !minorSpared && !modelOnly && !framed && kinds.length >= corr.minKinds.hold) {
    const e: Enforcement = { action: pc.enforce.action, targetUserId: senderId, durationMs: pc.enforce.durationMs, reason: `${c} (score ${score2})` };
    if (!d.enforcement || stronger(e, d.enforcement)) d.enforcement = e;
    line += `, ${pc.enforce.action} sender`;
  }
  d.reasons = withEntry(d.reasons, line);
}

/**
 * A decision's lists before anything is added (issue 14, round 42b): the engine's one frozen EMPTY_LIST (mend51: it was
 * three frozen empties), shared by every decision that adds nothing (most allowed messages), where decide made three
 * new arrays a message. Typed as the decision's (mutable) lists, so they go through ownList or withEntry before any
 * entry is added; frozen, so a caller that pushed into one would throw instead of giving its entry to every later verdict.
 */
export const NO_CATEGORY_SCORES = EMPTY_LIST as unknown as CategoryScore[];
export const NO_SIGNAL_HITS = EMPTY_LIST as unknown as SignalHit[];
export const NO_REASON_LINES = EMPTY_LIST as unknown as string[];

/**
 * `xs` itself, or a new empty array in place of the shared empty: call it before adding to a decision's list. By
 * identity (one pointer comparison), not a call to `Object.isFrozen` on every entry added.
 */
export function ownList<T>(xs: T[]): T[] {
  return xs as unknown === EMPTY_LIST ? [] : xs;
}

/**
 * `xs` with `x` added at the end: `[x]` in place of the shared empty, else `xs` itself (pushed into). Issue 14, round 48:
 * a verdict's list nearly always ends with one entry, and `ownList(...)` then `push` grew a new empty array to 17 slots
 * (on Node's 64-bit heap a 32-byte array and a 152-byte store, 16 slots never used: 184 B); `[x]` is 56 B.
 */
export function withEntry<T>(xs: T[], x: T): T[] {
  if (xs as unknown === EMPTY_LIST) return [x];
  xs.push(x);
  return xs;
}

/** Categories for which a sender who declared an age under 18 is never enforced against (stop 42). */
const NO_ENFORCE_ON_MINOR: readonly Category[] = ['child_grooming', 'drug_facilitated_assault'];

/** The support of a category that has none (read only: shared, not an empty array per judged category). */
const NO_KINDS: readonly SupportKind[] = EMPTY_LIST;

/**
 * Whether `kinds` holds every one of `required` (`required.every((k) => kinds.includes(k))`). A loop apart from judge
 * (issue 14, round 46): that arrow read judge's `kinds`, so judge allocated a context record on every call.
 */
export function hasEvery(kinds: readonly SupportKind[], required: readonly SupportKind[]): boolean {
  for (let i = 0; i < required.length; i++) if (!kinds.includes(required[i]!)) return false;
  return true;
}

function withCap(caps: string, cap: string): string {
  return caps ? `${caps}, ${cap}` : cap;
}

function stronger(a: Enforcement, b: Enforcement): boolean {
  if (a.action !== b.action) return a.action === 'suspend';
  if (a.durationMs === null) return b.durationMs !== null;
  return b.durationMs !== null && a.durationMs > b.durationMs;
}
