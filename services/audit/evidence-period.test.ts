import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describePeriod, EvidencePeriodError, inPeriod, parsePeriod, parsePeriodBound } from './evidence-period.js';

describe('evidence period', () => {
  it('reads a UTC day as its whole day, a date-time with its offset as that instant', () => {
    assert.equal(parsePeriodBound('2024-09-11', 'from'), Date.UTC(2024, 8, 11));
    assert.equal(parsePeriodBound('2024-09-11', 'to'), Date.UTC(2024, 8, 12) - 1);
    assert.equal(parsePeriodBound('2024-09-11T22:00:00+02:00', 'from'), Date.UTC(2024, 8, 11, 20));
    assert.equal(parsePeriodBound('2024-09-11T20:13:43.5Z', 'to'), Date.UTC(2024, 8, 11, 20, 13, 43, 500));
  });

  it('refuses a date-time without an offset, a date that does not exist, words, and an empty period', () => {
    assert.throws(() => parsePeriodBound('2024-09-11T20:00:00', 'from'), (e: unknown) => e instanceof EvidencePeriodError && /with its offset/.test(e.message));
    assert.throws(() => parsePeriodBound('2024-02-30', 'to'), /not a calendar date/);
    // A date-time on a day that does not exist is refused too, not rolled over to the next month (a wider period).
    assert.throws(() => parsePeriodBound('2024-09-31T23:59:59Z', 'to'), /not a calendar date/);
    assert.throws(() => parsePeriodBound('2023-02-29T00:00:00+01:00', 'from'), /not a calendar date/);
    assert.throws(() => parsePeriodBound('yesterday', 'from'), EvidencePeriodError);
    assert.throws(() => parsePeriod('2024-09-12', '2024-09-11'), /after --to .*empty/);
  });

  it('keeps the messages sent within the period, bounds included, either side open', () => {
    assert.equal(parsePeriod(undefined, undefined), null);
    const p = parsePeriod('2024-09-11', '2024-09-11')!;
    assert.deepEqual([Date.UTC(2024, 8, 10, 23, 59, 59, 999), Date.UTC(2024, 8, 11), Date.UTC(2024, 8, 11, 23, 59, 59, 999), Date.UTC(2024, 8, 12)]
      .map((t) => inPeriod(p, t)), [false, true, true, false]);
    const open = parsePeriod(undefined, '2024-09-11T00:00:00Z')!;
    assert.deepEqual([inPeriod(open, 0), inPeriod(open, Date.UTC(2024, 8, 11, 0, 0, 1))], [true, false]);
    assert.equal(inPeriod(null, 5), true);
    assert.deepEqual(describePeriod(open), { from: null, to: '2024-09-11T00:00:00.000Z' });
  });
});
