/** cues.ts `anyLive`: any cue of a list live, read through the derivation's own `has` (stop 44, tidy44). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anyLive, type Cue } from './cues.js';
import { belowP0Context, planSaid } from './p0-context.js';

/** A `has` over a fixed set of live cues that records the cues it was asked about, in order. */
function liveSet(live: readonly Cue[]): { has: (k: Cue) => boolean; asked: Cue[] } {
  const asked: Cue[] = [];
  return { asked, has: (k) => { asked.push(k); return live.includes(k); } };
}

test('anyLive: true when one cue of the list is live, false when none is or the list is empty', () => {
  assert.equal(anyLive(liveSet(['ward']).has, ['medical', 'ward', 'vital_care']), true);
  assert.equal(anyLive(liveSet(['ward']).has, ['medical', 'vital_care']), false);
  assert.equal(anyLive(liveSet(['ward']).has, []), false);
  assert.equal(anyLive(liveSet([]).has, ['medical', 'ward']), false);
});

test('anyLive: asks in the list order and stops at the first live cue', () => {
  const s = liveSet(['ward', 'care_meds']);
  assert.equal(anyLive(s.has, ['medical', 'ward', 'vital_care', 'care_meds']), true);
  assert.deepEqual(s.asked, ['medical', 'ward']);
  const none = liveSet([]);
  anyLive(none.has, ['medical', 'ward', 'vital_care']);
  assert.deepEqual(none.asked, ['medical', 'ward', 'vital_care']);
});

test('anyLive: p0-context reads its care and plan lists through it', () => {
  assert.equal(belowP0Context(liveSet(['care_meds']).has), true);
  assert.equal(belowP0Context(liveSet(['care']).has), false); // `care` is no care context (a plan takes her home too)
  assert.equal(planSaid(liveSet(['lodging']).has), true);
  assert.equal(planSaid(liveSet(['go_plan']).has), false);
});
