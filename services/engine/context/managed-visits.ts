/**
 * Paid sex run by a manager (detD38): the speaker takes the money or a share of it (`sw_cut`: "u sent me 450, where's the
 * rest", "send me everything", "my 200 like always", "you keep a bit, rest goes on his debt", « 50/50 ») within 10 messages
 * of the trade's marks (`sw_trade`: punters, gents, johns, the ads and the screening, a burner, condoms, a new girl, a hotel
 * room by its number, "I do the bookings") or of men counted (`clients_count`), with a price, or with both the marks and the
 * count. No sex word is needed: writers tell it by the money and the men. A salon's, a courier's or a flat-share's split
 * has no punters, no ads screened and no men counted by the night; news, prevention, warnings and moderators stay quiet.
 * Listed for review (flag); held when the cut, the marks, the men and a price are all there.
 */
import { anyLive, carriesAny, type Cue } from './cues.js';
import { liveCue, type Finding, type View } from './derive.js';
import { EMPTY_LIST } from '../empty-list.js';

const SPAN = 10;
const NONE: readonly Finding[] = EMPTY_LIST;
const GATE: readonly Cue[] = ['sw_cut', 'sw_trade', 'clients_count'];
const PRICED: readonly Cue[] = ['amount', 'price', 'arm_price', 'paid_time', 'hour_price', 'cash'];
const TALK: readonly Cue[] = ['reporting', 'reported', 'warning', 'moderation', 'fiction', 'stage', 'scam_warning', 'peer_warning'];

export function managedVisits(v: View): readonly Finding[] {
  if (!carriesAny(v.cue, GATE)) return NONE;
  return managedVisitsGated(v);
}

/** managedVisits past its gate (see GATED at the top of derive.ts). */
function managedVisitsGated(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const hl = v.halfLifeMs;
  const since = v.n - SPAN;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, hl, since);
  // The cut is said by someone who also speaks in the window: the manager. The finding is against them.
  let managerKey: string | null = null;
  for (const [k, p] of Object.entries(v.conv.people)) if (liveCue(p.cue, 'sw_cut', v.at, hl, since)) { managerKey = k; break; }
  // Talk about the trade (the news, a warning, a moderator, a story) in this message or the two before; reported speech further
  // back ("he said it was sorted") is small talk, not a frame on the offer.
  if (managerKey === null || carriesAny(v.cue, TALK) || TALK.some((k) => liveCue(c, k, v.at, hl, v.n - 2))) return NONE;
  const trade = has('sw_trade');
  const men = has('clients_count');
  const priced = anyLive(has, PRICED);
  if (!(trade || men) || !(priced || (trade && men))) return NONE;
  const full = trade && men && priced;
  const marks = [trade && "the trade's marks", men && 'men counted', priced && 'a price'].filter(Boolean);
  return [{ category: 'prostitution', score: full ? 0.66 : 0.62, source: 'context:managed-visits', offender: managerKey.slice(2), across: true,
    reason: `${managerKey.slice(2)} takes the money or a cut, with ${marks.join(', ')}` }];
}
