/**
 * Round 8 (issue 14): what the speed changes must keep.
 * - normalise's token list has one hidden class whether it is empty or not (no small-integer elements when empty), so
 *   its readers (matcher, featuriser, findAges) keep their optimised code when an empty text comes;
 * - decide gives the same decision with its per-category work in `judge` (checked by policy.test.ts and the snapshot).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { normalise, tokenTexts } from './normalise.js';

const NORMALISE = fileURLToPath(new URL('./normalise.js', import.meta.url));

test('tokenTexts: the raw tokens\' texts in order, a fresh array each time', () => {
  assert.deepEqual(tokenTexts([{ t: 'a' }, { t: 'bc' }]), ['a', 'bc']);
  const a = tokenTexts([]);
  const b = tokenTexts([]);
  assert.deepEqual(a, []);
  assert.notEqual(a, b);
});

test('normalise: empty and non-empty token lists have the same elements kind (objects), read in a V8 with natives syntax', () => {
  const script = `
    const { normalise } = await import(${JSON.stringify(NORMALISE)});
    const kinds = ['', '😂', '!!!', 'hi there'].map((t) => { const k = normalise(t).tokens; return [k.length, %HasObjectElements(k), %HasSmiElements(k)]; });
    console.log(JSON.stringify(kinds));`;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [[0, true, false], [0, true, false], [0, true, false], [2, true, false]]);
});

test('normalise: tokens unchanged by tokenTexts (same words as before on mixed texts)', () => {
  assert.deepEqual(normalise('Tu As Quel ÂGE').tokens, ['tu', 'as', 'quel', 'age']);
  assert.deepEqual(normalise('').tokens, []);
});
