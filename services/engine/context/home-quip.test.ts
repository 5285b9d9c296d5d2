import { test } from 'node:test';
import assert from 'node:assert/strict';
import { homeQuip } from './home-quip.js';
import { cuesOf, type Cue } from './cues.js';
import { fold } from './fold.js';

const AT = 1_700_000_000_000;
const quip = (text: string, rec: Partial<Record<Cue, { s: number; at: number; n: number }>> = {}): boolean => {
  const f = fold(text);
  return homeQuip(f, cuesOf(f), rec, AT, 3_600_000, 10);
};

test('home-quip: the bare claim said laughing, not without a laugh, with a number or another place of the target\'s', () => {
  assert.equal(quip('je sais où tu habites Léo 😂'), true);
  assert.equal(quip("je sais où t'habites mdr"), true);
  assert.equal(quip('Sam I know where you sleep lol. buying dinner'), true);
  assert.equal(quip('je sais où tu habites'), false);
  assert.equal(quip('i know where you live lol. 14 oak road'), false);
  assert.equal(quip('je sais où tu habites 😂 et ta voiture aussi'), false);
});

test('home-quip: not after a threat, a refusal or a block said in the last messages', () => {
  assert.equal(quip('je sais où tu habites 😂', { menace: { s: 1, at: AT - 60_000, n: 9 } }), false);
  assert.equal(quip('je sais où tu habites 😂', { refusal: { s: 1, at: AT - 60_000, n: 8 } }), false);
  assert.equal(quip('je sais où tu habites 😂', { waiting: { s: 1, at: AT - 60_000, n: 7 } }), false);
  assert.equal(quip('je sais où tu habites 😂', { menace: { s: 1, at: AT - 600_000, n: 2 } }), true);
});
