import { caseFromDb, num } from '../audit/row-mapping.js';
import type { SqlDb, SqlValue } from '../audit/sql-db.js';
import type { EvidencePeriod } from '../audit/evidence-period.js';
import type { Case } from '../audit/types.js';

/**
 * What the investigator's "find a user" page reads: the user's audited messages (sent or received) within the
 * request's period, the cases of the conversations they are in, and (for the roles that see IPs) the addresses
 * the user sent from. The same rows `vigie evidence export --user --from --to` exports.
 */
export interface UserSearch { user: string; messages: number; cases: Case[]; ips: string[] }

const MAX_CASES = 200;

function rowsWhere(user: string, p: EvidencePeriod | null): { where: string; params: SqlValue[] } {
  const where = ['(sender_id = ? OR recipient_id = ?)'];
  const params: SqlValue[] = [user, user];
  if (p?.from != null) { where.push('sent_at >= ?'); params.push(p.from); }
  if (p?.to != null) { where.push('sent_at <= ?'); params.push(p.to); }
  return { where: where.join(' AND '), params };
}

export async function searchUser(db: SqlDb, user: string, period: EvidencePeriod | null, withIps: boolean): Promise<UserSearch> {
  const w = rowsWhere(user, period);
  const count = await db.query(`SELECT COUNT(*) AS n FROM audit_rows WHERE ${w.where}`, w.params);
  const messages = num(count[0]?.n ?? 0);
  if (!messages) return { user, messages, cases: [], ips: [] };
  const cases = (await db.query(`SELECT * FROM cases WHERE conversation_id IN (SELECT DISTINCT conversation_id FROM audit_rows WHERE ${w.where})
    ORDER BY priority, created_at, case_id LIMIT ${MAX_CASES}`, w.params)).map(caseFromDb);
  const ips = withIps
    ? (await db.query(`SELECT DISTINCT sender_ip FROM audit_rows WHERE ${w.where} AND sender_id = ? AND sender_ip IS NOT NULL ORDER BY sender_ip`,
      [...w.params, user])).map((r) => String(r.sender_ip))
    : [];
  return { user, messages, cases, ips };
}
