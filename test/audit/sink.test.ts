// The audit sink as a child process against the real broker and the real PostgreSQL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClientTestContext } from '../support/kafka-client.js';
import { auditRecord, dropSchema, escalation, modAction, randomSchema, TEST_PG_URL, DAY } from '../support/audit.js';
import { sha256Hex } from '../../services/audit/canonical.js';
import { codecs, pgQuery, produceAudit, startSink, waitFor } from './helpers.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

describe('audit sink (child process, Kafka + PostgreSQL)', () => {
  let ctx: ClientTestContext;
  const schema = randomSchema('sink');
  before(async () => { ctx = await ClientTestContext.create('audit-sink'); });
  after(async () => { await ctx.cleanup(); await dropSchema(TEST_PG_URL, schema); });

  it('stores exactly one row per message; benign rows keep only the hash; escalations become cases; actions reach the blocklist', async () => {
    const [audit, escs, actions, blocklist] = [await ctx.topic('audit', 3), await ctx.topic('esc'), await ctx.topic('act'),
      await ctx.topic('blocklist', 1, { 'cleanup.policy': 'compact' })];
    const group = ctx.groupId('audit-sink');
    const producer = await ctx.producer();
    const N = 300;
    const records = Array.from({ length: N }, (_, k) => auditRecord(k + 1, { flagged: (k + 1) % 3 === 0, conversationId: `c-${k % 7}`, sourceOffset: String(k) }));
    await produceAudit(producer, audit, records.slice(0, 200));
    // The same records again (a producer retry upstream): still one row each.
    await produceAudit(producer, audit, records.slice(0, 20));
    const now = Date.now();
    await producer.send({ topic: escs, messages: [{ key: 'c-2', value: codecs.Escalation.encodeAvro({ ...escalation('e-1', { conversationId: 'c-2' }), category: 'child_grooming', categories: ['child_grooming'] }) }] });
    await producer.send({ topic: actions, messages: [
      { key: 'u-adult', value: codecs.ModerationAction.encodeAvro({ ...modAction('a-1', { issuedAt: now, durationMs: DAY }), categories: ['child_grooming'] }) },
    ] });
    const sink = startSink({
      KAFKA_BROKERS: ctx.brokers.join(','), DATABASE_URL: TEST_PG_URL, VIGIE_AUDIT_PG_SCHEMA: schema, VIGIE_AUDIT_GROUP: group,
      VIGIE_TOPIC_AUDIT: audit, VIGIE_TOPIC_ESCALATIONS: escs, VIGIE_TOPIC_ACTIONS: actions, VIGIE_TOPIC_BLOCKLIST: blocklist,
      VIGIE_BLOCKLIST_INTERVAL_MS: '500',
    });
    try {
      await waitFor('first 200 rows', async () => Number((await pgQuery(TEST_PG_URL, schema, 'SELECT COUNT(*) AS n FROM audit_rows'))[0]!.n) >= 200, 60_000);
      await produceAudit(producer, audit, records.slice(200));
      await waitFor(`${N} rows`, async () => Number((await pgQuery(TEST_PG_URL, schema, 'SELECT COUNT(*) AS n FROM audit_rows'))[0]!.n) >= N, 60_000);
      // A short mute, sent while the sink runs, so it is still in force when the sink reads it.
      await producer.send({ topic: actions, messages: [
        { key: 'u-brief', value: codecs.ModerationAction.encodeAvro({ ...modAction('a-2', { targetUserId: 'u-brief', issuedAt: Date.now(), durationMs: 2500 }), categories: ['child_grooming'] }) },
      ] });
      await new Promise((r) => setTimeout(r, 1500)); // time for any stray duplicate to land
      const rows = await pgQuery(TEST_PG_URL, schema, 'SELECT r.record_id, r.text_sha256, r.action, t.text FROM audit_rows r LEFT JOIN audit_texts t ON t.record_id = r.record_id');
      assert.equal(rows.length, N);
      assert.equal(new Set(rows.map((r) => r.record_id)).size, N);
      const benign = rows.filter((r) => r.action === 'allow');
      assert.equal(benign.length, 200);
      assert.ok(benign.every((r) => r.text === null), 'benign rows carry no text');
      assert.ok(benign.every((r) => r.text_sha256 === sha256Hex(`hello ${String(r.record_id).slice(2)}`)), 'benign rows keep the text hash');
      assert.ok(rows.filter((r) => r.action === 'flag').every((r) => typeof r.text === 'string' && sha256Hex(r.text as string) === r.text_sha256));
      assert.equal(Number((await pgQuery(TEST_PG_URL, schema, 'SELECT MAX(seq) AS m FROM audit_rows'))[0]!.m), N, 'no gap in the chain');
      const cases = await pgQuery(TEST_PG_URL, schema, 'SELECT case_id, status, conversation_id FROM cases');
      assert.deepEqual(cases, [{ case_id: 'e-1', status: 'open', conversation_id: 'c-2' }]);
      // Blocklist: u-adult muted; u-brief muted then lifted by a tombstone once its 2.5 s passed.
      const bl = await waitFor('blocklist entries and a tombstone', async () => {
        const m = await ctx.readAll(blocklist);
        return m.some((x) => x.key === 'u-brief' && x.value === null) ? m : null;
      }, 30_000, 500);
      const adult = bl.filter((x) => x.key === 'u-adult');
      assert.equal(adult.length, 1);
      const entry = codecs.BlocklistEntry.decodeAvro(adult[0]!.value!);
      assert.deepEqual([entry.userId, entry.action, entry.until, entry.categories], ['u-adult', 'mute', now + DAY, ['child_grooming']]);
      assert.deepEqual(bl.filter((x) => x.key === 'u-brief').map((x) => x.value === null), [false, true]);
      assert.doesNotMatch(sink.log(), /tu as quel|203\.0\.113\./, 'logs carry no chat text or IP');
    } finally {
      sink.child.kill('SIGTERM');
    }
    assert.equal(await sink.exited, 0, sink.log());
    assert.match(sink.log(), /audit sink stopped/);
    const committed = await ctx.committedOffsets(group, audit);
    const total = [...committed.values()].reduce((a, o) => a + Number(o), 0);
    assert.equal(total, N + 20, 'every consumed offset committed before exit');
  });

  it('a clean stop publishes what the blocklist outbox still holds (the topic ends equal to the store)', async () => {
    const [audit, actions, blocklist] = [await ctx.topic('audit-stop'), await ctx.topic('act-stop'),
      await ctx.topic('blocklist-stop', 1, { 'cleanup.policy': 'compact' })];
    const stopSchema = randomSchema('sinkstop');
    const producer = await ctx.producer();
    const now = Date.now();
    await producer.send({ topic: actions, messages: [
      { key: 'u-late', value: codecs.ModerationAction.encodeAvro({ ...modAction('a-9', { targetUserId: 'u-late', issuedAt: now, durationMs: DAY }), categories: ['prostitution'] }) },
    ] });
    // The periodic flush is far away: only the batch flush and the stop can publish.
    const sink = startSink({
      KAFKA_BROKERS: ctx.brokers.join(','), DATABASE_URL: TEST_PG_URL, VIGIE_AUDIT_PG_SCHEMA: stopSchema, VIGIE_AUDIT_GROUP: ctx.groupId('sink-stop'),
      VIGIE_TOPIC_AUDIT: audit, VIGIE_AUDIT_ESCALATIONS: 'false', VIGIE_TOPIC_ACTIONS: actions, VIGIE_TOPIC_BLOCKLIST: blocklist,
      VIGIE_BLOCKLIST_INTERVAL_MS: '600000',
    });
    try {
      await waitFor('u-late on the blocklist', async () => (await ctx.readAll(blocklist)).some((x) => x.key === 'u-late'), 60_000, 300);
      // A state the outbox still holds at the stop (as when the last batches' publishes were skipped or failed): the
      // sanction was extended and not yet published.
      await pgQuery(TEST_PG_URL, stopSchema, `UPDATE enforcement SET until_at = ${now + 2 * DAY}, version = version + 1 WHERE user_id = 'u-late'`);
    } finally {
      sink.child.kill('SIGTERM');
    }
    try {
      assert.equal(await sink.exited, 0, sink.log());
      const pending = await pgQuery(TEST_PG_URL, stopSchema, 'SELECT COUNT(*) AS n FROM enforcement WHERE version > published_version');
      assert.equal(Number(pending[0]!.n), 0, 'nothing left unpublished in the outbox');
      const late = (await ctx.readAll(blocklist)).filter((x) => x.key === 'u-late');
      assert.equal(codecs.BlocklistEntry.decodeAvro(late[late.length - 1]!.value!).until, now + 2 * DAY, 'the latest state is on the topic');
    } finally {
      await dropSchema(TEST_PG_URL, stopSchema);
    }
  });

  it('without DATABASE_URL writes to the embedded SQLite store in the data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-sink-sqlite-'));
    const audit = await ctx.topic('audit', 2);
    const producer = await ctx.producer();
    const records = Array.from({ length: 120 }, (_, k) => auditRecord(k + 1, { flagged: (k + 1) % 4 === 0 }));
    await produceAudit(producer, audit, records);
    const sink = startSink({ KAFKA_BROKERS: ctx.brokers.join(','), DATABASE_URL: '', VIGIE_DATA_DIR: dir, VIGIE_AUDIT_GROUP: ctx.groupId('sqlite-sink'),
      VIGIE_TOPIC_AUDIT: audit, VIGIE_AUDIT_ESCALATIONS: 'false', VIGIE_AUDIT_ACTIONS: 'false' });
    const file = join(dir, 'audit.sqlite');
    const sqliteCount = (sql: string) => { const db = new DatabaseSync(file, { readOnly: true }); try { return (db.prepare(sql).get() as { n: number }).n; } finally { db.close(); } };
    try {
      await waitFor('120 rows in SQLite', async () => sqliteCount('SELECT COUNT(*) AS n FROM audit_rows') >= 120, 60_000, 300);
      assert.equal(sqliteCount('SELECT COUNT(*) AS n FROM audit_rows'), 120);
      assert.equal(sqliteCount('SELECT COUNT(*) AS n FROM audit_texts WHERE text IS NOT NULL'), 30, 'text only for the flagged quarter');
    } finally {
      sink.child.kill('SIGTERM');
      assert.equal(await sink.exited, 0, sink.log());
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
