/** derive.ts helpers of the violence plan (stop 44, tidy44): a cue read on the harm's own message. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Mark, ParticipantState } from './state.js';
import { onHarmMessage } from './derive.js';

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
