/**
 * What the context state knows about the ages of one conversation's participants, for the audit
 * record (AuditRecord.participantAges): the profile age last seen on their messages and the age they
 * stated in their own words. Read-only: it does not touch recency or counters.
 */
import type { ParticipantAge } from '../../contracts/types.js';
import { conversationKey, entryOf, type EngineState } from './state.js';

/** The sender first, then the other participants by id; only those with a known age. */
export function participantAges(
  state: EngineState, m: { tenantId?: string | null; conversationId: string; senderId: string }, key = conversationKey(m),
): ParticipantAge[] {
  const conv = entryOf(state.convs, key);
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
  // Insertion sort (a few participants): no comparator closure nor sort buffer per verdict (issue 14, round 17). User
  // ids are distinct (one per participant key), so the order is total and the same as any sort's.
  const senderId = m.senderId;
  for (let i = 1; i < out.length; i++) {
    const x = out[i]!;
    let j = i - 1;
    while (j >= 0 && before(x.userId, out[j]!.userId, senderId)) { out[j + 1] = out[j]!; j--; }
    out[j + 1] = x;
  }
  return out;
}

/** `a` sorts before `b`: the sender first, then by id. */
function before(a: string, b: string, senderId: string): boolean {
  if (a === senderId) return b !== senderId;
  if (b === senderId) return false;
  return a < b;
}
