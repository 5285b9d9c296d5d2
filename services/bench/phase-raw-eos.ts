import type { Kafka, Producer } from 'kafkajs';
import { throughputAfterFirst, type Throughput } from './stats.js';
import { deferred, withDeadline } from './kafka-util.js';
import { FETCH_SETTINGS } from './consumer-settings.js';

export interface RawEosOptions {
  inputTopic: string;
  outputTopic: string;
  groupId: string;
  /** transactionalId prefix; each input partition gets `<prefix>-<topic>-<partition>`. */
  transactionalIdPrefix: string;
  expected: number;
  timeoutMs: number;
  partitionsConcurrently: number;
}

/**
 * The exactly-once ceiling: a consume → produce loop shaped like the worker's (one transactional
 * producer per input partition, so a rebalance fences the previous owner; per fetched batch: begin,
 * send the copies, sendOffsets, commit), but copying each message unchanged. Timed from the first
 * committed transaction to the last; the first transaction's messages are left out.
 */
export async function rawEos(kafka: Kafka, o: RawEosOptions): Promise<Throughput> {
  const consumer = kafka.consumer({ groupId: o.groupId, ...FETCH_SETTINGS, readUncommitted: false, allowAutoTopicCreation: false });
  const producers = new Map<number, Producer>();
  const producerFor = async (partition: number): Promise<Producer> => {
    let p = producers.get(partition);
    if (!p) {
      p = kafka.producer({ transactionalId: `${o.transactionalIdPrefix}-${o.inputTopic}-${partition}`, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await p.connect();
      producers.set(partition, p);
    }
    return p;
  };
  const done = deferred<Throughput>();
  let messages = 0;
  let bytes = 0;
  let first: { messages: number; bytes: number; atMs: number } | null = null;
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [o.inputTopic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: o.partitionsConcurrently,
      eachBatch: async ({ batch, isRunning, isStale }) => {
        if (batch.messages.length === 0 || !isRunning() || isStale()) return;
        const producer = await producerFor(batch.partition);
        const tx = await producer.transaction();
        let b = 0;
        try {
          const copies = batch.messages.map((m) => {
            b += (m.key?.length ?? 0) + (m.value?.length ?? 0);
            return { key: m.key, value: m.value };
          });
          await tx.send({ topic: o.outputTopic, acks: -1, messages: copies });
          await tx.sendOffsets({
            consumerGroupId: o.groupId,
            topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }] }],
          });
          await tx.commit();
        } catch (err) {
          await tx.abort().catch(() => undefined);
          throw err;
        }
        messages += batch.messages.length;
        bytes += b;
        const now = performance.now();
        if (first === null) first = { messages, bytes, atMs: now };
        if (messages >= o.expected) {
          try { done.resolve(throughputAfterFirst({ messages, bytes }, first, now)); } catch (err) { done.reject(err); }
        }
      },
    });
    return await withDeadline(done.promise, o.timeoutMs, () => `raw-eos (${messages} of ${o.expected} messages committed)`);
  } finally {
    await consumer.disconnect();
    await Promise.all([...producers.values()].map((p) => p.disconnect()));
  }
}
