import type { AuditRow, AuditSignal, Case, ContextMessage, EnforcementState, LegalHold, ParticipantAge } from './types.js';
import type { Row } from './sql-db.js';

// PostgreSQL returns BIGINT as strings; SQLite returns numbers. Both come through these helpers.
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const json = <T>(v: unknown): T | null => (v === null || v === undefined ? null : (JSON.parse(String(v)) as T));

export const ROW_COLUMNS = `r.seq, r.record_id, r.message_id, r.tenant_id, r.conversation_id, r.room_id, r.sender_id, r.recipient_id,
  r.sender_ip, r.sent_at, r.decided_at, r.action, r.categories, r.escalation_priority, r.model_version, r.rules_version,
  r.policy_version, r.signals, r.reasons, r.sender_declared_age, r.participant_ages, r.content_version, r.text_sha256, r.kept_text_sha256, r.text_truncated_from, r.context_sha256, r.source_topic, r.source_partition, r.source_offset, r.stored_at,
  r.content_hash, r.prev_hash, r.row_hash, r.tombstoned_at, t.text, t.context, t.deleted_at AS text_deleted_at`;

export function auditRowFromDb(r: Row): AuditRow {
  return {
    seq: num(r.seq), recordId: String(r.record_id), messageId: strOrNull(r.message_id), tenantId: strOrNull(r.tenant_id),
    conversationId: strOrNull(r.conversation_id), roomId: strOrNull(r.room_id), senderId: strOrNull(r.sender_id),
    recipientId: strOrNull(r.recipient_id), senderIp: strOrNull(r.sender_ip), sentAt: num(r.sent_at),
    decidedAt: numOrNull(r.decided_at), action: strOrNull(r.action) as AuditRow['action'],
    categories: json<NonNullable<AuditRow['categories']>>(r.categories),
    escalationPriority: strOrNull(r.escalation_priority) as AuditRow['escalationPriority'],
    signals: json<AuditSignal[]>(r.signals), reasons: json<string[]>(r.reasons), senderDeclaredAge: numOrNull(r.sender_declared_age),
    participantAges: json<ParticipantAge[]>(r.participant_ages), contentVersion: numOrNull(r.content_version) ?? 1,
    modelVersion: strOrNull(r.model_version), rulesVersion: strOrNull(r.rules_version), policyVersion: strOrNull(r.policy_version),
    textSha256: strOrNull(r.text_sha256), keptTextSha256: strOrNull(r.kept_text_sha256),
    textTruncatedFrom: numOrNull(r.text_truncated_from), contextSha256: strOrNull(r.context_sha256), sourceTopic: strOrNull(r.source_topic),
    sourcePartition: numOrNull(r.source_partition), sourceOffset: strOrNull(r.source_offset), storedAt: num(r.stored_at),
    contentHash: String(r.content_hash), prevHash: String(r.prev_hash), rowHash: String(r.row_hash),
    tombstonedAt: numOrNull(r.tombstoned_at), text: strOrNull(r.text), context: json<ContextMessage[]>(r.context),
    textDeletedAt: numOrNull(r.text_deleted_at),
  };
}

export function caseFromDb(r: Row): Case {
  return {
    caseId: String(r.case_id), priority: String(r.priority) as Case['priority'], status: String(r.status) as Case['status'],
    category: String(r.category), categories: json<string[]>(r.categories) ?? [], conversationId: String(r.conversation_id),
    users: json<string[]>(r.users) ?? [], evidenceMessageIds: json<string[]>(r.evidence_message_ids) ?? [],
    reasons: json<string[]>(r.reasons) ?? [], createdAt: num(r.created_at), updatedAt: num(r.updated_at),
    resolvedAt: numOrNull(r.resolved_at), resolutionReason: strOrNull(r.resolution_reason), reviewer: strOrNull(r.reviewer),
  };
}

export function caseToParams(c: Case): (string | number | null)[] {
  return [c.caseId, c.priority, c.status, c.category, JSON.stringify(c.categories), c.conversationId, JSON.stringify(c.users),
    JSON.stringify(c.evidenceMessageIds), JSON.stringify(c.reasons), c.createdAt, c.updatedAt, c.resolvedAt, c.resolutionReason, c.reviewer];
}

export function holdFromDb(r: Row): LegalHold {
  return {
    holdId: num(r.hold_id), kind: String(r.kind) as LegalHold['kind'], target: String(r.target), reason: String(r.reason),
    placedAt: num(r.placed_at), releasedAt: numOrNull(r.released_at), releaseReason: strOrNull(r.release_reason),
  };
}

export function enforcementFromDb(r: Row): EnforcementState & { version: number } {
  return {
    userId: String(r.user_id), action: String(r.action) as 'mute' | 'suspend', until: numOrNull(r.until_at),
    reason: String(r.reason), categories: json<string[]>(r.categories) ?? [], actionId: String(r.action_id), issuedAt: num(r.issued_at), expired: num(r.expired) === 1,
    version: num(r.version),
  };
}
