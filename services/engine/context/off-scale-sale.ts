/**
 * A sale or a debt told in another trade's words and priced off that trade's scale (stop 44, det44d): the message prices
 * a unit at what no shop charges (`off_scale_price`, unit-price.ts: cheese or flour at 60 a gram, fuel at 70 a litre, a
 * "vitamin" at 6 a pill) or owes a sum for a weight at a street price (« les 3 kilos … 12 000 »). The goods' names are
 * the cover; the unit price is not. Warnings, a moderator, the legal market, ammunition and a news report frame it.
 * Review level (flag): a price is a lead, not proof.
 */
import { carriesAny, type Cue } from './cues.js';
import { liveCue, type Finding, type View } from './derive.js';

const NONE: readonly Finding[] = [];
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

export function offScaleSale(v: View): readonly Finding[] {
  if (!v.cue.has('off_scale_price')) return NONE;
  return offScaleSaleGated(v);
}

/** Past the gate (stop 44, perf44's GATED rule: no closure before it). */
function offScaleSaleGated(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const since = v.n - FRAME_SPAN;
  if (OFF_SCALE_FRAMES.some((k) => v.cue.has(k) || liveCue(c, k, v.at, v.halfLifeMs, since))) return NONE;
  const reported = v.cue.has('reporting') || liveCue(c, 'reporting', v.at, v.halfLifeMs, v.n - 1);
  if (reported && !carriesAny(v.cue, REPORT_LIFTS)) return NONE;
  return [{
    category: 'drug_trafficking', score: OFF_SCALE_SCORE, source: 'context:off-scale-price', offender: v.senderId, across: false,
    reason: 'a unit priced off its trade\'s scale (by the gram, the litre or the pill) or a sum owed for a weight at a street price',
  }];
}
