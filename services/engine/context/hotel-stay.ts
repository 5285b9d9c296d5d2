/**
 * Stop 40 (detD40): a hotel stay booked in the open. The paid-meeting derivation without a paid "arrangement" (derive.ts:
 * a price, a hotel room and cash or a meeting, on a message the prostitution rules read) is every hotel booking for relatives,
 * wedding guests or a couple's weekend (« chambre double 119€/nuit petit-déj inclus », "189 a night, I'll split it with you").
 * It stays quiet while the hospitality frame (hospitality-frame.ts) holds prostitution on this message, i.e. a booking's words
 * were said in the last six messages and nothing that lifts the frame (sex words, a body remark, a person offered, the trade's
 * marks, documents held) has been said since.
 */
import type { Category } from '../../contracts/taxonomy.js';
import { decayed, type ConversationState } from './state.js';

/** Whether prostitution is framed on this message (`framed`) while a booking's words are live in the last six messages. */
export function hotelStay(framed: ReadonlySet<Category>, conv: ConversationState, at: number, halfLifeMs: number, n: number): boolean {
  if (!framed.has('prostitution')) return false;
  const m = conv.cue.hospitality;
  return !!m && m.n >= n - 6 && decayed(m, at, halfLifeMs) >= 0.4;
}
