/**
 * Stop 51 (det51, issue 10): an identity document asked of a child by an adult who proposes a meeting.
 *
 * « envoie une photo de ta carte d'identité, on se voit samedi au parc », « ton passeport en photo et on se retrouve devant la
 * gare », "send pic of ur passport n we meet up friday": the photo names a document, so no image request fires (rules
 * image_request.rules: a document's photo is no image of the person), and a meeting alone is one weak step: flag or allow.
 * What a legitimate adult asks of a minor goes through the family (review det51a took the identity documents out of the
 * family frame's document list); asked of the child with a meeting and no family named, it is held and escalated at least
 * P1 (derive.ts grooming). It reaches P0 as any solicitation does: an image of the child, secrecy, a gift, a body remark...
 * (family-arranged.ts FAMILY_FRAME_LIFT_*). A landlord's, a bank's or an employer's check asks it of an adult: no minor.
 * Cue words (`id_doc`): rules/d51.rules.
 */
import type { Cue } from './cues.js';
import type { ParticipantState } from './state.js';
import { decayed, liveCue } from './state.js';

const SIGNAL_LIVE = 0.4;
/** The reason line's words when this is what holds the finding at P1 (policy.ts). */
export const ID_MEETING_WHY = 'held at P1: an identity document and a meeting asked of a child; no image of the child, secrecy, gift or body remark seen';

/**
 * The sender asked the addressee's identity document and a meeting (both live), one of them on this message, and named no
 * family in the plan (a meeting with the parents is family-arranged.ts's frame).
 */
export function idDocMeeting(sender: ParticipantState, cue: ReadonlySet<Cue>, meetNow: boolean, at: number, hl: number): boolean {
  if (!cue.has('id_doc') && !meetNow) return false;
  if (!liveCue(sender.cue, 'id_doc', at, hl) || decayed(sender.sig.meetup_request, at, hl) < SIGNAL_LIVE) return false;
  return !liveCue(sender.cue, 'family_present', at, hl);
}
