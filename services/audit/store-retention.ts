import { VigieError } from '../contracts/errors.js';
import type { CompiledAuditStoreOptions } from './options.js';
import { holdFromDb, num } from './row-mapping.js';
import type { SqlDb } from './sql-db.js';
import type { HoldKind, LegalHold } from './types.js';

/**
 * True for a row (alias r: conversation_id, sender_id, recipient_id) covered by an active legal hold.
 * A case hold covers the case's conversation; hold its users too to cover their other conversations.
 */
const HELD = `EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND (
  (h.kind = 'user' AND (h.target = r.sender_id OR h.target = r.recipient_id))
  OR (h.kind = 'conversation' AND h.target = r.conversation_id)
  OR (h.kind = 'case' AND EXISTS (SELECT 1 FROM cases c WHERE c.case_id = h.target AND c.conversation_id = r.conversation_id))))`;

export interface RetentionReport {
  textCutoff: number;
  technicalCutoff: number;
  textsDeleted: number;
  rowsTombstoned: number;
  actionsDeleted: number;
  casesDeleted: number;
  /** Expired rows kept because a legal hold covers them. */
  heldRows: number;
}

/**
 * Deletes what has expired, in one transaction:
 * - text and context of flagged messages older than the text period;
 * - technical data older than the legal period: the row becomes a tombstone that keeps seq, record id,
 *   sentAt and its hashes, so the chain still verifies;
 * - moderation actions and resolved cases older than the legal period.
 * Rows under an active legal hold are skipped until the hold is released.
 */
export async function runRetention(db: SqlDb, opts: CompiledAuditStoreOptions, now: number): Promise<RetentionReport> {
  const textCutoff = now - opts.textRetentionMs;
  const technicalCutoff = now - opts.technicalRetentionMs;
  return db.transaction(async (tx) => {
    const texts = await tx.query(`UPDATE audit_texts SET text = NULL, context = NULL, deleted_at = ?
      WHERE deleted_at IS NULL AND record_id IN (SELECT r.record_id FROM audit_rows r WHERE (r.sent_at < ? OR r.tombstoned_at IS NOT NULL OR r.sent_at < ?) AND NOT ${HELD})
      RETURNING record_id`, [now, textCutoff, technicalCutoff]);
    const tomb = await tx.query(`UPDATE audit_rows AS r SET message_id = NULL, tenant_id = NULL, conversation_id = NULL, room_id = NULL,
        sender_id = NULL, recipient_id = NULL, sender_ip = NULL, decided_at = NULL, action = NULL, categories = NULL,
        escalation_priority = NULL, signals = NULL, reasons = NULL, sender_declared_age = NULL, participant_ages = NULL, model_version = NULL, rules_version = NULL, policy_version = NULL, text_sha256 = NULL,
        kept_text_sha256 = NULL, text_truncated_from = NULL, context_sha256 = NULL, source_topic = NULL, source_partition = NULL, source_offset = NULL, tombstoned_at = ?
      WHERE r.tombstoned_at IS NULL AND r.sent_at < ? AND NOT ${HELD} RETURNING seq`, [now, technicalCutoff]);
    const held = await tx.query(`SELECT COUNT(*) AS n FROM audit_rows r WHERE r.tombstoned_at IS NULL AND r.sent_at < ? AND ${HELD}`, [technicalCutoff]);
    const actions = await tx.query(`DELETE FROM moderation_actions WHERE issued_at < ? AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL
      AND ((h.kind = 'user' AND h.target = moderation_actions.target_user_id) OR (h.kind = 'conversation' AND h.target = moderation_actions.conversation_id)))
      RETURNING action_id`, [technicalCutoff]);
    const cases = await tx.query(`DELETE FROM cases WHERE status <> 'open' AND updated_at < ? AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL
      AND ((h.kind = 'case' AND h.target = cases.case_id) OR (h.kind = 'conversation' AND h.target = cases.conversation_id)
        OR (h.kind = 'user' AND cases.users LIKE '%"' || h.target || '"%')))
      RETURNING case_id`, [technicalCutoff]);
    return {
      textCutoff, technicalCutoff, textsDeleted: texts.length, rowsTombstoned: tomb.length,
      actionsDeleted: actions.length, casesDeleted: cases.length, heldRows: num(held[0]?.n ?? 0),
    };
  });
}

export class HoldError extends VigieError {}

export async function placeHold(db: SqlDb, kind: HoldKind, target: string, reason: string, now: number): Promise<LegalHold> {
  if (!target.trim()) throw new HoldError('a legal hold needs a target id');
  if (!reason.trim()) throw new HoldError('a legal hold needs a reason (e.g. the request reference)');
  return db.transaction(async (tx) => {
    const existing = await tx.query('SELECT * FROM legal_holds WHERE kind = ? AND target = ? AND released_at IS NULL', [kind, target]);
    if (existing[0]) return holdFromDb(existing[0]);
    const rows = await tx.query('INSERT INTO legal_holds (kind, target, reason, placed_at) VALUES (?, ?, ?, ?) RETURNING *', [kind, target, reason, now]);
    return holdFromDb(rows[0]!);
  });
}

export async function releaseHold(db: SqlDb, kind: HoldKind, target: string, reason: string, now: number): Promise<LegalHold[]> {
  const rows = await db.query('UPDATE legal_holds SET released_at = ?, release_reason = ? WHERE kind = ? AND target = ? AND released_at IS NULL RETURNING *', [now, reason, kind, target]);
  if (!rows.length) throw new HoldError(`no active legal hold on ${kind} '${target}'`);
  return rows.map(holdFromDb);
}

export async function listHolds(db: SqlDb, activeOnly = true): Promise<LegalHold[]> {
  const rows = await db.query(`SELECT * FROM legal_holds ${activeOnly ? 'WHERE released_at IS NULL' : ''} ORDER BY hold_id`);
  return rows.map(holdFromDb);
}
