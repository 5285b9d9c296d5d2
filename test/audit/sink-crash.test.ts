// Crash and outage behaviour of the audit sink, in child processes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClientTestContext } from '../support/kafka-client.js';
import { auditRecord, dropSchema, randomSchema, TEST_PG_URL } from '../support/audit.js';
import { pgQuery, PrivatePostgres, produceAudit, startSink, waitFor } from './helpers.js';

async function count(url: string, schema: string): Promise<number> {
  return Number((await pgQuery(url, schema, 'SELECT COUNT(*) AS n FROM audit_rows'))[0]!.n);
}

async function assertExactlyOnce(url: string, schema: string, n: number): Promise<void> {
  const r = (await pgQuery(url, schema, 'SELECT COUNT(*) AS n, COUNT(DISTINCT record_id) AS d, MIN(seq) AS lo, MAX(seq) AS hi FROM audit_rows'))[0]!;
  assert.deepEqual([Number(r.n), Number(r.d), Number(r.lo), Number(r.hi)], [n, n, 1, n]);
  const ids = await pgQuery(url, schema, 'SELECT record_id FROM audit_rows');
  const want = new Set(Array.from({ length: n }, (_, k) => `m-${k + 1}`));
  assert.equal(ids.filter((x) => want.has(String(x.record_id))).length, n, 'every produced record is stored');
}

