import { VigieError } from '../contracts/errors.js';
import { applyAction, isDue } from './enforcement.js';
import { mergeEscalation } from './cases.js';
import { caseFromDb, caseToParams, enforcementFromDb, num } from './row-mapping.js';
import type { SqlDb, SqlRunner, SqlValue } from './sql-db.js';
import type { Case, CaseStatus, EnforcementState, EscalationIn, ModerationActionIn, Priority } from './types.js';

/** A case id that does not exist, or a resolution the case's state forbids. Not retriable. */
export class CaseError extends VigieError {}

const CASE_COLUMNS = 'case_id, priority, status, category, categories, conversation_id, users, evidence_message_ids, reasons, created_at, updated_at, resolved_at, resolution_reason, reviewer';

async function upsertCase(tx: SqlRunner, c: Case): Promise<void> {
  await tx.query(`INSERT INTO cases (${CASE_COLUMNS}) VALUES (${caseToParams(c).map(() => '?').join(',')})
    ON CONFLICT (case_id) DO UPDATE SET priority = excluded.priority, status = excluded.status, categories = excluded.categories,
      users = excluded.users, evidence_message_ids = excluded.evidence_message_ids, reasons = excluded.reasons,
      updated_at = excluded.updated_at, resolved_at = excluded.resolved_at, resolution_reason = excluded.resolution_reason,
      reviewer = excluded.reviewer`, caseToParams(c));
  for (const u of c.users) await tx.query('INSERT INTO case_users (user_id, case_id) VALUES (?, ?) ON CONFLICT DO NOTHING', [u, c.caseId]);
}

