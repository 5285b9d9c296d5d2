/**
 * Stop 40 (detD40): a hotel stay booked in the open. The paid-meeting derivation without a paid "arrangement" (derive.ts:
 * a price, a hotel room and cash or a meeting, on a message the prostitution rules read) is every hotel booking for relatives,
 * wedding guests or a couple's weekend (« chambre double 119€/nuit petit-déj inclus », "189 a night, I'll split it with you").
 * It stays quiet while the hospitality frame (hospitality-frame.ts) holds prostitution on this message, i.e. a booking's words
 * were said in the last six messages and nothing that lifts the frame (sex words, a body remark, a person offered, the trade's
 * marks, documents held) has been said since.
 */
import { liveCue, type View } from './derive.js';

export function hotelStay(v: View): boolean {
  return v.framed.has('prostitution') && liveCue(v.conv.cue, 'hospitality', v.at, v.halfLifeMs, v.n - 6);
}
