/**
 * The period of a lawful request: the evidence export keeps only the messages sent within it, so a package
 * answering "user X between 1 and 30 September" does not also disclose everything else X ever wrote.
 * Pure parsing and filtering; the export (evidence.ts) and the CLI apply it.
 */
import { VigieError } from '../contracts/errors.js';

export class EvidencePeriodError extends VigieError {}

/** Both bounds inclusive, in ms since the epoch (sentAt); null = open on that side. */
export interface EvidencePeriod { from: number | null; to: number | null }

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` names a day that exists (not 2024-02-30). */
function isCalendarDay(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
}

/**
 * A bound as given on the command line: an ISO date-time with its offset (`2024-09-11T20:00:00Z`,
 * `2024-09-11T22:00+02:00`) or a date (`2024-09-11`, a UTC day: from its first millisecond when it
 * starts the period, to its last when it ends it). A date-time without an offset is refused: the
 * machine's time zone must not decide what a court order covers.
 */
export function parsePeriodBound(value: string, side: 'from' | 'to'): number {
  const v = value.trim();
  if (DATE_ONLY.test(v)) {
    if (!isCalendarDay(v)) throw new EvidencePeriodError(`--${side} ${v}: not a calendar date`);
    const t = Date.parse(`${v}T00:00:00Z`);
    return side === 'from' ? t : t + DAY_MS - 1;
  }
  if (!DATE_TIME.test(v)) {
    throw new EvidencePeriodError(`--${side} '${v}': give a date (2024-09-11, a UTC day) or a date-time with its offset (2024-09-11T20:00:00Z, 2024-09-11T22:00:00+02:00)`);
  }
  // Date.parse rolls a day that does not exist over (2024-09-31T23:59:59Z is 1 October): a typo must not widen the period.
  if (!isCalendarDay(v.slice(0, 10))) throw new EvidencePeriodError(`--${side} ${v}: not a calendar date`);
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new EvidencePeriodError(`--${side} ${v}: not a valid date-time`);
  return t;
}

/** The period from the optional --from/--to values; null when neither is given. */
export function parsePeriod(from: string | undefined, to: string | undefined): EvidencePeriod | null {
  if (from === undefined && to === undefined) return null;
  const p: EvidencePeriod = { from: from === undefined ? null : parsePeriodBound(from, 'from'), to: to === undefined ? null : parsePeriodBound(to, 'to') };
  if (p.from !== null && p.to !== null && p.from > p.to) {
    throw new EvidencePeriodError(`--from ${from} is after --to ${to}: the period is empty`);
  }
  return p;
}

export const inPeriod = (p: EvidencePeriod | null, sentAt: number): boolean =>
  p === null || ((p.from === null || sentAt >= p.from) && (p.to === null || sentAt <= p.to));

/** As written in scope.json and manifest.json: ISO strings, null for an open side. */
export function describePeriod(p: EvidencePeriod | null): { from: string | null; to: string | null } | null {
  return p === null ? null : { from: p.from === null ? null : new Date(p.from).toISOString(), to: p.to === null ? null : new Date(p.to).toISOString() };
}
