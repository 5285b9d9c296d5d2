import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixed, MAX_SANCTION_MS, MIN_SANCTION_MS, parseDecimal, sanctionDuration, spanText } from './format.js';
import { translator } from './i18n.js';

const en = translator('en');
const fr = translator('fr');

test('spans of time in words, never with a decimal: seconds, minutes, hours and minutes, days', () => {
  const MIN = 60_000;
  for (const [ms, e, f] of [[45_000, '45 s', '45 s'], [30 * MIN, '30 min', '30 min'], [90 * MIN, '1 h 30 min', '1 h 30 min'], [8 * 60 * MIN, '8 h', '8 h'],
    [899_001, '15 min', '15 min'], [3 * 24 * 60 * MIN, '3 days', '3 j'], [24 * 60 * MIN, '24 h', '24 h']] as const) {
    assert.equal(spanText(en, ms), e, `en ${ms}`);
    assert.equal(spanText(fr, ms), f, `fr ${ms}`);
  }
});

test('one wording for every span, rounded up (a wait) or down (a case\'s age and target): a 150-min target is "2 h 30 min"', () => {
  const MIN = 60_000;
  for (const [ms, up, down, fdown] of [[150 * MIN, '2 h 30 min', '2 h 30 min', '2 h 30 min'], [90 * MIN + 30_000, '1 h 31 min', '1 h 30 min', '1 h 30 min'],
    [119 * MIN + 59_000, '2 h', '1 h 59 min', '1 h 59 min'], [59_500, '60 s', '59 s', '59 s'], [(3 * 1440 - 1) * MIN, '3 days', '2 days', '2 j'],
    [2 * 60 * MIN, '2 h', '2 h', '2 h']] as const) {
    assert.equal(spanText(en, ms, 'up'), up, `up ${ms}`);
    assert.equal(spanText(en, ms), up, `default ${ms}`);
    assert.equal(spanText(en, ms, 'down'), down, `down ${ms}`);
    assert.equal(spanText(fr, ms, 'down'), fdown, `fr down ${ms}`);
  }
});

test('a sanction\'s hours: empty is until lifted; not a positive number, or under 1 min once in ms, is refused', () => {
  assert.deepEqual(sanctionDuration(''), { ms: null });
  assert.deepEqual(sanctionDuration('1,5'), { ms: 90 * 60_000 });
  assert.deepEqual(sanctionDuration(' 0.02 '), { ms: 72_000 });
  for (const tiny of ['0,0000001', '0.0000001', '0.0001', '0,01']) assert.deepEqual(sanctionDuration(tiny), { refused: 'durationTooShort' }, tiny);
  assert.deepEqual(sanctionDuration(String(MIN_SANCTION_MS / 3_600_000)), { ms: MIN_SANCTION_MS });
  for (const bad of ['0', 'abc', '-1']) assert.deepEqual(sanctionDuration(bad), { refused: 'durationInvalid' }, bad);
  assert.match(fr('durationTooShort'), /au moins 1 min/);
  assert.match(en('durationTooShort'), /at least 1 min/);
});

test('a sanction of at most 10 years: « 9999999999 » h ended past what the store reads back (review of ops48)', () => {
  assert.deepEqual(sanctionDuration('87600'), { ms: MAX_SANCTION_MS });
  for (const huge of ['87600,01', '99999', '9999999999', '999999999999']) assert.deepEqual(sanctionDuration(huge), { refused: 'durationTooLong' }, huge);
  assert.ok(Number.isSafeInteger(Date.UTC(2100, 0) + MAX_SANCTION_MS) && Date.UTC(2100, 0) + MAX_SANCTION_MS < 8.64e15, 'an end a Date and the store both hold');
  assert.match(fr('durationTooLong'), /au plus 87600 h \(10 ans\)/);
  assert.match(en('durationTooLong'), /at most 87600 h \(10 years\)/);
});

test('decimals with the language\'s mark; a typed duration read in either', () => {
  assert.equal(fixed(en, 0.855, 2), '0.85');
  assert.equal(fixed(fr, 0.5, 2), '0,50');
  assert.equal(parseDecimal('1,5'), 1.5);
  assert.equal(parseDecimal(' 2.25 '), 2.25);
  assert.equal(parseDecimal('12'), 12);
  for (const bad of ['', 'abc', '1,5,3', '-1', '1e3', '0x10']) assert.ok(Number.isNaN(parseDecimal(bad)), bad);
});
