import assert from 'node:assert/strict';
import { pgQuery, waitFor, type SinkProcess } from '../audit/helpers.js';
import { exactlyOnce, readVerdicts, stopWorker, waitReady, type WorkerProc, type WorkerSetup } from '../worker/harness.js';
import { TEST_PG_URL } from './audit.js';

/**
 * Lets a started classifier worker and audit sink run until every message has its audit row, stops
 * both, then checks: the sink exits 0, one verdict per message, one audit row per message.
 */
export async function checkAuditedPipeline(s: WorkerSetup, w: WorkerProc, sink: SinkProcess, schema: string, ids: string[]): Promise<void> {
  try {
    await waitReady(w, 120_000);
    await waitFor(`${ids.length} audit rows`, async () => Number((await pgQuery(TEST_PG_URL, schema, 'SELECT COUNT(*) AS n FROM audit_rows'))[0]!.n) >= ids.length, 120_000, 500);
  } finally {
    await stopWorker(w);
    sink.child.kill('SIGTERM');
  }
  assert.equal(await sink.exited, 0, sink.log());
  assert.deepEqual(exactlyOnce(ids, (await readVerdicts(s)).map((v) => v.messageId)), { missing: [], duplicates: [], unexpected: [] });
  const rows = await pgQuery(TEST_PG_URL, schema, 'SELECT record_id FROM audit_rows');
  assert.deepEqual(rows.map((r) => String(r.record_id)).sort(), [...ids].sort(), 'one audit row per message');
}
