/**
 * A sale told by its structure (round 38): within 8 messages a price (a sum, a price for a unit: « 10 la barrette », "8 each or
 * 10 for 70"), a hand-over (a spot, a pick-up, a mailbox, a time to come by) and a mark that the goods are not a shop's
 * (`covert_sale`: the real one, nothing like the legal store's, no prescription needed, no smell, vacuum-packed, cash only for
 * that, a fake memo on the transfer) or said illegal, secret, coded or by the trade's words. Robust to the goods' names: a menu
 * of emojis, fruit, croquettes or "focus helpers" are sold the same way. Everyday sales (a farm's strawberries, a console, a
 * flat) name a price and a pick-up but none of those marks. News, warnings, a moderator, care, a flat-share frame it; the
 * legal market and medicine do not (the covert mark says these goods are not theirs). Review level (flag): the structure is a lead, not proof.
 */
import type { Cue } from './cues.js';
import { liveCue, type Finding, type View } from './derive.js';

const NONE: readonly Finding[] = [];
/** Messages back over which the parts of a sale are read together. */
export const STRUCTURE_SPAN = 8;
export const STRUCTURE_SCORE = 0.65;
const GATE: readonly Cue[] = ['covert_sale', 'amount', 'price', 'handover'];
const MARKS: readonly Cue[] = ['covert_sale', 'illegal', 'discreet', 'goods_code', 'deal_talk', 'drug_item', 'police_dodge'];
const FRAMES: readonly Cue[] = ['reporting', 'warning', 'moderation', 'care', 'household', 'listing'];

export function saleStructure(v: View): readonly Finding[] {
  if (!v.cue.size || !GATE.some((k) => v.cue.has(k))) return NONE;
  const c = v.conv.cue;
  const since = v.n - STRUCTURE_SPAN;
  const has = (k: Cue): boolean => liveCue(c, k, v.at, v.halfLifeMs, since);
  if (!has('covert_sale')) return NONE;
  if (!(has('amount') || has('price')) || !has('handover')) return NONE;
  if (FRAMES.some(has)) return NONE;
  const marks = MARKS.filter(has);
  return [{
    category: 'drug_trafficking', score: STRUCTURE_SCORE, source: 'context:sale-structure', offender: v.senderId, across: true,
    reason: `conversation combines a price, a hand-over and goods that are not a shop's (${marks.join(', ')})`,
  }];
}
