import type { KafkaConfig } from '../common/config.js';

/**
 * The catalogue of every topic Vigie uses, derived from configuration: names (with prefix),
 * partitions, replication and cleanup. Pure; provisioning is in admin.ts.
 *
 * Message-like topics keep records for a time (cleanup.policy=delete, retention.ms); the state
 * changelog and the blocklist hold "latest value per key" and are compacted, so they never lose the
 * current state of a key however old it is.
 */
export type TopicKey = keyof KafkaConfig['topics'];

export interface TopicPlan {
  key: TopicKey;
  name: string;
  partitions: number;
  replication: number;
  /** Topic-level configs Vigie sets and checks for drift. */
  config: Record<string, string>;
  purpose: string;
}

const COMPACTED: ReadonlySet<TopicKey> = new Set<TopicKey>(['blocklist', 'classifierState']);

const PURPOSE: Record<TopicKey, string> = {
  chatMessages: 'input chat messages (key conversationId)',
  chatMessagesDlq: 'dead letters: input that could not be decoded',
  verdicts: 'one Verdict per input message',
  verdictsShadow: 'verdicts of a candidate model/policy in shadow mode',
  actions: 'moderation actions (block, hold, mute, suspend)',
  escalations: 'escalations to human moderators',
  audit: 'audit records, consumed by the audit sink',
  feedback: 'moderator decisions on cases',
  blocklist: 'current enforcement per user (compacted)',
  classifierState: 'classifier context state changelog (compacted)',
};

/** Largest record the classifier state changelog must accept (the worker's chunk bound). */
export const STATE_TOPIC_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

export function topicCatalogue(cfg: KafkaConfig): TopicPlan[] {
  return (Object.keys(cfg.topics) as TopicKey[]).map((key) => {
    const config: Record<string, string> = COMPACTED.has(key)
      // Roll segments hourly so compaction (which never touches the active segment) keeps up.
      ? { 'cleanup.policy': 'compact', 'segment.ms': '3600000', 'min.cleanable.dirty.ratio': '0.1' }
      : { 'cleanup.policy': 'delete', 'retention.ms': String(key === 'chatMessagesDlq' ? cfg.dlqRetentionMs : cfg.retentionMs) };
    // State checkpoints are chunked by the worker up to 2 MiB per record: above the broker's 1 MiB default.
    if (key === 'classifierState') config['max.message.bytes'] = String(STATE_TOPIC_MAX_MESSAGE_BYTES);
    return { key, name: cfg.topics[key], partitions: cfg.partitions, replication: cfg.replication, config, purpose: PURPOSE[key] };
  });
}

/** What a topic looks like on the broker. */
export interface TopicState {
  partitions: number;
  replication: number;
  config: Record<string, string | undefined>;
}

export interface Drift {
  topic: string;
  setting: string;
  expected: string;
  actual: string;
}

/**
 * Differences between the plan and the broker. Fewer partitions than planned is drift; more is not
 * (partitions can only grow, and an operator may have added some on purpose).
 */
export function topicDrift(plan: TopicPlan, state: TopicState): Drift[] {
  const out: Drift[] = [];
  if (state.partitions < plan.partitions) out.push({ topic: plan.name, setting: 'partitions', expected: `>= ${plan.partitions}`, actual: String(state.partitions) });
  if (state.replication !== plan.replication) out.push({ topic: plan.name, setting: 'replication', expected: String(plan.replication), actual: String(state.replication) });
  for (const [name, expected] of Object.entries(plan.config)) {
    const actual = state.config[name];
    if (actual !== expected) out.push({ topic: plan.name, setting: name, expected, actual: actual ?? '(unset)' });
  }
  return out;
}

/** A plain text table with a header row and aligned columns. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
