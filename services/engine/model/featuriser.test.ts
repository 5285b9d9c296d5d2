import { test } from 'node:test';
import assert from 'node:assert/strict';
import { featurise, fnv1a32, featuriserProblems, DEFAULT_FEATURISER, type FeaturiserSettings } from './featuriser.js';
import { tokenise, NORMALISER_ID } from './tokenise.js';
import { normalise, NORMALISER_VERSION } from '../normalise.js';

test('fnv1a32 matches the reference vectors', () => {
  // Reference values of 32-bit FNV-1a (http://www.isthe.com/chongo/tech/comp/fnv/).
  for (const [s, h] of [['', 0x811c9dc5], ['a', 0xe40c292c], ['foobar', 0xbf9cf968]] as const) assert.equal(fnv1a32(s), h, s);
  assert.notEqual(fnv1a32('é'), fnv1a32('e'), 'hashes UTF-8 bytes, not a lossy form');
});

test('featurise is deterministic, in range and ordered unigrams → bigrams → char n-grams', () => {
  const s: FeaturiserSettings = { ...DEFAULT_FEATURISER, buckets: 1000 };
  const tokens = { tokens: ['ajoute', 'moi', 'sur', 'snap'] };
  const a = featurise(tokens, s);
  assert.deepEqual(a, featurise({ tokens: [...tokens.tokens] }, s));
  assert.deepEqual(featurise('Ajoute MOI', s), featurise('ajoute moi', s), 'case-insensitive via the normaliser');
  assert.ok(a.every((id) => id >= 1 && id <= 1000));
  assert.equal(a[0], 1 + (fnv1a32('w:ajoute') % 1000));
  assert.equal(a[4], 1 + (fnv1a32('w2:ajoute moi') % 1000));
  // 4 unigrams + 3 bigrams + char n-grams of <ajoute> (n=3..5: 6+5+4), <moi> (3+2), <sur> (3+2), <snap> (4+3+2)
  assert.equal(a.length, 4 + 3 + 15 + 5 + 5 + 9);
  assert.notDeepEqual(featurise({ tokens: ['ajoute', 'moi', 'sur', 'insta'] }, s), a);
});

test('featurise caps at maxLen and handles empty text', () => {
  const s: FeaturiserSettings = { ...DEFAULT_FEATURISER, maxLen: 10 };
  assert.equal(featurise('un deux trois quatre cinq six sept huit neuf dix onze douze', s).length, 10);
  assert.equal(featurise('   !!! ', s).length, 0);
  assert.equal(featurise('snap', { ...s, charNgrams: [0, 0], maxLen: 50 }).length, 1);
});

test('tokenise is the engine normaliser (obfuscation undone before hashing)', () => {
  assert.deepEqual(tokenise("T'as QUEL âge??"), normalise("T'as QUEL âge??").tokens);
  assert.deepEqual(featurise('ajoute moi sur s.n.a.p', DEFAULT_FEATURISER), featurise('ajoute moi sur snapchat', DEFAULT_FEATURISER));
  assert.equal(NORMALISER_ID, `vigie-normalise/${NORMALISER_VERSION}`);
});

test('featuriserProblems refuses settings the runtime does not implement', () => {
  assert.deepEqual(featuriserProblems(DEFAULT_FEATURISER), []);
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ hash: 'murmur3' }, /hash/],
    [{ type: 'bert-wordpiece' }, /type/],
    [{ version: 2 }, /version/],
    [{ buckets: 0 }, /buckets/],
    [{ wordNgrams: 5 }, /wordNgrams/],
    [{ charNgrams: [5, 3] }, /charNgrams/],
    [{ maxLen: -1 }, /maxLen/],
    [{ normaliser: 'other/9' }, /normaliser/],
  ];
  for (const [patch, re] of cases) {
    const p = featuriserProblems({ ...DEFAULT_FEATURISER, ...patch });
    assert.equal(p.length, 1, JSON.stringify(patch));
    assert.match(p[0]!, re);
  }
});

/** Straightforward string-key version of the feature definition, to check the incremental hashing against. */
function reference(tokens: string[], s: FeaturiserSettings): number[] {
  const out: number[] = [];
  const id = (k: string): number => 1 + (fnv1a32(k) % s.buckets);
  for (const t of tokens) out.push(id('w:' + t));
  for (let n = 2; n <= s.wordNgrams; n++) for (let i = 0; i + n <= tokens.length; i++) out.push(id(`w${n}:` + tokens.slice(i, i + n).join(' ')));
  for (const t of tokens) {
    const cps = [...`<${t}>`];
    for (let n = s.charNgrams[0]; n <= s.charNgrams[1] && n < cps.length; n++) for (let i = 0; i + n <= cps.length; i++) out.push(id('c:' + cps.slice(i, i + n).join('')));
  }
  return out.slice(0, s.maxLen);
}

test('incremental hashing equals the string-key definition (accents, emoji tags, astral characters)', () => {
  const s: FeaturiserSettings = { ...DEFAULT_FEATURISER, buckets: 5003, wordNgrams: 3, charNgrams: [2, 6] };
  const cases = [['ajoute', 'moi', 'sur', 'snapchat'], ['été', 'çà', 'œuvre'], ['<emoji:smirk>', '𝒳𝒴', 'a'], ['x'], []];
  for (const tokens of cases) assert.deepEqual([...featurise({ tokens }, s)], reference(tokens, s), tokens.join(' '));
  assert.deepEqual([...featurise({ tokens: cases[0]! }, { ...s, maxLen: 7 })], reference(cases[0]!, { ...s, maxLen: 7 }));
});
