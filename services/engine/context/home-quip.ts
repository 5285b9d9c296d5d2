/**
 * Stop 45 (det45b): "I know where you live" said laughing, bare (a joke between friends over a croissant, a lost game or a
 * skipped session: « je sais où tu habites 😂 », "I know where you sleep lol"). The claim alone sets a place cue (threat_anchor,
 * whereabouts) that lifts the laugh's frame; here it does not when it is the message's only place: no number (an address, a
 * time), no other place of the target's (« devant chez toi », "your car"). frames.ts HOME_QUIP reads the cue `home_quip` and
 * is lifted by anything that makes it a threat (a weapon, a menace, a grievance, a block, a group, a wait, a harm), said with it or
 * in the exchange shortly before (« on t'attend devant chez toi, on sera dix » … « je sais où tu dors 😂 »).
 */
import { CUE_PATTERNS, type Cue } from './cues.js';
import { liveCue, type ParticipantState } from './state.js';
import { isMinor } from './derive.js';

/** The claim: the speaker (or "we") knows where the addressee lives or sleeps. */
const CLAIM = /\b(?:je sais|on sait|i know|we know) (?:ou|where) (?:tu |t'|t |you |u |ya )?(?:habites|dors|vis|creches|pionces|live|sleep|stay)\b/;
const NUMBER = /\d/;
/** A threat, a refusal or an alarm said in the exchange shortly before (anyone's): the laugh that follows is no joke between friends. */
const THREAT_BEFORE: readonly Cue[] = [
  'waiting', 'outnumber', 'their_place', 'menace', 'harm', 'doom', 'weapon', 'weapon_access', 'grievance', 'real_grievance', 'blocked', 'refusal', 'lasting_harm',
  'secluded', 'robbery', 'perceived_threat', 'alarm',
];
/** How many messages back THREAT_BEFORE is read. */
const BEFORE_SPAN = 6;

/**
 * `folded` says the bare claim laughing (`cues` holds the message's cues, `laughing` among them), and no threat was said in the
 * conversation's last BEFORE_SPAN messages (`rec`: the conversation's cue marks, read at time `at`, message `n`).
 */
export function homeQuip(
  folded: string, cues: ReadonlySet<Cue>, rec: Partial<Record<Cue, { s: number; at: number; n: number }>>, at: number, hl: number, n: number,
): boolean {
  if (!cues.has('laughing') || NUMBER.test(folded)) return false;
  for (let i = 0; i < THREAT_BEFORE.length; i++) if (liveCue(rec, THREAT_BEFORE[i]!, at, hl, n - BEFORE_SPAN)) return false;
  const m = CLAIM.exec(folded);
  if (m === null) return false;
  const rest = folded.slice(0, m.index) + ' ' + folded.slice(m.index + m[0].length);
  return !CUE_PATTERNS.threat_anchor.test(rest);
}

/**
 * Review of det45b: a joke between friends is said to someone who talks back: every addressee has spoken in the exchange before,
 * and none is a minor told it by someone not known to be one. A stranger's first words (« t'as balancé aux flics… on sait où tu
 * dors mdr », "nice pic of your parcel … I know where you live now 😂") or an adult's to a child (« je t'ai vue sortir du collège »)
 * are no joke between friends, whatever the laugh.
 */
export function betweenFriends(sender: ParticipantState, addressees: readonly (ParticipantState | undefined)[]): boolean {
  if (addressees.length === 0) return false;
  for (let i = 0; i < addressees.length; i++) {
    const p = addressees[i];
    if (p === undefined || p.msgs === 0 || (isMinor(p) && !isMinor(sender))) return false;
  }
  return true;
}
