import type { Kafka, Producer } from 'kafkajs';
import type { Codecs, ModerationAction } from '../contracts/index.js';
import { publishFeedback } from '../audit/feedback-publisher.js';
import type { AuditStore } from '../audit/store.js';

/**
 * What the console sends to Kafka: pending feedback (the store's outbox, published by the same code as
 * `vigie cases resolve`) and moderation actions for the audit sink and the platform. One idempotent
 * producer, connected on first use so the console serves pages while the broker is away.
 */
export interface ConsolePublisher {
  /** Publishes every resolved case whose feedback is still pending; returns their ids. */
  feedback(store: AuditStore, now: number): Promise<string[]>;
  action(a: ModerationAction): Promise<void>;
  close(): Promise<void>;
  readonly topics: { feedback: string; actions: string };
}

export function kafkaPublisher(kafka: Kafka, codecs: Codecs, topics: { feedback: string; actions: string }): ConsolePublisher {
  let producer: Producer | null = null;
  let connecting: Promise<Producer> | null = null;
  const get = (): Promise<Producer> => {
    if (producer) return Promise.resolve(producer);
    connecting ??= (async () => {
      const p = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      try { await p.connect(); } catch (err) { connecting = null; throw err; }
      producer = p;
      return p;
    })();
    return connecting;
  };
  return {
    topics,
    async feedback(store, now) { return publishFeedback(store, await get(), codecs, topics.feedback, now); },
    async action(a) {
      await (await get()).send({ topic: topics.actions, acks: -1, messages: [{ key: a.targetUserId, value: codecs.ModerationAction.encodeAvro(a) }] });
    },
    async close() { if (producer) await producer.disconnect().catch(() => undefined); },
  };
}
