/**
 * Stop 39 (detF39): a relative "will kill" the listener, or the speaker, over a mishap (« ta mère va te tuer » after a
 * scratched car, "your wife's gonna kill you" over a jersey, « ma mère va me tuer » over a forgotten chore). The one who
 * "kills" is the target's own relative, never the speaker: nobody in the conversation threatens anyone. The cue words
 * (cue:kin_mishap) live in rules/kin_mishap.rules; a relative of the speaker's set on the listener ("my brother will kill
 * you", a proxy threat) does not match.
 *
 * The older `figurative` frame is lifted by any real-world anchor, and its own kin word ("ta femme", "your mom") is one:
 * "your wife is going to kill you" was held as a threat anchored in the listener's family. This frame threats only, on the
 * cue's message and the next four (the garage offered to polish the scratch, the Saturday set for the repair), is lifted
 * by what makes a threat the speaker's own: a blow said to the listener, menace, a grievance, a weapon at hand, where the
 * target is, a wait for them, a plan of the speaker's, « pour de vrai ». Not by a time or a place alone (the repair has
 * both), nor by a weapon named (the rifle left in the car is the mishap).
 */
import type { Frame } from './frame.js';
import type { Cue } from './cues.js';

export const KIN_MISHAP_LIFTS: readonly Cue[] = [
  'menace', 'harm', 'grievance', 'weapon_access', 'whereabouts', 'routine', 'school_time', 'waiting', 'own_plan',
  'go_plan', 'outnumber', 'summon', 'veiled', 'doom', 'for_real', 'not_joking', 'knows_routine', 'alone', 'lure', 'secluded',
];

const KIN_REASON = 'a relative who "will kill" the listener or the speaker over a mishap: a figure of speech';

/** The next four messages (anyone's) are also lifted by a blow said at the listener (review detF39 S2: « oublie ta mère, moi je
 * vais te tuer » after the victim's own kin line). */
export const KIN_FOLLOW_LIFTS: readonly Cue[] = [...KIN_MISHAP_LIFTS, 'at_you', 'blow_at_you'];

/**
 * Stop 42 (det42t): on the cue's own message the relative's « tuer »/"kill" is the harm word itself ("your wife's going to kill
 * you": cue:harm), so a harm does not lift the frame there (it lifted it whenever a category rule also read "your wife ~ kill").
 */
export const KIN_OWN_LIFTS: readonly Cue[] = KIN_MISHAP_LIFTS.filter((k) => k !== 'harm');

export const KIN_MISHAP_FRAMES: readonly Frame[] = [
  { cue: 'kin_mishap', categories: ['violent_threat'], factor: 0.5, window: 0, unless: KIN_OWN_LIFTS, reason: KIN_REASON },
  { cue: 'kin_mishap', categories: ['violent_threat'], factor: 0.5, window: 4, unless: KIN_FOLLOW_LIFTS, reason: KIN_REASON },
];
