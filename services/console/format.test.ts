import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixed, parseDecimal, spanText } from './format.js';
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

test('decimals with the language\'s mark; a typed duration read in either', () => {
  assert.equal(fixed(en, 0.855, 2), '0.85');
  assert.equal(fixed(fr, 0.5, 2), '0,50');
  assert.equal(parseDecimal('1,5'), 1.5);
  assert.equal(parseDecimal(' 2.25 '), 2.25);
  assert.equal(parseDecimal('12'), 12);
  for (const bad of ['', 'abc', '1,5,3', '-1', '1e3', '0x10']) assert.ok(Number.isNaN(parseDecimal(bad)), bad);
});
