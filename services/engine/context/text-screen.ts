/**
 * Stop 53 (perf53, issue 14): one prefilter before observe's per-message text tests (age.ts statedAge, answeredAge's bare
 * answers, asksAge, mentionsChild; sextortion.ts holdsImages, threatensToSpread; workplace.ts holdsJobOver; off-scale-sale.ts
 * offScaleCue; meet-spot.ts meetSpot; parents.ts hidesFromParents). Each module exports the patterns its tests need first (a
 * test cannot pass on a text none of them matches); the screen is their union, one regex scanned once a message. A text it
 * rejects skips all of them: their results on it are known (false, null). Exact by construction; text-screen.test.ts checks
 * every screened test against it on the corpus texts. Input is `fold()`ed text. Pure.
 */
import { AGE_SCREEN } from './age.js';
import { MEET_SPOT_SCREEN } from './meet-spot.js';
import { PARENTS_SCREEN } from './parents.js';
import { SEXTORTION_SCREEN } from './sextortion.js';
import { OFF_SCALE_SCREEN } from './unit-price.js';
import { WORKPLACE_SCREEN } from './workplace.js';

/** Every pattern the screened tests need, by module (text-screen.test.ts drops each in turn). */
export const SCREEN_PARTS: readonly RegExp[] = [...AGE_SCREEN, ...SEXTORTION_SCREEN, ...WORKPLACE_SCREEN, ...OFF_SCALE_SCREEN, ...MEET_SPOT_SCREEN, ...PARENTS_SCREEN];

/** The union of `parts` as one regex: flagless patterns only (a flag would change what a part matches in the union). */
export function unionOf(parts: readonly RegExp[]): RegExp {
  const bad = parts.filter((r) => r.flags !== '' || /\\[1-9]|\\k</.test(r.source));
  if (bad.length) throw new Error(`text-screen: flagged or back-referencing patterns cannot join the union: ${bad.map(String).join(', ')}`);
  return new RegExp([...new Set(parts.map((r) => r.source))].map((s) => `(?:${s})`).join('|'));
}

const SCREEN = unionOf(SCREEN_PARTS);

/** False: none of the screened text tests can pass on `folded`. */
export function mayMatchText(folded: string): boolean {
  return SCREEN.test(folded);
}
