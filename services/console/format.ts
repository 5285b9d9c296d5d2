import type { T } from './i18n.js';

/**
 * Numbers and spans of time as the page's language writes them. French writes a decimal comma (« 0,85 ») and
 * nobody reads "0.5 h" well in either language: spans are whole seconds, minutes, hours and minutes, or days.
 */

/** How a span is rounded to the unit it is said in: up for a wait (never said shorter than it is), down for an age or target (never said longer). */
export type SpanRounding = 'up' | 'down';

/**
 * A span in words, the one wording of the console (FR and EN): under 2 min in seconds ("45 s"), under 1 h in minutes
 * ("30 min"), under 2 days in hours and minutes ("1 h 30 min", "2 h 30 min", "8 h"), else days ("3 days", « 3 j »).
 * `rounding`: 'up' (the default: a wait) or 'down' (a case's age and its target).
 */
export function spanText(t: T, ms: number, rounding: SpanRounding = 'up'): string {
  const r = rounding === 'up' ? Math.ceil : Math.floor;
  const s = Math.max(0, r(ms / 1000));
  if (s < 120) return t('seconds', { n: s });
  const m = r(s / 60);
  if (m < 60) return t('minutes', { n: m });
  if (m < 48 * 60) return m % 60 ? t('hoursMinutes', { h: Math.floor(m / 60), m: m % 60 }) : t('hours', { n: m / 60 });
  return t('days', { n: r(m / 1440) });
}

/** `x` with `digits` decimals and the language's decimal mark (`decimalMark`: "." in English, "," in French). */
export const fixed = (t: T, x: number, digits: number): string => x.toFixed(digits).replace('.', t('decimalMark'));

/** A number typed into a form in either language ("1.5", "1,5"); NaN when it is not one. */
export const parseDecimal = (typed: string): number => (/^\s*\d+(?:[.,]\d+)?\s*$/.test(typed) ? Number(typed.trim().replace(',', '.')) : Number.NaN);

/** The shortest mute or suspension: 1 min. A shorter one (« 0,0000001 » h is 0 ms once rounded) would end as it starts. */
export const MIN_SANCTION_MS = 60_000;

/**
 * The longest: 10 years (87,600 h; longer is "until lifted", the field left empty). Unbounded, « 9999999999 » h ended past
 * what a JavaScript number holds exactly: the SQLite store could no longer read the enforcement row, so the case page
 * and the blocklist publisher (every user's sanction, not only this one) failed until the row was removed.
 */
export const MAX_SANCTION_MS = 87_600 * 3_600_000;

/** A sanction's typed duration in hours: `ms` (null: empty, until lifted), or why it is refused (the page's message key). */
export type SanctionDuration = { ms: number | null } | { refused: 'durationInvalid' | 'durationTooShort' | 'durationTooLong' };

/** Reads the hours typed for a mute or suspension ("1.5", « 1,5 »): a positive number from MIN_SANCTION_MS to MAX_SANCTION_MS once in ms. */
export function sanctionDuration(typed: string): SanctionDuration {
  if (!typed.trim()) return { ms: null };
  const hours = parseDecimal(typed);
  if (!(hours > 0)) return { refused: 'durationInvalid' };
  const ms = Math.round(hours * 3_600_000);
  return ms < MIN_SANCTION_MS ? { refused: 'durationTooShort' } : ms > MAX_SANCTION_MS ? { refused: 'durationTooLong' } : { ms };
}
