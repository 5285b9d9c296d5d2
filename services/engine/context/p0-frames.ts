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

/** A treatment's side effect (« il se souviendra de rien », "he won't remember") is no incapacity wished for: not a lift. */
const TREATMENT_LIFTS: readonly Cue[] = ['isolate', 'reluctant', 'own_plan', 'dfa_goal', 'body_comment'];

export const P0_FRAMES: readonly Frame[] = [
  { cue: 'vital_care', categories: ['drug_facilitated_assault'], factor: 0.6, window: 8, unless: ['sexual_content', ...PLAN_LIFTS], liftedAfter: PLAN_LIFTS, reason: 'looking after a drunk or unwell friend (breathing, recovery position, emergency number)' },
  { cue: 'intervened', categories: ['drug_facilitated_assault'], factor: 0.6, window: 8, unless: [...PLAN_LIFTS, 'when'], liftedAfter: [...PLAN_LIFTS, 'when'], reason: 'an account told afterwards in which someone stepped in (the glass taken, the police called)' },
  // Stop 41 (det41b): a sedative that is someone's own treatment (ordered or prescribed by a doctor, a care plan, the medicine
  // a relative takes herself): a nurse's "he won't remember", a pharmacist's "trous de mémoire". Flag, never hold or P0,
  // unless sexual intent, a remark on her body, a goal (her signature, her money), taking her away, her refusal of the
  // speaker or his own plan is said (rules/d41b.rules); the side effect said ("won't remember") lifts nothing here.
  // Stop 42 (det42p): a friend's suspicion that someone else drugged her (« je pense qu'on a mis un truc dans son verre », "i think
  // someone spiked her"): the hedge says the speaker did not do it. Flag for 4 messages, lifted as `intervened` is.
  { cue: 'suspected_spike', categories: ['drug_facilitated_assault'], factor: 0.6, window: 4, unless: ['sexual_content', ...PLAN_LIFTS, 'when'], liftedAfter: [...PLAN_LIFTS, 'when'], reason: 'a friend suspects someone else drugged her' },
  { cue: 'prescribed', categories: ['drug_facilitated_assault'], factor: 0.6, window: 8, unless: ['sexual_content', ...TREATMENT_LIFTS], liftedAfter: TREATMENT_LIFTS, reason: 'a sedative that is someone\'s own treatment (prescribed, ordered by a doctor, a care plan)' },
];
