import type { Kafka, Producer } from 'kafkajs';
import { throughput, type Throughput } from './stats.js';
import { deferred, watchPhaseConsumer, withDeadline, type ClientLogStats } from './kafka-util.js';
import type { EosFigures } from './report.js';
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
  /** Most messages per transaction (a fetched batch is split into transactions of this size). */
  maxPerTransaction: number;
  /** initialRetryTime of the transactional producers (the worker's client uses 200 ms). */
  initialRetryMs: number;
  /** The client's log counters (CONCURRENT_TRANSACTIONS retries are read from them). */
  logStats: ClientLogStats;
  progress: (msg: string) => void;
}

/**
 * The exactly-once ceiling: a consume → produce loop shaped like the worker's (one transactional
 * producer per input partition, so a rebalance fences the previous owner; per fetched batch: begin,
 * send the copies, sendOffsets, commit, at most `maxPerTransaction` messages each, the worker's batch size), but copying each message unchanged. Timed from the first
 * fetch request to the last commit.
 */
export async function rawEos(kafka: Kafka, o: RawEosOptions): Promise<EosFigures> {
  const consumer = kafka.consumer({ groupId: o.groupId, ...FETCH_SETTINGS, readUncommitted: false, allowAutoTopicCreation: false });
  const producers = new Map<number, Producer>();
  const producerFor = async (partition: number): Promise<Producer> => {
    let p = producers.get(partition);
    if (!p) {
      // The worker's producer settings (services/classifier-worker/worker.ts).
      p = kafka.producer({ transactionalId: `${o.transactionalIdPrefix}-${o.inputTopic}-${partition}`, idempotent: true, maxInFlightRequests: 1,
        transactionTimeout: 30_000, retry: { retries: 5, initialRetryTime: o.initialRetryMs }, allowAutoTopicCreation: false });
      await p.connect();
      producers.set(partition, p);
    }
    return p;
  };
  const done = deferred<Throughput>();
  const retriesBefore = o.logStats.concurrentTransactionRetries;
  let transactions = 0;
  let messages = 0;
  let bytes = 0;
  const fetchStartAt = watchPhaseConsumer(consumer, done.reject);
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [o.inputTopic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: o.partitionsConcurrently,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, isRunning, isStale, resolveOffset, heartbeat }) => {
        if (batch.messages.length === 0 || !isRunning() || isStale()) return;
        const producer = await producerFor(batch.partition);
        for (let i = 0; i < batch.messages.length && isRunning() && !isStale(); i += o.maxPerTransaction) {
          const slice = batch.messages.slice(i, i + o.maxPerTransaction);
          let b = 0;
          const copies = slice.map((m) => {
            b += (m.key?.length ?? 0) + (m.value?.length ?? 0);
            return { key: m.key, value: m.value };
          });
          const next = (BigInt(slice[slice.length - 1]!.offset) + 1n).toString();
          const tx = await producer.transaction();
          try {
            await tx.send({ topic: o.outputTopic, acks: -1, messages: copies });
            await tx.sendOffsets({ consumerGroupId: o.groupId, topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
            await tx.commit();
          } catch (err) {
            await tx.abort().catch(() => undefined);
            throw err;
          }
          transactions++;
          resolveOffset(slice[slice.length - 1]!.offset);
          messages += slice.length;
          bytes += b;
          const now = performance.now();
            if (messages >= o.expected) {
            try { done.resolve(throughput(messages, bytes, now - (fetchStartAt() ?? now))); } catch (err) { done.reject(err); }
          }
          await heartbeat();
        }
      },
    });
    const ticker = setInterval(() => o.progress(`  raw-eos: ${messages.toLocaleString('en-US')} / ${o.expected.toLocaleString('en-US')} committed`), 10_000);
    let t: Throughput;
    try {
      t = await withDeadline(done.promise, o.timeoutMs, () => `raw-eos (${messages} of ${o.expected} messages committed)`);
    } finally {
      clearInterval(ticker);
    }
    return { ...t, transactions, concurrentTransactionRetries: o.logStats.concurrentTransactionRetries - retriesBefore };
  } finally {
    await consumer.disconnect();
    await Promise.all([...producers.values()].map((p) => p.disconnect()));
  }
}
