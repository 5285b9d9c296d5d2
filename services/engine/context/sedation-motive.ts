/**
 * Drugging said by its motive (round 38): within 12 messages a means (a sedative, named or by where it comes from: "the
 * vet's bottle", "mum's sleeping pills", « ce qu'ils donnent aux vieux pour dormir »; or something put into someone's drink
 * or food) and what it is for, aimed at a person (`dfa_motive`: she will not say no, will not be able to tell, will think she
 * just slept well, will not leave). A doctor's drops, a vet's tablets or a carer's words do not make it care talk: the motive
 * lifts those frames (frames.ts), and a carer speaking of a parent's medicine, its dose or a covert-medication policy states no
 * such motive. Reported speech, warnings, news, fiction and a victim's account frame it as elsewhere.
 *
 * A victim's after-the-fact account (`disclosure`: one drink from someone, then nothing, waking somewhere else, clothes torn;
 * « je me réveille dans sa voiture », "woke up in his flat") with a drink given by someone (`given_drink`: "he brought me a punch", « j'ai bu qu'un verre »), both said within 8
 * messages by the same person, is listed for
 * review and support (flag), never held or escalated: a witness or a survivor telling what happened is no plan.
 */
import { SPEECH_FRAMES, carriesAny, type Cue } from './cues.js';
import { liveCue, type Finding, type View } from './derive.js';
import { EMPTY_LIST } from '../empty-list.js';

const NONE: readonly Finding[] = EMPTY_LIST;
/** Messages back over which a means and a motive are read together. */
export const MOTIVE_SPAN = 12;
/** What completes a drugging told by its motive on this message. */
const GATE: readonly Cue[] = ['dfa_motive', 'sedative', 'spike', 'dose_aim'];
const FRAMES: readonly Cue[] = [...SPEECH_FRAMES, 'fiction', 'victim_report'];
/** A plan against a person: hold level (policy holdAt 0.7). */
export const MOTIVE_PLAN_SCORE = 0.85;
/** A means and a motive with no one aimed at: review level. */
export const MOTIVE_UNAIMED_SCORE = 0.6;

export function sedationMotive(v: View): readonly Finding[] {
  if (!carriesAny(v.cue, GATE)) return NONE;
  return sedationMotiveGated(v);
}

/** sedationMotive past its gate (see GATED at the top of derive.ts). */
function sedationMotiveGated(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const since = v.n - MOTIVE_SPAN;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, v.halfLifeMs, since);
  // Not a goal while she dozes off (`dfa_goal` with `nod`): a sedation for an examination names a signed consent and sleep.
  if (!has('dfa_motive')) return NONE;
  const sedative = has('sedative');
  const into = has('spike') || has('dose_aim');
  // A sedative, or something put into someone's drink or food while a drug, a vet's or a ward's words are live.
  if (!sedative && !(into && (has('medical') || has('ward') || has('drug_item')))) return NONE;
  // The speaker's own report, warning, plot or account is no plan of theirs; someone else's (a friend's "go to the doc, could be
  // anything") frames the finding at review level through the span frames (observe.ts frameFindings), it does not erase it.
  const own = v.sender.cue;
  if (FRAMES.some((k) => liveCue(own, k, v.at, v.halfLifeMs, (c.dfa_motive?.n ?? v.n) - 2))) return NONE;
  const aimed = into || has('reluctant');
  return [{
    category: 'drug_facilitated_assault', score: aimed ? MOTIVE_PLAN_SCORE : MOTIVE_UNAIMED_SCORE, source: 'context:sedation-motive', offender: v.senderId, across: true,
    reason: `conversation combines ${sedative ? 'a sedative' : "something put into someone's drink or food"} with what it is for (she will not refuse, tell or remember)${aimed ? ' aimed at a person' : ', no one aimed at (review level)'}`,
  }];
}

/** Messages back over which a victim's account is read. */
export const DISCLOSURE_SPAN = 8;
/** Review and support, never hold: below the policy's holdAt (0.7). */
export const DISCLOSURE_SCORE = 0.6;

export function victimDisclosure(v: View): readonly Finding[] {
  if (!v.cue.has('disclosure')) return NONE;
  // Both parts of the account from the same person: a drink given by someone, and what followed (nothing remembered, waking
  // elsewhere, clothes torn).
  if (!liveCue(v.sender.cue, 'given_drink', v.at, v.halfLifeMs, v.n - DISCLOSURE_SPAN)) return NONE;
  return victimDisclosureGated(v);
}

/** victimDisclosure past its gate (see GATED at the top of derive.ts). */
function victimDisclosureGated(v: View): readonly Finding[] {
  if (SPEECH_FRAMES.some((k) => liveCue(v.conv.cue, k, v.at, v.halfLifeMs, v.n - 2))) return NONE;
  return [{
    category: 'drug_facilitated_assault', score: DISCLOSURE_SCORE, source: 'context:victim-disclosure', offender: v.senderId, across: true,
    reason: `${v.senderId} tells of being drugged (a drink, then nothing remembered, waking elsewhere): listed for review and support`,
  }];
}
