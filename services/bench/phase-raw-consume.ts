import type { Kafka } from 'kafkajs';
import { throughput, type Throughput } from './stats.js';
import { deferred, withDeadline } from './kafka-util.js';
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
  // A consumer that crashes for good (e.g. the broker went away for longer than its retries) fails the phase now, not at the deadline.
  consumer.on(consumer.events.CRASH, (e) => { if (!e.payload.restart) done.reject(e.payload.error); });
  // The window opens at the first fetch request (as ConsumerPerformance's fetch time does): a fetch response
  // carries every partition's batch, so the first eachBatch call would open it after the first fetch finished.
  let fetchStartAt: number | null = null;
  consumer.on(consumer.events.FETCH_START, () => { fetchStartAt ??= performance.now(); });
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
          try { done.resolve(throughput(messages, bytes, now - (fetchStartAt ?? now))); } catch (err) { done.reject(err); }
        }
      },
    });
    return await withDeadline(done.promise, o.timeoutMs, () => `raw-consume (${messages} of ${o.expected} messages read)`);
  } finally {
    await consumer.disconnect();
  }
}
