/**
 * Round 38 of issue 14 (engine speed): the window model scored at once writes its row into one reused row.
 * - every call returns that same row, holding the row scoreWindows gives for its window (a long window through the
 *   id-level path too), so a row read before the next call, as the engine's finish reads it, is unchanged;
 * - scoreWindows still gives a row of its own per window (callers keep those).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { loadTextClassifier, type WindowText } from './model/onnx-classifier.js';
import { REPO_ROOT } from './engine-options.js';

const WINDOW = resolve(REPO_ROOT, 'models/vigie-window-v1');

const TEXTS = [
  'gg pour la partie, tu joues bien', 'merci lol', 'tu es en quelle classe au fait ?', 'en 5eme',
  'je peux te payer le pass de combat, tu le dis a personne ni a tes parents', 'viens sur l autre appli, envoie moi une photo de toi',
  'ok', 'viens me voir samedi apres ton entrainement, seule stp', `${'mot '.repeat(200)}fin`,
];

test('scoreWindowNow: one reused row, holding each window\'s scoreWindows row until the next call', async () => {
  const clf = await loadTextClassifier(WINDOW);
  const now = clf.scoreWindowNow;
  assert.ok(now);
  const windows: WindowText[][] = TEXTS.map((_, j) => TEXTS.slice(0, j + 1).map((text, k) => ({ text, mine: k % 2 === j % 2 })));
  // A window whose ids overflow featuriser.maxLen (the id-level path) between short ones.
  windows.splice(3, 0, Array.from({ length: 8 }, (_, i) => ({ text: `${'mot '.repeat(200)}${i}`, mine: i % 2 === 0 })));
  const expected = await clf.scoreWindows(windows);
  let first: Float32Array | undefined;
  let differing = 0;
  for (let i = 0; i < windows.length; i++) {
    const row: Float32Array = now(windows[i]!);
    first ??= row;
    assert.equal(row, first, `window ${i}: the same row object as the first call`);
    assert.deepEqual(Array.from(row), Array.from(expected[i]!), `window ${i}: the row scoreWindows gives`);
    if (i > 0 && Array.from(expected[i]!).join() !== Array.from(expected[i - 1]!).join()) differing++;
  }
  assert.ok(differing >= 3, `the windows' rows differ (${differing}), so a stale row would be seen`);
  const again = await clf.scoreWindows(windows.slice(0, 2));
  assert.notEqual(again[0], again[1], 'scoreWindows: a row per window');
  assert.notEqual(again[0], first);
  await clf.close();
});
