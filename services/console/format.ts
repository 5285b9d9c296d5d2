import type { T } from './i18n.js';

/**
 * Numbers and spans of time as the page's language writes them. French writes a decimal comma (« 0,85 ») and
 * nobody reads "0.5 h" well in either language: spans are whole seconds, minutes, hours and minutes, or days.
 */

/** A span in words: under 2 min in seconds ("45 s"), under 1 h in minutes ("30 min"), under 2 days in hours and minutes ("1 h 30 min", "8 h"), else days. Rounded up (a wait is never said shorter than it is). */
export function spanText(t: T, ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 120) return t('seconds', { n: s });
  const m = Math.ceil(s / 60);
  if (m < 60) return t('minutes', { n: m });
  if (m < 48 * 60) return m % 60 ? t('hoursMinutes', { h: Math.floor(m / 60), m: m % 60 }) : t('hours', { n: m / 60 });
  return t('days', { n: Math.ceil(m / 1440) });
}

/** `x` with `digits` decimals and the language's decimal mark (`decimalMark`: "." in English, "," in French). */
export const fixed = (t: T, x: number, digits: number): string => x.toFixed(digits).replace('.', t('decimalMark'));

/** A number typed into a form in either language ("1.5", "1,5"); NaN when it is not one. */
export const parseDecimal = (typed: string): number => (/^\s*\d+(?:[.,]\d+)?\s*$/.test(typed) ? Number(typed.trim().replace(',', '.')) : Number.NaN);
