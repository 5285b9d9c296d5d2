import { caseFromDb, num } from '../audit/row-mapping.js';
import type { SqlDb, SqlValue } from '../audit/sql-db.js';
import type { Case, CaseStatus, Priority } from '../audit/types.js';

/**
 * The queue's reads: cases most urgent first (P0 < P1 < P2 sort as text), then oldest, then id, paged
 * by keyset (the last case of a page is the cursor), so page 2,000 costs what page 1 costs. The
 * `cases_queue` and `cases_category` indexes (migration 2) serve this order for every filter.
 */
export interface QueueFilter { status: CaseStatus | 'all'; priority: Priority | null; category: string | null }
export interface QueueCursor { priority: string; createdAt: number; caseId: string }

const COLUMNS = 'case_id, priority, status, category, categories, conversation_id, users, evidence_message_ids, reasons, created_at, updated_at, '
  + 'resolved_at, resolution_reason, reviewer';

export function queueSql(f: QueueFilter, after: QueueCursor | null, limit: number): { sql: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (f.status !== 'all') { where.push('status = ?'); params.push(f.status); }
  if (f.priority) { where.push('priority = ?'); params.push(f.priority); }
  if (f.category) { where.push('category = ?'); params.push(f.category); }
  if (after) { where.push('(priority, created_at, case_id) > (?, ?, ?)'); params.push(after.priority, after.createdAt, after.caseId); }
  params.push(limit + 1);
  return { sql: `SELECT ${COLUMNS} FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY priority, created_at, case_id LIMIT ?`, params };
}

export async function queuePage(db: SqlDb, f: QueueFilter, after: QueueCursor | null, limit: number): Promise<{ cases: Case[]; next: QueueCursor | null }> {
  const q = queueSql(f, after, limit);
  const cases = (await db.query(q.sql, q.params)).map(caseFromDb);
  const more = cases.length > limit;
  if (more) cases.length = limit;
  const last = cases[cases.length - 1];
  return { cases, next: more && last ? { priority: last.priority, createdAt: last.createdAt, caseId: last.caseId } : null };
}

/** Open cases per priority (the queue's header). */
export async function openCounts(db: SqlDb): Promise<Record<string, number>> {
  const rows = await db.query("SELECT priority, COUNT(*) AS n FROM cases WHERE status = 'open' GROUP BY priority");
  return Object.fromEntries(rows.map((r) => [String(r.priority), num(r.n)]));
}

export async function categories(db: SqlDb): Promise<string[]> {
  // Distinct over the category index: a skip over the few categories, not a scan of every case.
  const rows = await db.query('SELECT DISTINCT category FROM cases ORDER BY category');
  return rows.map((r) => String(r.category));
}

export function encodeCursor(c: QueueCursor): string {
  return Buffer.from(JSON.stringify([c.priority, c.createdAt, c.caseId])).toString('base64url');
}

export function decodeCursor(s: string | null | undefined): QueueCursor | null {
  if (!s) return null;
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number' && typeof v[2] === 'string') {
      return { priority: v[0], createdAt: v[1], caseId: v[2] };
    }
  } catch { /* a tampered cursor reads as the first page */ }
  return null;
}
