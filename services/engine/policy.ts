/**
 * Policy decision: from asserted categories (with their sources), signals and context facts to an
 * action, an optional escalation and an optional enforcement against the sender, with reasons.
 * Pure function of its inputs; the policy file format lives in policy-file.ts.
 */
import type { Action, CategoryScore, Enforcement, EscalationRequest, Priority, SignalHit } from '../contracts/types.js';
import type { ContextOutcome } from './context/observe.js';
import { ACTIONS, type Policy } from './policy-file.js';
import { SIGNALS } from '../contracts/taxonomy.js';

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

/** Decides what to do with one message. `senderId` is the enforcement target. */
export function decide(policy: Policy, outcome: ContextOutcome, senderId: string): Decision {
  const reasons: string[] = [];
  let action: Action = 'allow';
  let escalation: EscalationRequest | null = null;
  let enforcement: Enforcement | null = null;
  const categories: CategoryScore[] = [];
  const corr = policy.corroboration;
  for (let ai = 0; ai < outcome.asserted.length; ai++) {
    const c = outcome.asserted[ai]!;
    const ev = outcome.categories[c]!;
    const pc = policy.categories[c];
    let modelOnly = true;
    for (let i = 0; i < ev.sources.length && modelOnly; i++) modelOnly = ev.sources[i]!.startsWith('model:');
    const kinds = outcome.support[c] ?? [];
    const framed = outcome.framed.includes(c);
    let a = actionFor(ev.score, pc);
    const caps: string[] = [];
    if (modelOnly && rank(a) > rank(policy.modelOnly.maxAction)) { a = capAt(a, policy.modelOnly.maxAction); caps.push('model only'); }
    if (outcome.victim && rank(a) > rank(policy.victim.maxAction)) { a = capAt(a, policy.victim.maxAction); caps.push('sender is the target'); }
    if (framed && rank(a) > rank(corr.framed.maxAction)) { a = capAt(a, corr.framed.maxAction); caps.push('framed as report, warning or banter'); }
    if (a === 'block' && kinds.length < corr.minKinds.block) a = 'hold';
    if (a === 'hold' && kinds.length < corr.minKinds.hold && rank(a) > rank(corr.uncorroboratedMaxAction)) {
      a = capAt(a, corr.uncorroboratedMaxAction);
      caps.push(`uncorroborated: ${kinds.join('+') || 'no support'}`);
    }
    if (rank(a) > rank(action)) action = a;
    categories.push({ category: c, score: ev.score, sources: ev.sources });
    let line = `${c} ${ev.score.toFixed(2)} [${ev.sources.join(', ')}] → ${a}${caps.length ? ` (capped: ${caps.join(', ')})` : ''}`;
    const corroborated = kinds.length >= corr.minKinds.escalate;
    if (pc.escalate && ev.score >= pc.escalate.minScore && (!modelOnly || policy.modelOnly.escalate) && corroborated && (!framed || corr.framed.escalate)) {
      let priority = pc.escalate.priority;
      if (priority === 'P0' && !corr.p0.requireKinds.every((k) => kinds.includes(k))) priority = corr.p0.downgradeTo;
      if (!escalation || PRIO_RANK[priority] < PRIO_RANK[escalation.priority]) {
        escalation = { priority, reason: `${c} (score ${ev.score.toFixed(2)}; ${kinds.join('+')})` };
      }
      line += `, escalate ${priority}${priority !== pc.escalate.priority ? ` (${pc.escalate.priority} needs ${corr.p0.requireKinds.join('+')})` : ''}`;
    }
    if (pc.enforce && ev.score >= pc.enforce.minScore && !outcome.victim && !modelOnly && !framed && kinds.length >= corr.minKinds.hold) {
      const e: Enforcement = { action: pc.enforce.action, targetUserId: senderId, durationMs: pc.enforce.durationMs, reason: `${c} (score ${ev.score.toFixed(2)})` };
      if (!enforcement || stronger(e, enforcement)) enforcement = e;
      line += `, ${pc.enforce.action} sender`;
    }
    reasons.push(line);
  }
  const signals: SignalHit[] = [];
  for (let i = 0; i < SIGNALS.length; i++) {
    const s = SIGNALS[i]!;
    const e = outcome.signals[s];
    if (e && e.score >= 0.5) signals.push({ signal: s, score: e.score, sources: e.sources });
  }
  if (action === 'allow' && signals.length && policy.senderRisk.flagAt !== null && outcome.senderRisk >= policy.senderRisk.flagAt) {
    action = 'flag';
    reasons.push(`sender risk ${outcome.senderRisk.toFixed(2)} across conversations with signals ${signals.map((s) => s.signal).join(', ')} → flag`);
  }
  return { action, categories, signals, escalation, enforcement, reasons: outcome.reasons.length ? reasons.concat(outcome.reasons) : reasons };
}

function stronger(a: Enforcement, b: Enforcement): boolean {
  if (a.action !== b.action) return a.action === 'suspend';
  if (a.durationMs === null) return b.durationMs !== null;
  return b.durationMs !== null && a.durationMs > b.durationMs;
}
