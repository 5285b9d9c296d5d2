/**
 * Topic provisioning and offset queries on a @platformatic/kafka Admin made by KafkaClient.admin():
 * create what is missing, read what is there, compare (topics.ts holds the pure plan and drift),
 * committed offsets (optionally "stable": not while a transaction holding offsets is open) and
 * log start/end offsets.
 */
import { ConfigResourceTypes, ListOffsetTimestamps, type Admin } from '@platformatic/kafka';
import { KafkaIoError } from '../contracts/errors.js';
import { brokerErrorIds, errorChain } from './client-options.js';
import { topicDrift, type Drift, type TopicPlan, type TopicState } from './topics.js';

export interface EnsureTopicsResult {
  created: string[];
  existing: string[];
  drift: Drift[];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function listTopics(admin: Admin): Promise<string[]> {
  return admin.listTopics({ includeInternals: false });
}

/** Reads partitions, replication and the planned config keys of existing topics. Missing topics are absent from the map. */
export async function readTopicStates(admin: Admin, plans: TopicPlan[]): Promise<Map<string, TopicState>> {
  const present = new Set(await listTopics(admin));
  const wanted = plans.filter((p) => present.has(p.name));
  const states = new Map<string, TopicState>();
  if (wanted.length === 0) return states;
  const meta = await admin.metadata({ topics: wanted.map((p) => p.name), forceUpdate: true });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: wanted.map((p) => ({ resourceType: ConfigResourceTypes.TOPIC, resourceName: p.name, configurationKeys: [...new Set(['cleanup.policy', 'retention.ms', ...Object.keys(p.config)])] })),
  });
  for (const p of wanted) {
    const t = meta.topics.get(p.name);
    if (!t) continue;
    const config: Record<string, string | undefined> = {};
    for (const e of configs.find((r) => r.resourceName === p.name)?.configs ?? []) config[e.name] = e.value ?? undefined;
    states.set(p.name, { partitions: t.partitionsCount, replication: Math.min(...t.partitions.map((x) => x.replicas.length)), config });
  }
  return states;
}

/** Creates a topic and waits until every partition has a leader. An existing topic is not an error. */
export async function createTopic(admin: Admin, name: string, partitions: number, replication = 1, config: Record<string, string> = {}, timeoutMs = 30_000): Promise<void> {
  try {
    await admin.createTopics({ topics: [name], partitions, replicas: replication, configs: Object.entries(config).map(([n, value]) => ({ name: n, value })) });
  } catch (err) {
    if (!brokerErrorIds(err).includes('TOPIC_ALREADY_EXISTS')) {
      // The broker's reason (e.g. TOPIC_AUTHORIZATION_FAILED under ACLs), not only the client's wrapper message.
      throw new KafkaIoError(`creating topic ${name} failed: ${errorChain(err).join(' <- ') || (err as Error).message}`, { cause: err });
    }
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const meta = await admin.metadata({ topics: [name], forceUpdate: true }).catch(() => undefined);
    const t = meta?.topics.get(name);
    if (t && t.partitions.length === t.partitionsCount && t.partitions.every((x) => x.leader >= 0)) return;
    if (Date.now() > deadline) throw new KafkaIoError(`topic ${name}: partitions without a leader after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Creates missing topics (idempotent; safe against a concurrent creator) and reports drift of existing ones. */
export async function ensureTopics(admin: Admin, plans: TopicPlan[]): Promise<EnsureTopicsResult> {
  const before = await readTopicStates(admin, plans);
  const missing = plans.filter((p) => !before.has(p.name));
  for (const p of missing) await createTopic(admin, p.name, p.partitions, p.replication, p.config);
  const drift = plans.filter((p) => before.has(p.name)).flatMap((p) => topicDrift(p, before.get(p.name)!));
  return { created: missing.map((p) => p.name), existing: plans.filter((p) => before.has(p.name)).map((p) => p.name), drift };
}

export async function deleteTopics(admin: Admin, topics: string[]): Promise<void> {
  if (topics.length) await admin.deleteTopics({ topics });
}

export async function deleteGroups(admin: Admin, groups: string[]): Promise<void> {
  if (groups.length) await admin.deleteGroups({ groups });
}

async function partitionCount(admin: Admin, topic: string): Promise<number> {
  const t = (await admin.metadata({ topics: [topic] })).topics.get(topic);
  if (!t) throw new KafkaIoError(`topic ${topic} does not exist`);
  return t.partitionsCount;
}

/**
 * Committed offset of a group on each partition of a topic (-1n: none). With `stable` (the default),
 * the broker answers UNSTABLE_OFFSET_COMMIT while a transaction that commits offsets for the
 * partition is still open (KIP-447 requireStable); the query is repeated until it clears or
 * `timeoutMs` passes. A crashed owner's open transaction clears when its successor fences it or the
 * transaction timeout aborts it.
 */
export async function committedOffsets(admin: Admin, groupId: string, topic: string, opts: { stable?: boolean; timeoutMs?: number; partitions?: number[] } = {}):
  Promise<Map<number, bigint>> {
  const partitions = opts.partitions ?? [...Array(await partitionCount(admin, topic)).keys()];
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await admin.listConsumerGroupOffsets({ groups: [{ groupId, topics: [{ name: topic, partitionIndexes: partitions }] }], requireStable: opts.stable ?? true });
      const out = new Map<number, bigint>(partitions.map((p) => [p, -1n]));
      for (const g of res) for (const t of g.topics) if (t.name === topic) for (const p of t.partitions) out.set(p.partitionIndex, p.committedOffset);
      return out;
    } catch (err) {
      if (!brokerErrorIds(err).includes('UNSTABLE_OFFSET_COMMIT') || Date.now() > deadline) {
        throw new KafkaIoError(`committed offsets of ${groupId} on ${topic}: ${(err as Error).message}`, { cause: err });
      }
      await sleep(Math.min(500, 20 * 2 ** attempt));
    }
  }
}

/**
 * Log start ('earliest') or end ('latest'; under read_committed: the last stable offset) of each partition, or of
 * `partitions` only (then no describeTopics first: the library still sends one Metadata request, then one ListOffsets
 * request per partition leader).
 */
export async function partitionOffsets(admin: Admin, topic: string, which: 'earliest' | 'latest', readCommitted = false, partitions?: readonly number[]): Promise<Map<number, bigint>> {
  const indexes = partitions ?? [...Array(await partitionCount(admin, topic)).keys()];
  const timestamp = which === 'earliest' ? ListOffsetTimestamps.EARLIEST : ListOffsetTimestamps.LATEST;
  const res = await admin.listOffsets({ topics: [{ name: topic, partitions: indexes.map((partitionIndex) => ({ partitionIndex, timestamp })) }], isolationLevel: readCommitted ? 1 : 0 });
  const out = new Map<number, bigint>();
  for (const t of res) for (const p of t.partitions) out.set(p.partitionIndex, p.offset);
  return out;
}
