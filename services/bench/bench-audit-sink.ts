/**
 * Measures audit write throughput on both back ends and prints figures (no assertions):
 *  1. store.write alone: batches of audit records straight into the store (no Kafka);
 *  2. the audit sink end to end: N records pre-produced to a fresh topic, then the sink (in process)
 *     is started and timed until the N-th row is stored (consume + decode + write + commit).
 * usage: node dist/services/bench/bench-audit-sink.js [--records N] [--batch B]
 * env: KAFKA_BROKERS (else the local broker), VIGIE_TEST_DATABASE_URL (default postgres://root@127.0.0.1:5432/test)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientTestContext } from '../../test/support/kafka-client.js';
import { createCodecs, type AuditRecord } from '../contracts/index.js';
import { AuditSink, compileAuditSinkOptions } from '../audit/audit-sink.js';
import { compileAuditStoreOptions, type AuditStoreOptions } from '../audit/options.js';
import { countRows } from '../audit/store-cases.js';
import { AuditStore } from '../audit/store.js';
import { auditRecord, dropSchema, randomSchema, silentLog, TEST_PG_URL } from '../../test/support/audit.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('records', 20_000);
const BATCH = arg('batch', 500);
const records = Array.from({ length: N }, (_, k) => auditRecord(k + 1, { flagged: (k + 1) % 10 === 0, conversationId: `c-${k % 997}` }));

async function backend(name: 'sqlite' | 'postgres'): Promise<{ opts: AuditStoreOptions; cleanup: () => Promise<void> }> {
  if (name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
    return { opts: { sqlitePath: join(dir, 'audit.sqlite') }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = randomSchema('bench');
  return { opts: { databaseUrl: TEST_PG_URL, pgSchema: schema }, cleanup: () => dropSchema(TEST_PG_URL, schema) };
}

async function benchStore(name: 'sqlite' | 'postgres'): Promise<void> {
  const b = await backend(name);
  const store = await AuditStore.open(compileAuditStoreOptions(b.opts), silentLog);
  try {
    const t0 = performance.now();
    for (let i = 0; i < N; i += BATCH) await store.write({ audit: records.slice(i, i + BATCH) }, Date.now());
    const s = (performance.now() - t0) / 1000;
    const v0 = performance.now();
    const v = await store.verify();
    const vs = (performance.now() - v0) / 1000;
    const verify = `verify ${v.rows} rows in ${vs.toFixed(2)} s = ${Math.round(v.rows / vs)} rows/s, ok=${v.ok}`;
    console.log(`store.write  ${name.padEnd(8)} ${N} rows in ${s.toFixed(2)} s = ${Math.round(N / s)} rows/s (batches of ${BATCH}); ${verify}`);
  } finally { await store.close(); await b.cleanup(); }
}

async function benchSink(name: 'sqlite' | 'postgres', ctx: ClientTestContext): Promise<void> {
  const codecs = createCodecs();
  const topic = await ctx.topic('bench-audit', 3);
  const producer = await ctx.producer();
  for (let i = 0; i < N; i += 1000) {
    await producer.send({
      topic,
      messages: records.slice(i, i + 1000).map((r) => ({
        key: r.conversationId,
        value: codecs.AuditRecord.encodeAvro({ ...r, sourceOffset: Number(r.sourceOffset) } as AuditRecord)
      }))
    });
  }
  const b = await backend(name);
  const store = await AuditStore.open(compileAuditStoreOptions(b.opts), silentLog);
  const sink = new AuditSink(ctx.client, store, codecs, compileAuditSinkOptions({ groupId: ctx.groupId('bench'), auditTopic: topic, escalationsTopic: '', actionsTopic: '' }), silentLog);
  try {
    const t0 = performance.now();
    await sink.start();
    let tFirst = 0;
    for (;;) {
      const n = await countRows(store.db, 'audit_rows');
      if (n > 0 && !tFirst) tFirst = performance.now();
      if (n >= N) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const total = (performance.now() - t0) / 1000;
    const steady = (performance.now() - tFirst) / 1000;
    const steadyRate = `from the first stored row ${Math.round(N / steady)} rows/s (${sink.stats.batches} batches)`;
    console.log(`audit sink   ${name.padEnd(8)} ${N} rows in ${total.toFixed(2)} s incl. group join = ${Math.round(N / total)} rows/s; ${steadyRate}`);
  } finally {
    await sink.stop();
    await store.close();
    await b.cleanup();
  }
}

const ctx = await ClientTestContext.create('audit-bench');
try {
  console.log(`audit bench: ${N} records (1 in 10 flagged, with text and a context window)`);
  for (const b of ['sqlite', 'postgres'] as const) await benchStore(b);
  for (const b of ['sqlite', 'postgres'] as const) await benchSink(b, ctx);
} finally {
  await ctx.cleanup();
}
