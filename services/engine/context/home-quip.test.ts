import { test } from 'node:test';
import assert from 'node:assert/strict';
import { betweenFriends, homeQuip } from './home-quip.js';
import type { ParticipantState } from './state.js';
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

test('home-quip (review of det45b): between friends only when every addressee has talked and no adult says it to a minor', () => {
  const p = (msgs: number, declaredAge: number | null = null): ParticipantState =>
    ({ lastAt: AT, declaredAge, statedAge: null, minorHint: null, sig: {}, cue: {}, cat: {}, msgs, sexN: null, kin: false });
  assert.equal(betweenFriends(p(2), [p(2)]), true);
  assert.equal(betweenFriends(p(2, 13), [p(2, 14)]), true);
  assert.equal(betweenFriends(p(3), [p(0)]), false);
  assert.equal(betweenFriends(p(3), [undefined]), false);
  assert.equal(betweenFriends(p(3), []), false);
  assert.equal(betweenFriends(p(2), [p(2, 13)]), false);
});
