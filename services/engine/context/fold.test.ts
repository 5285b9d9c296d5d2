import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold, squeezeWork } from './fold.js';
import { mulberry32 as rng } from '../../tools/bootstrap.js';

/**
 * Round 37 (issue 14): fold skips its squeeze and space passes (REPEATS, SPACES, trim) when `squeezeWork` says they change
 * nothing. Checked against the passes themselves: every UTF-16 code unit as whitespace or not, and random texts made of
 * the characters the passes and fold's other paths care about.
 */

const REPEATS = /([a-z])\1{2,}/g;
const SPACES = /\s+/g;
const passes = (s: string): string => s.replace(REPEATS, '$1$1').replace(SPACES, ' ').trim();

/** fold as it was before round 37 (every non-trivial text through the passes). */
function foldBefore(text: string): string {
  let plain = true;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) { plain = false; break; }
  const base = plain
    ? text.toLowerCase().replace(/[`]/g, "'")
    : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’‘`´]/g, "'");
  return passes(base);
}

test('squeezeWork: whitespace is what \\s and trim take, for every UTF-16 code unit', () => {
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c);
    const inner = `a${ch}b`;
    assert.equal(squeezeWork(inner), passes(inner) !== inner, `U+${c.toString(16)} between letters`);
    assert.equal(squeezeWork(`${ch}b`), passes(`${ch}b`) !== `${ch}b`, `U+${c.toString(16)} first`);
    assert.equal(squeezeWork(`a${ch}`), passes(`a${ch}`) !== `a${ch}`, `U+${c.toString(16)} last`);
  }
});

test('squeezeWork is false exactly when the passes change nothing; fold equals the fold before round 37', () => {
  const alphabet = ['a', 'a', 'a', 'b', 'e', 'z', 'o', 'A', 'E', 'Z', ' ', ' ', ' ', '\t', '\n', '\u00a0', '\u202f', '\u3000', '\ufeff', '\u2028',
    'é', 'É', 'ç', 'ï', 'œ', 'ß', '’', '`', '´', "'", '1', '0', '!', '?', '.', 'ﬁ', '²', '😀', 'ä', '\u0301', 'x', 'y'];
  const r = rng(3737);
  let skipped = 0;
  for (let k = 0; k < 60000; k++) {
    const len = Math.floor(r() * 24);
    let s = '';
    for (let i = 0; i < len; i++) {
      const ch = alphabet[Math.floor(r() * alphabet.length)]!;
      s += r() < 0.15 ? ch.repeat(1 + Math.floor(r() * 4)) : ch;
    }
    const lower = s.toLowerCase();
    const changes = passes(lower) !== lower;
    assert.equal(squeezeWork(lower), changes, JSON.stringify(lower));
    if (!changes) skipped++;
    assert.equal(fold(s), foldBefore(s), JSON.stringify(s));
  }
  assert.ok(skipped > 5000, `texts the passes leave alone: ${skipped}`);
});
