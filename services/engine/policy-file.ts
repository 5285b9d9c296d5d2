/**
 * The policy file (policies/*.json, format `vigie-policy/1`): per-category thresholds, escalation
 * and enforcement. `compilePolicy` validates a parsed file and reports every problem at once.
 */
import { ConfigError } from '../contracts/errors.js';
import type { Action, EnforcementAction, Priority } from '../contracts/types.js';
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import { compileSecondHarm, SECOND_HARM_EVIDENCE, type CompiledSecondHarm, type SecondHarmPolicy } from './second-harm-policy.js';

export { SECOND_HARM_EVIDENCE, type SecondHarmEvidence, type SecondHarmPolicy } from './second-harm-policy.js';

export const POLICY_FORMAT = 'vigie-policy/1';
export const ACTIONS: readonly Action[] = ['allow', 'flag', 'hold', 'block'];
const PRIORITIES: readonly Priority[] = ['P0', 'P1', 'P2'];
const ENFORCEMENTS: readonly EnforcementAction[] = ['mute', 'suspend'];

export interface CategoryPolicy {
  /** Listed on the verdict (asserted) from this score. */
  assertAt: number;
  flagAt: number | null;
  holdAt: number | null;
  blockAt: number | null;
  escalate: { priority: Priority; minScore: number } | null;
  enforce: { action: EnforcementAction; minScore: number; durationMs: number | null } | null;
}

export interface Policy {
  format: typeof POLICY_FORMAT;
  version: string;
  description?: string;
  categories: Record<Category, CategoryPolicy>;
  /** Cap for categories supported only by the model (no rule, no context). */
  modelOnly: { maxAction: Action; escalate: boolean };
  /** Cap for messages whose sender is the identified target (e.g. the minor). */
  victim: { maxAction: Action };
  /** Flag messages carrying a signal when the sender's cross-conversation risk reaches this (null = off). */
  senderRisk: { flagAt: number | null };
  /** What a category needs, besides its score, before hold/block or escalation (see CorroborationPolicy). */
  corroboration: CorroborationPolicy;
  /** Stop 41 (second-harm.ts): beside a category already raised in the conversation, name a category that goes with it at flag. Absent or null = off. */
  secondHarm?: SecondHarmPolicy | null;
  /** `secondHarm` worked out by `compilePolicy` (what the engine reads on every message), null when it is off: no file key. */
  readonly secondHarmCompiled: CompiledSecondHarm | null;
}

/**
 * Kinds of support the context reports for a category on a message (ContextOutcome.support):
 * `rule` a rule hit on this message, `rules` a second distinct rule on it, `model` the model,
 * `context` a derivation that combines independent signals, `conversation` evidence from earlier
 * messages of the conversation (a derivation across messages, accumulation, an established offender).
 */
