import type { Kafka } from 'kafkajs';
import { throughput, type Throughput } from './stats.js';
import { deferred, watchPhaseConsumer, withDeadline } from './kafka-util.js';
import { FETCH_SETTINGS } from './consumer-settings.js';

/**
 * The kafkajs client ceiling: a consumer in its own group that reads every message of `topic` and
 * decodes nothing (it only adds up key and value sizes). Timed from the first fetch request to the last message.
 */
export async function rawConsume(kafka: Kafka, o: { topic: string; groupId: string; expected: number; timeoutMs: number; partitionsConcurrently: number }): Promise<Throughput> {
  const consumer = kafka.consumer({ groupId: o.groupId, ...FETCH_SETTINGS, allowAutoTopicCreation: false });
  const done = deferred<Throughput>();
  let messages = 0;
  let bytes = 0;
  const fetchStartAt = watchPhaseConsumer(consumer, done.reject);
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [o.topic], fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: o.partitionsConcurrently,
      eachBatch: async ({ batch }) => {
        let b = 0;
        for (const m of batch.messages) b += (m.key?.length ?? 0) + (m.value?.length ?? 0);
        messages += batch.messages.length;
        bytes += b;
        const now = performance.now();
        if (messages >= o.expected) {
          try { done.resolve(throughput(messages, bytes, now - (fetchStartAt() ?? now))); } catch (err) { done.reject(err); }
        }
      },
    });
    return await withDeadline(done.promise, o.timeoutMs, () => `raw-consume (${messages} of ${o.expected} messages read)`);
  } finally {
    await consumer.disconnect();
  }
}
