import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../common/logger.js';
import { createCodecs } from '../contracts/index.js';
import type { ChatMessage } from '../contracts/types.js';
import type { InputMessage } from '../kafka/kafka-input.js';
import type { Admin } from '@platformatic/kafka';
import type { ChangelogTail } from './changelog-tail.js';
import type { EngineVerdicts } from './engine-holder.js';
import { WorkerMetrics } from './metrics.js';
import { compileWorkerOptions } from './options.js';
import { EngineThreadDiedError, type PartitionEngines } from './partition-engines.js';
import { WindowPipeline } from './window-pipeline.js';

const codecs = createCodecs();
const opts = compileWorkerOptions({ brokers: ['x:1'], engineThreads: 1 });
const log = createLogger({ name: 'window-pipeline-test', level: 'silent' });

const msg = (i: number, text: string): ChatMessage => ({
  messageId: `m${i}`, tenantId: null, conversationId: 'c', roomId: null, senderId: 's', recipientId: 'r', text, sentAt: 1000 + i, senderIp: null, senderDeclaredAge: null, locale: null,
});
const input = (i: number, text: string) => ({ partition: 0, offset: BigInt(i), key: Buffer.from('c'), value: codecs.ChatMessage.encodeAvro(msg(i, text)) }) as unknown as InputMessage;

/** Engines whose thread "dies" on any batch holding a "kill" message (EngineThreadDiedError, as engine-pool gives the culprit). */
class KillableEngines implements PartitionEngines {
  calls: string[][] = [];
  async open(): Promise<void> {}
  async classify(partition: number, messages: ChatMessage[]): Promise<EngineVerdicts> {
    this.calls.push(messages.map((m) => m.text));
    if (messages.some((m) => m.text === 'kill')) throw new EngineThreadDiedError(partition, 'engine thread 0 died: out of memory');
    return messages.map((m) => ({
      messageId: m.messageId, tenantId: null, conversationId: m.conversationId, roomId: null, senderId: m.senderId, recipientId: m.recipientId, sentAt: m.sentAt,
      action: 'allow', categories: [], signals: [], escalation: null, enforcement: null, reasons: [], modelVersion: 'm', rulesVersion: 'r', policyVersion: 'p',
      textTruncated: false, textRepaired: false, decidedAt: null,
    })) as EngineVerdicts;
  }
  async snapshot(_p: number, nextOffset: string) { return { v: 2 as const, nextOffset, engine: new Uint8Array() }; }
  clear(): void {}
  async reload(): Promise<void> {}
  watch(): void {}
  async close(): Promise<void> {}
}

describe('WindowPipeline', () => {
  it('a batch that kills its engine thread is isolated, and the single message that kills it is dead-lettered: no endless abort', async () => {
    const engines = new KillableEngines();
    const admin = {
      metadata: async () => ({ topics: new Map([[opts.topics.input, { partitionsCount: 1 }]]) }),
      listOffsets: async () => [{ partitions: [{ partitionIndex: 0, offset: 0n }] }],
    } as unknown as Admin;
    const changelog = { topic: 'state', restore: async () => null, checkpoint: () => ({ records: [], chunks: 0, messages: [] }) } as unknown as ChangelogTail;
    let learned = 0;
    const pipeline = new WindowPipeline({ opts, codecs, engines, changelog, admin, metrics: new WorkerMetrics(), log, shadow: null, onLearned: () => { learned++; } });
    const window = [input(0, 'hello'), input(1, 'kill'), input(2, 'bye')];
    const attempt = async () => {
      await pipeline.startOffsets({ generation: 1, partitions: [0] }, new Map([[0, 0n]]));
      try { return await pipeline.process(window); } catch (err) { pipeline.aborted(); throw err; }
    };
    await assert.rejects(attempt(), EngineThreadDiedError, 'the batch of 3 kills the thread');
    assert.equal(learned, 0, 'a batch that kills its thread teaches nothing yet');
    await assert.rejects(attempt(), EngineThreadDiedError, 'one at a time: "kill" alone kills it again');
    assert.equal(learned, 1, 'the killer learned: progress for the progress check');
    const out = await attempt();
    assert.equal(learned, 1);
    assert.deepEqual(engines.calls, [['hello', 'kill', 'bye'], ['hello'], ['kill'], ['hello'], ['bye']], 'the killer is not given to the engine a third time');
    const verdicts = out.filter((r) => r.topic === opts.topics.verdicts).map((r) => codecs.Verdict.decode(r.value as Buffer, 'auto').messageId);
    assert.deepEqual(verdicts, ['m0', 'm2']);
    const dlq = out.filter((r) => r.topic === opts.topics.dlq).map((r) => codecs.DeadLetter.decode(r.value as Buffer, 'auto'));
    assert.equal(dlq.length, 1);
    assert.match(dlq[0]!.error, /engine thread died on this message/);
  });

  it('a committed window over three partitions is one transaction in the metrics, three partition batches', async () => {
    const admin = {
      metadata: async () => ({ topics: new Map([[opts.topics.input, { partitionsCount: 3 }]]) }),
      listOffsets: async () => [{ partitions: [0, 1, 2].map((p) => ({ partitionIndex: p, offset: 0n })) }],
    } as unknown as Admin;
    const changelog = { topic: 'state', restore: async () => null, checkpoint: () => ({ records: [], chunks: 0, messages: [], storedBytes: 10, jsonBytes: 20 }) } as unknown as ChangelogTail;
    const metrics = new WorkerMetrics();
    const pipeline = new WindowPipeline({ opts, codecs, engines: new KillableEngines(), changelog, admin, metrics, log, shadow: null });
    await pipeline.startOffsets({ generation: 1, partitions: [0, 1, 2] }, new Map([[0, 0n], [1, 0n], [2, 0n]]));
    const on = (partition: number, i: number) => ({ ...input(i, 'hello'), partition }) as InputMessage;
    await pipeline.process([on(0, 0), on(1, 0), on(2, 0), on(0, 1)]);
    pipeline.committed();
    await pipeline.process([on(1, 1)]);
    pipeline.committed();
    const text = await metrics.registry.metrics();
    const value = (series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.split(' ').pop());
    assert.equal(value('vigie_classifier_transactions_total{outcome="committed"}'), 2, 'two windows, two transactions');
    assert.equal(value('vigie_classifier_partition_batches_total'), 4, '3 partitions in the first, 1 in the second');
    assert.equal(value('vigie_classifier_consumed_total{topic="chat.messages"}'), 5);
  });
});

