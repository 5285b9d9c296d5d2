/**
 * derive.ts helpers of the violence plan (stop 44, tidy44): a cue read on the harm's own message, and a means read from the
 * speaker's side of a harm aimed at the addressee.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Mark, ParticipantState } from './state.js';
import { onHarmMessage, onSpeakerSide, type View } from './derive.js';

const at = 1_767_600_000_000;
const m = (n: number): Mark => ({ s: 1, at: at + n * 60_000, n });

test('onHarmMessage: a cue said on the message of the sender\'s last harm, not before or after it', () => {
  const own: ParticipantState['cue'] = { harm: m(5), animal: m(5), figurative: m(4), other_actor: m(6) };
  assert.equal(onHarmMessage(own, 'animal'), true);
  assert.equal(onHarmMessage(own, 'figurative'), false);
  assert.equal(onHarmMessage(own, 'other_actor'), false);
  assert.equal(onHarmMessage(own, 'harm_you'), false);
  assert.equal(onHarmMessage(own, 'harm'), true);
});

test('onHarmMessage: false when the sender said no harm, whether the cue is there or not', () => {
  assert.equal(onHarmMessage({}, 'harm_you'), false); // not « undefined === undefined »
  assert.equal(onHarmMessage({ kin_mishap: m(3) }, 'kin_mishap'), false);
});

/** A conversation of a speaker `p:a` addressing `p:b`, with `p:c` looking on; each participant's cues as given. */
function view(cues: Record<'a' | 'b' | 'c', ParticipantState['cue']>, n = 10): View {
  const people: Record<string, ParticipantState> = Object.create(null);
  for (const k of ['a', 'b', 'c'] as const) {
    people[`p:${k}`] = { lastAt: at, declaredAge: null, statedAge: null, minorHint: null, sig: {}, cue: cues[k], cat: {}, msgs: 1, sexN: null, kin: false };
  }
  return { conv: { people }, senderKey: 'p:a', sender: people['p:a']!, senderId: 'a', targets: ['p:b'], at: at + n * 60_000, n, halfLifeMs: 3_600_000 } as unknown as View;
}

test('onSpeakerSide: a means said by the speaker or a third person counts, the addressee\'s does not', () => {
  assert.equal(onSpeakerSide(view({ a: { weapon: m(8) }, b: {}, c: {} }), 'weapon', 0), true);
  assert.equal(onSpeakerSide(view({ a: {}, b: {}, c: { weapon: m(8) } }), 'weapon', 0), true);
  assert.equal(onSpeakerSide(view({ a: {}, b: { weapon: m(8) }, c: {} }), 'weapon', 0), false);
  assert.equal(onSpeakerSide(view({ a: { weapon: m(8) }, b: {}, c: {} }), 'weapon_access', 0), false);
});

test('onSpeakerSide: only since the span\'s first message, and only while the cue is live', () => {
  assert.equal(onSpeakerSide(view({ a: {}, b: {}, c: { weapon: m(3) } }), 'weapon', 4), false);
  assert.equal(onSpeakerSide(view({ a: {}, b: {}, c: { weapon: m(3) } }), 'weapon', 3), true);
  // Said 10 hours before (a half-life of one hour): decayed below the live threshold.
  assert.equal(onSpeakerSide(view({ a: { weapon: m(8) }, b: {}, c: {} }, 608), 'weapon', 0), false);
});
