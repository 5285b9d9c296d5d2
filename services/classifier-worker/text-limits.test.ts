import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countEncodedReplacement, countReplacementChars, truncateChars, truncateUtf8 } from './text-limits.js';

describe('text limits', () => {
  const charCases: [string, number, string, boolean][] = [
    ['hello', 10, 'hello', false],
    ['hello', 3, 'hel', true],
    ['a😀b', 2, 'a', true], // would split the surrogate pair
    ['a😀b', 3, 'a😀', true],
  ];
  for (const [text, max, want, cut] of charCases) {
    it(`truncateChars(${JSON.stringify(text)}, ${max})`, () => assert.deepEqual(truncateChars(text, max), { text: want, truncated: cut }));
  }
  const byteCases: [string, number, string, boolean][] = [
    ['abc', 3, 'abc', false],
    ['été', 2, 'é', true],
    ['été', 3, 'ét', true],
    ['😀x', 3, '', true],
    ['😀x', 4, '😀', true],
  ];
  for (const [text, max, want, cut] of byteCases) {
    it(`truncateUtf8(${JSON.stringify(text)}, ${max})`, () => {
      const r = truncateUtf8(text, max);
      assert.equal(r.text, want);
      assert.equal(r.truncated, cut);
      assert.ok(Buffer.byteLength(r.text) <= max);
    });
  }
  it('counts replacement characters decoded and encoded', () => {
    assert.equal(countReplacementChars('a\ufffdb\ufffd'), 2);
    assert.equal(countEncodedReplacement(Buffer.from('x\ufffdy', 'utf8')), 1);
    assert.equal(countEncodedReplacement(Buffer.from([0xc3, 0x28])), 0);
  });
});
