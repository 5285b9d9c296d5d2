import { MessagesStreamModes, type Message } from '@platformatic/kafka';
import type { KafkaClient } from '../kafka/client.js';
import { throughput, type Throughput } from './stats.js';
import { deferred, withDeadline } from './kafka-util.js';
import { FETCH_SETTINGS } from './consumer-settings.js';

/**
 * The client ceiling: a consumer of the one factory (read_committed, as every Vigie consumer) in its
 * own group that reads every message of `topic` and decodes nothing (it only adds up key and value
 * sizes). Timed from the moment the group is joined and fetching starts to the last message.
 */
export async function rawConsume(kafka: KafkaClient, o: { topic: string; groupId: string; expected: number; timeoutMs: number }): Promise<Throughput> {
  const consumer = kafka.consumer({ groupId: o.groupId, ...FETCH_SETTINGS });
  const done = deferred<Throughput>();
  let messages = 0;
  let bytes = 0;
  try {
    const stream = await consumer.consume({ topics: [o.topic], mode: MessagesStreamModes.EARLIEST, autocommit: false, maxWaitTime: FETCH_SETTINGS.maxWaitTimeMs! });
    const startAt = performance.now();
    stream.on('data', (m: Message<Buffer, Buffer, Buffer, Buffer>) => {
      messages++;
      bytes += (m.key?.length ?? 0) + (m.value?.length ?? 0);
      if (messages === o.expected) {
        const now = performance.now();
        try { done.resolve(throughput(messages, bytes, now - startAt)); } catch (err) { done.reject(err); }
      }
    });
    stream.on('error', (err: unknown) => done.reject(err));
    try {
      return await withDeadline(done.promise, o.timeoutMs, () => `raw-consume (${messages} of ${o.expected} messages read)`);
    } finally {
      await stream.close().catch(() => undefined);
    }
  } finally {
    await consumer.close(true).catch(() => undefined);
  }
}
