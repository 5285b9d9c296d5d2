/**
 * Stop 39 (detG39): a sleeping aid given with the person's agreement or as her own prescription (« le doc lui a donné des
 * pilules pour dormir … c'est elle qui me l'a demandé », "the doctor prescribed him valium, he asked me to put it in his tea").
 * Family and carers say the same words as a drugging plan (a sedative, her tea, "she'll be out till morning"), so the sedation
 * plan held these and escalated P0. The frame keeps them at review level (flag). The cue words live in
 * rules/consented-dose.rules. Lifted, on the message or any later one, by what consent excludes (`consent_void`: the dose
 * hidden from her, "she won't say no", a date-rape drug, her taken as a prize), her refusal (`reluctant`), a purpose (taken
 * away, a goal, a motive) or sexual intent. Her being "out till morning" (`want_out`) is what a sleeping aid is for and
 * does not lift it.
 */
import type { Frame } from './frame.js';
import type { Cue } from './cues.js';

const CONSENT_LIFTS: readonly Cue[] = ['consent_void', 'isolate', 'reluctant', 'dfa_goal', 'dfa_motive'];

export const CONSENTED_DOSE_FRAME: Frame = {
  cue: 'consented', categories: ['drug_facilitated_assault'], factor: 0.6, window: 8,
  unless: ['sexual_content', ...CONSENT_LIFTS], liftedAfter: CONSENT_LIFTS,
  reason: 'a sleeping aid given with the person\'s agreement or as her own prescription',
};
