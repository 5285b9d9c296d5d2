/**
 * Reads bounded offset ranges of one topic, read_committed, without touching any real consumer
 * group: a throwaway group id (never committed to: autoCommit off), deleted when done. Each
 * partition's records arrive in offset order; a partition is done when the consumer has passed its
 * end offset (transaction markers count, so a range ending on a commit marker completes).
 */
import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { VigieError } from '../contracts/errors.js';

export interface ReadRange { start: bigint; end: bigint }

export interface ReadResult { groupId: string; records: number; groupDeleted: boolean }

export async function readRanges(kafka: Kafka, topic: string, ranges: Map<number, ReadRange>,
  onRecords: (partition: number, records: KafkaMessage[]) => Promise<void>,
  opts: { groupPrefix: string; idleTimeoutMs: number; chunk?: number }): Promise<ReadResult> {
  const todo = [...ranges].filter(([, r]) => r.start < r.end);
  const groupId = `${opts.groupPrefix}-${randomUUID()}`;
  if (!todo.length) return { groupId, records: 0, groupDeleted: true };
  const reached = new Map<number, bigint>(todo.map(([p, r]) => [p, r.start]));
  const behind = (): number[] => todo.filter(([p, r]) => reached.get(p)! < r.end).map(([p]) => p);
  let records = 0;
  let progressAt = Date.now();
  let failure: unknown;
  let wake: () => void = () => undefined;
  const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 250, sessionTimeout: 60_000, heartbeatInterval: 3_000, allowAutoTopicCreation: false });
  const admin = kafka.admin();
  consumer.on(consumer.events.END_BATCH_PROCESS, (e) => {
    const p = e.payload.partition;
    const r = ranges.get(p);
    if (e.payload.topic !== topic || !r) return;
    const next = BigInt(e.payload.lastOffset) + 1n;
    // A batch from before the seek (fetched from the beginning) does not move progress backwards or past the start.
    if (next > reached.get(p)! && next > r.start) { reached.set(p, next); progressAt = Date.now(); }
    wake();
  });
  await admin.connect();
  await consumer.connect();
  let deleted = false;
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat, pause }) => {
        if (failure) return;
        const r = ranges.get(batch.partition);
        if (!r) return;
        const inRange = batch.messages.filter((m) => { const o = BigInt(m.offset); return o >= r.start && o < r.end; });
        const chunk = opts.chunk ?? 256;
        try {
          for (let i = 0; i < inRange.length; i += chunk) {
            await onRecords(batch.partition, inRange.slice(i, i + chunk));
            records += Math.min(chunk, inRange.length - i);
            await heartbeat();
          }
        } catch (err) {
          failure = err;
          wake();
          return;
        }
        if (BigInt(batch.lastOffset()) + 1n >= r.end) pause();
      },
    });
    for (const [p, r] of ranges) consumer.seek({ topic, partition: p, offset: String(r.start < r.end ? r.start : r.end) });
    while (behind().length && !failure) {
      if (Date.now() - progressAt > opts.idleTimeoutMs) {
        throw new VigieError(`${topic}: partitions ${behind().join(',')} made no progress for ${opts.idleTimeoutMs} ms before their end offsets (an open transaction?)`, { retriable: true });
      }
      await new Promise<void>((res) => { wake = res; setTimeout(res, 200); });
    }
    if (failure) throw failure;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    deleted = await admin.deleteGroups([groupId]).then(() => true, () => false);
    await admin.disconnect().catch(() => undefined);
  }
  return { groupId, records, groupDeleted: deleted };
}
