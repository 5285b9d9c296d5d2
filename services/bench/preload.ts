import { CompressionTypes, Partitioners, type Kafka } from 'kafkajs';
import type { EncodedMessage } from './workload.js';

/**
 * Writes the encoded messages to `topic` (key = conversationId, Kafka's default murmur2 partitioner,
 * so conversations spread over partitions as a Java producer would spread them). Several sends stay in
 * flight; acks from all in-sync replicas. Resolves when every message is acknowledged.
 */
export async function preload(kafka: Kafka, topic: string, messages: readonly EncodedMessage[], progress: (msg: string) => void): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
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
        await producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages: slice as EncodedMessage[] });
        done += slice.length;
        if (Date.now() - lastReport > 2000) {
          lastReport = Date.now();
          progress(`  pre-loaded ${done.toLocaleString('en-US')} / ${messages.length.toLocaleString('en-US')}`);
        }
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  } finally {
    await producer.disconnect();
  }
}
