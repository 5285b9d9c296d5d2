import type { Case, EscalationIn, Priority } from './types.js';

const RANK: Record<Priority, number> = { P0: 0, P1: 1, P2: 2 };
/** Reasons kept per case; later escalations of a long conversation add evidence, not unbounded prose. */
const MAX_REASONS = 20;

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/**
 * Folds an escalation into the open case of the same conversation and category, or opens a new case
 * (case id = the escalation id that opened it). The more urgent priority wins.
 */
export function mergeEscalation(open: Case | null, e: EscalationIn, now: number): Case {
  const users = [e.senderId, ...(e.recipientId ? [e.recipientId] : [])];
  const evidence = union(e.evidenceMessageIds, [e.messageId]);
  if (!open) {
    return {
      caseId: e.escalationId, priority: e.priority, status: 'open', category: e.category,
      categories: union([e.category], e.categories), conversationId: e.conversationId, users,
      evidenceMessageIds: evidence, reasons: [e.reason], createdAt: e.createdAt, updatedAt: Math.max(now, e.createdAt),
      resolvedAt: null, resolutionReason: null, reviewer: null,
    };
  }
  return {
    ...open,
    priority: RANK[e.priority] < RANK[open.priority] ? e.priority : open.priority,
    categories: union(open.categories, e.categories),
    users: union(open.users, users),
    evidenceMessageIds: union(open.evidenceMessageIds, evidence),
    reasons: open.reasons.includes(e.reason) ? open.reasons : [...open.reasons, e.reason].slice(-MAX_REASONS),
    updatedAt: Math.max(open.updatedAt, now),
  };
}

export function comparePriority(a: Priority, b: Priority): number {
  return RANK[a] - RANK[b];
}
