import { test } from 'node:test';
import assert from 'node:assert/strict';
import { featurise, DEFAULT_FEATURISER } from './featuriser.js';
import { featuriseWindow, lineIds, windowProblems, windowRows, DEFAULT_WINDOW, type WindowLine } from './window-featuriser.js';
import { validateManifest } from './manifest.js';
import { ModelError } from '../../contracts/errors.js';
import { NORMALISER_ID } from './tokenise.js';

const FEAT = { ...DEFAULT_FEATURISER, buckets: 1000, maxLen: 2000 };
const WIN = { ...DEFAULT_WINDOW, messages: 3 };
const ids = (t: string): Uint32Array => featurise(t, { ...FEAT, maxLen: WIN.maxIdsPerMessage });

test('window features: current message first in segment 0, earlier lines newest first in segment 1 (mine) or 2 (theirs)', () => {
  const lines: WindowLine[] = [
    { input: 'too old, dropped', mine: false }, { input: 'tu es en quelle classe', mine: true },
    { input: 'en 5eme', mine: false }, { input: 'ajoute moi sur snap', mine: true },
  ];
  const got = featuriseWindow(lines, FEAT, WIN);
  const cur = ids('ajoute moi sur snap'), them = ids('en 5eme'), me = ids('tu es en quelle classe');
  assert.deepEqual([...got], [...cur, ...[...them].map((x) => x + 2000), ...[...me].map((x) => x + 1000)]);
  assert.ok(got.every((x) => x >= 1 && x < windowRows(FEAT)));
  // The same words said by the other person land on other rows.
  const swapped = featuriseWindow([{ input: 'en 5eme', mine: true }, { input: 'ajoute moi sur snap', mine: true }], FEAT, WIN);
  assert.deepEqual([...swapped.slice(cur.length)], [...them].map((x) => x + 1000));
});

test('window features: the cap drops the oldest lines first and each line keeps at most maxIdsPerMessage', () => {
  const long = 'un deux trois quatre cinq six sept huit neuf dix';
  const lines: WindowLine[] = [{ input: long, mine: false }, { input: 'salut', mine: true }];
  const per = featuriseWindow(lines, FEAT, { ...WIN, maxIdsPerMessage: 4 });
  assert.equal(per.length, 8);
  const capped = featuriseWindow(lines, { ...FEAT, maxLen: ids('salut').length + 2 }, WIN);
  assert.deepEqual([...capped.slice(0, -2)], [...ids('salut')]);
  assert.equal(capped.length, ids('salut').length + 2);
});

test('window features, repeats "once": an id repeated within one message counts once (first occurrence, order kept); across messages each counts', () => {
  assert.deepEqual([...lineIds(Uint32Array.of(5, 3, 5, 9, 3, 5), { repeats: 'once' })], [5, 3, 9]);
  const same = Uint32Array.of(5, 3, 5);
  assert.equal(lineIds(same, { repeats: 'count' }), same);
  assert.equal(lineIds(same, {}), same);
  const flood = 'vends ' + '🍃 '.repeat(40);
  const lines: WindowLine[] = [{ input: flood, mine: false }, { input: flood, mine: true }];
  const once = featuriseWindow(lines, FEAT, { ...WIN, repeats: 'once' });
  const one = lineIds(ids(flood), { repeats: 'once' });
  assert.ok(one.length < ids(flood).length && new Set(one).size === one.length);
  assert.deepEqual([...once], [...one, ...[...one].map((x) => x + 2000)]);
  assert.deepEqual([...featuriseWindow(lines, FEAT, WIN)], [...ids(flood), ...[...ids(flood)].map((x) => x + 2000)]);
});

test('window settings: every bad value reported with its field; a window manifest must declare a supported window', () => {
  assert.deepEqual(windowProblems(DEFAULT_WINDOW, 1536), []);
  const p = windowProblems({ messages: 0, maxChars: 'x', maxIdsPerMessage: 9999, speakers: 'all-same' }, 512);
  assert.equal(p.length, 5, p.join('\n')); // maxIdsPerMessage is out of range and larger than maxLen
  assert.deepEqual(windowProblems({ ...DEFAULT_WINDOW, repeats: 'once' }), []);
  assert.match(windowProblems({ ...DEFAULT_WINDOW, repeats: 'twice' }).join(), /input\.window\.repeats: unsupported "twice"/);
  assert.match(p.join('\n'), /input\.window\.messages: must be an integer in \[1, 64\], got 0/);
  assert.match(p.join('\n'), /input\.window\.speakers: unsupported "all-same"/);
  assert.match(windowProblems({ ...DEFAULT_WINDOW, maxIdsPerMessage: 600 }, 512).join(), /exceeds featuriser\.maxLen \(512\)/);
  const manifest = {
    format: 'vigie-text-classifier/1', name: 'w', version: '1', file: 'model.onnx', labels: ['child_grooming'],
    input: { kind: 'window-hashed-bag', ids: 'ids', weights: 'weights', window: DEFAULT_WINDOW },
    output: { name: 'probs', activation: 'sigmoid' }, thresholds: {},
    featuriser: { ...DEFAULT_FEATURISER, maxLen: 1536, normaliser: NORMALISER_ID },
  };
  assert.equal(validateManifest(manifest, 'w').input.kind, 'window-hashed-bag');
  const bad = (input: object): string => {
    try { validateManifest({ ...manifest, input: { ...manifest.input, ...input } }, 'w'); } catch (e) { assert.ok(e instanceof ModelError); return e.message; }
    return 'accepted';
  };
  assert.match(bad({ window: undefined }), /input\.window: missing or not an object/);
  assert.match(bad({ window: { ...DEFAULT_WINDOW, messages: 100 } }), /input\.window\.messages: must be an integer in \[1, 64\], got 100/);
  assert.match(bad({ kind: 'hashed-bag' }), /input\.window: only for kind "window-hashed-bag"/);
  assert.match(bad({ kind: 'window-transformer' }), /input\.kind: unsupported "window-transformer"/);
});

test('window features, repeats "once": lineIds keeps first occurrences in order across many calls, large ids and lines with no repeat', () => {
  // The reference: what lineIds computed with a Set per line before issue 14's tenth round.
  const reference = (ids: Uint32Array): number[] => { const s = new Set<number>(); return [...ids].filter((x) => !s.has(x) && s.add(x)); };
  let seed = 7;
  const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let round = 0; round < 400; round++) {
    // Ids up to 200,000 (past the marks' first size), lines of 0-80 ids from a small or a large range.
    const range = round % 3 === 0 ? 12 : round % 3 === 1 ? 3 * 65536 : 200_000;
    const ids = Uint32Array.from({ length: rand(80) }, () => rand(range));
    const got = lineIds(ids, { repeats: 'once' });
    assert.deepEqual([...got], reference(ids), `round ${round}`);
    if (new Set(ids).size === ids.length) assert.equal(got, ids, 'no repeat: the same array');
  }
  // A call's marks do not leak into the next: the same ids, in another order, are all kept again.
  assert.deepEqual([...lineIds(Uint32Array.of(4, 8, 15), { repeats: 'once' })], [4, 8, 15]);
  assert.deepEqual([...lineIds(Uint32Array.of(15, 8, 4, 8), { repeats: 'once' })], [15, 8, 4]);
  assert.deepEqual([...lineIds(Uint32Array.of(300_000, 1, 300_000), { repeats: 'once' })], [300_000, 1]);
  assert.deepEqual([...lineIds(Uint32Array.of(1, 300_000), { repeats: 'once' })], [1, 300_000]);
});
