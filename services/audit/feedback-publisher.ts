import type { Producer } from '@platformatic/kafka';
import type { Codecs, Feedback } from '../contracts/index.js';
import type { Category } from '../contracts/taxonomy.js';
import { casesAwaitingFeedback, markFeedbackPublished } from './store-cases.js';
import type { AuditStore } from './store.js';
import type { Case } from './types.js';

export function feedbackOf(c: Case): Feedback {
  return {
    caseId: c.caseId,
    escalationId: c.caseId, // a case takes the id of the escalation that opened it
    conversationId: c.conversationId,
    decision: c.status === 'confirmed' ? 'confirmed' : 'dismissed',
    categories: (c.status === 'confirmed' ? c.categories : []) as Category[],
    reason: c.resolutionReason ?? '',
    reviewer: c.reviewer ?? 'unknown',
    resolvedAt: c.resolvedAt ?? c.updatedAt,
  };
}

/**
 * Publishes every resolved case whose feedback has not been published yet (outbox), key conversationId.
 * A case is marked only after the broker acknowledged it, so a failure leaves it for the next run.
 */
export async function publishFeedback(store: AuditStore, producer: Producer, codecs: Codecs, topic: string, now: number): Promise<string[]> {
  const cases = await casesAwaitingFeedback(store.db);
  if (!cases.length) return [];
  await producer.send({ messages: cases.map((c) => ({ topic, key: Buffer.from(c.conversationId), value: codecs.Feedback.encodeAvro(feedbackOf(c)) })) });
  await markFeedbackPublished(store.db, cases.map((c) => c.caseId), now);
  return cases.map((c) => c.caseId);
}
