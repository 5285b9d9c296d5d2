/**
 * The batch pipeline of one input partition: decode → engine → output records (process-batch.ts), then
 * one Kafka transaction holding every output record, the shadow verdicts, a state checkpoint when one
 * is due, and the input offset. Nothing of a batch is visible to read_committed readers before the
 * commit; on failure the transaction is aborted and the caller restores the partition's state.
 */
import type { KafkaMessage } from 'kafkajs';
import type { Codecs } from '../contracts/index.js';
import { checkpointDue } from './checkpoint-plan.js';
import type { EngineHolder } from './engine-holder.js';
import type { CommittedBatch } from './metrics.js';
import type { WorkerOptions } from './options.js';
import type { PartitionRuntime } from './partition-runtime.js';
import { processBatch, replayBatch, type BatchResult, type InputRecord } from './process-batch.js';
import type { Shadow } from './shadow.js';
import type { StateChangelog } from './state-changelog.js';
import { snapshotOf, stateKey } from './state-codec.js';

export interface PipelineDeps<S> {
  opts: WorkerOptions;
  codecs: Codecs;
  engines: EngineHolder<S>;
  changelog: StateChangelog;
  /** Candidate engine in shadow mode; its verdicts join each batch's transaction. */
  shadow: Shadow | null;
}

type TopicMessages = { topic: string; messages: { key: string | Buffer | null; value: Buffer | null; headers: Record<string, string>; partition?: number }[] }[];

const inputRecords = (chunk: KafkaMessage[]): InputRecord[] => chunk.map((m) => ({ key: m.key, value: m.value, offset: m.offset }));

/** Replays inputs below the committed offset into the state: engine only, nothing produced or committed. */
export async function replayChunk<S>(deps: PipelineDeps<S>, rt: PartitionRuntime<S>, chunk: KafkaMessage[]): Promise<void> {
  const records = await deps.engines.use((engine) => replayBatch({ records: inputRecords(chunk), engine, state: rt.work!, codecs: deps.codecs, opts: deps.opts }));
  rt.replayed(chunk[chunk.length - 1]!.offset, records);
}

/** Scores a live chunk and commits its outputs, checkpoint and offset in one transaction. */
export async function runChunk<S>(deps: PipelineDeps<S>, rt: PartitionRuntime<S>, chunk: KafkaMessage[]): Promise<CommittedBatch> {
  const { opts, changelog, shadow } = deps;
  rt.endReplay();
  const startedAt = process.hrtime.bigint();
  const result = await deps.engines.use((engine) => processBatch({
    records: inputRecords(chunk), topic: opts.topics.input, partition: rt.partition, engine, state: rt.work!, codecs: deps.codecs, opts, now: Date.now(),
  }));
  const next = BigInt(chunk[chunk.length - 1]!.offset) + 1n;
  const checkpointAt = Date.now();
  const checkpoint = checkpointDue({ now: checkpointAt, lastCheckpointAt: rt.lastCheckpointAt, intervalMs: opts.checkpointIntervalMs })
    ? changelog.checkpoint(stateKey(opts.topics.input, rt.partition), snapshotOf(deps.engines.factory, String(next), rt.work!.engine), opts.stateChunkBytes, rt.chunks)
    : null;
  const topicMessages = await transactionRecords(deps, rt.partition, chunk, result, checkpoint);

  const txn = await rt.producer!.transaction();
  try {
    await txn.sendBatch({ topicMessages, acks: -1 });
    await txn.sendOffsets({ consumerGroupId: opts.groupId, topics: [{ topic: opts.topics.input, partitions: [{ partition: rt.partition, offset: String(next) }] }] });
    await txn.commit();
  } catch (err) {
    await txn.abort().catch(() => undefined);
    shadow?.forget(rt.partition);
    throw err;
  }
  rt.nextOffset = next;
  if (checkpoint) {
    rt.chunks = checkpoint.chunks;
    rt.lastCheckpointAt = checkpointAt;
  }
  return {
    partition: rt.partition, inputTopic: opts.topics.input, consumed: chunk.length,
    produced: topicMessages.map(({ topic, messages }) => ({ topic, count: messages.length })),
    seconds: Number(process.hrtime.bigint() - startedAt) / 1e9, stats: result.stats,
    checkpoint: checkpoint && { storedBytes: checkpoint.storedBytes, jsonBytes: checkpoint.jsonBytes },
  };
}

/** Every record of the batch's transaction: outputs by topic, then the checkpoint, then the shadow verdicts. */
async function transactionRecords<S>(deps: PipelineDeps<S>, partition: number, chunk: KafkaMessage[], result: BatchResult,
  checkpoint: { messages: TopicMessages[number]['messages'] } | null): Promise<TopicMessages> {
  const topicMessages: TopicMessages = [...result.out].filter(([, messages]) => messages.length).map(([topic, messages]) => ({ topic, messages }));
  if (checkpoint) topicMessages.push({ topic: deps.changelog.topic, messages: checkpoint.messages });
  if (deps.shadow) {
    const inputs = chunk.map((m) => ({ value: m.value, offset: m.offset }));
    const shadowVerdicts = await deps.shadow.process(partition, inputs, result.out.get(deps.opts.topics.verdicts) ?? [], Date.now());
    if (shadowVerdicts.length) topicMessages.push({ topic: deps.shadow.topic, messages: shadowVerdicts });
  }
  return topicMessages;
}
