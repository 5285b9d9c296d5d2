/**
 * Stop 42 (det42p): a near-age couple or friends. An 18- or 19-year-old writing to a 17- or 16-year-old (two years apart
 * at most, both ages declared or stated) sends the kind words, meetings and « je t'aime » that two classmates send: with
 * the model's sexual readings of them they completed `minor-solicited` at P0 and suspended the older one. Grooming
 * evidence is held at review level (flag) between them, as between two minors (derive.ts `peer`); sextortion and the
 * other derivations are unchanged.
 */
import { ageOf, type ParticipantState } from './state.js';

/** Score at which grooming evidence between near-age people is held (review, no hold, no escalation). */
export const NEAR_AGE_CAP = 0.55;

/** The sender is 18 or 19 and every minor addressed is 16 or 17 and at most two years younger. */
export function nearAgePeer(sender: ParticipantState, minors: readonly ParticipantState[]): boolean {
  const s = ageOf(sender);
  if (s === null || s < 18 || s > 19 || !minors.length) return false;
  for (let i = 0; i < minors.length; i++) {
    const t = ageOf(minors[i]!);
    if (t === null || t < 16 || s - t > 2) return false;
  }
  return true;
}
