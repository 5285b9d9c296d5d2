/**
 * Stop 38: where a drugging with no purpose said stays below P0 (derive.ts sedation-plan, Finding.belowP0). A sedative put into
 * someone's drink or food with no incapacity wished for, no sexual intent and no refusal or taking her away, said while the
 * conversation is about care (medical or ward talk, vital care of a drunk friend, an elder's own medicine: a stroke, dementia, a care
 * home): a carer's "can't we put it in her tea?" is reviewed (P1), not an emergency. Outside care talk the plan stays P0.
 */
import { anyLive, type Cue } from './cues.js';

// Not `care` (« je la ramène », "take her home" are also how a plan takes her away).
const CARE_CONTEXT: readonly Cue[] = ['medical', 'ward', 'vital_care', 'care_meds'];

/** `has` reads the conversation's live cues (derive.ts liveCue over the derivation's span). */
export function belowP0Context(has: (k: Cue) => boolean): boolean {
  return anyLive(has, CARE_CONTEXT);
}

/**
 * Stop 43 (det43p): what makes a drugging a plan rather than a story (issue 10: no P0 on a benign conversation). A sedative in
 * someone's drink with her state said is also how a friend tells what happened to her (« on lui a mis un truc dans son verre… elle
 * se souvenait de rien »), how a paramedic tells a night shift, how a student asks whether GHB shows in a glass. A P0 needs the
 * plan said: the dose to come or what it is for (`dose_plan`, rules/d43p.rules), the speaker's own plan (`own_plan`), her refusal,
 * taking her away or to a place, a goal (her signature, her money), drinks pushed on her, or sexual intent. Without it the
 * finding is held and escalated P1 (review), never dropped.
 */
// Not `go_plan` (review): the friends' own night out is how a warning or an account starts too.
const PLAN_SAID: readonly Cue[] = ['dose_plan', 'own_plan', 'reluctant', 'isolate', 'dfa_motive', 'dfa_goal', 'drink_push', 'private_place', 'lodging'];

export function planSaid(has: (k: Cue) => boolean): boolean {
  return anyLive(has, PLAN_SAID);
}
