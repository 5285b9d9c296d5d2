/**
 * Stop 53 (det53b, issue 10): an adult's requests read again when the one he addressed turns out to be a minor.
 *
 * The child's age often arrives with the child's first message (a profile age, `f#13`, or « j'ai 13 ans »), after the adult
 * has already asked: « envoie moi une photo nue, dis rien à ta mère, on se voit demain » then « ?? ». Grooming read the
 * request when nobody was known as a minor and nothing reads it again on the child's short reply (no signal, no cue: the
 * derivations were skipped). observe.ts calls this on the message where the sender first becomes known as a minor (declared or
 * stated age under 18), past its derivation gate; here, the other participants it answers are read as of now:
 * - their live grooming signals: an image, secrecy or sexual content with a second step (another of these, a payment, a
 *   meeting, another app): child grooming 0.8, P0 with its support only with sexual content, a payment or a body remark
 *   (det53c; else held at P1: a surprise, a lift, a photo of a school project);
 * - an identity document and a meeting asked, no family named (id-document.ts), by someone who asked or told the child's age:
 *   held at P1, as grooming holds it;
 * - their images of the child held with a condition or a threat to spread them (sextortion): child grooming 0.85, P0 as
 *   p0-bar.ts minorSextortion.
 * Not against kin, a minor, or someone within 3 years of the child (two teenagers flirting is no solicitation).
 * The corroboration is the adult's own (rule-backed) requests and the child's age, not a model score: the finding counts as
 * `context` support though the child's message brings no evidence of its own (observe.ts REREAD_SOURCES).
 */
import type { Finding, View } from './derive.js';
import { GROOMING_STRONG, GROOMING_WEAK, isMinor, live } from './derive.js';
import { ID_MEETING_WHY } from './id-document.js';
import type { Cue } from './cues.js';
import { ageOf, decayed, liveCue, type ParticipantState } from './state.js';
import { EMPTY_LIST } from '../empty-list.js';

const NONE: readonly Finding[] = EMPTY_LIST;
/** The sources of this derivation's findings (support kind `context` though the child's message brings nothing of its own). */
export const REREAD_SOURCES: ReadonlySet<string> = new Set(['context:minor-revealed', 'context:minor-revealed-sextortion']);
/** Why a re-read request with no sex, payment nor body remark holds at P1 (policy.ts reason line). */
export const REREAD_WHY = 'held at P1: an image, secrecy or a meeting asked of a child before her age was known; no sexual content, payment or body remark seen';
/** Fewer years between the two than this: peers (18 and 16), not an adult soliciting a child. */
const PEER_GAP = 4;
/** The adult's requests read again: said within this many messages of the conversation. */
const SPAN = 12;

/** What frames the adult's own words: a report, a warning, a quotation, care, the family. */
// Not `reporting` (« pour le cours de photo … envoie » is a groomer's purpose) nor `kin_address` (« la daronne doit pas savoir »).
const FRAMING: readonly Cue[] = ['reported', 'warning', 'moderation', 'scam_warning', 'victim_story', 'victim_report',
  'authorities_told', 'heads_up', 'care', 'medical', 'family_present', 'kin_surprise', 'parent_sanction'];

function framedTalk(p: ParticipantState, at: number, hl: number, since: number): boolean {
  for (let i = 0; i < FRAMING.length; i++) if (liveCue(p.cue, FRAMING[i]!, at, hl, since)) return true;
  return false;
}

/** The child said her own age under 18 in her words (« j'ai 13 ans »), not only a profile age. */
function statesOwnMinorAge(child: ParticipantState): boolean {
  return child.statedAge !== null && child.statedAge < 18;
}

function peerOf(p: ParticipantState, childAge: number): boolean {
  const a = ageOf(p);
  return a !== null && a - childAge < PEER_GAP;
}

