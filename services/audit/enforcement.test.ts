import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAction, isDue } from './enforcement.js';
import { DAY, modAction, T0 } from '../../test/support/audit.js';
import type { EnforcementState } from './types.js';

const muted: EnforcementState = { userId: 'u-adult', action: 'mute', until: T0 + DAY, reason: 'r', categories: [], actionId: 'a-0', issuedAt: T0, expired: false };
const now = T0 + 1000;

const table: { name: string; current: EnforcementState | null; action: Parameters<typeof applyAction>[1]; want: [string, number | null] | null }[] = [
  { name: 'message-level action changes nothing', current: null, action: modAction('a', { action: 'block_message' }), want: null },
  { name: 'first mute', current: null, action: modAction('a'), want: ['mute', T0 + DAY] },
  { name: 'indefinite suspend', current: null, action: modAction('a', { action: 'suspend', durationMs: null }), want: ['suspend', null] },
  { name: 'suspend outranks a longer mute', current: { ...muted, until: T0 + 9 * DAY }, action: modAction('a', { action: 'suspend', durationMs: 1000 * 60 }), want: ['suspend', T0 + 60_000] },
  { name: 'shorter mute does not shorten a mute', current: muted, action: modAction('a', { durationMs: 1000 * 60 }), want: null },
  { name: 'longer mute extends it', current: muted, action: modAction('a', { durationMs: 3 * DAY }), want: ['mute', T0 + 3 * DAY] },
  { name: 'mute does not replace a suspension', current: { ...muted, action: 'suspend' }, action: modAction('a', { durationMs: 9 * DAY }), want: null },
  { name: 'anything replaces an expired state', current: { ...muted, action: 'suspend', expired: true }, action: modAction('a'), want: ['mute', T0 + DAY] },
  { name: 'an action already over when it arrives is ignored', current: null, action: modAction('a', { durationMs: 500 }), want: null },
];
for (const c of table) {
  test(`applyAction: ${c.name}`, () => {
    const next = applyAction(c.current, c.action, now);
    assert.deepEqual(next ? [next.action, next.until] : null, c.want);
  });
}

test('isDue only for a timed, unexpired state whose end has passed', () => {
  assert.equal(isDue(muted, T0 + DAY - 1), false);
  assert.equal(isDue(muted, T0 + DAY), true);
  assert.equal(isDue({ ...muted, until: null }, T0 + 99 * DAY), false);
  assert.equal(isDue({ ...muted, expired: true }, T0 + 2 * DAY), false);
});
