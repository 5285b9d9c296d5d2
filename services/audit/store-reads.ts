import type { EvidencePeriod } from './evidence-period.js';
import { auditRowFromDb, num, ROW_COLUMNS } from './row-mapping.js';
import type { SqlDb, SqlValue } from './sql-db.js';
import type { AuditRow } from './types.js';

/** Which rows a lawful request covers. */
export type Scope = { conversationId: string } | { userId: string } | { messageIds: string[] };

/**
 * The predicate (on `audit_rows r`) for the rows a request covers: its scope and, when a period is given, the rows sent
 * within it, both bounds inclusive as `inPeriod` says. The evidence export and the console's user search both read
 * through it, so they cannot disagree on which rows a user and a period cover.
 */
export function scopeWhere(scope: Scope, period: EvidencePeriod | null = null): { where: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if ('conversationId' in scope) { where.push('r.conversation_id = ?'); params.push(scope.conversationId); }
  else if ('userId' in scope) { where.push('(r.sender_id = ? OR r.recipient_id = ?)'); params.push(scope.userId, scope.userId); }
  else if (scope.messageIds.length) { where.push(`r.message_id IN (${scope.messageIds.map(() => '?').join(',')})`); params.push(...scope.messageIds); }
  else where.push('1 = 0');
  if (period?.from != null) { where.push('r.sent_at >= ?'); params.push(period.from); }
  if (period?.to != null) { where.push('r.sent_at <= ?'); params.push(period.to); }
  return { where: where.join(' AND '), params };
}

/** Rows in scope (and period, if given), in chain order (tombstones excluded: they no longer name anyone). */
export async function readRows(db: SqlDb, scope: Scope, period: EvidencePeriod | null = null): Promise<AuditRow[]> {
  if ('messageIds' in scope && !scope.messageIds.length) return [];
  const w = scopeWhere(scope, period);
  const rows = await db.query(`SELECT ${ROW_COLUMNS} FROM audit_rows r LEFT JOIN audit_texts t ON t.record_id = r.record_id
    WHERE ${w.where} ORDER BY r.seq`, w.params);
  return rows.map(auditRowFromDb);
}

/** How many rows `readRows` would return, without reading them. */
export async function countScopedRows(db: SqlDb, scope: Scope, period: EvidencePeriod | null = null): Promise<number> {
  const w = scopeWhere(scope, period);
  const r = await db.query(`SELECT COUNT(*) AS n FROM audit_rows r WHERE ${w.where}`, w.params);
  return num(r[0]?.n ?? 0);
}

/** The contiguous chain segment from..to (inclusive): what a reader needs to re-link the exported rows. */
export async function readChainSegment(db: SqlDb, fromSeq: number, toSeq: number): Promise<{ seq: number; recordId: string; contentHash: string; prevHash: string; rowHash: string }[]> {
  const rows = await db.query('SELECT seq, record_id, content_hash, prev_hash, row_hash FROM audit_rows WHERE seq >= ? AND seq <= ? ORDER BY seq', [fromSeq, toSeq]);
  return rows.map((r) => ({ seq: Number(r.seq), recordId: String(r.record_id), contentHash: String(r.content_hash), prevHash: String(r.prev_hash), rowHash: String(r.row_hash) }));
}