/** Called by observe.ts only on the message where the sender first shows as a minor. */
export function minorRevealed(v: View): readonly Finding[] {
  // Stop 53 (det53c): a direct conversation only; in a room his requests were said to someone else (« julie envoie moi une
  // photo du devis » before a 12-year-old joins: stop48-det48p.test.ts).
  if (!isMinor(v.sender) || v.conv.room) return NONE;
  const childAge = ageOf(v.sender) ?? 17;
  const people = v.conv.people;
  const keys = v.targets.length ? v.targets : Object.keys(people);
  const hl = v.halfLifeMs;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const p = k === v.senderKey ? undefined : people[k];
    if (!p || p.kin || isMinor(p) || peerOf(p, childAge)) continue;
    const since = v.n - SPAN;
    // His words reported, warned of or quoted (a parent's « si quelqu'un te demande des photos et de garder le secret… », a
    // teacher on sextortion, a care or family frame): talk about the harm, not the harm.
    if (framedTalk(p, v.at, hl, since)) continue;
    // His images of her with a threat to spread them, or with a condition (« 100€ ou je poste partout »). The sextortion
    // phrase with something more of its own: a mother's « envoie moi une photo de toi pour que je vois si t'es bien arrivée »
    // reads as one (« photo de toi … si tu ») and sets no price, condition, threat nor images held.
    const more = (c: 'held_images' | 'spread_threat' | 'extort_cond' | 'amount' | 'price' | 'more_images'): boolean => liveCue(p.cue, c, v.at, hl, since);
    const sextortion = (liveCue(p.cue, 'sextortion', v.at, hl, since)
      && (more('held_images') || more('spread_threat') || more('extort_cond') || more('amount') || more('price') || more('more_images')))
      || (more('held_images') && (more('spread_threat') || more('extort_cond')));
    if (sextortion) {
      return [{ category: 'child_grooming', score: 0.85, source: 'context:minor-revealed-sextortion', offender: k.slice(2), across: true,
        reason: `${v.senderId} is a minor (age ${childAge}); ${k.slice(2)} holds their images with a condition or a threat to spread them (sextortion of a child)` }];
    }
    const strong = live(p, GROOMING_STRONG, v.at, hl);
    const weak = live(p, GROOMING_WEAK, v.at, hl);
    // Two steps, one of them an image, secrecy or sex (a payment with a meeting is also an educator's bus fare and rendez-vous).
    const solicits = strong.includes('image_request') || strong.includes('secrecy_request') || strong.includes('sexual_content');
    if (solicits && strong.length + weak.length >= 2) {
      // Stop 53 (det53c, review of det53b fix 1): P0 only with sex in his words, a payment, a remark on her body or an image of
      // it (rules/d53b.rules sexual_image: « photo nue », "without ur top"); a
      // surprise kept from mum, a lift, an ordinary photo asked (a teacher's « photo de ton exposé ») or secrecy alone hold at P1.
      // A payment counts with a meeting, or with secrecy from someone who had to ask or tell her age (« you're 13, come to my
      // hotel room, don't tell anyone, i'll pay you »); with a photo alone, or secrecy from someone who knows her, it is a
      // granny's birthday money kept from the brother, a big brother's 20 € for his room, an employer's pay for a signed form.
      // Stop 54 (min54, read53b B10): her own « j'ai 13 ans » in the reply that triggers the re-read counts too (the age was told
      // him, whoever said it): « je te donne 100 euros si tu viens à mon hôtel ce soir » / « j'ai 13 ans » is P0.
      const toldAge = liveCue(p.cue, 'told_minor', v.at, hl, since) || decayed(p.sig.age_inquiry, v.at, hl) >= 0.4 || statesOwnMinorAge(v.sender);
      // Stop 53 (integration, fresh read): the payment also needs someone who asked or told her age, and no identity document
      // (a granny's 50 € « on se voit dimanche », an employer's pay for an ID photo "see you at the shop" are P1).
      // Stop 54 (min54, B10): with an identity document, a meeting AND secrecy (the fake scout's "send a pic of your ID, i'll pay
      // you 300, meet me at my hotel, don't tell your parents"): an employer keeps nothing from the parents.
      const idDoc = liveCue(p.cue, 'id_doc', v.at, hl, since);
      const paidMeeting = strong.includes('payment_offer') && toldAge
        && (idDoc ? weak.includes('meetup_request') && strong.includes('secrecy_request')
          : weak.includes('meetup_request') || strong.includes('secrecy_request'));
      const sexual = strong.includes('sexual_content') || paidMeeting || liveCue(p.cue, 'body_comment', v.at, hl, since)
        || liveCue(p.cue, 'sexual_image', v.at, hl, since);
      return [{ category: 'child_grooming', score: 0.8, source: 'context:minor-revealed', offender: k.slice(2), across: true,
        ...(sexual ? {} : { belowP0: true, belowP0Why: REREAD_WHY }),
        reason: `${v.senderId} is a minor (age ${childAge}); ${k.slice(2)} asked first: ${[...strong, ...weak].join(', ')}` }];
    }
    // The document and the meeting from someone who had to ask or tell the child's age (« t'as 13 ans ? »): a mother asking
    // her daughter's card for the pharmacy and picking her up knows her age.
    const stranger = liveCue(p.cue, 'told_minor', v.at, hl, since) || decayed(p.sig.age_inquiry, v.at, hl) >= 0.4;
    if (stranger && liveCue(p.cue, 'id_doc', v.at, hl, since) && decayed(p.sig.meetup_request, v.at, hl) >= 0.4 && !liveCue(p.cue, 'family_present', v.at, hl)) {
      return [{ category: 'child_grooming', score: 0.7, source: 'context:minor-revealed', offender: k.slice(2), across: true, belowP0: true, belowP0Why: ID_MEETING_WHY,
        reason: `${v.senderId} is a minor (age ${childAge}); ${k.slice(2)} asked first for an identity document and a meeting` }];
    }
  }
  return NONE;
}
