import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterMetadata, ExtendedGroupProtocolSubscription } from '@platformatic/kafka';
import { subscriptionRoundRobin } from './subscription-assigner.js';

function metadata(topics: Record<string, number>): ClusterMetadata {
  return {
    id: 'c', brokers: new Map(), controllerId: 1, lastUpdate: 0,
    topics: new Map(Object.entries(topics).map(([t, n]) => [t, { id: t, partitions: [], partitionsCount: n, lastUpdate: 0 }])),
  };
}
const members = (subs: Record<string, string[]>): Map<string, ExtendedGroupProtocolSubscription> =>
  new Map(Object.entries(subs).map(([memberId, topics]) => [memberId, { memberId, version: 0, topics }] as [string, ExtendedGroupProtocolSubscription]));
const owned = (r: ReturnType<typeof subscriptionRoundRobin>): Record<string, Record<string, number[]>> =>
  Object.fromEntries(r.map((m) => [m.memberId, Object.fromEntries([...m.assignments.values()].map((a) => [a.topic, a.partitions]))]));

test('two deployments in one group (different topic prefixes): each member gets every partition of its own topic, none of the other', () => {
  const r = subscriptionRoundRobin('m-a', members({ 'm-a': ['a-chat.messages'], 'm-b': ['b-chat.messages'] }), new Set(['a-chat.messages']), metadata({ 'a-chat.messages': 6, 'b-chat.messages': 6 }));
  assert.deepEqual(owned(r), { 'm-a': { 'a-chat.messages': [0, 1, 2, 3, 4, 5] }, 'm-b': { 'b-chat.messages': [0, 1, 2, 3, 4, 5] } });
});

test('members of one topic share its partitions evenly, each partition once; a third member on another topic is not given any of them', () => {
  const r = owned(subscriptionRoundRobin('m2', members({ m2: ['in'], m1: ['in'], m3: ['in'], x: ['other'] }), new Set(['in']), metadata({ in: 7, other: 2 })));
  const got = ['m1', 'm2', 'm3'].flatMap((m) => r[m]!.in ?? []).sort((a, b) => a - b);
  assert.deepEqual(got, [0, 1, 2, 3, 4, 5, 6]);
  for (const m of ['m1', 'm2', 'm3']) assert.ok([2, 3].includes(r[m]!.in!.length), `${m}: ${r[m]!.in}`);
  assert.deepEqual(r.x, { other: [0, 1] });
});

test('deterministic whatever the order members arrive in; a subscribed topic missing from the metadata is skipped', () => {
  const a = subscriptionRoundRobin('p', members({ p: ['t'], q: ['t', 'gone'] }), new Set(['t']), metadata({ t: 4 }));
  const b = subscriptionRoundRobin('q', members({ q: ['t', 'gone'], p: ['t'] }), new Set(['t', 'gone']), metadata({ t: 4 }));
  assert.deepEqual(owned(a), owned(b));
  assert.deepEqual(owned(a), { p: { t: [0, 2] }, q: { t: [1, 3] } });
});
