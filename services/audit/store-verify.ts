import { ChainVerifier, type VerifyReport } from './chain.js';
import { auditRowFromDb, ROW_COLUMNS } from './row-mapping.js';
import type { SqlDb } from './sql-db.js';

const PAGE = 2000;

/** Walks the whole chain in sequence order, page by page, and checks it against the recorded head. */
export async function verifyStore(db: SqlDb, minTombstoneAgeMs: number): Promise<VerifyReport> {
  const v = new ChainVerifier({
    minTombstoneAgeMs,
    findByRowHash: async (h) => {
      const r = await db.query('SELECT seq FROM audit_rows WHERE row_hash = ? LIMIT 1', [h]);
      return r[0] ? Number(r[0].seq) : null;
    },
  });
  let after = -1;
  for (;;) {
    const rows = await db.query(`SELECT ${ROW_COLUMNS} FROM audit_rows r LEFT JOIN audit_texts t ON t.record_id = r.record_id
      WHERE r.seq > ? ORDER BY r.seq LIMIT ?`, [after, PAGE]);
    for (const row of rows) {
      await v.push(auditRowFromDb(row));
      if (v.broken) break;
    }
    if (v.broken || rows.length < PAGE) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  const head = await db.query('SELECT seq, hash FROM audit_chain_head WHERE id = 1');
  return v.finish(head[0] ? { seq: Number(head[0].seq), hash: String(head[0].hash) } : null);
}
