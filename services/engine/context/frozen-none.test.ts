/**
 * Stop 52 (perf52): the derivations' shared empty result (`NONE` in derive.ts and the ten modules beside it) is the
 * engine's one frozen empty list (empty-list.ts), not an unfrozen `[]` per module that a caller's push would have given
 * to every later message. Each of observe's 33 derivations, on a message carrying nothing (no cue, signal or score),
 * returns EMPTY_LIST itself: one view reaches the NONE of each of the eleven modules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_LIST } from '../empty-list.js';
import type { View } from './derive.js';
import { DERIVATIONS } from './observe.js';

/** A quiet message in a conversation with no marks: every derivation stops at its first gate. */
function quietView(): View {
  const sender = { lastAt: 0, declaredAge: null, statedAge: null, minorHint: null, sig: {}, cue: {}, cat: {}, msgs: 1, sexN: null, kin: false };
  const conv = { lastAt: 0, room: false, n: 6, people: { 'p:a': sender }, pairs: {}, acc: {}, cue: {}, offender: {}, recent: [] };
  return {
    conv, senderKey: 'p:a', sender, senderId: 'a', targets: [], sig: new Set(), cue: new Set(), cat: {}, at: 0, n: 5, halfLifeMs: 1,
    riskySender: false, framed: new Set(), groomRule: false,
  } as unknown as View;
}

test('every derivation returns the shared frozen EMPTY_LIST on a quiet message (the eleven modules\' NONE)', () => {
  assert.equal(DERIVATIONS.length, 33); // stop 53 (det53c): det53b's minorOffered taken out (benign P0 on fresh69)
  const v = quietView();
  for (const d of DERIVATIONS) {
    const found = d(v);
    assert.equal(found, EMPTY_LIST, `${d.name} returns the shared empty list`);
    assert.ok(Object.isFrozen(found), `${d.name}'s empty result is frozen`);
  }
});
