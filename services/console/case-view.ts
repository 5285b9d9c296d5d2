import { caseFromDb, enforcementFromDb, holdFromDb } from '../audit/row-mapping.js';
import type { SqlDb } from '../audit/sql-db.js';
import { getCase } from '../audit/store-cases.js';
import { readRows } from '../audit/store-reads.js';
import type { AuditRow, Case, EnforcementState, LegalHold } from '../audit/types.js';

/** What the audit rows say about one participant's age (AuditRecord v3; null when no row says it). */
export interface KnownAge {
  /** Profile age: the latest the platform declared on this participant's own messages, or that the engine's context held. */
  declared: number | null;
  /** Age stated in their own words, as the engine's context held it. */
  stated: number | null;
}

/**
 * Participants' ages from a conversation's rows, oldest first so the latest wins: the sender's declared
 * age on each row, and the context's known ages on flagged rows (which also cover recipients).
 */
export function knownAges(rows: AuditRow[]): Map<string, KnownAge> {
  const out = new Map<string, KnownAge>();
  const get = (u: string) => { let k = out.get(u); if (!k) { k = { declared: null, stated: null }; out.set(u, k); } return k; };
  for (const r of rows) {
    for (const p of r.participantAges ?? []) {
      const k = get(p.userId);
      if (p.declaredAge !== null) k.declared = p.declaredAge;
      if (p.statedAge !== null) k.stated = p.statedAge;
    }
    if (r.senderId && r.senderDeclaredAge !== null) get(r.senderId).declared = r.senderDeclaredAge;
  }
  return out;
}

/** Everything a case page shows, read in a handful of indexed queries. */
export interface CaseView {
  c: Case;
  rows: AuditRow[];
  participants: string[];
  ages: Map<string, KnownAge>;
  otherCases: Map<string, Case[]>;
  enforcement: Map<string, EnforcementState>;
  holds: LegalHold[];
}

export async function loadCaseView(db: SqlDb, caseId: string, now: number): Promise<CaseView | null> {
  const c = await getCase(db, caseId);
  if (!c) return null;
  const rows = await readRows(db, { conversationId: c.conversationId });
  const people = new Set(c.users);
  for (const r of rows) { if (r.senderId) people.add(r.senderId); if (r.recipientId) people.add(r.recipientId); }
  const participants = [...people].sort();
  const marks = participants.map(() => '?').join(',');
  const otherCases = new Map<string, Case[]>(participants.map((p) => [p, []]));
  const enforcement = new Map<string, EnforcementState>();
  if (participants.length) {
    const others = await db.query(`SELECT u.user_id AS for_user, c.* FROM case_users u JOIN cases c ON c.case_id = u.case_id
      WHERE u.user_id IN (${marks}) AND u.case_id <> ? ORDER BY c.created_at DESC LIMIT 200`, [...participants, caseId]);
    for (const o of others) otherCases.get(String(o.for_user))?.push(caseFromDb(o));
    const enf = await db.query(`SELECT * FROM enforcement WHERE user_id IN (${marks}) AND expired = 0`, participants);
    for (const e of enf.map(enforcementFromDb)) if (e.until === null || e.until > now) enforcement.set(e.userId, e);
  }
  const userHolds = participants.length ? `OR (kind = 'user' AND target IN (${marks}))` : '';
  const holds = (await db.query(`SELECT * FROM legal_holds WHERE released_at IS NULL
    AND ((kind = 'case' AND target = ?) OR (kind = 'conversation' AND target = ?) ${userHolds}) ORDER BY hold_id`,
  [caseId, c.conversationId, ...participants])).map(holdFromDb);
  return { c, rows, participants, ages: knownAges(rows), otherCases, enforcement, holds };
}
