/**
 * Stop 38: P0 discipline (issue 10: "No P0 from a single model score", "P0/P1 need corroboration").
 * - `minorSextortion`: the target's images held with a condition or a threat to spread them, against a minor (stated age,
 *   school grade or profile). Sextortion alone is harassment (no escalation); against a child it is an emergency, escalated P0
 *   as child grooming (the age said earlier and the images held or the threat are independent evidence across messages).
 * - `belowP0Of`: a derivation may say its finding holds and escalates but not at P0 on its own (derive.ts Finding.belowP0:
 *   a sedative put into someone's drink with no purpose said: no incapacity wished for, no sexual intent, no refusal or taking
 *   her away). The category stays below P0 on that message unless another derivation of the same category on it is not so
 *   bounded; a later message that says the purpose completes the plan again and escalates P0 then (the bar is read over the
 *   conversation's live cues, not the firing message's own).
 */
import type { Category } from '../../contracts/taxonomy.js';
import { extortsAcross, isMinor, type Finding, type View } from './derive.js';
import { EMPTY_LIST } from '../empty-list.js';

const NONE: readonly Finding[] = EMPTY_LIST;

export function minorSextortion(v: View): readonly Finding[] {
  const extort = v.cue.has('sextortion') || ((v.cue.has('held_images') || v.cue.has('spread_threat')) && extortsAcross(v));
  if (!extort) return NONE;
  return minorSextortionGated(v);
}

/** minorSextortion past its gate (see GATED at the top of derive.ts). */
function minorSextortionGated(v: View): readonly Finding[] {
  const people = v.conv.people;
  const keys = v.targets.length ? v.targets : Object.keys(people).filter((k) => k !== v.senderKey);
  const minor = keys.find((k) => k !== v.senderKey && people[k] && isMinor(people[k]!));
  if (minor === undefined || isMinor(v.sender)) return NONE;
  return [{ category: 'child_grooming', score: 0.85, source: 'context:minor-sextortion', offender: v.senderId, across: true,
    reason: `${v.senderId} holds a minor's images and sets a condition or threatens to spread them (sextortion of a child)` }];
}

/** The categories of `findings` whose every derivation (context finding) is marked below P0; null when none. */
export function belowP0Of(findings: readonly Finding[]): Category[] | null {
  let out: Category[] | null = null;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (!f.belowP0) continue;
    let bounded = true;
    for (let j = 0; j < findings.length && bounded; j++) {
      const g = findings[j]!;
      if (g.category === f.category && !g.belowP0 && DERIVED.test(g.source)) bounded = false;
    }
    if (bounded && !(out ??= []).includes(f.category)) out.push(f.category);
  }
  return out;
}

/**
 * Stop 51 (det51): for each category of `below` (belowP0Of's answer), what holds it there in the reason line's words
 * (Finding.belowP0Why: « arranged with the family... »); undefined when no bounded finding says (a drugging with no purpose said).
 */
export function belowP0WhyOf(findings: readonly Finding[], below: readonly Category[]): Partial<Record<Category, string>> | undefined {
  let out: Partial<Record<Category, string>> | undefined;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.belowP0 && f.belowP0Why !== undefined && below.includes(f.category) && (out === undefined || out[f.category] === undefined)) {
      (out ??= {})[f.category] = f.belowP0Why;
    }
  }
  return out;
}

/** Derivation sources (not accumulation, continuity or the sender's pattern across conversations). */
const DERIVED = /^context:(?!accumulated$|ongoing$|sender-pattern$)/;
