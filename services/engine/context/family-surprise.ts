/**
 * Stop 41 (det41b): a surprise or a present for the child's own family. An uncle, an aunt, a stepmother or an older
 * sister asks a child to keep a surprise from the parent it is meant for (« c'est pour la fête des pères, tu dis rien à
 * papa », "dont tell your mom, surprise party for her 40th") and for a photo of the parent's things (the dress she wants,
 * his old watch). Secrecy, a photo request and kind words complete `minor-solicited`, which escalated these P0. The
 * secret here is kept from the parent it is for: grooming evidence is held at review level (flag), as for a child who
 * addresses the sender as family (observe.ts `kinAddress`).
 *
 * Lifted by what a surprise never needs, said by the sender in the conversation: images of the child themself
 * (`own_image`: « photo de toi en maillot », "pic of u in ur pjs"), erasing the messages (`erase_trace`), a meeting alone
 * (`alone`), a gift to the child (`gift`) or sexual content. Cue words: rules/d41b.rules.
 */
import type { ParticipantState } from './state.js';
import { decayed, liveCue } from './state.js';

/** Score at which grooming evidence is held under a family surprise (review, no hold, no escalation). */
export const FAMILY_SURPRISE_CAP = 0.55;

/** The sender speaks of a surprise for the child's family, and asks nothing a surprise does not need. */
export function familySurprise(sender: ParticipantState, at: number, hl: number): boolean {
  const cue = sender.cue;
  if (!liveCue(cue, 'kin_surprise', at, hl)) return false;
  if (liveCue(cue, 'own_image', at, hl) || liveCue(cue, 'erase_trace', at, hl) || liveCue(cue, 'alone', at, hl) || liveCue(cue, 'gift', at, hl)) return false;
  // A photo asked for that never names the parent's thing (« envoie une photo quand t'es en pyjama »): not a surprise's photo.
  if (decayed(sender.sig.image_request, at, hl) >= 0.4 && !liveCue(cue, 'object_photo', at, hl)) return false;
  return decayed(sender.sig.sexual_content, at, hl) < 0.4;
}
