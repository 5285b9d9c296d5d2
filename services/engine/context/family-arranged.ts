/**
 * Stop 50 (det50, issue 10: no P0 on a benign conversation): a request to a child arranged with the child's family.
 *
 * A coach, a teacher or a club answers a child's age with a photo asked and a meeting (« envoie moi une photo de ta licence,
 * on se voit samedi au stade avec tes parents »): `minor-solicited` fires on its own, and that one derivation (counted as
 * `context` and `conversation`) beside any model score was a P0. What the sender asked is what a legitimate adult needs
 * from a minor: a document or a thing photographed (`doc_photo`, `object_photo`), a meeting or a lift with the family named
 * in the plan itself (`family_present`). Such a finding is held and escalated P1 (review), never dropped (derive.ts marks it
 * `belowP0`; p0-bar.ts keeps P0 when a second, unbounded derivation of grooming stands beside it).
 *
 * Lifted by what a legitimate adult never needs from a minor, said by the sender anywhere in the conversation: secrecy,
 * images of the child themself (`own_image`), erasing the messages, a meeting alone, a secluded or private place (his home,
 * a hotel), a gift or payment, a remark on the body or sexual content, contact moved off the platform, a story to tell the
 * parents, or a photo asked that names no document, after the document's (review det51a). A claim that the parents agree (« ta maman est d'accord ») is not the family named in the plan: it frames nothing.
 * Cue words: rules/d50p.rules.
 */
import type { Signal } from '../../contracts/taxonomy.js';
import type { Cue } from './cues.js';
import type { ParticipantState } from './state.js';
import { decayed, liveCue } from './state.js';

/** What a coach's or a teacher's request never carries (the sender's own cues). */
export const FAMILY_FRAME_LIFT_CUES: readonly Cue[] = [
  'own_image', 'erase_trace', 'alone', 'secluded', 'private_place', 'lodging', 'gift', 'body_comment', 'discreet', 'cover_story',
  // Review det50: « t'es trop belle ma puce », "you're so beautiful babe", "i love you" from a coach or a teacher (kin is capped apart).
  'endearment',
  // Stop 51 (det51): a remark on the child's body or looks (rules/d51.rules: « t'es bien foutu pour ton âge », "such a pretty body").
  'looks_remark',
];
/** Nor these signals of the sender's. */
export const FAMILY_FRAME_LIFT_SIGNALS: readonly Signal[] = ['secrecy_request', 'sexual_content', 'payment_offer', 'off_platform_contact'];

const SIGNAL_LIVE = 0.4;

/** The sender's requests to the child are arranged with the family and ask nothing a legitimate adult never needs. */
export function familyArranged(sender: ParticipantState, at: number, hl: number, bareImageNow = false): boolean {
  // Review det51a: the message itself asks a photo that names no document or thing (« envoie une photo », "send a pic"),
  // whatever the document's photo asked earlier (its image request's mark, kept when stronger, may carry the older index).
  if (bareImageNow) return false;
  const cue = sender.cue;
  const doc = liveCue(cue, 'doc_photo', at, hl) || liveCue(cue, 'object_photo', at, hl);
  if (!doc && !liveCue(cue, 'family_present', at, hl)) return false;
  // Review det50: a meeting asked with no family named is not arranged with the family, whatever paperwork came with it
  // (« envoie une photo de ta licence, on se voit samedi au parc, pas besoin de venir avec ta mère »).
  if (decayed(sender.sig.meetup_request, at, hl) >= SIGNAL_LIVE && !liveCue(cue, 'family_present', at, hl)) return false;
  if (frameLifted(sender, at, hl)) return false;
  // A photo asked for that names no document or thing (« envoie une photo », "send a pic"): not the paperwork's photo. Nor
  // one asked after the document's (review det51a: the licence's photo, later « envoie une tof »): the image request's
  // mark is newer than every document mark (a document named again marks both in the same message).
  const image = sender.sig.image_request;
  if (decayed(image, at, hl) < SIGNAL_LIVE) return true;
  return doc && image!.n <= docN(sender, at, hl);
}

/** The sender has said, anywhere in the conversation and still live, what a legitimate adult never needs from a minor. */
export function frameLifted(sender: ParticipantState, at: number, hl: number): boolean {
  for (let i = 0; i < FAMILY_FRAME_LIFT_CUES.length; i++) if (liveCue(sender.cue, FAMILY_FRAME_LIFT_CUES[i]!, at, hl)) return true;
  for (let i = 0; i < FAMILY_FRAME_LIFT_SIGNALS.length; i++) if (decayed(sender.sig[FAMILY_FRAME_LIFT_SIGNALS[i]!], at, hl) >= SIGNAL_LIVE) return true;
  return false;
}

/**
 * Stop 51 (det51): the message carries a remark on the child's body or looks (`looks_remark`) from a sender whose request the
 * frame held (a document's or a thing's photo, or the family named, still live). A grooming finding fires again on it
 * (derive.ts), so that the frame is re-checked against the sender's live lifts and the P0 bar is passed there (« photo de ta
 * licence, avec tes parents » at message 3, « t'es bien foutu pour ton âge » at message 7: P0 at message 7), with no grooming
 * signal on the remark itself. Only this remark: the looser lift cues (`body_comment` reads « ta tenue », "that top";
 * `private_place` « chez moi ») lift the frame of a request but make no request of their own.
 */
export function liftsHeldFrame(sender: ParticipantState, cue: ReadonlySet<Cue>, at: number, hl: number): boolean {
  if (!cue.has('looks_remark')) return false;
  const c = sender.cue;
  // Review det51: an identity document asked (id-document.ts holds it with a meeting at P1) is a held request too: a remark
  // on the looks after « photo de ta carte d'identité, on se voit samedi au parc » fires again and passes the P0 bar.
  return liveCue(c, 'doc_photo', at, hl) || liveCue(c, 'object_photo', at, hl) || liveCue(c, 'family_present', at, hl)
    || liveCue(c, 'id_doc', at, hl);
}

/** Stop 51 (det51): the reason line's words when the family frame holds the finding at P1 (policy.ts). */
export const FAMILY_FRAME_WHY = 'held at P1: arranged with the family; no secrecy, private place, gift or body remark seen';

/** The index of the sender's latest live document or thing photo request (-1: none). */
function docN(sender: ParticipantState, at: number, hl: number): number {
  let n = -1;
  for (const c of ['doc_photo', 'object_photo'] as const) if (liveCue(sender.cue, c, at, hl)) n = Math.max(n, sender.cue[c]!.n);
  return n;
}

/** A message's photo request that names no document or thing (« envoie une photo », "send me a pic 😘"). */
export function bareImageRequest(sig: ReadonlySet<Signal>, cue: ReadonlySet<Cue>): boolean {
  return sig.has('image_request') && !cue.has('doc_photo') && !cue.has('object_photo');
}
