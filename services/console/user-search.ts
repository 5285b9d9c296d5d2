import { caseFromDb } from '../audit/row-mapping.js';
import type { SqlDb } from '../audit/sql-db.js';
import type { EvidencePeriod } from '../audit/evidence-period.js';
import { countScopedRows, scopeWhere } from '../audit/store-reads.js';
import type { Case } from '../audit/types.js';

/**
 * What the investigator's "find a user" page reads: the user's audited messages (sent or received) within the
 * request's period, the cases of the conversations they are in, and (for the roles that see IPs) the addresses
 * the user sent from. The same rows `vigie evidence export --user --from --to` exports: both read through `scopeWhere`.
 */
export interface UserSearch { user: string; messages: number; cases: Case[]; ips: string[] }

const MAX_CASES = 200;

export async function searchUser(db: SqlDb, user: string, period: EvidencePeriod | null, withIps: boolean): Promise<UserSearch> {
  const messages = await countScopedRows(db, { userId: user }, period);
  if (!messages) return { user, messages, cases: [], ips: [] };
  const w = scopeWhere({ userId: user }, period);
  const cases = (await db.query(`SELECT * FROM cases WHERE conversation_id IN (SELECT DISTINCT r.conversation_id FROM audit_rows r WHERE ${w.where})
    ORDER BY priority, created_at, case_id LIMIT ${MAX_CASES}`, w.params)).map(caseFromDb);
  const ips = withIps
    ? (await db.query(`SELECT DISTINCT r.sender_ip FROM audit_rows r WHERE ${w.where} AND r.sender_id = ? AND r.sender_ip IS NOT NULL ORDER BY r.sender_ip`,
      [...w.params, user])).map((r) => String(r.sender_ip))
    : [];
  return { user, messages, cases, ips };
}
