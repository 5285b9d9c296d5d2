/**
 * /readyz during a broker outage (stop 51, ops51): the classifier and the audit sink answered 200 for the whole of
 * a broker outage. Now a service whose client has seen every broker it met fail answers not ready, with the reason,
 * and ready again at the first reconnection; one broker of several down is no outage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../common/logger.js';
import { createCodecs } from '../contracts/index.js';
import { BrokerFailureLog, outageUnready, type BrokersOutage } from './broker-failures.js';
import { KafkaClient } from './client.js';
import { ClassifierWorker } from '../classifier-worker/worker.js';
import { compileWorkerOptions } from '../classifier-worker/options.js';
import { WorkerMetrics } from '../classifier-worker/metrics.js';
import type { PartitionEngines } from '../classifier-worker/partition-engines.js';
import { AuditSink, compileAuditSinkOptions } from '../audit/audit-sink.js';
import type { AuditStore } from '../audit/store.js';

const log = createLogger({ level: 'silent' });
const refused = new Error('connect ECONNREFUSED 10.0.0.1:9092');

test('an outage is every broker met failing: since the last one still answering failed; over at the first reconnection', () => {
  let now = 1_000;
  const f = new BrokerFailureLog(log, 30_000, () => now);
  assert.equal(f.outage(), null, 'nothing met yet');
  f.connected('a:9092', 'admin');
  f.connected('b:9092', 'consumer');
  now = 2_000;
  f.failed('a:9092', 'consumer', refused);
  assert.equal(f.outage(), null, 'b still answers: leadership moves there');
  now = 5_000;
  f.failed('b:9092', 'txn', refused);
  now = 9_000;
  f.failed('a:9092', 'admin', refused);
  assert.deepEqual(f.outage(), { since: 5_000, brokers: ['a:9092', 'b:9092'], cause: 'connect ECONNREFUSED 10.0.0.1:9092' });
  now = 60_000;
  f.failed('b:9092', 'txn', refused);
  assert.equal(f.outage()?.since, 5_000, 'an outage longer than the 30 s log summary is still one outage');
  f.connected('b:9092', 'consumer');
  assert.equal(f.outage(), null, 'back at the first reconnection');
  now = 70_000;
  f.failed('b:9092', 'consumer', refused);
  assert.equal(f.outage()?.since, 70_000, 'b, the one answering, fails again: a new outage from then');
});

test('the reason a not-ready answer gives: for how long, which brokers, the last cause', () => {
  const o: BrokersOutage = { since: 10_000, brokers: ['k:9092'], cause: 'connect ECONNREFUSED' };
  assert.deepEqual(outageUnready(o, 47_400), {
    reason: 'Kafka unreachable for 37 s (every broker met is failing)', outage: { brokers: ['k:9092'], downForS: 37, cause: 'connect ECONNREFUSED' },
  });
  assert.equal(outageUnready(null, 47_400), null);
});

test('a real client against a closed port knows the outage, with the cause', async () => {
  const client = new KafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'ops51-test', retries: 1 }, log);
  const admin = client.admin();
  await admin.listTopics().catch(() => undefined);
  const o = client.outage();
  await client.close();
  assert.ok(o, 'an outage');
  assert.deepEqual(o.brokers, ['127.0.0.1:1']);
  assert.match(String(o.cause), /ECONNREFUSED/);
});

test('the classifier worker\'s and the audit sink\'s /readyz say not ready with the reason during an outage their client knows of, and drop it once it is over', () => {
  let outage: BrokersOutage | null = { since: Date.now() - 12_000, brokers: ['k:9092'], cause: 'connect ECONNREFUSED' };
  const closable = () => ({ close: async () => undefined });
  const client = { outage: () => outage, admin: closable, producer: closable, consumer: closable } as unknown as KafkaClient;
  const worker = new ClassifierWorker(client, compileWorkerOptions({ brokers: ['k:9092'] }), createCodecs(), {} as PartitionEngines, new WorkerMetrics(), log);
  const sink = new AuditSink(client, {} as AuditStore, createCodecs(), compileAuditSinkOptions({}), log);
  for (const r of [worker.readiness(), sink.readiness()]) {
    assert.equal(r.ready, false);
    const d = r.detail as { reason?: string; outage?: { brokers: string[]; downForS: number } };
    assert.match(String(d.reason), /^Kafka unreachable for 1[12] s/);
    assert.deepEqual(d.outage?.brokers, ['k:9092']);
  }
  outage = null;
  for (const r of [worker.readiness(), sink.readiness()]) assert.equal((r.detail as { reason?: string }).reason, undefined, 'no outage, no reason');
});
