// worker.stop_timeout names the step of stop() still pending (stages().stopStep): here the admin client's close never
// settles, as against a broker that stopped answering; the report must name it, not "stopped" / "idle".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Admin } from '@platformatic/kafka';
import { createLogger } from '../common/logger.js';
import { createCodecs } from '../contracts/index.js';
import type { KafkaClient } from '../kafka/client.js';
import { ClassifierWorker } from './worker.js';
import { compileWorkerOptions } from './options.js';
import { WorkerMetrics } from './metrics.js';
import type { PartitionEngines } from './partition-engines.js';
import { StepRecorder, stopWithin } from './stall.js';

test('a stop whose admin close never settles: the late report names that step', { timeout: 20_000 }, async () => {
  let asked = false;
  const admin = {
    listTopics: () => { asked = true; return new Promise<string[]>(() => undefined); },
    metadata: () => new Promise(() => undefined),
    close: () => new Promise<void>(() => undefined),
  } as unknown as Admin;
  const client = { admin: () => admin, producer: () => ({ close: async () => undefined }) } as unknown as KafkaClient;
  const worker = new ClassifierWorker(client, compileWorkerOptions({ brokers: ['127.0.0.1:29999'] }), createCodecs(), {} as PartitionEngines,
    new WorkerMetrics(), createLogger({ level: 'silent' }));
  const started = worker.start();
  while (!asked) await new Promise((r) => setImmediate(r));
  worker.cancelStart();
  assert.equal(await started, false);
  let report: Record<string, unknown> | undefined;
  await stopWithin(() => worker.stop(), 100, () => { report = worker.stages(); });
  assert.ok(report, 'the stop did not finish: reported late');
  assert.match(String(report.stopStep), /^admin client close \(\d+\.\d s\)$/);
});

test('StepRecorder: the step awaited now, "done" once the last settled', async () => {
  const steps = new StepRecorder();
  assert.equal(steps.current, null);
  const current = () => steps.current as { what: string } | null;
  const p = Promise.resolve(7);
  assert.equal(steps.at('engine threads close', p), p, 'the same promise, no extra tick');
  assert.equal(current()?.what, 'engine threads close');
  steps.done();
  assert.equal(current()?.what, 'done');
});
