/**
 * A stop signal while a service waits for the broker ends the wait at once: the classifier worker
 * (cancelStart, as its SIGINT/SIGTERM handler calls it) and the audit sink (stop). The broker here never
 * answers, as an unreachable one whose requests the client library keeps retrying: without the abort,
 * start() does not resolve and the test fails on its timeout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Admin } from '@platformatic/kafka';
import { createLogger } from '../common/logger.js';
import { createCodecs } from '../contracts/index.js';
import type { KafkaClient } from './client.js';
import { ClassifierWorker } from '../classifier-worker/worker.js';
import { compileWorkerOptions } from '../classifier-worker/options.js';
import { WorkerMetrics } from '../classifier-worker/metrics.js';
import type { PartitionEngines } from '../classifier-worker/partition-engines.js';
import { AuditSink, compileAuditSinkOptions } from '../audit/audit-sink.js';
import type { AuditStore } from '../audit/store.js';

function silentBrokerClient(): { client: KafkaClient; requests: () => number } {
  let n = 0;
  const admin = {
    listTopics: () => { n++; return new Promise<string[]>(() => undefined); },
    metadata: () => new Promise(() => undefined),
    close: async () => undefined,
  } as unknown as Admin;
  const client = { admin: () => admin, producer: () => ({ close: async () => undefined }) } as unknown as KafkaClient;
  return { client, requests: () => n };
}

const tick = async (requests: () => number) => { while (requests() === 0) await new Promise((r) => setImmediate(r)); };
const log = createLogger({ level: 'silent' });

test('classifier worker: cancelStart while waiting for the broker ends start() at once (false)', { timeout: 20_000 }, async () => {
  const { client, requests } = silentBrokerClient();
  const worker = new ClassifierWorker(client, compileWorkerOptions({ brokers: ['127.0.0.1:29999'] }), createCodecs(), {} as PartitionEngines, new WorkerMetrics(), log);
  const started = worker.start();
  await tick(requests);
  worker.cancelStart();
  assert.equal(await started, false);
  await worker.stop();
});

/** A broker where every topic exists, but the state changelog reader's group join (consume) never completes. */
function hangingJoinClient(topics: string[]): { client: KafkaClient; joining: () => boolean; producers: () => number } {
  let joining = false;
  let producers = 0;
  const admin = {
    listTopics: async () => topics,
    metadata: async () => ({ topics: new Map(topics.map((t) => [t, { partitionsCount: 1 }])) }),
    listGroups: async () => new Map(),
    deleteGroups: async () => undefined,
    close: async () => undefined,
  } as unknown as Admin;
  const consumer = { consume: () => { joining = true; return new Promise(() => undefined); }, close: async () => undefined, on: () => undefined };
  const client = {
    admin: () => admin, consumer: () => consumer,
    producer: () => { producers++; return { close: async () => undefined }; },
  } as unknown as KafkaClient;
  return { client, joining: () => joining, producers: () => producers };
}

test('classifier worker: a stop while the state changelog joins its group ends start() (false), before the loop fences or joins', { timeout: 20_000 }, async () => {
  const wo = compileWorkerOptions({ brokers: ['127.0.0.1:29999'] });
  const { client, joining } = hangingJoinClient(Object.values(wo.topics));
  const worker = new ClassifierWorker(client, wo, createCodecs(), {} as PartitionEngines, new WorkerMetrics(), log);
  const started = worker.start();
  while (!joining()) await new Promise((r) => setImmediate(r));
  worker.cancelStart();
  assert.equal(await started, false);
  await worker.stop();
});

test('audit sink: stop while waiting for the broker ends start() at once', { timeout: 20_000 }, async () => {
  const { client, requests } = silentBrokerClient();
  const sink = new AuditSink(client, {} as AuditStore, createCodecs(), compileAuditSinkOptions({}), log);
  const started = sink.start();
  await tick(requests);
  const stopped = sink.stop();
  const { done } = await started;
  await done;
  await stopped;
});
