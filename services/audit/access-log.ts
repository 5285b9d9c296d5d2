import { VigieError } from '../contracts/errors.js';
import { canonicalJson, sha256Hex } from './canonical.js';
import { GENESIS_HASH } from './chain.js';
import { num, strOrNull } from './row-mapping.js';
import type { SqlDb, SqlRunner, SqlValue } from './sql-db.js';

/**
 * The access log: who read chat text or exported evidence, when, for which case, under which
 * legal-request reference. Append-only (triggers refuse UPDATE and DELETE) and hash-chained like the
 * audit rows, with its own chain: row_hash = SHA-256(prev_hash ‖ SHA-256(canonical JSON of the entry)).
 */
export type AccessWhat = 'view-case' | 'export-evidence' | 'search-user' | 'account-change';

export interface AccessIn {
  operator: string;
  role: string | null;
  what: AccessWhat;
  caseId: string | null;
  /** The legal-request reference: required for exports. */
  reference: string | null;
  /** Free detail (the interface or command, the scope of an export). */
  detail: string | null;
}

export interface AccessEntry extends AccessIn { seq: number; at: number; contentHash: string; prevHash: string; rowHash: string }

export class AccessLogError extends VigieError {}

export function accessContentHash(e: AccessIn & { seq: number; at: number }): string {
  const { seq, operator, role, what, caseId, reference, detail, at } = e;
  return sha256Hex(canonicalJson({ v: 1, seq, operator, role, what, caseId, reference, detail, at }));
}

const chainHash = (prev: string, content: string) => sha256Hex(prev + content);

/** Appends one entry; concurrent writers (console and CLI on one store) take turns on the chain. */
export async function logAccess(db: SqlDb, e: AccessIn, now: number): Promise<AccessEntry> {
  return db.transaction((tx) => appendAccess(tx, db.dialect, e, now));
}

/**
 * Appends one entry inside the caller's transaction `tx` (on a store of `dialect`): the entry commits or rolls back with
 * what the caller wrote there (an account change and its `account-change` entry: one transaction). As `logAccess`.
 */
export async function appendAccess(tx: SqlRunner, dialect: SqlDb['dialect'], e: AccessIn, now: number): Promise<AccessEntry> {
  if (!e.operator.trim()) throw new AccessLogError('the access log needs an operator name');
  if (e.what === 'export-evidence' && !e.reference?.trim()) throw new AccessLogError('an evidence export needs a legal-request reference');
  if (dialect === 'postgres') await tx.query("SELECT pg_advisory_xact_lock(hashtext('vigie.audit.access'))");
  const last = await tx.query('SELECT seq, row_hash FROM access_log ORDER BY seq DESC LIMIT 1');
  const seq = last[0] ? num(last[0].seq) + 1 : 1;
  const prevHash = last[0] ? String(last[0].row_hash) : GENESIS_HASH;
  const contentHash = accessContentHash({ ...e, seq, at: now });
  const rowHash = chainHash(prevHash, contentHash);
  await tx.query(`INSERT INTO access_log (seq, operator, role, what, case_id, reference, detail, at, content_hash, prev_hash, row_hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [seq, e.operator, e.role, e.what, e.caseId, e.reference, e.detail, now, contentHash, prevHash, rowHash]);
  return { ...e, seq, at: now, contentHash, prevHash, rowHash };
}

const fromDb = (r: Record<string, unknown>): AccessEntry => ({
  seq: num(r.seq), operator: String(r.operator), role: strOrNull(r.role), what: String(r.what) as AccessWhat, caseId: strOrNull(r.case_id),
  reference: strOrNull(r.reference), detail: strOrNull(r.detail), at: num(r.at), contentHash: String(r.content_hash),
  prevHash: String(r.prev_hash), rowHash: String(r.row_hash),
});

/** Newest first. */
export async function listAccess(db: SqlDb, f: { caseId?: string; operator?: string; what?: AccessWhat; limit?: number } = {}): Promise<AccessEntry[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (f.caseId) { where.push('case_id = ?'); params.push(f.caseId); }
  if (f.operator) { where.push('operator = ?'); params.push(f.operator); }
  if (f.what) { where.push('what = ?'); params.push(f.what); }
  params.push(f.limit ?? 100);
  const rows = await db.query(`SELECT * FROM access_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`, params);
  return rows.map(fromDb);
}

export interface AccessVerify { ok: boolean; rows: number; firstBreak: { seq: number; detail: string } | null }

/** Walks the access chain in order; the first entry that does not hash or link is named. */
export async function verifyAccessLog(db: SqlDb): Promise<AccessVerify> {
  let prev = GENESIS_HASH;
  let expected = 1;
  let rows = 0;
  for (let from = 0; ; ) {
    const page = (await db.query('SELECT * FROM access_log WHERE seq > ? ORDER BY seq LIMIT 5000', [from])).map(fromDb);
    if (!page.length) return { ok: true, rows, firstBreak: null };
    for (const e of page) {
      const bad = e.seq !== expected ? `seq ${expected} missing`
        : e.prevHash !== prev ? 'prev_hash does not link to the previous entry'
          : accessContentHash(e) !== e.contentHash ? 'entry edited: its content no longer hashes to content_hash'
            : chainHash(e.prevHash, e.contentHash) !== e.rowHash ? 'row_hash does not match' : null;
      if (bad) return { ok: false, rows, firstBreak: { seq: e.seq, detail: bad } };
      prev = e.rowHash; expected++; rows++; from = e.seq;
    }
  }
}