describe('WindowPipeline: dead letters in the log', () => {
  it('a committed window with dead letters is said once (count, DLQ topic, no text), then at most once a minute', async () => {
    const lines: Record<string, unknown>[] = [];
    const { Writable } = await import('node:stream');
    const capture = createLogger({ level: 'info', destination: new Writable({ write(c, _e, cb) { for (const l of String(c).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>); cb(); } }) });
    const admin = {
      metadata: async () => ({ topics: new Map([[opts.topics.input, { partitionsCount: 1 }]]) }),
      listOffsets: async () => [{ partitions: [{ partitionIndex: 0, offset: 0n }] }],
    } as unknown as Admin;
    const changelog = { topic: 'state', restore: async () => null, checkpoint: () => ({ records: [], chunks: 0, messages: [], storedBytes: 1, jsonBytes: 1 }) } as unknown as ChangelogTail;
    const pipeline = new WindowPipeline({ opts, codecs, engines: new KillableEngines(), changelog, admin, metrics: new WorkerMetrics(), log: capture, shadow: null });
    await pipeline.startOffsets({ generation: 1, partitions: [0] }, new Map([[0, 0n]]));
    const poison = (i: number) => ({ partition: 0, offset: BigInt(i), key: Buffer.from('c'), value: Buffer.from('{"text": "secret text from 192.0.2.77"') }) as unknown as InputMessage;
    await pipeline.process([input(0, 'hello'), poison(1), poison(2)]);
    pipeline.committed();
    await pipeline.process([poison(3)]);
    pipeline.committed();
    const said = lines.filter((l) => l.event === 'input.dead_lettered');
    assert.deepEqual(said.map((l) => [l.level, l.records, l.topic]), [[40, 2, opts.topics.dlq]], 'the second window, within the minute, adds no line');
    assert.doesNotMatch(JSON.stringify(lines), /secret text|192\.0\.2\.77/);
  });
});

describe('CountOncePerMinute', () => {
  it('says the first count at once, then what was counted since, a minute or more later', async () => {
    const { CountOncePerMinute } = await import('./window-pipeline.js');
    let now = 0;
    const said: number[] = [];
    const c = new CountOncePerMinute((n) => said.push(n), () => now);
    c.add(2);
    now = 30_000; c.add(3);
    now = 59_999; c.add(1);
    now = 60_000; c.add(4);
    assert.deepEqual(said, [2, 8]);
  });

  it('says what came within the minute after a line when the minute ends, even if nothing more comes', async () => {
    const { CountOncePerMinute } = await import('./window-pipeline.js');
    let now = 0;
    const said: number[] = [];
    const timers: { fn: () => void; ms: number }[] = [];
    const c = new CountOncePerMinute((n) => said.push(n), () => now, (fn, ms) => { timers.push({ fn, ms }); });
    c.add(1);
    now = 1_000; c.add(1);
    now = 2_000; c.add(1);
    assert.deepEqual([said, timers.map((t) => t.ms)], [[1], [59_000]], 'one timer for the rest of the minute');
    now = 60_000; timers.shift()!.fn();
    assert.deepEqual(said, [1, 2], 'the 2 records after the first line are said when the minute ends');
    now = 70_000; c.add(5);
    assert.deepEqual(timers.map((t) => t.ms), [50_000]);
    now = 80_000; c.add(0);
    now = 120_000; c.add(1);
    assert.deepEqual(said, [1, 2, 6], 'a record a minute later says them at once');
    timers.shift()!.fn();
    assert.deepEqual(said, [1, 2, 6], 'the timer has nothing left to say');
  });
});
