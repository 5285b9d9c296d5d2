/**
 * Stop 38 (P0 discipline): frames that keep a benign conversation from being held or escalated as a drugging while
 * leaving it listed for review (flag). The cue words live in rules/p0-discipline.rules.
 * - `vital_care`: friends looking after a drunk friend (is she breathing, the recovery position, the emergency number,
 *   staying with her, she poured her own drinks). The older `care` frame is lifted by any sedative, spike or pushed drink,
 *   so "did someone put something in her drink?" asked by a carer was held and escalated P0; this one is lifted only by
 *   what a carer never says: an incapacity wished for, taking her away, her refusal, sexual intent or the speaker's own plan,
 *   on the message or at any later one.
 * - `intervened`: an account told afterwards in which someone stepped in (the glass taken, security or the police called,
 *   a blood test, a complaint) or a story of the past told as such (« tu te souviens … on lui avait mis »). Policy: after-the-fact
 *   accounts are flagged, never held or P0. Lifted by a new plan (a time for it, the speaker's own plan) on the message or later.
 */
import type { Frame } from './frame.js';
import type { Cue } from './cues.js';

const PLAN_LIFTS: readonly Cue[] = ['want_out', 'isolate', 'reluctant', 'own_plan', 'dfa_goal'];

export const P0_FRAMES: readonly Frame[] = [
  { cue: 'vital_care', categories: ['drug_facilitated_assault'], factor: 0.6, window: 8, unless: ['sexual_content', ...PLAN_LIFTS], liftedAfter: PLAN_LIFTS, reason: 'looking after a drunk or unwell friend (breathing, recovery position, emergency number)' },
  { cue: 'intervened', categories: ['drug_facilitated_assault'], factor: 0.6, window: 8, unless: [...PLAN_LIFTS, 'when'], liftedAfter: [...PLAN_LIFTS, 'when'], reason: 'an account told afterwards in which someone stepped in (the glass taken, the police called)' },
];