describe('audit sink crash and database outage', () => {
  let ctx: ClientTestContext;
  const schemas: string[] = [];
  before(async () => { ctx = await ClientTestContext.create('audit-crash'); });
  after(async () => {
    await ctx.cleanup();
    for (const s of schemas) await dropSchema(TEST_PG_URL, s);
  });

  it('SIGKILL mid-stream and restart: nothing lost, nothing duplicated', async () => {
    const schema = randomSchema('crash');
    schemas.push(schema);
    const topic = await ctx.topic('audit', 3);
    const group = ctx.groupId('audit-sink');
    const env = { KAFKA_BROKERS: ctx.brokers.join(','), DATABASE_URL: TEST_PG_URL, VIGIE_AUDIT_PG_SCHEMA: schema, VIGIE_AUDIT_GROUP: group,
      VIGIE_TOPIC_AUDIT: topic, VIGIE_AUDIT_ESCALATIONS: 'false', VIGIE_AUDIT_ACTIONS: 'false', VIGIE_AUDIT_SESSION_TIMEOUT_MS: '8000' };
    const producer = await ctx.producer();
    const N = 6000;
    const records = Array.from({ length: N }, (_, k) => auditRecord(k + 1, { flagged: (k + 1) % 5 === 0, conversationId: `c-${k % 31}` }));
    await produceAudit(producer, topic, records.slice(0, 4000));
    const first = startSink(env);
    await waitFor('some rows before the kill', async () => (await count(TEST_PG_URL, schema)) >= 300, 60_000, 50);
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = await count(TEST_PG_URL, schema);
    assert.ok(atKill < N, `killed mid-stream (${atKill} rows)`);
    await produceAudit(producer, topic, records.slice(4000));
    const second = startSink(env);
    try {
      await waitFor(`${N} rows after restart`, async () => (await count(TEST_PG_URL, schema)) >= N, 90_000);
      await new Promise((r) => setTimeout(r, 1000));
      await assertExactlyOnce(TEST_PG_URL, schema, N);
    } finally {
      second.child.kill('SIGTERM');
    }
    assert.equal(await second.exited, 0, second.log());
    // For the reader: how many redelivered records the idempotent writes dropped after the kill.
    const stats = /"duplicates":(\d+)/.exec(second.log());
    process.stderr.write(`  rows at kill ${atKill}; duplicates dropped after restart: ${stats?.[1] ?? '?'}\n`);
  });

  it('dying after the store write but before the offset commit: the batch comes back and is stored once', async () => {
    const schema = randomSchema('crash2');
    schemas.push(schema);
    const topic = await ctx.topic('audit', 2);
    const base = { KAFKA_BROKERS: ctx.brokers.join(','), DATABASE_URL: TEST_PG_URL, VIGIE_AUDIT_PG_SCHEMA: schema, VIGIE_AUDIT_GROUP: ctx.groupId('audit-sink'),
      VIGIE_TOPIC_AUDIT: topic, VIGIE_AUDIT_ESCALATIONS: 'false', VIGIE_AUDIT_ACTIONS: 'false', VIGIE_AUDIT_SESSION_TIMEOUT_MS: '8000' };
    const producer = await ctx.producer();
    const N = 1500;
    await produceAudit(producer, topic, Array.from({ length: N }, (_, k) => auditRecord(k + 1, { flagged: (k + 1) % 5 === 0, conversationId: `c-${k % 13}` })));
    const first = startSink({ ...base, VIGIE_AUDIT_FAULT_CRASH_AFTER_WRITES: '1' });
    assert.equal(await first.exited, 137, first.log());
    const stored = await count(TEST_PG_URL, schema);
    assert.ok(stored > 0, 'the first batch reached the store before the crash');
    assert.deepEqual([...(await ctx.committedOffsets(base.VIGIE_AUDIT_GROUP, topic)).values()].filter((o) => o !== '-1'), [], 'no offset was committed');
    const second = startSink(base);
    try {
      await waitFor(`${N} rows after restart`, async () => (await count(TEST_PG_URL, schema)) >= N, 90_000);
      await waitFor('every offset committed by the second sink', async () =>
        [...(await ctx.committedOffsets(base.VIGIE_AUDIT_GROUP, topic)).values()].reduce((a, o) => a + Math.max(0, Number(o)), 0) === N, 60_000);
      await assertExactlyOnce(TEST_PG_URL, schema, N);
    } finally {
      second.child.kill('SIGTERM');
    }
    assert.equal(await second.exited, 0, second.log());
    const dup = Number(/"duplicates":(\d+)/.exec(second.log())?.[1]);
    assert.ok(dup >= stored, `the redelivered batch (${stored} records) was dropped as duplicates (${dup})`);
  });

  it('private PostgreSQL stopped mid-stream: the sink pauses, retries, and catches up with nothing lost', async () => {
    const db = await PrivatePostgres.create();
    try {
      const schema = 'audit';
      const topic = await ctx.topic('audit', 2);
      const env = { KAFKA_BROKERS: ctx.brokers.join(','), DATABASE_URL: db.url, VIGIE_AUDIT_PG_SCHEMA: schema, VIGIE_AUDIT_GROUP: ctx.groupId('audit-sink'),
        VIGIE_TOPIC_AUDIT: topic, VIGIE_AUDIT_ESCALATIONS: 'false', VIGIE_AUDIT_ACTIONS: 'false', VIGIE_AUDIT_RETRY_MAX_MS: '1000' };
      const producer = await ctx.producer();
      const N = 3000;
      const records = Array.from({ length: N }, (_, k) => auditRecord(k + 1, { flagged: (k + 1) % 4 === 0 }));
      await produceAudit(producer, topic, records.slice(0, 1000));
      const sink = startSink(env);
      try {
        await waitFor('first 1000 rows', async () => (await count(db.url, schema)) >= 1000, 60_000);
        db.stop();
        await produceAudit(producer, topic, records.slice(1000, 2000));
        await waitFor('the sink to report the outage', async () => /store unavailable: pausing/.test(sink.log()), 30_000);
        await new Promise((r) => setTimeout(r, 2000)); // a few failed retries while the database is away
        assert.equal(sink.child.exitCode, null, 'the sink is still running during the outage');
        await produceAudit(producer, topic, records.slice(2000));
        db.start();
        await waitFor(`${N} rows after the database came back`, async () => (await count(db.url, schema)) >= N, 90_000);
        await new Promise((r) => setTimeout(r, 1000));
        await assertExactlyOnce(db.url, schema, N);
        assert.match(sink.log(), /store back: resuming/);
      } finally {
        sink.child.kill('SIGTERM');
      }
      assert.equal(await sink.exited, 0, sink.log());
    } finally {
      db.destroy();
    }
  });
});
