/**
 * Stop 38: where a drugging with no purpose said stays below P0 (derive.ts sedation-plan, Finding.belowP0). A sedative put into
 * someone's drink or food with no incapacity wished for, no sexual intent and no refusal or taking her away, said while the
 * conversation is about care (medical or ward talk, vital care of a drunk friend, an elder's own medicine: a stroke, dementia, a care
 * home): a carer's "can't we put it in her tea?" is reviewed (P1), not an emergency. Outside care talk the plan stays P0.
 */
import type { Cue } from './cues.js';

// Not `care` (« je la ramène », "take her home" are also how a plan takes her away).
const CARE_CONTEXT: readonly Cue[] = ['medical', 'ward', 'vital_care', 'care_meds'];

/** `has` reads the conversation's live cues (derive.ts liveCue over the derivation's span). */
export function belowP0Context(has: (k: Cue) => boolean): boolean {
  for (let i = 0; i < CARE_CONTEXT.length; i++) if (has(CARE_CONTEXT[i]!)) return true;
  return false;
}
