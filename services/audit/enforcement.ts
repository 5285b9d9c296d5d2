import type { EnforcementState, ModerationActionIn } from './types.js';

const STRENGTH = { mute: 1, suspend: 2 } as const;

function endsLater(a: number | null, b: number | null): boolean {
  if (a === null) return b !== null;
  return b !== null && a > b;
}

/**
 * The enforcement of a user after one moderation action, or null when the action changes nothing
 * (message-level actions, or a weaker/shorter measure than one already in force). A stronger measure
 * replaces a weaker one; of two equal measures the one ending later wins.
 */
export function applyAction(current: EnforcementState | null, a: ModerationActionIn, now: number): EnforcementState | null {
  if (a.action !== 'mute' && a.action !== 'suspend') return null;
  const until = a.durationMs === null ? null : a.issuedAt + a.durationMs;
  if (until !== null && until <= now) return null; // already over when it reached us
  const next: EnforcementState = { userId: a.targetUserId, action: a.action, until, reason: a.reason, categories: a.categories, actionId: a.actionId, issuedAt: a.issuedAt, expired: false };
  if (!current || current.expired || (current.until !== null && current.until <= now)) return next;
  if (STRENGTH[next.action] > STRENGTH[current.action]) return next;
  if (STRENGTH[next.action] === STRENGTH[current.action] && endsLater(next.until, current.until)) return next;
  return null;
}

export function isDue(s: EnforcementState, now: number): boolean {
  return !s.expired && s.until !== null && s.until <= now;
}
