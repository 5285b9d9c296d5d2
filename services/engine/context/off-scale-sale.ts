/**
 * A sale or a debt told in another trade's words and priced off that trade's scale (stop 44, det44d): the message prices
 * a unit at what no shop charges (`off_scale_price`, unit-price.ts: cheese or flour at 60 a gram, fuel at 70 a litre, a
 * "vitamin" at 6 a pill) or owes a sum for a weight at a street price (« les 3 kilos … 12 000 »). The goods' names are
 * the cover; the unit price is not. Warnings, a moderator, the legal market, ammunition and a news report frame it.
 * Review level (flag): a price is a lead, not proof.
 *
 * Stop 45 (det45o): a lead only. On its own (`lead:off-scale-price`) it raises drug trafficking to a flag but is no
 * corroboration: beside the window or message model it leaves the policy's "model only" cap in place and adds no support
 * kind, for gram-heavy text (a label, a recipe) is where the model over-scores drugs too. It is a derivation's finding
 * (`context:off-scale-price`, support `context`) only when the conversation also names the trade (a drug, coded goods,
 * the trade's words), a sale's covert marks or a hand-over (a spot, a drop, a private place) within CORROBORATION_SPAN
 * messages.
 */
import { carriesAny, type Cue } from './cues.js';
import { liveCue, type Finding, type View } from './derive.js';
import type { ConversationState } from './state.js';
import { fold } from './fold.js';
import { GOODS_SPAN, priceFrame } from './price-frames.js';
import { offScaleUnit } from './unit-price.js';
import { EMPTY_LIST } from '../empty-list.js';

const NONE: readonly Finding[] = EMPTY_LIST;
export const OFF_SCALE_SCORE = 0.65;
/** Messages back over which a frame is read. */
const FRAME_SPAN = 6;
/** Talk about prices, not a sale: warnings, rules, the legal market; or a weapon's or ammunition's price. */
const OFF_SCALE_FRAMES: readonly Cue[] = ['warning', 'moderation', 'legal_trade', 'weapon_item', 'arms_trade'];
/**
 * A report (the news of a seizure, « selon la police … 70 le gramme ») frames the price said in it or just after it, unless
 * the message also relays a demand, names a debt, a grievance, a time or a hand-over: a debt is told in the past too
 * (« les 4 kilos qu'il a pris en mars … dis lui »), and "the raid" said three messages earlier is no news item.
 */
const REPORT_LIFTS: readonly Cue[] = ['relay', 'debt', 'grievance', 'when', 'handover', 'menace'];

/** Messages back over which the trade or a hand-over makes the price a derivation's finding, not a lead. */
const CORROBORATION_SPAN = 8;
/**
 * What makes an off-scale price more than a lead: the trade named (a drug, coded goods, its words), a sale's marks that the
 * goods are not a shop's (sale-structure.ts: the real one, no smell, cash only for that, not the legal store's, no papers,
 * discretion, the police dodged) or a hand-over (a drop, a spot, a private place). A time alone (« demain », "at 11") is
 * not one: a label or a recipe read tomorrow would uncap the model again.
 */
const CORROBORATION: readonly Cue[] = [
  'drug_item', 'goods_code', 'deal_talk', 'covert_sale', 'not_store', 'illegal', 'discreet', 'police_dodge', 'handover', 'private_place',
  'meet_spot', 'secluded',
];
/**
 * A hand-over said after the price (review det45o: "sugar still 80 a g?" … "usual spot 10pm"): a spot (a place with a clock
 * time, meet-spot.ts), a drop, a private or secluded place. It makes the price, said within CORROBORATION_SPAN messages
 * before and then only a lead, the finding on the hand-over's message.
 */
const HANDOVER_AFTER: readonly Cue[] = ['meet_spot', 'handover', 'private_place', 'secluded'];
/** Source of the finding when nothing corroborates it: read like a model's score by the policy (evidence.ts). */
export const OFF_SCALE_LEAD = 'lead:off-scale-price';
export const OFF_SCALE_SOURCE = 'context:off-scale-price';
/**
 * The trade said (a drug, coded goods, its words) or goods that are not a shop's: they lift a pharmacy frame (pills off a
 * pharmacy's shelf: « la pharmacie de mon oncle ») and goods named before the price (« la vraie ou que du cbd ? »).
 */
const FRAME_LIFTS: readonly Cue[] = ['covert_sale', 'not_store', 'illegal', 'discreet', 'police_dodge', 'drug_item', 'deal_talk', 'goods_code'];

