/**
 * The records the audit side reads, as plain data, derived from the topic record types
 * (contracts/types.ts, which follow the Avro schemas); the sink maps decoded topic records onto
 * these so the store does not depend on the codecs.
 */
import type * as Contract from '../contracts/types.js';

export type { Action, Priority, ContextMessage, ModerationActionKind, ParticipantAge } from '../contracts/types.js';

/**
 * Category names are plain strings on the audit side: a stored record keeps the names it was decided
 * with, even one a later taxonomy drops, and rows are read back without the codec's checks.
 */
type WithCategoryNames<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] extends readonly unknown[] ? string[] : string };

/**
 * An AuditRecord (contracts/types.ts) as the store takes it: categories by name, the source offset as
 * the decimal string Kafka gives (offsets go past 2^53), and the length the worker cut `text` from.
 */
export type AuditRecordIn = Omit<Contract.AuditRecord, 'categories' | 'sourceOffset' | 'signals' | 'reasons' | 'senderDeclaredAge' | 'participantAges'> & {
  categories: { category: string; score: number; sources?: string[] }[];
  /** AuditRecord version 3 fields: absent (older producers, tests) reads as empty / null. */
  signals?: AuditSignal[];
  reasons?: string[];
  senderDeclaredAge?: number | null;
  participantAges?: Contract.ParticipantAge[];
  sourceOffset: string;
  /** Original UTF-8 length when the worker cut `text` to fit a record (header `vigie.text.truncated`); else null/absent. */
  textTruncatedFrom?: number | null;
};

/** A signal with its sources, by name (like categories, names are plain strings on the audit side). */
export interface AuditSignal { signal: string; score: number; sources: string[] }

export type EscalationIn = WithCategoryNames<Contract.Escalation, 'category' | 'categories'>;

export type ModerationActionIn = WithCategoryNames<Contract.ModerationAction, 'categories'>;

export type CaseStatus = 'open' | 'confirmed' | 'dismissed';

export interface Case {
  caseId: string;
  priority: Contract.Priority;
  status: CaseStatus;
  category: string;
  categories: string[];
  conversationId: string;
  users: string[];
  evidenceMessageIds: string[];
  reasons: string[];
  createdAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  resolutionReason: string | null;
  reviewer: string | null;
}

export type HoldKind = 'user' | 'conversation' | 'case';

export interface LegalHold {
  holdId: number;
  kind: HoldKind;
  target: string;
  reason: string;
  placedAt: number;
  releasedAt: number | null;
  releaseReason: string | null;
}

/** The current enforcement of one user, as published (key = user id) to `moderation.blocklist`. */
export interface EnforcementState {
  userId: string;
  action: Contract.BlockAction;
  /** epoch ms when the enforcement ends; null = until lifted by a person. */
  until: number | null;
  reason: string;
  categories: string[];
  actionId: string;
  issuedAt: number;
  /** true once it has ended: the blocklist gets a tombstone for this user. */
  expired: boolean;
}

/** One stored audit row as read back (text fields null when never kept or deleted by retention). */
export interface AuditRow {
  seq: number;
  recordId: string;
  messageId: string | null;
  tenantId: string | null;
  conversationId: string | null;
  roomId: string | null;
  senderId: string | null;
  recipientId: string | null;
  senderIp: string | null;
  sentAt: number;
  decidedAt: number | null;
  action: Contract.Action | null;
  /** `sources` on rows written from AuditRecord v3 on (content version 2). */
  categories: { category: string; score: number; sources?: string[] }[] | null;
  escalationPriority: Contract.Priority | null;
  /** The verdict's signals and reasons (null on rows written before content version 2, and on tombstones). */
  signals: AuditSignal[] | null;
  reasons: string[] | null;
  senderDeclaredAge: number | null;
  participantAges: Contract.ParticipantAge[] | null;
  /** Version of the hashed content (chain.ts CONTENT_VERSION): 1 before AuditRecord v3, 2 after. */
  contentVersion: number;
  modelVersion: string | null;
  rulesVersion: string | null;
  policyVersion: string | null;
  textSha256: string | null;
  keptTextSha256: string | null;
  textTruncatedFrom: number | null;
  contextSha256: string | null;
  sourceTopic: string | null;
  sourcePartition: number | null;
  sourceOffset: string | null;
  storedAt: number;
  contentHash: string;
  prevHash: string;
  rowHash: string;
  tombstonedAt: number | null;
  text: string | null;
  context: Contract.ContextMessage[] | null;
  textDeletedAt: number | null;
}
