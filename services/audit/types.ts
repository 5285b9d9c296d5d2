/**
 * The records the audit side reads, as plain data. They follow the shapes fixed in
 * docs/architecture.md (the Avro schemas in schemas/ are authoritative); the sink maps decoded
 * topic records onto these so the store does not depend on the codec module.
 */
export type Action = 'allow' | 'flag' | 'hold' | 'block';
export type Priority = 'P0' | 'P1' | 'P2';

export interface ContextMessage { messageId: string; senderId: string; sentAt: number; text: string }

export interface AuditRecordIn {
  recordId: string;
  messageId: string;
  tenantId: string | null;
  conversationId: string;
  roomId: string | null;
  senderId: string;
  recipientId: string | null;
  senderIp: string | null;
  sentAt: number;
  decidedAt: number;
  action: Action;
  categories: { category: string; score: number }[];
  escalationPriority: Priority | null;
  modelVersion: string;
  rulesVersion: string;
  policyVersion: string;
  text: string | null;
  /** SHA-256 of the FULL original text, even when `text` was cut or is absent. */
  textSha256: string;
  /** Original UTF-8 length when the worker cut `text` to fit a record (header `vigie.text.truncated`); else null/absent. */
  textTruncatedFrom?: number | null;
  context: ContextMessage[];
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: string;
}

export interface EscalationIn {
  escalationId: string;
  priority: Priority;
  category: string;
  categories: string[];
  conversationId: string;
  messageId: string;
  senderId: string;
  recipientId: string | null;
  reason: string;
  evidenceMessageIds: string[];
  createdAt: number;
}

export type ModerationActionKind = 'block_message' | 'hold_message' | 'flag_message' | 'mute' | 'suspend';

export interface ModerationActionIn {
  actionId: string;
  messageId: string;
  conversationId: string;
  targetUserId: string;
  action: ModerationActionKind;
  durationMs: number | null;
  reason: string;
  categories: string[];
  issuedAt: number;
}

export type CaseStatus = 'open' | 'confirmed' | 'dismissed';

export interface Case {
  caseId: string;
  priority: Priority;
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
  action: 'mute' | 'suspend';
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
  action: Action | null;
  categories: { category: string; score: number }[] | null;
  escalationPriority: Priority | null;
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
  context: ContextMessage[] | null;
  textDeletedAt: number | null;
}
