import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ConfigResourceTypes } from '@platformatic/kafka';
import { ClientTestContext } from '../support/kafka-client.js';
import { randomName } from '../support/kafka.js';
import { compileConfig } from '../../services/common/config.js';
import { topicCatalogue } from '../../services/kafka/topics.js';

/** `vigie topics create|describe` as a user runs them, on random-prefixed topic names. */
let ctx: ClientTestContext;
let env: NodeJS.ProcessEnv;
let names: string[];
before(async () => {
  ctx = await ClientTestContext.create('topics');
  env = { ...process.env, KAFKA_BROKERS: ctx.brokers.join(','), VIGIE_TOPIC_PREFIX: `${randomName('tp')}.`, VIGIE_TOPIC_PARTITIONS: '2', VIGIE_TOPIC_RETENTION_MS: '3600000' };
  names = topicCatalogue(compileConfig({ env }).kafka).map((p) => p.name);
  ctx.own(...names);
});
after(async () => { await ctx.cleanup(); });

function vigie(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ['dist/services/cli/main.js', ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

interface Row { topic: string; partitions: string; replication: string; cleanupPolicy: string; retentionMs: string; status: string }
const describe = (): { code: number; rows: Row[] } => {
  const r = vigie('topics', 'describe', '--json');
  return { code: r.code, rows: r.out.trim().split('\n').map((l) => JSON.parse(l) as Row) };
};

test('describe before create: every topic missing, exit 3', () => {
  const d = describe();
  assert.equal(d.code, 3);
  assert.deepEqual(d.rows.map((r) => r.status), names.map(() => 'missing'));
});

test('create makes all topics, then is idempotent', async () => {
  const first = vigie('topics', 'create', '--json');
  assert.equal(first.code, 0, first.err);
  const r1 = JSON.parse(first.out) as { created: string[]; existing: string[]; drift: unknown[] };
  assert.deepEqual(r1.created.sort(), [...names].sort());
  assert.deepEqual(r1.existing, []);
  const present = new Set(await ctx.admin.listTopics());
  assert.ok(names.every((n) => present.has(n)));

  const second = vigie('topics', 'create', '--json');
  assert.equal(second.code, 0, second.err);
  const r2 = JSON.parse(second.out) as { created: string[]; existing: string[]; drift: unknown[] };
  assert.deepEqual(r2.created, []);
  assert.deepEqual(r2.existing.sort(), [...names].sort());
  assert.deepEqual(r2.drift, []);
});

test('describe shows partitions, replication, cleanup policy and retention as planned', () => {
  const d = describe();
  assert.equal(d.code, 0);
  const prefix = env.VIGIE_TOPIC_PREFIX!;
  for (const r of d.rows) {
    assert.equal(r.partitions, '2', r.topic);
    assert.equal(r.replication, '1', r.topic);
    assert.equal(r.status, 'ok', r.topic);
    const compacted = [`${prefix}moderation.blocklist`, `${prefix}vigie.classifier.state`].includes(r.topic);
    assert.equal(r.cleanupPolicy, compacted ? 'compact' : 'delete', r.topic);
    if (!compacted) assert.equal(r.retentionMs, r.topic.endsWith('.dlq') ? '2592000000' : '3600000', r.topic);
  }
});

test('drift is reported, not changed; a deleted topic shows as missing and is recreated', async () => {
  const [verdicts] = names.filter((n) => n.endsWith('chat.verdicts'));
  await ctx.admin.alterConfigs({
    validateOnly: false,
    resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: verdicts!, configs: [{ name: 'retention.ms', value: '7200000' }] }],
  });
  const created = vigie('topics', 'create');
  assert.equal(created.code, 3);
  assert.match(created.out, new RegExp(`${verdicts!.replace(/\./g, '\\.')}\\s+retention\\.ms\\s+3600000\\s+7200000`));
  const row = describe().rows.find((r) => r.topic === verdicts)!;
  assert.equal(row.status, 'drift: retention.ms=7200000');
  assert.equal(row.retentionMs, '7200000');

  const [feedback] = names.filter((n) => n.endsWith('moderation.feedback'));
  await ctx.admin.deleteTopics({ topics: [feedback!] });
  const deadline = Date.now() + 20_000;
  while ((await ctx.admin.listTopics()).includes(feedback!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  assert.equal(describe().rows.find((r) => r.topic === feedback)!.status, 'missing');
  const again = JSON.parse(vigie('topics', 'create', '--json').out) as { created: string[] };
  assert.deepEqual(again.created, [feedback]);
});
