/**
 * Round 16b of issue 14 (engine speed): the shortcuts keep results identical.
 * - lineFeatures (one kept array per window line, cut from a slab) gives the ids lineIds(featurise(...)) gave, from text
 *   and from tokens, with repeats counted or once, and a line's ids never change when later lines are featurised;
 * - the message model's hashes kept for the window model (featuriser.ts sharedHashes, now cut from a slab) give both
 *   models the features they got from their own featurisation;
 * - scoreWindowNow asking the memo (tokensOf) only on a miss gives the row of the window with every line's tokens given;
 * - normalise's expandWords returning its input when no word changes: the tokens are those of the copy it made.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { featurise, DEFAULT_FEATURISER } from './model/featuriser.js';
import { lineFeatures, lineIds, DEFAULT_WINDOW } from './model/window-featuriser.js';
import { loadTextClassifier, type WindowText } from './model/onnx-classifier.js';
import { REPO_ROOT } from './engine-options.js';
import { normalise } from './normalise.js';

const TEXTS = [
  'salut ca va', 'mdr mdr mdr mdr', 'tu es en quelle classe au fait ?', 'slt cv tkt jsp', 'envoie moi une photo stp stp stp',
  'lol', '', 'the the the cat sat on the mat with the hat', 'viens sur snap : kevin_93', 'c koi ton num 06 12 34 56 78',
  'ptdr jte jure', 'j\'ai 14 ans', 'Ça vA ??? 😂😂😂', 's n a p ch at', 'bonjour '.repeat(300),
];

test('lineFeatures: the ids of lineIds(featurise(input, capped), win), from text and tokens, repeats count and once; kept ids never change', () => {
  const feat = { ...DEFAULT_FEATURISER, maxLen: DEFAULT_WINDOW.maxIdsPerMessage };
  const kept: [Uint32Array, number[]][] = [];
  for (let round = 0; round < 40; round++) {
    for (const t of TEXTS) {
      const text = round ? `${t} ${round}` : t;
      for (const win of [{ repeats: 'once' as const }, { repeats: 'count' as const }, {}]) {
        for (const input of [text, { tokens: normalise(text).tokens }]) {
          const want = [...lineIds(featurise(input, feat), win)];
          const got = lineFeatures(input, feat, win);
          assert.deepEqual([...got], want, JSON.stringify([text, win]));
          kept.push([got, want]);
        }
      }
      assert.deepEqual([...lineFeatures(text, feat, null)], [...featurise(text, feat)]);
    }
  }
  for (const [got, want] of kept) assert.deepEqual([...got], want);
});

test('shared hashes: the message model (maxLen 384) and a window line (maxLen 256) reading one tokens array get the features of their own featurisation', () => {
  const small = { ...DEFAULT_FEATURISER, maxLen: 256 };
  for (const t of TEXTS) {
    const tokens = normalise(t).tokens;
    const own384 = [...featurise(t, DEFAULT_FEATURISER)];
    const own256 = [...featurise(t, small)];
    // The first read of the tokens array keeps its hashes; the second is served from them.
    assert.deepEqual([...featurise({ tokens }, DEFAULT_FEATURISER)], own384);
    assert.deepEqual([...featurise({ tokens }, small)], own256);
    const tokens2 = normalise(t).tokens;
    assert.deepEqual([...featurise({ tokens: tokens2 }, small)], own256);
    assert.deepEqual([...featurise({ tokens: tokens2 }, DEFAULT_FEATURISER)], own384);
  }
});

test('scoreWindowNow with tokensOf: the row of the same window with every line\'s tokens given, and of scoreWindows', async () => {
  const a = await loadTextClassifier(resolve(REPO_ROOT, 'models/vigie-window-v1'));
  const b = await loadTextClassifier(resolve(REPO_ROOT, 'models/vigie-window-v1'));
  assert.ok(a.scoreWindowNow && b.scoreWindowNow);
  const asked: string[] = [];
  const tokensOf = (text: string) => { asked.push(text); return normalise(text).tokens; };
  const lines = TEXTS.slice(0, 10);
  for (let j = 0; j < lines.length; j++) {
    const w: WindowText[] = lines.slice(0, j + 1).map((text, i) => ({ text, mine: i % 2 === j % 2, tokens: i === j ? normalise(text).tokens : undefined }));
    const given = w.map((l) => ({ ...l, tokens: normalise(l.text).tokens }));
    const got: number[] = Array.from(a.scoreWindowNow(w, tokensOf));
    assert.deepEqual(got, Array.from(b.scoreWindowNow(given)));
    assert.deepEqual(got, Array.from((await b.scoreWindows([w]))[0]!));
  }
  // Each line is a new current message once, with its tokens: the memo is never asked for a line the model holds.
  assert.deepEqual(asked, []);
  // A line the model never featurised: asked once (its tokens are then those of normalise), the row unchanged.
  const fresh: WindowText[] = [{ text: 'on se voit ou demain soir', mine: false }, { text: 'chez moi', mine: true, tokens: ['chez', 'moi'] }];
  const row: number[] = Array.from(a.scoreWindowNow!(fresh, tokensOf));
  assert.deepEqual(asked, ['on se voit ou demain soir']);
  assert.deepEqual(row, Array.from((await b.scoreWindows([fresh]))[0]!));
  await a.close();
  await b.close();
});

test('normalise: SMS expansions and squeezed words anywhere in a message, and messages with none, keep their tokens', () => {
  assert.deepEqual(normalise('bonjour slt').tokens, ['bonjour', 'salut']);
  assert.deepEqual(normalise('slt bonjour').tokens, ['salut', 'bonjour']);
  assert.deepEqual(normalise('ok bonjour').tokens, ['ok', 'bonjour']);
  const plain = normalise('le chat dort');
  assert.deepEqual(plain.tokens, ['le', 'chat', 'dort']);
  assert.equal(normalise('nooooon').tokens.length, 1);
});
