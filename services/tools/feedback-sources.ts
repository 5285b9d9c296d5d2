/**
 * Where reviewer decisions and message texts come from: the feedback topic (read whole, bounded by
 * its end offsets at start, throwaway group), the audit store's resolved cases, and the audit
 * store's kept texts (text is kept for every message that was acted on or escalated).
 */
import type { KafkaClient } from '../kafka/client.js';
import type { Codecs } from '../contracts/index.js';
import { getCase, listCases } from '../audit/store-cases.js';
import { readRows } from '../audit/store-reads.js';
import type { SqlDb } from '../audit/sql-db.js';
import type { ReviewDecision } from './feedback-export.js';
import { partitionBounds } from './replay-range.js';
import { readRanges } from './topic-reader.js';

export interface TopicFeedback { caseId: string; conversationId: string; decision: 'confirmed' | 'dismissed'; categories: string[]; resolvedAt: number }

export async function readFeedbackTopic(kafka: KafkaClient, topic: string, codecs: Codecs): Promise<{ records: TopicFeedback[]; undecodable: number }> {
  const admin = kafka.admin();
  let bounds;
  try { bounds = await partitionBounds(admin, topic); } finally { await admin.close(); }
  const records: TopicFeedback[] = [];
  let undecodable = 0;
  await readRanges(kafka, topic, new Map([...bounds].map(([p, b]) => [p, { start: b.low, end: b.high }])), async (_p, recs) => {
    for (const r of recs) {
      try {
        const f = codecs.Feedback.decode(r.value!, 'auto');
        records.push({ caseId: f.caseId, conversationId: f.conversationId, decision: f.decision, categories: f.categories, resolvedAt: f.resolvedAt });
      } catch { undecodable++; }
    }
  }, { groupPrefix: 'vigie-feedback-export', idleTimeoutMs: 30_000 });
  return { records, undecodable };
}

/** Adds each topic record's evidence message ids from its case in the store; records without a case are returned apart. */
export async function withEvidence(db: SqlDb, records: readonly TopicFeedback[]): Promise<{ decisions: ReviewDecision[]; unknownCases: string[] }> {
  const decisions: ReviewDecision[] = [];
  const unknownCases: string[] = [];
  for (const f of records) {
    const c = await getCase(db, f.caseId);
    if (!c) { unknownCases.push(f.caseId); continue; }
    decisions.push({ ...f, evidenceMessageIds: c.evidenceMessageIds });
  }
  return { decisions, unknownCases };
}

/** Resolved cases straight from the store (no Kafka needed). */
export async function storeDecisions(db: SqlDb): Promise<ReviewDecision[]> {
  const out: ReviewDecision[] = [];
  for (const status of ['confirmed', 'dismissed'] as const) {
    for (const c of await listCases(db, { status, limit: 10_000_000 })) {
      out.push({
        caseId: c.caseId,
        conversationId: c.conversationId,
        decision: status,
        categories: status === 'confirmed' ? c.categories : [],
        evidenceMessageIds: c.evidenceMessageIds,
        resolvedAt: c.resolvedAt ?? c.updatedAt
      });
    }
  }
  return out;
}

/** Kept texts of the given messages (tombstoned or text-deleted rows have none). */
export async function storedTexts(db: SqlDb, messageIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = [...new Set(messageIds)];
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await readRows(db, { messageIds: ids.slice(i, i + 500) })) if (r.messageId && r.text) out.set(r.messageId, r.text);
  }
  return out;
}