export const SUPPORT_KINDS = ['rule', 'rules', 'model', 'context', 'conversation'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export interface CorroborationPolicy {
  /** Distinct support kinds needed for each hard outcome; below it the action is capped at `uncorroboratedMaxAction`. */
  minKinds: { hold: number; block: number; escalate: number };
  uncorroboratedMaxAction: Action;
  /** A P0 escalation also needs these kinds; otherwise it is downgraded to `downgradeTo`. */
  p0: { requireKinds: SupportKind[]; downgradeTo: Priority };
  /** Categories whose evidence is framed as reported speech, a warning, news, care, banter...: capped, not escalated. */
  framed: { maxAction: Action; escalate: boolean };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScore = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;

function checkKeys(o: Record<string, unknown>, allowed: string[], where: string, p: string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) p.push(`${where}: unknown key "${k}" (allowed: ${allowed.join(', ')})`);
}

/**
 * Validates a parsed policy file; `file` names it in messages. Throws ConfigError listing every problem. Returns a
 * shallow copy of it with `secondHarmCompiled`.
 */
export function compilePolicy(raw: unknown, file = 'policy'): Policy {
  const p: string[] = [];
  if (!isObj(raw)) throw new ConfigError([`${file}: not a JSON object`]);
  checkKeys(raw, ['format', 'version', 'description', 'categories', 'modelOnly', 'victim', 'senderRisk', 'corroboration', 'secondHarm'], file, p);
  if (raw.format !== POLICY_FORMAT) p.push(`${file}: format must be "${POLICY_FORMAT}" (got ${JSON.stringify(raw.format)})`);
  if (typeof raw.version !== 'string' || !raw.version) p.push(`${file}: version must be a non-empty string`);
  if (raw.description !== undefined && typeof raw.description !== 'string') p.push(`${file}: description must be a string`);
  const cats = raw.categories;
  if (!isObj(cats)) p.push(`${file}: categories must be an object keyed by category`);
  else {
    for (const k of Object.keys(cats)) if (!(CATEGORIES as readonly string[]).includes(k)) p.push(`${file}: categories.${k} is not a category (known: ${CATEGORIES.join(', ')})`);
    for (const c of CATEGORIES) {
      const w = `${file}: categories.${c}`;
      const e = cats[c];
      if (!isObj(e)) { p.push(`${w} is missing`); continue; }
      checkKeys(e, ['assertAt', 'flagAt', 'holdAt', 'blockAt', 'escalate', 'enforce'], w, p);
      if (!isScore(e.assertAt)) p.push(`${w}.assertAt must be a number in 0..1`);
      const ladder: number[] = [];
      for (const k of ['flagAt', 'holdAt', 'blockAt'] as const) {
        if (e[k] === null) continue;
        if (!isScore(e[k])) p.push(`${w}.${k} must be a number in 0..1 or null`);
        else ladder.push(e[k]);
      }
      for (let i = 1; i < ladder.length; i++) if (ladder[i]! < ladder[i - 1]!) p.push(`${w}: thresholds must not decrease from flagAt to holdAt to blockAt`);
      if (isScore(e.assertAt) && ladder.length && ladder[0]! < e.assertAt) p.push(`${w}: the first action threshold (${ladder[0]}) is below assertAt (${e.assertAt}); a verdict would act on a category it does not list`);
      if (e.escalate !== null) {
        if (!isObj(e.escalate)) p.push(`${w}.escalate must be an object or null`);
        else {
          checkKeys(e.escalate, ['priority', 'minScore'], `${w}.escalate`, p);
          if (!PRIORITIES.includes(e.escalate.priority as Priority)) p.push(`${w}.escalate.priority must be one of ${PRIORITIES.join(', ')}`);
          if (!isScore(e.escalate.minScore)) p.push(`${w}.escalate.minScore must be a number in 0..1`);
        }
      }
      if (e.enforce !== null) {
        if (!isObj(e.enforce)) p.push(`${w}.enforce must be an object or null`);
        else {
          checkKeys(e.enforce, ['action', 'minScore', 'durationMs'], `${w}.enforce`, p);
          if (!ENFORCEMENTS.includes(e.enforce.action as EnforcementAction)) p.push(`${w}.enforce.action must be one of ${ENFORCEMENTS.join(', ')}`);
          if (!isScore(e.enforce.minScore)) p.push(`${w}.enforce.minScore must be a number in 0..1`);
          const d = e.enforce.durationMs;
          if (d !== null && !(Number.isInteger(d) && (d as number) > 0)) p.push(`${w}.enforce.durationMs must be a positive integer (ms) or null (indefinite)`);
        }
      }
    }
  }
  const capCheck = (o: unknown, name: string, keys: string[]): void => {
    if (!isObj(o)) { p.push(`${file}: ${name} must be an object`); return; }
    checkKeys(o, keys, `${file}: ${name}`, p);
    if ('maxAction' in o && !ACTIONS.includes(o.maxAction as Action)) p.push(`${file}: ${name}.maxAction must be one of ${ACTIONS.join(', ')}`);
  };
  capCheck(raw.modelOnly, 'modelOnly', ['maxAction', 'escalate']);
  if (isObj(raw.modelOnly) && typeof raw.modelOnly.escalate !== 'boolean') p.push(`${file}: modelOnly.escalate must be true or false`);
  capCheck(raw.victim, 'victim', ['maxAction']);
  if (!isObj(raw.senderRisk)) p.push(`${file}: senderRisk must be an object`);
  else {
    checkKeys(raw.senderRisk, ['flagAt'], `${file}: senderRisk`, p);
    if (raw.senderRisk.flagAt !== null && !isScore(raw.senderRisk.flagAt)) p.push(`${file}: senderRisk.flagAt must be a number in 0..1 or null`);
  }
  checkCorroboration(raw.corroboration, `${file}: corroboration`, p);
  if (raw.secondHarm !== undefined && raw.secondHarm !== null) checkSecondHarm(raw.secondHarm, `${file}: secondHarm`, p);
  if (p.length) throw new ConfigError(p);
  // A copy carrying the compiled second harm: the file's object is left as read, and a policy edited and compiled
  // again is compiled again (no cache keyed by the section's identity).
  const sh = raw.secondHarm as SecondHarmPolicy | null | undefined;
  return { ...(raw as unknown as Omit<Policy, 'secondHarmCompiled'>), secondHarmCompiled: sh ? compileSecondHarm(sh) : null };
}

function checkCorroboration(c: unknown, w: string, p: string[]): void {
  if (!isObj(c)) { p.push(`${w} must be an object (minKinds, uncorroboratedMaxAction, p0, framed)`); return; }
  checkKeys(c, ['description', 'minKinds', 'uncorroboratedMaxAction', 'p0', 'framed'], w, p);
  const kindCount = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= SUPPORT_KINDS.length;
  if (!isObj(c.minKinds)) p.push(`${w}.minKinds must be an object { hold, block, escalate }`);
  else {
    checkKeys(c.minKinds, ['hold', 'block', 'escalate'], `${w}.minKinds`, p);
    for (const k of ['hold', 'block', 'escalate']) {
      if (!kindCount(c.minKinds[k])) p.push(`${w}.minKinds.${k} must be an integer in 1..${SUPPORT_KINDS.length} (kinds: ${SUPPORT_KINDS.join(', ')})`);
    }
  }
  if (!ACTIONS.includes(c.uncorroboratedMaxAction as Action)) p.push(`${w}.uncorroboratedMaxAction must be one of ${ACTIONS.join(', ')}`);
  if (!isObj(c.p0)) p.push(`${w}.p0 must be an object { requireKinds, downgradeTo }`);
  else {
    checkKeys(c.p0, ['requireKinds', 'downgradeTo'], `${w}.p0`, p);
    const rk = c.p0.requireKinds;
    if (!Array.isArray(rk) || rk.some((k) => !(SUPPORT_KINDS as readonly unknown[]).includes(k))) {
      p.push(`${w}.p0.requireKinds must be a list of kinds among ${SUPPORT_KINDS.join(', ')}`);
    }
    if (!PRIORITIES.includes(c.p0.downgradeTo as Priority) || c.p0.downgradeTo === 'P0') p.push(`${w}.p0.downgradeTo must be P1 or P2`);
  }
  if (!isObj(c.framed)) p.push(`${w}.framed must be an object { maxAction, escalate }`);
  else {
    checkKeys(c.framed, ['maxAction', 'escalate'], `${w}.framed`, p);
    if (!ACTIONS.includes(c.framed.maxAction as Action)) p.push(`${w}.framed.maxAction must be one of ${ACTIONS.join(', ')}`);
    if (typeof c.framed.escalate !== 'boolean') p.push(`${w}.framed.escalate must be true or false`);
  }
}

function checkSecondHarm(c: unknown, w: string, p: string[]): void {
  if (!isObj(c)) { p.push(`${w} must be an object (raisedAt, within, nameAt, pairs) or null`); return; }
  checkKeys(c, ['description', 'raisedAt', 'within', 'nameAt', 'nameAtByCategory', 'nameAtByPair', 'afterRaise', 'evidence', 'pairs'], w, p);
  if (c.afterRaise !== undefined && typeof c.afterRaise !== 'boolean') p.push(`${w}.afterRaise must be true or false`);
  if (c.evidence !== undefined && (!Array.isArray(c.evidence) || !c.evidence.length || c.evidence.some((k) => !(SECOND_HARM_EVIDENCE as readonly unknown[]).includes(k)))) {
    p.push(`${w}.evidence must be a non-empty list among ${SECOND_HARM_EVIDENCE.join(', ')}`);
  }
  if (c.raisedAt !== 'flag' && c.raisedAt !== 'hold') p.push(`${w}.raisedAt must be "flag" or "hold"`);
  if (!(Number.isInteger(c.within) && (c.within as number) >= 0)) p.push(`${w}.within must be a non-negative integer (messages)`);
  if (!isScore(c.nameAt)) p.push(`${w}.nameAt must be a number in 0..1`);
  const isCat = (k: unknown): boolean => (CATEGORIES as readonly unknown[]).includes(k);
  if (c.nameAtByCategory !== undefined) {
    if (!isObj(c.nameAtByCategory)) p.push(`${w}.nameAtByCategory must be an object keyed by category`);
    else for (const [k, v] of Object.entries(c.nameAtByCategory)) if (!isCat(k) || !isScore(v)) p.push(`${w}.nameAtByCategory.${k} must be a category with a number in 0..1`);
  }
  if (c.nameAtByPair !== undefined) {
    if (!isObj(c.nameAtByPair)) p.push(`${w}.nameAtByPair must be an object: category → { category: score }`);
    else {
      for (const [x, ys] of Object.entries(c.nameAtByPair)) {
        const listed = isObj(c.pairs) && Array.isArray(c.pairs[x]) ? c.pairs[x] as unknown[] : [];
        if (!isCat(x) || !isObj(ys)) { p.push(`${w}.nameAtByPair.${x} must be a category with an object { category: score }`); continue; }
        for (const [y, v] of Object.entries(ys)) {
          if (!listed.includes(y) || !isScore(v)) p.push(`${w}.nameAtByPair.${x}.${y} must be a category paired with ${x} in pairs, with a number in 0..1`);
        }
      }
    }
  }
  if (!isObj(c.pairs)) p.push(`${w}.pairs must be an object: category → list of categories`);
  else {
    for (const [k, v] of Object.entries(c.pairs)) {
      if (!isCat(k) || !Array.isArray(v) || v.some((y) => !isCat(y) || y === k)) p.push(`${w}.pairs.${k} must be a category with a list of other categories`);
    }
  }
}