/** Escalations become cases: a new case, or more evidence on the open case of that conversation and category. */
export async function appendEscalations(tx: SqlRunner, escs: EscalationIn[], now: number): Promise<{ opened: number; updated: number; duplicates: number }> {
  const out = { opened: 0, updated: 0, duplicates: 0 };
  for (const e of escs) {
    const seen = await tx.query('SELECT case_id FROM case_escalations WHERE escalation_id = ?', [e.escalationId]);
    if (seen.length) { out.duplicates++; continue; }
    const open = await tx.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE conversation_id = ? AND category = ? AND status = 'open' ORDER BY created_at LIMIT 1`, [e.conversationId, e.category]);
    const merged = mergeEscalation(open[0] ? caseFromDb(open[0]) : null, e, now);
    await upsertCase(tx, merged);
    await tx.query('INSERT INTO case_escalations (escalation_id, case_id, received_at) VALUES (?, ?, ?)', [e.escalationId, merged.caseId, now]);
    if (open[0]) out.updated++; else out.opened++;
  }
  return out;
}

/** Records moderation actions (idempotent on action id) and updates each target user's enforcement. */
export async function applyModerationActions(tx: SqlRunner, actions: ModerationActionIn[], now: number): Promise<{ applied: number; duplicates: number; changedUsers: string[] }> {
  const changed = new Set<string>();
  let applied = 0;
  for (const a of actions) {
    const ins = await tx.query(`INSERT INTO moderation_actions (action_id, message_id, conversation_id, target_user_id, action, duration_ms, reason, categories, issued_at, received_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (action_id) DO NOTHING RETURNING action_id`,
    [a.actionId, a.messageId, a.conversationId, a.targetUserId, a.action, a.durationMs, a.reason, JSON.stringify(a.categories), a.issuedAt, now]);
    if (!ins.length) continue;
    applied++;
    const cur = await tx.query('SELECT * FROM enforcement WHERE user_id = ?', [a.targetUserId]);
    const current = cur[0] ? enforcementFromDb(cur[0]) : null;
    if (a.action === 'lift') {
      // A person ended the sanction: the state becomes expired, so the blocklist gets a tombstone.
      if (current && !current.expired) {
        await tx.query('UPDATE enforcement SET expired = 1, reason = ?, action_id = ?, version = version + 1 WHERE user_id = ?', [a.reason, a.actionId, a.targetUserId]);
        changed.add(a.targetUserId);
      }
      continue;
    }
    const next = applyAction(current, a, now);
    if (!next) continue;
    await tx.query(`INSERT INTO enforcement (user_id, action, until_at, reason, categories, action_id, issued_at, expired, version, published_version)
      VALUES (?, ?, ?, ?, ?, ?, ?, 0, 1, 0)
      ON CONFLICT (user_id) DO UPDATE SET action = excluded.action, until_at = excluded.until_at, reason = excluded.reason, categories = excluded.categories,
        action_id = excluded.action_id, issued_at = excluded.issued_at, expired = 0, version = enforcement.version + 1`,
    [next.userId, next.action, next.until, next.reason, JSON.stringify(next.categories), next.actionId, next.issuedAt]);
    changed.add(a.targetUserId);
  }
  return { applied, duplicates: actions.length - applied, changedUsers: [...changed] };
}

/** Marks enforcements whose end has passed as expired (their blocklist entry becomes a tombstone). */
export async function expireEnforcements(db: SqlDb, now: number): Promise<string[]> {
  const rows = await db.query('UPDATE enforcement SET expired = 1, version = version + 1 WHERE expired = 0 AND until_at IS NOT NULL AND until_at <= ? RETURNING user_id', [now]);
  return rows.map((r) => String(r.user_id));
}

/** Enforcement states not yet published to the blocklist topic (outbox): publish, then `markPublished`. */
export async function pendingEnforcement(db: SqlDb, limit = 1000): Promise<(EnforcementState & { version: number })[]> {
  const rows = await db.query('SELECT * FROM enforcement WHERE version > published_version ORDER BY user_id LIMIT ?', [limit]);
  return rows.map(enforcementFromDb);
}

export async function markPublished(db: SqlDb, done: { userId: string; version: number }[]): Promise<void> {
  if (!done.length) return;
  await db.transaction(async (tx) => {
    for (const d of done) await tx.query('UPDATE enforcement SET published_version = ? WHERE user_id = ? AND published_version < ?', [d.version, d.userId, d.version]);
  });
}

export async function currentEnforcement(db: SqlDb, now: number): Promise<EnforcementState[]> {
  const rows = await db.query('SELECT * FROM enforcement WHERE expired = 0 ORDER BY user_id');
  return rows.map(enforcementFromDb).filter((s) => !isDue(s, now));
}

export async function listCases(db: SqlDb, f: { status?: CaseStatus; priority?: Priority; limit?: number } = {}): Promise<Case[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (f.status) { where.push('status = ?'); params.push(f.status); }
  if (f.priority) { where.push('priority = ?'); params.push(f.priority); }
  params.push(f.limit ?? 1000);
  const rows = await db.query(`SELECT ${CASE_COLUMNS} FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY priority, created_at LIMIT ?`, params);
  return rows.map(caseFromDb);
}

export async function getCase(db: SqlRunner, caseId: string): Promise<Case | null> {
  const rows = await db.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE case_id = ?`, [caseId]);
  return rows[0] ? caseFromDb(rows[0]) : null;
}

/** Resolves an open case. Resolving it again with the same decision is a no-op; a different decision is refused. */
export async function resolveCase(db: SqlDb, caseId: string, decision: 'confirmed' | 'dismissed', reason: string, reviewer: string | null, now: number): Promise<Case> {
  return db.transaction(async (tx) => {
    const c = await getCase(tx, caseId);
    if (!c) throw new CaseError(`no case with id '${caseId}'`);
    if (c.status === decision) return c;
    if (c.status !== 'open') throw new CaseError(`case ${caseId} is already ${c.status}; it cannot become ${decision}`);
    const next: Case = { ...c, status: decision, resolvedAt: now, resolutionReason: reason, reviewer, updatedAt: now };
    await upsertCase(tx, next);
    return next;
  });
}

/** Resolved cases whose feedback has not reached the feedback topic yet (outbox). */
export async function casesAwaitingFeedback(db: SqlDb): Promise<Case[]> {
  const rows = await db.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE status <> 'open' AND feedback_published_at IS NULL ORDER BY resolved_at`);
  return rows.map(caseFromDb);
}

export async function markFeedbackPublished(db: SqlDb, caseIds: string[], now: number): Promise<void> {
  for (const id of caseIds) await db.query('UPDATE cases SET feedback_published_at = ? WHERE case_id = ?', [now, id]);
}

export async function countRows(db: SqlDb, table: 'audit_rows' | 'audit_texts' | 'cases' | 'audit_rejects' | 'moderation_actions'): Promise<number> {
  const r = await db.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return num(r[0]?.n ?? 0);
}
