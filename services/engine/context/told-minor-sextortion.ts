/**
 * Stop 39 (detC38 review M4): sextortion of a child whose age only the offender says (« t'as 14 ans, si tu m'envoies pas … »,
 * "you're 15 right? you told me in your bio … send more or your mum gets them"). p0-bar.ts `minorSextortion` reads the target's
 * own statement, school grade or profile; here the extorting speaker's own words (cue `told_minor`, rules/addressee-age.rules,
 * said by him in this conversation) say the target is under 18. Escalated like the other: child grooming, P0. Not when a
 * target says an adult age in her own words (a profile age does not count: children lie about it to get in), nor when the speaker is a minor himself, nor twice (minorSextortion already found it).
 * Stop 40 (detT40): also in ONE message, before the child has spoken: his age statement, a demand for MORE images (cue
 * `more_images`, rules/told-minor-one.rules: he holds some) and his own threat to spread them; not when the message reports,
 * warns or quotes (a teacher, a news item, a parent).
 */
import { SPEECH_FRAMES, carriesAny } from './cues.js';
import { extortsAcross, isMinor, liveCue, type Finding, type View } from './derive.js';
import { EMPTY_LIST } from '../empty-list.js';

const NONE: readonly Finding[] = EMPTY_LIST;

export function toldMinorSextortion(v: View): readonly Finding[] {
  const extort = v.cue.has('sextortion') || ((v.cue.has('held_images') || v.cue.has('spread_threat')) && extortsAcross(v));
  if (!extort || isMinor(v.sender)) return NONE;
  return toldMinorSextortionGated(v);
}

/** toldMinorSextortion past its gate (see GATED at the top of derive.ts). */
function toldMinorSextortionGated(v: View): readonly Finding[] {
  const said = (c: 'told_minor' | 'held_images'): boolean => v.cue.has(c) || liveCue(v.sender.cue, c, v.at, v.halfLifeMs, v.n - 20);
  // The speaker's own age statement and his own images held: a mother warning her 13-year-old ("if anyone says they'll send
  // your pics to your school") holds none.
  // Stop 40 (detT40): in one message, asking for MORE images under his own threat to spread them says he holds some
  // (« si tu m'envoies pas d'autres photos je les montre à tout ton lycée »).
  // Review (rv-detT40): with the condition said (not "send more of your match, I'll show your grandparents"), and said
  // laughing only with a public audience (an aunt's "more prom pics or i show the family 😂" is teasing).
  const oneMessage = v.cue.has('told_minor') && v.cue.has('more_images') && v.cue.has('spread_threat') && v.cue.has('extort_cond') &&
    (!v.cue.has('laughing') || v.cue.has('spread_public'));
  if (!said('told_minor') || !(said('held_images') || oneMessage)) return NONE;
  // A teacher, a news item or a parent quoting the threat: talk about sextortion, not sextortion.
  // Review (rv-detT40): only for the one-message form; once he holds her images ("i screenshotted your pics") his own
  // "screenshots", "heads up" or "don't go telling mum" are no report nor warning (main escalated those).
  if (!said('held_images') && (v.cue.has('reported') || carriesAny(v.cue, SPEECH_FRAMES) || v.framed.has('child_grooming'))) return NONE;
  const people = v.conv.people;
  const keys = v.targets.length ? v.targets : Object.keys(people).filter((k) => k !== v.senderKey);
  let target = false;
  for (let i = 0; i < keys.length; i++) {
    const p = keys[i] === v.senderKey ? undefined : people[keys[i]!];
    if (!p) continue;
    if (isMinor(p)) return NONE; // minorSextortion's finding
    if (p.statedAge !== null && p.statedAge >= 18) return NONE; // her own words prevail (a profile age is often false)
    target = true;
  }
  // The target has not spoken (a first message, a DM): the speaker addresses her with her age in this very message.
  if (!target && !(v.cue.has('told_minor') && keys.every((k) => k === v.senderKey || !people[k]))) return NONE;
  return [{ category: 'child_grooming', score: 0.85, source: 'context:minor-sextortion', offender: v.senderId, across: true,
    reason: `${v.senderId} told the target they are under 18 and holds their images with a condition or a threat to spread them (sextortion of a child)` }];
}