/**
 * Whether the message sets `off_scale_price` (called by observe before the message's cues are marked): an off-scale price
 * (unit-price.ts) that neither the goods named in it or in the GOODS_SPAN messages before it nor, for a pill, a pharmacy
 * frame (price-frames.ts). Goods named before and a pharmacy are lifted by FRAME_LIFTS on the message or in the last
 * FRAME_SPAN messages. `cues` are the message's own.
 */
export function offScaleCue(conv: ConversationState, folded: string, cues: ReadonlySet<Cue>, at: number, hl: number, n: number, senderId: string): boolean {
  const unit = offScaleUnit(folded);
  if (unit === null) return false;
  const recent = conv.recent;
  const earlier: string[] = [];
  const same: boolean[] = [];
  for (let i = Math.max(0, recent.length - GOODS_SPAN); i < recent.length; i++) {
    earlier.push(fold(recent[i]!.text));
    same.push(recent[i]!.senderId === senderId);
  }
  const frame = priceFrame(unit, folded, earlier, same);
  if (frame === null) return true;
  return frame !== 'goods' && FRAME_LIFTS.some((k) => cues.has(k) || liveCue(conv.cue, k, at, hl, n - FRAME_SPAN));
}

export function offScaleSale(v: View): readonly Finding[] {
  if (v.cue.has('off_scale_price')) return offScaleSaleGated(v);
  return carriesAny(v.cue, HANDOVER_AFTER) ? handedOverAfter(v) : NONE;
}

/** Whether talk about prices, not a sale, frames the price (OFF_SCALE_FRAMES, a report not lifted) on this message. */
function framedHere(v: View): boolean {
  const c = v.conv.cue;
  const since = v.n - FRAME_SPAN;
  if (OFF_SCALE_FRAMES.some((k) => v.cue.has(k) || liveCue(c, k, v.at, v.halfLifeMs, since))) return true;
  const reported = v.cue.has('reporting') || liveCue(c, 'reporting', v.at, v.halfLifeMs, v.n - 1);
  return reported && !carriesAny(v.cue, REPORT_LIFTS);
}

/**
 * The hand-over after a lead (HANDOVER_AFTER): the finding on this message when an off-scale price was said within
 * CORROBORATION_SPAN messages before it, nothing corroborated it when said and no hand-over came since (else it is a
 * finding already). Its offender is
 * the price's speaker when that message is still in the recent ones.
 */
function handedOverAfter(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const from = v.n - CORROBORATION_SPAN;
  const price = c.off_scale_price;
  if (price === undefined || price.n < from || price.n >= v.n || !liveCue(c, 'off_scale_price', v.at, v.halfLifeMs, from)) return NONE;
  // Corroborated when said (a cue marked up to the price), or a hand-over after it already made the finding.
  for (let i = 0; i < CORROBORATION.length; i++) {
    const k = CORROBORATION[i]!;
    const m = c[k];
    if (m === undefined || m.n >= v.n || !liveCue(c, k, v.at, v.halfLifeMs, from)) continue;
    if (m.n <= price.n || HANDOVER_AFTER.includes(k)) return NONE;
  }
  if (framedHere(v)) return NONE;
  const recent = v.conv.recent;
  const back = recent[recent.length - (v.n - price.n)];
  return [{
    category: 'drug_trafficking', score: OFF_SCALE_SCORE, source: OFF_SCALE_SOURCE, offender: back?.senderId ?? v.senderId, across: true,
    reason: 'a unit priced off its trade\'s scale, then a hand-over said (a spot with a time, a drop, a private place)',
  }];
}

/** Past the gate (stop 44, perf44's GATED rule: no closure before it). */
function offScaleSaleGated(v: View): readonly Finding[] {
  const c = v.conv.cue;
  if (framedHere(v)) return NONE;
  const from = v.n - CORROBORATION_SPAN;
  const corroborated = CORROBORATION.some((k) => v.cue.has(k) || liveCue(c, k, v.at, v.halfLifeMs, from));
  return [{
    category: 'drug_trafficking', score: OFF_SCALE_SCORE, source: corroborated ? OFF_SCALE_SOURCE : OFF_SCALE_LEAD, offender: v.senderId, across: false,
    reason: corroborated
      ? 'a unit priced off its trade\'s scale (by the gram, the litre or the pill) or a sum owed for a weight at a street price, with the trade or a hand-over said'
      : 'a unit priced off its trade\'s scale (by the gram, the litre or the pill) or a sum owed for a weight at a street price: a lead only (no drug, trade word or hand-over said)',
  }];
}
