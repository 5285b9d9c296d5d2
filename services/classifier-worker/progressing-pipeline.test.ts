import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Admin } from '@platformatic/kafka';
import { createLogger } from '../common/logger.js';
import { createCodecs } from '../contracts/index.js';
import type { InputMessage } from '../kafka/kafka-input.js';
import type { ChangelogTail } from './changelog-tail.js';
import { WorkerMetrics } from './metrics.js';
import { compileWorkerOptions } from './options.js';
import { EngineThreadDiedError, type PartitionEngines } from './partition-engines.js';
import { progressingPipeline, workerLoop } from './progressing-pipeline.js';
import type { KafkaInput } from '../kafka/kafka-input.js';
import type { TransactionalOutput } from '../kafka/kafka-output.js';

/** A pipeline's dependencies whose engine thread dies on every message, and one message on partition 0. */
function killerFixture() {
  const codecs = createCodecs();
  const opts = compileWorkerOptions({ brokers: ['x:1'], engineThreads: 1 });
  const engines = { classify: async (p: number) => { throw new EngineThreadDiedError(p, 'engine thread 0 died'); }, clear: () => undefined, open: async () => undefined } as unknown as PartitionEngines;
  const admin = {
    metadata: async () => ({ topics: new Map([[opts.topics.input, { partitionsCount: 1 }]]) }),
    listOffsets: async () => [{ partitions: [{ partitionIndex: 0, offset: 0n }] }],
  } as unknown as Admin;
  const changelog = { topic: 'state', restore: async () => null } as unknown as ChangelogTail;
  const log = createLogger({ name: 't', level: 'silent' });
  const value = codecs.ChatMessage.encodeAvro({ messageId: 'm0', tenantId: null, conversationId: 'c', roomId: null, senderId: 's', recipientId: 'r', text: 'x',
    sentAt: 1, senderIp: null, senderDeclaredAge: null, locale: null });
  const one = [{ partition: 0, offset: 0n, key: Buffer.from('c'), value }] as unknown as InputMessage[];
  return { deps: { opts, codecs, engines, changelog, admin, metrics: new WorkerMetrics(), log, shadow: null }, log, one };
}

test('progressingPipeline: a record learned to kill its engine thread is progress for the loop (worker.ts wiring)', async () => {
  const { deps, one } = killerFixture();
  const calls: number[] = [];
  let loop: { progressed(now: number): void } | undefined;
  const pipeline = progressingPipeline(deps, () => loop, () => 42);
  await pipeline.startOffsets({ generation: 1, partitions: [0] }, new Map([[0, 0n]]));
  loop = { progressed: (now) => { calls.push(now); } };
  await assert.rejects(pipeline.process(one), EngineThreadDiedError);
  assert.deepEqual(calls, [42], 'the loop\'s progress is told, with the time');
});

test('workerLoop (what worker.ts builds): the pipeline tells the loop\'s own progress tracker about a learned thread killer', async () => {
  const { deps, log, one } = killerFixture();
  const fakeInput = { assignment: { generation: -1, partitions: [] } } as unknown as KafkaInput;
  const fakeOutput = {} as unknown as TransactionalOutput;
  let startOffsets: ((a: { generation: number; partitions: number[] }, c: Map<number, bigint>) => Promise<Map<number, bigint>>) | undefined;
  const built = workerLoop(deps, { input: (so) => { startOffsets = so; return fakeInput; }, output: () => fakeOutput },
    { windowMaxMessages: 10, commitIntervalMs: 100 }, () => undefined, log, () => 42);
  assert.equal(built.input, fakeInput);
  assert.equal(built.output, fakeOutput);
  // The input's start offsets are the pipeline's (state replay positions).
  assert.deepEqual(await startOffsets!({ generation: 1, partitions: [0] }, new Map([[0, 0n]])), await built.pipeline.startOffsets({ generation: 1, partitions: [0] }, new Map([[0, 0n]])));
  built.loop.progress.taken(10);
  await assert.rejects(built.pipeline.process(one), EngineThreadDiedError);
  assert.equal(built.loop.progress.pendingSince, 42, 'the pending episode starts again at the time of the learned record');
});
