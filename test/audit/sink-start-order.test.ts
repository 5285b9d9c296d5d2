// Issue 12 item 2 for the audit sink, in child processes on the real broker and PostgreSQL: it starts
// before its topics exist and consumes once they are created; /readyz tells the truth about the store;
// a fatal configuration error exits non-zero with a message.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClientTestContext } from '../support/kafka-client.js';
import { randomName } from '../support/kafka.js';
import { auditRecord, dropSchema, randomSchema, TEST_PG_URL } from '../support/audit.js';
import { createTopic } from '../../services/kafka/admin.js';
import { pgQuery, PrivatePostgres, produceAudit, readyz, sinkHttpPort, startSink, waitFor } from './helpers.js';

const count = async (url: string, schema: string) => Number((await pgQuery(url, schema, 'SELECT COUNT(*) AS n FROM audit_rows'))[0]!.n);

describe('audit sink start order, readiness and fatal errors', () => {
  let ctx: ClientTestContext;
  const schemas: string[] = [];
  before(async () => { ctx = await ClientTestContext.create('audit-start'); });
  after(async () => {
    await ctx.cleanup();
    for (const s of schemas) await dropSchema(TEST_PG_URL, s);
  });

  it('started before its topic exists, it waits (not ready, one log line) and consumes once the topic is created', async () => {
    const schema = randomSchema('order');
    schemas.push(schema);
    const topic = randomName('audit-late');
    const sink = startSink({ KAFKA_BROKERS: ctx.brokers.join(','), DATABASE_URL: TEST_PG_URL, VIGIE_AUDIT_PG_SCHEMA: schema, VIGIE_AUDIT_GROUP: ctx.groupId('late'),
      VIGIE_TOPIC_AUDIT: topic, VIGIE_AUDIT_ESCALATIONS: 'false', VIGIE_AUDIT_ACTIONS: 'false' });
    try {
      const port = await sinkHttpPort(sink);
      await waitFor('the waiting log line', async () => new RegExp(`waiting for Kafka \\(topics missing: ${topic}\\)`).test(sink.log()), 30_000);
      const r = await readyz(port);
      assert.equal(r.status, 503, JSON.stringify(r.body));
      assert.equal(r.body.consuming, false);
      assert.equal((await fetch(`http://127.0.0.1:${port}/livez`)).status, 200, 'alive while waiting');
      await createTopic(ctx.admin, topic, 2);
      ctx.own(topic);
      await produceAudit(await ctx.producer(), topic, Array.from({ length: 50 }, (_, k) => auditRecord(k + 1)));
      await waitFor('50 rows', async () => (await count(TEST_PG_URL, schema)) === 50, 90_000, 300);
      await waitFor('/readyz 200', async () => (await readyz(port)).status === 200, 30_000);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      assert.match(metrics, /vigie_audit_records_total\{outcome="inserted"\} 50/);
    } finally {
      sink.child.kill('SIGTERM');
    }
    assert.equal(await sink.exited, 0, sink.log());
  });

  it('/readyz is false while the store is unreachable and true again when it is back; nothing is lost', async () => {
    const pg = await PrivatePostgres.create();
    try {
      const topic = await ctx.topic('audit', 2);
      const producer = await ctx.producer();
      const sink = startSink({ KAFKA_BROKERS: ctx.brokers.join(','), DATABASE_URL: pg.url, VIGIE_AUDIT_GROUP: ctx.groupId('store'),
        VIGIE_TOPIC_AUDIT: topic, VIGIE_AUDIT_ESCALATIONS: 'false', VIGIE_AUDIT_ACTIONS: 'false', VIGIE_AUDIT_RETRY_MAX_MS: '1000' });
      try {
        const port = await sinkHttpPort(sink);
        await waitFor('/readyz 200', async () => (await readyz(port)).status === 200, 60_000);
        pg.stop();
        const down = await waitFor('/readyz 503 with the store away', async () => { const r = await readyz(port); return r.status === 503 ? r : null; }, 30_000);
        assert.equal(down.body.storeReachable, false);
        assert.equal(down.body.consuming, true, 'still a group member: only the store is missing');
        await produceAudit(producer, topic, Array.from({ length: 40 }, (_, k) => auditRecord(k + 1)));
        await new Promise((r) => setTimeout(r, 2000));
        assert.equal(sink.child.exitCode, null, 'the sink waits for the store instead of exiting');
        pg.start();
        await waitFor('/readyz 200 again', async () => (await readyz(port)).status === 200, 60_000);
        await waitFor('40 rows', async () => (await count(pg.url, 'public')) === 40, 60_000, 300);
      } finally {
        sink.child.kill('SIGTERM');
      }
      assert.equal(await sink.exited, 0, sink.log());
    } finally {
      pg.destroy();
    }
  });

  it('a fatal configuration error exits non-zero and names the problem', async () => {
    const sink = startSink({ KAFKA_BROKERS: ctx.brokers.join(','), DATABASE_URL: TEST_PG_URL, VIGIE_AUDIT_SESSION_TIMEOUT_MS: '50', VIGIE_INPUT_FORMAT: 'xml' });
    const code = await sink.exited;
    assert.notEqual(code, 0, sink.log());
    assert.match(sink.log(), /VIGIE_AUDIT_SESSION_TIMEOUT_MS/);
    assert.match(sink.log(), /VIGIE_INPUT_FORMAT/, 'every problem at once');
  });
});
