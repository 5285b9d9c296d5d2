/**
 * A sale told by its structure (round 38): within 8 messages a price (a sum, a price for a unit: « 10 la barrette », "8 each or
 * 10 for 70"), a hand-over (a spot, a pick-up, a mailbox, a time to come by) and a mark that the goods are not a shop's
 * (`covert_sale`: the real one, no smell, vacuum-packed, cash only for that, a fake memo on the transfer; `not_store`: nothing
 * like the legal store's). A weapon or paid time named in the span makes it that trade's, not a drug sale. Robust to the goods' names: a menu
 * of emojis, fruit, croquettes or "focus helpers" are sold the same way. Everyday sales (a farm's strawberries, a console, a
 * flat) name a price and a pick-up but none of those marks. News, warnings and a moderator frame it; care, a flat-share, a
 * listing, a game and the legal market too unless the covert mark was said after them or the goods were set against the
 * legal store's. Review level (flag): the structure is a lead, not proof.
 */
import { anyLive, carriesAny, type Cue } from './cues.js';
import { liveCue, type Finding, type View } from './derive.js';
import { EMPTY_LIST } from '../empty-list.js';

const NONE: readonly Finding[] = EMPTY_LIST;
/** Messages back over which the parts of a sale are read together. */
export const STRUCTURE_SPAN = 8;
export const STRUCTURE_SCORE = 0.65;
const GATE: readonly Cue[] = ['covert_sale', 'amount', 'price', 'sale_price', 'handover', 'when', 'go_plan', 'private_place'];
const PRICE: readonly Cue[] = ['amount', 'price', 'sale_price'];
/** A hand-over: a spot, a pick-up, a time to come, the speaker going somewhere, a private place. */
const HANDOVER: readonly Cue[] = ['handover', 'when', 'go_plan', 'private_place'];
const MARKS: readonly Cue[] = ['covert_sale', 'not_store', 'illegal', 'discreet', 'goods_code', 'deal_talk', 'drug_item', 'police_dodge'];
/** Goods of another trade: weapons and ammunition, paid time or a person offered. */
const OTHER_GOODS: readonly Cue[] = ['weapon', 'weapon_item', 'weapon_access', 'arms_trade', 'deac_cert', 'paid_time', 'hour_price', 'person_offered', 'sw_frame', 'pimping', 'clients_count'];
/** Talk about a sale, not one: news, a warning, a moderator. */
const FRAMES: readonly Cue[] = ['reporting', 'warning', 'moderation'];
/**
 * Everyday goods, care, games and the legal market (a flat-share, a listing, an ill friend, skins, a CBD shop's "real flower"):
 * they frame the sale unless the covert mark came after them ("that's CBD only" … "for connoisseurs, 10 a gram of the real one").
 */
const SOFT_FRAMES: readonly Cue[] = ['care', 'household', 'listing', 'gaming', 'legal_trade'];

export function saleStructure(v: View): readonly Finding[] {
  if (!carriesAny(v.cue, GATE)) return NONE;
  return saleStructureGated(v);
}

/** saleStructure past its gate (see GATED at the top of derive.ts). */
function saleStructureGated(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const since = v.n - STRUCTURE_SPAN;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, v.halfLifeMs, since);
  const against = has('not_store');
  if (!has('covert_sale') && !against) return NONE;
  // A weapon or paid sex sold the same way is its own category's (weapons-deal, paid-meeting), not a drug sale.
  if (anyLive(has, OTHER_GOODS)) return NONE;
  if (!anyLive(has, PRICE) || !anyLive(has, HANDOVER)) return NONE;
  if (anyLive(has, FRAMES)) return NONE;
  const covertAt = c.covert_sale?.n ?? -1;
  if (!against && SOFT_FRAMES.some((k) => has(k) && (c[k]?.n ?? -1) >= covertAt)) return NONE;
  const marks = MARKS.filter(has);
  return [{
    category: 'drug_trafficking', score: STRUCTURE_SCORE, source: 'context:sale-structure', offender: v.senderId, across: true,
    reason: `conversation combines a price, a hand-over and goods that are not a shop's (${marks.join(', ')})`,
  }];
}
