/**
 * What the context state knows about the ages of one conversation's participants, for the audit
 * record (AuditRecord.participantAges): the profile age last seen on their messages and the age they
 * stated in their own words. Read-only: it does not touch recency or counters.
 */
import type { ParticipantAge } from '../../contracts/types.js';
import { entryOf, type EngineState } from './state.js';

/** The sender first, then the other participants by id; only those with a known age. */
export function participantAges(state: EngineState, m: { tenantId?: string | null; conversationId: string; senderId: string }): ParticipantAge[] {
  const scope = m.tenantId ? `${m.tenantId}\u0000` : '';
  const conv = entryOf(state.convs, `c:${scope}${m.conversationId}`);
  if (!conv) return [];
  const out: ParticipantAge[] = [];
  // for-in: the same keys in the same order as Object.entries, without an entry array per participant.
  const people = conv.people;
  for (const key in people) {
    const p = people[key]!;
    if (p.declaredAge === null && p.statedAge === null) continue;
    out.push({ userId: key.slice(2), declaredAge: p.declaredAge, statedAge: p.statedAge });
  }
  if (out.length < 2) return out;
  return out.sort((a, b) => (a.userId === m.senderId ? -1 : b.userId === m.senderId ? 1 : a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}
