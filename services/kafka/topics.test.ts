import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileConfig } from '../common/config.js';
import { topicCatalogue, topicDrift, formatTable, type TopicPlan } from './topics.js';

test('catalogue: every configured topic, compacted state and blocklist, time retention elsewhere', () => {
  const cfg = compileConfig({ env: { VIGIE_TOPIC_PREFIX: 'x.', VIGIE_TOPIC_PARTITIONS: '3', VIGIE_TOPIC_RETENTION_MS: '120000' } });
  const plans = topicCatalogue(cfg.kafka);
  assert.equal(plans.length, 10);
  assert.ok(plans.every((p) => p.name.startsWith('x.') && p.partitions === 3 && p.replication === 1 && p.purpose));
  const byKey = new Map(plans.map((p) => [p.key, p]));
  for (const k of ['blocklist', 'classifierState'] as const) {
    assert.equal(byKey.get(k)!.config['cleanup.policy'], 'compact');
    assert.equal(byKey.get(k)!.config['retention.ms'], undefined);
  }
  for (const k of ['chatMessages', 'verdicts', 'verdictsShadow', 'actions', 'escalations', 'audit', 'feedback'] as const) {
    assert.deepEqual(byKey.get(k)!.config, { 'cleanup.policy': 'delete', 'retention.ms': '120000' });
  }
  assert.equal(byKey.get('chatMessagesDlq')!.config['retention.ms'], String(30 * 86_400_000));
  // The worker's state checkpoints reach 2 MiB per record; the broker default (1 MiB) would reject them.
  assert.equal(byKey.get('classifierState')!.config['max.message.bytes'], String(2 * 1024 * 1024));
  assert.equal(byKey.get('blocklist')!.config['max.message.bytes'], undefined);
});

const plan: TopicPlan = { key: 'verdicts', name: 't', partitions: 6, replication: 1, config: { 'cleanup.policy': 'delete', 'retention.ms': '1000' }, purpose: '' };
const cases: { name: string; state: Parameters<typeof topicDrift>[1]; drift: string[] }[] = [
  { name: 'matches', state: { partitions: 6, replication: 1, config: { 'cleanup.policy': 'delete', 'retention.ms': '1000' } }, drift: [] },
  { name: 'more partitions is fine', state: { partitions: 8, replication: 1, config: { 'cleanup.policy': 'delete', 'retention.ms': '1000' } }, drift: [] },
  { name: 'fewer partitions', state: { partitions: 2, replication: 1, config: { 'cleanup.policy': 'delete', 'retention.ms': '1000' } }, drift: ['partitions:>= 6:2'] },
  { name: 'replication', state: { partitions: 6, replication: 3, config: { 'cleanup.policy': 'delete', 'retention.ms': '1000' } }, drift: ['replication:1:3'] },
  { name: 'policy and retention', state: { partitions: 6, replication: 1, config: { 'cleanup.policy': 'compact' } }, drift: ['cleanup.policy:delete:compact', 'retention.ms:1000:(unset)'] },
];
for (const c of cases) {
  test(`drift: ${c.name}`, () => {
    assert.deepEqual(topicDrift(plan, c.state).map((d) => `${d.setting}:${d.expected}:${d.actual}`), c.drift);
  });
}

test('formatTable aligns columns', () => {
  assert.equal(formatTable(['a', 'bb'], [['xxx', 'y']]), 'a    bb\n---  --\nxxx  y');
});
