// `vigie run audit-sink` honours VIGIE_TOPIC_PREFIX like every other service (issue 12): with the prefix set and
// no topic variable, it reads <prefix>moderation.audit. Before the fix it subscribed to moderation.audit and the
// record below never reached the store.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClientTestContext } from '../support/kafka-client.js';
import { randomName } from '../support/kafka.js';
import { createTopic } from '../../services/kafka/admin.js';
import { auditRecord, dropSchema, randomSchema, TEST_PG_URL } from '../support/audit.js';
import { pgQuery, produceAudit, startSink, waitFor } from './helpers.js';

describe('audit sink and VIGIE_TOPIC_PREFIX (child process, Kafka + PostgreSQL)', () => {
  let ctx: ClientTestContext;
  const schema = randomSchema('prefix');
  before(async () => { ctx = await ClientTestContext.create('audit-prefix'); });
  after(async () => { await ctx.cleanup(); await dropSchema(TEST_PG_URL, schema); });

  it('reads <prefix>moderation.audit and stores its records', async () => {
    const prefix = `${randomName('pfx')}.`;
    const audit = `${prefix}moderation.audit`, blocklist = `${prefix}moderation.blocklist`;
    await createTopic(ctx.admin, audit, 2);
    await createTopic(ctx.admin, blocklist, 1, 1, { 'cleanup.policy': 'compact' });
    ctx.own(audit, blocklist);
    const records = [auditRecord(1, { flagged: true, sourceOffset: '0' }), auditRecord(2, { sourceOffset: '1' })];
    await produceAudit(await ctx.producer(), audit, records);
    const group = ctx.groupId('audit-prefix');
    const sink = startSink({
      KAFKA_BROKERS: ctx.brokers.join(','), DATABASE_URL: TEST_PG_URL, VIGIE_AUDIT_PG_SCHEMA: schema, VIGIE_AUDIT_GROUP: group,
      VIGIE_TOPIC_PREFIX: prefix, VIGIE_AUDIT_ESCALATIONS: 'false', VIGIE_AUDIT_ACTIONS: 'false',
    });
    try {
      const rows = await waitFor('the records in the store', async () => {
        const r = await pgQuery(TEST_PG_URL, schema, 'SELECT record_id, source_topic FROM audit_rows ORDER BY record_id');
        return r.length >= records.length ? r : null;
      }, 45_000).catch((err: Error) => { throw new Error(`${err.message}\nsink log:\n${sink.log()}`); });
      assert.deepEqual(rows.map((r) => r.record_id), records.map((r) => r.recordId).sort());
      assert.match(sink.log(), new RegExp(audit.replace(/\./g, '\\.')), 'the sink names the prefixed topic it reads');
    } finally {
      sink.child.kill('SIGTERM');
    }
    assert.equal(await sink.exited, 0, sink.log());
  });
});
