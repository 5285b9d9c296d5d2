import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Signal } from '../../contracts/taxonomy.js';
import { anyLiveSig, anySigSince, isMinor, minorsAmong } from './derive.js';
import { decayed, keyedRecord, type ParticipantState } from './state.js';
import { EMPTY_LIST } from '../empty-list.js';

/**
 * Issue 14, round 50: groomingGated's and prostitutionGated's reads of the participants, made on most messages, without
 * a closure or an array: the helpers give what the closures they replace gave (checked on generated cases) and the
 * shared frozen EMPTY_LIST when no target is a minor. Shape and value checks, not timings.
 */
const HL = 3_600_000;
const AT = 1_700_000_000_000;

function person(i: number, r: () => number): ParticipantState {
  const sig: ParticipantState['sig'] = {};
  for (const s of ['payment_offer', 'sexual_content', 'meetup_request'] as Signal[]) {
    if (r() < 0.5) sig[s] = { s: 0.3 + r() * 0.7, at: AT - Math.floor(r() * 4 * HL), n: Math.floor(r() * 12) };
  }
  const age = r();
  return {
    lastAt: AT, declaredAge: age < 0.3 ? 12 + Math.floor(r() * 10) : null, statedAge: age > 0.8 ? 14 + Math.floor(r() * 8) : null,
    minorHint: age > 0.5 && age < 0.6 ? `hint ${i}` : null, sig, cue: {}, cat: {}, msgs: 1, sexN: null, kin: false,
  };
}

/** Up to `max - 1` participants `p:0`, `p:1`…, with random ages and marks. */
function somePeople(r: () => number, max: number): Record<string, ParticipantState> {
  const people = keyedRecord<ParticipantState>();
  const n = Math.floor(r() * max);
  for (let i = 0; i < n; i++) people[`p:${i}`] = person(i, r);
  return people;
}

function rng(seed: number): () => number {
  let x = seed;
  return () => { x = (x * 1103515245 + 12345) % 2147483648; return x / 2147483648; };
}

test('round 50: minorsAmong gives targets.filter(minor) in order, and the shared frozen EMPTY_LIST when none', () => {
  const r = rng(50);
  const seen = { none: 0, some: 0 };
  for (let c = 0; c < 300; c++) {
    const people = somePeople(r, 5);
    const targets = ['p:0', 'p:1', 'p:2', 'p:3', 'p:9'].filter(() => r() < 0.6);
    const want = targets.filter((k) => people[k] && isMinor(people[k]!));
    const got = minorsAmong(people, targets);
    assert.deepEqual([...got], want);
    if (want.length === 0) { assert.equal(got, EMPTY_LIST); seen.none++; } else { assert.notEqual(got, EMPTY_LIST); seen.some++; }
  }
  assert.ok(seen.none > 20 && seen.some > 20, `${seen.none} without a minor, ${seen.some} with`);
  assert.ok(Object.isFrozen(EMPTY_LIST));
  assert.equal(EMPTY_LIST.length, 0);
});

test('round 50: anyLiveSig and anySigSince give what prostitutionGated\'s closures over Object.values(people) gave', () => {
  const r = rng(5050);
  let yes = 0;
  let no = 0;
  for (let c = 0; c < 400; c++) {
    const people = somePeople(r, 4);
    const list = Object.values(people);
    const at = AT + Math.floor(r() * HL);
    for (const s of ['payment_offer', 'sexual_content', 'meetup_request'] as Signal[]) {
      for (const since of [-Infinity, -3, 0, 3, 6, 9]) {
        const live = list.some((p) => decayed(p.sig[s], at, HL) >= 0.4 && p.sig[s]!.n >= since);
        // The price's form (mark index first) and the meeting's (no decay, an absent mark counted as -1).
        const priced = list.some((p) => (p.sig[s]?.n ?? -1) >= since && decayed(p.sig[s], at, HL) >= 0.4);
        const marked = list.some((p) => (p.sig[s]?.n ?? -1) >= since);
        assert.equal(anyLiveSig(people, s, at, HL, since), live);
        assert.equal(anyLiveSig(people, s, at, HL, since), priced);
        assert.equal(anySigSince(people, s, since), marked);
        if (live) yes++; else no++;
      }
    }
  }
  assert.ok(yes > 100 && no > 100, `${yes} live, ${no} not`);
});
