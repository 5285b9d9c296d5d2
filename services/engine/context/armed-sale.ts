/**
 * A weapon sold for a plan (detD38): a weapon, a blade or ammunition (slang included) priced in the same message or the next, in a
 * conversation that plans violence (a wrong to settle, harm meant, a group waiting, a robbery, a lure: within 16 messages,
 * or a threat or ambush already established against someone) or with a covert mark (no papers, a secluded hand-over,
 * discretion). Writers buy « un court, 2500 avec 10 bastos » or "a nank, 50 and it's yours" in chats that also talk
 * football or games: the sport frame that spares airsoft and hunting sales (weaponsDeal) does not spare a sale beside a plan.
 * News, warnings, moderators, the legal trade, deactivated pieces and fiction stay quiet. Listed for review (flag).
 */
import { anyLive, carriesAny, type Cue } from './cues.js';
import { liveCue, type Finding, type View } from './derive.js';
import { EMPTY_LIST } from '../empty-list.js';

const SALE_SPAN = 8;
const PLAN_SPAN = 16;
const SCORE = 0.62;
const NONE: readonly Finding[] = EMPTY_LIST;
const GATE: readonly Cue[] = ['weapon_item', 'amount', 'arm_price'];
// A sum said as one (never "cash" or "how much" alone: "we take the cash" is a robbery's).
const PRICED: readonly Cue[] = ['amount', 'arm_price'];
const PLAN: readonly Cue[] = ['harm', 'grievance', 'outnumber', 'go_plan', 'robbery', 'lure', 'summon', 'doom'];
const COVERT: readonly Cue[] = ['illegal', 'secluded', 'discreet'];
const TALK: readonly Cue[] = ['reporting', 'reported', 'warning', 'moderation', 'legal_trade', 'deac_cert', 'fiction', 'stage', 'scam_warning', 'peer_warning'];
const PLAY: readonly Cue[] = ['gaming', 'sport', 'football', 'game_title'];

export function armedSale(v: View): readonly Finding[] {
  if (!carriesAny(v.cue, GATE)) return NONE;
  return armedSaleGated(v);
}

/** armedSale past its gate (see GATED at the top of derive.ts). */
function armedSaleGated(v: View): readonly Finding[] {
  const c = v.conv.cue;
  const hl = v.halfLifeMs;
  const within = (k: Cue, span: number): boolean => liveCue(c, k, v.at, hl, v.n - span);
  const has = (k: Cue): boolean => within(k, SALE_SPAN);
  // The weapon is what is priced: both in this message, or one here and the other in the message just before ("how much?"
  // answered, « 2500 pour un fer ? »). A price said earlier is the bait's (a phone sold to rob its buyer) or a debt.
  const here = (k: Cue): boolean => v.cue.has(k);
  const before = (k: Cue): boolean => (c[k]?.n ?? -1) >= v.n - 1 && liveCue(c, k, v.at, hl, v.n - 1);
  const priced = PRICED.some(here) ? here('weapon_item') || before('weapon_item') : here('weapon_item') && PRICED.some(before);
  if (!priced || anyLive(has, TALK)) return NONE;
  // A weapon the speaker brings along (« j'amène le poing américain », weapon_access) is his own, not one for sale.
  if (v.cue.has('weapon_access') && !v.cue.has('arm_price')) return NONE;
  if (!v.cue.has('weapon_item') && liveCue(c, 'weapon_access', v.at, hl, v.n - 1) && (c.weapon_access?.n ?? -1) === v.n - 1) return NONE;
  const established = v.conv.offender.violent_threat !== undefined || v.conv.offender.ambush !== undefined;
  const plan = PLAN.filter((k) => within(k, PLAN_SPAN));
  const covert = COVERT.filter(has);
  if (!established && plan.length === 0 && covert.length === 0) return NONE;
  // A weapon and a price among game, sport or hunting words (within the sale's 8 messages) are skins, airsoft and hunting
  // gear; only a plan against someone (two of its marks, or one already established) or no papers make that sale a real one.
  // Football talked further back is only the plotters' small talk; laughter in the sale's span keeps it a game.
  const play = PLAY.some((k) => within(k, SALE_SPAN));
  if (play && !established && !covert.includes('illegal') && (plan.length < 2 || has('laughing'))) return NONE;
  const across = (['weapon_item', 'amount', 'arm_price'] as const).some((k) => has(k) && (c[k]?.n ?? v.n) < v.n);
  const marks = [established ? 'a threat or ambush established' : '', ...plan, ...covert].filter(Boolean);
  return [{ category: 'weapons_trafficking', score: SCORE, source: 'context:armed-sale', offender: v.senderId, across,
    reason: `a weapon and a price in a conversation with ${marks.join(', ')}` }];
}
