import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold } from './fold.js';

/** The fold as it was written first (decomposition, accents, case, apostrophes, repeats, spaces): the reference. */
function reference(text: string): string {
  const base = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’‘`´]/g, "'");
  return base.replace(/([a-z])\1{2,}/g, '$1$1').replace(/\s+/g, ' ').trim();
}

test('fold equals the reference on every Latin-1 and Latin Extended-A character, alone and between words', () => {
  for (let c = 0x80; c < 0x250; c++) {
    const ch = String.fromCharCode(c);
    for (const t of [ch, `Un ${ch}tÉ`, `${ch}${ch}${ch} \`x\` ÉLÈVE`, `ça${ch}  Déjà`]) assert.equal(fold(t), reference(t), `U+${c.toString(16)} in ${JSON.stringify(t)}`);
  }
});

test('fold equals the reference on mixed texts (accents, ligatures, Greek, emoji, combining marks, backquotes)', () => {
  const parts = ['Élève', 'DÉJÀ', 'ça', 'Œuvre', 'ĳ', 'ſ', 'µ', '½', '¨', 'ΣΑΣ', 'İ', 'e\u0301', '😀', '\u00a0', '  ', '`', '’', 'Heyyyy', 'ÀÀÀ', 'ﬁ', 'x'];
  let seed = 7;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  for (let k = 0; k < 3000; k++) {
    let t = '';
    for (let j = rnd(6); j >= 0; j--) t += parts[rnd(parts.length)]! + (rnd(3) ? ' ' : '');
    assert.equal(fold(t), reference(t), JSON.stringify(t));
  }
  assert.equal(fold('Ça VA déjà `top`'), "ca va deja 'top'");
});
