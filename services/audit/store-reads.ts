import { auditRowFromDb, ROW_COLUMNS } from './row-mapping.js';
import type { SqlDb, SqlValue } from './sql-db.js';
import type { AuditRow } from './types.js';

/** Which rows a lawful request covers. */
export type Scope = { conversationId: string } | { userId: string } | { messageIds: string[] };

/** Rows in scope, in chain order (tombstones excluded: they no longer name anyone). */
export async function readRows(db: SqlDb, scope: Scope): Promise<AuditRow[]> {
  let where: string;
  let params: SqlValue[];
  if ('conversationId' in scope) { where = 'r.conversation_id = ?'; params = [scope.conversationId]; }
  else if ('userId' in scope) { where = '(r.sender_id = ? OR r.recipient_id = ?)'; params = [scope.userId, scope.userId]; }
  else {
    if (!scope.messageIds.length) return [];
    where = `r.message_id IN (${scope.messageIds.map(() => '?').join(',')})`; params = scope.messageIds;
  }
  const rows = await db.query(`SELECT ${ROW_COLUMNS} FROM audit_rows r LEFT JOIN audit_texts t ON t.record_id = r.record_id
    WHERE ${where} ORDER BY r.seq`, params);
  return rows.map(auditRowFromDb);
}

/** The contiguous chain segment from..to (inclusive): what a reader needs to re-link the exported rows. */
export async function readChainSegment(db: SqlDb, fromSeq: number, toSeq: number): Promise<{ seq: number; recordId: string; contentHash: string; prevHash: string; rowHash: string }[]> {
  const rows = await db.query('SELECT seq, record_id, content_hash, prev_hash, row_hash FROM audit_rows WHERE seq >= ? AND seq <= ? ORDER BY seq', [fromSeq, toSeq]);
  return rows.map((r) => ({ seq: Number(r.seq), recordId: String(r.record_id), contentHash: String(r.content_hash), prevHash: String(r.prev_hash), rowHash: String(r.row_hash) }));
}
