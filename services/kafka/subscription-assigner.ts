/**
 * Partition assignment for a consumer group whose members may subscribe to different topics.
 *
 * @platformatic/kafka's default (roundRobinAssigner) spreads the leader's topics over every member of the group,
 * whatever each member subscribed to. Two Vigie deployments on one cluster with different topic prefixes and the
 * same group id (the default `vigie-classifier`) then break each other: the leader's input partitions go partly to
 * a member that does not read that topic (they are never consumed) and the other deployment's input gets no
 * partition at all (seen by starting two prefixed workers on one broker, round 12). Kafka's own RoundRobinAssignor
 * gives each topic's partitions only to the members subscribed to it; so does this one: topics in name order, each
 * topic's partitions in turn over its subscribers in member-id order, the turn carried from topic to topic so that
 * members of one subscription get an even share. Deterministic for the same members and metadata.
 */
import type { ClusterMetadata, ExtendedGroupProtocolSubscription, GroupPartitionsAssignments } from '@platformatic/kafka';

export function subscriptionRoundRobin(
  _leader: string,
  members: Map<string, ExtendedGroupProtocolSubscription>,
  _leaderTopics: Set<string>,
  metadata: ClusterMetadata,
): GroupPartitionsAssignments[] {
  const ids = [...members.keys()].sort();
  const out = new Map<string, GroupPartitionsAssignments>(ids.map((id) => [id, { memberId: id, assignments: new Map() }]));
  const topics = new Set<string>();
  for (const m of members.values()) for (const t of m.topics ?? []) topics.add(t);
  let turn = 0;
  for (const topic of [...topics].sort()) {
    const meta = metadata.topics.get(topic);
    if (!meta) continue;
    const subscribers = ids.filter((id) => (members.get(id)!.topics ?? []).includes(topic));
    for (let p = 0; p < meta.partitionsCount; p++) {
      const member = out.get(subscribers[turn++ % subscribers.length]!)!;
      let a = member.assignments.get(topic);
      if (!a) member.assignments.set(topic, (a = { topic, partitions: [] }));
      a.partitions.push(p);
    }
  }
  return [...out.values()];
}
