import type { KafkaClient } from '../kafka/client.js';
import type { EncodedMessage } from './workload.js';

/**
 * Writes the encoded messages to `topic` (key = conversationId, murmur2 partitioning as the Java
 * producer does, so conversations spread over partitions as a Java producer would spread them). Several
 * sends stay in flight; acks from all in-sync replicas (the factory's idempotent producer). Resolves
 * when every message is acknowledged.
 */
export async function preload(kafka: KafkaClient, topic: string, messages: readonly EncodedMessage[], progress: (msg: string) => void): Promise<void> {
  const producer = kafka.producer();
  try {
    const chunk = 2000;
    const inFlight = 4;
    let next = 0;
    let done = 0;
    let lastReport = Date.now();
    const worker = async (): Promise<void> => {
      while (next < messages.length) {
        const slice = messages.slice(next, next + chunk);
        next += slice.length;
        await producer.send({ messages: slice.map((m) => ({ topic, key: m.key, value: m.value })) });
        done += slice.length;
        if (Date.now() - lastReport > 2000) {
          lastReport = Date.now();
          progress(`  pre-loaded ${done.toLocaleString('en-US')} / ${messages.length.toLocaleString('en-US')}`);
        }
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  } finally {
    await producer.close();
  }
}
