import kafkajs, { type Admin } from 'kafkajs';
import { KafkaIoError } from '../contracts/errors.js';
import { topicDrift, type Drift, type TopicPlan, type TopicState } from './topics.js';

// ConfigResourceTypes is not a named export that Node's CommonJS interop can see.
const { ConfigResourceTypes } = kafkajs;

/** Topic provisioning against a broker: create what is missing, read what is there, compare. */

export interface EnsureTopicsResult {
  created: string[];
  existing: string[];
  drift: Drift[];
}

/** Reads partitions, replication and the planned config keys of existing topics. Missing topics are absent from the map. */
export async function readTopicStates(admin: Admin, plans: TopicPlan[]): Promise<Map<string, TopicState>> {
  const present = new Set(await admin.listTopics());
  const wanted = plans.filter((p) => present.has(p.name));
  const states = new Map<string, TopicState>();
  if (wanted.length === 0) return states;
  const meta = await admin.fetchTopicMetadata({ topics: wanted.map((p) => p.name) });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: wanted.map((p) => ({ type: ConfigResourceTypes.TOPIC, name: p.name, configNames: [...new Set(['cleanup.policy', 'retention.ms', ...Object.keys(p.config)])] })),
  });
  for (const t of meta.topics) {
    const res = configs.resources.find((r) => r.resourceName === t.name);
    if (res && res.errorCode !== 0) throw new KafkaIoError(`describeConfigs ${t.name}: ${res.errorMessage ?? `error ${res.errorCode}`}`);
    const config: Record<string, string | undefined> = {};
    for (const e of res?.configEntries ?? []) config[e.configName] = e.configValue;
    states.set(t.name, {
      partitions: t.partitions.length,
      replication: Math.min(...t.partitions.map((p) => p.replicas.length)),
      config,
    });
  }
  return states;
}

/** Creates missing topics (idempotent; safe against a concurrent creator) and reports drift of existing ones. */
export async function ensureTopics(admin: Admin, plans: TopicPlan[]): Promise<EnsureTopicsResult> {
  const before = await readTopicStates(admin, plans);
  const missing = plans.filter((p) => !before.has(p.name));
  if (missing.length) {
    try {
      await admin.createTopics({
        waitForLeaders: true,
        timeout: 30_000,
        topics: missing.map((p) => ({
          topic: p.name,
          numPartitions: p.partitions,
          replicationFactor: p.replication,
          configEntries: Object.entries(p.config).map(([name, value]) => ({ name, value })),
        })),
      });
    } catch (err) {
      throw new KafkaIoError(`creating topics ${missing.map((p) => p.name).join(', ')} failed: ${topicErrors(err)}`, { cause: err });
    }
  }
  const drift = plans.filter((p) => before.has(p.name)).flatMap((p) => topicDrift(p, before.get(p.name)!));
  return { created: missing.map((p) => p.name), existing: plans.filter((p) => before.has(p.name)).map((p) => p.name), drift };
}

/**
 * kafkajs's "Topic creation errors" with the reason of each topic (e.g. "t: TOPIC_AUTHORIZATION_FAILED
 * (Not authorized to access topics: [Topic authorization failed])"), the same reasons grouped.
 */
function topicErrors(err: unknown): string {
  const each = (err as { errors?: { topic?: string; type?: string; message?: string }[] }).errors;
  if (!Array.isArray(each) || each.length === 0) return (err as Error).message;
  const byReason = new Map<string, string[]>();
  for (const e of each) {
    const reason = `${e.type ?? 'error'} (${e.message ?? ''})`;
    byReason.set(reason, [...(byReason.get(reason) ?? []), e.topic ?? '?']);
  }
  return [...byReason].map(([reason, topics]) => `${reason} on ${topics.join(', ')}`).join('; ');
}
