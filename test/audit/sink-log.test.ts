// The audit sink's own `batch stored` debug line, from the running sink (not only batchStoredFields called by a test):
// replacing batchStoredFields(r) in AuditSink's write by the raw WriteResult puts the user ids whose enforcement changed
// back into the log, and this test fails (round 42: the round-41 test called the helper itself, so that went unseen).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientTestContext } from '../support/kafka-client.js';
import { modAction, DAY } from '../support/audit.js';
import { codecs, startSink, waitFor } from './helpers.js';

describe('audit sink debug log (child process, Kafka, SQLite)', () => {
  let ctx: ClientTestContext;
  before(async () => { ctx = await ClientTestContext.create('audit-sink-log'); });
  after(async () => { await ctx.cleanup(); });

  it('"batch stored" counts the users whose enforcement changed, and no log line names them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-sink-log-'));
    const [audit, actions, blocklist] = [await ctx.topic('audit'), await ctx.topic('act'), await ctx.topic('blocklist', 1, { 'cleanup.policy': 'compact' })];
    const producer = await ctx.producer();
    const now = Date.now();
    const users = ['ops42_user_one', 'ops42_user_two'];
    await producer.send({ topic: actions, messages: users.map((u, k) => ({
      key: u, value: codecs.ModerationAction.encodeAvro({ ...modAction(`a-${k}`, { targetUserId: u, issuedAt: now, durationMs: DAY }), categories: ['child_grooming'] }),
    })) });
    const sink = startSink({ KAFKA_BROKERS: ctx.brokers.join(','), DATABASE_URL: '', VIGIE_DATA_DIR: dir, VIGIE_AUDIT_GROUP: ctx.groupId('log-sink'),
      VIGIE_TOPIC_AUDIT: audit, VIGIE_TOPIC_ACTIONS: actions, VIGIE_TOPIC_BLOCKLIST: blocklist, VIGIE_AUDIT_ESCALATIONS: 'false',
      VIGIE_LOG_LEVEL: 'debug', VIGIE_LOG_FORMAT: 'json' });
    const stored = () => sink.log().split('\n').filter((l) => l.includes('"batch stored"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    try {
      const lines = await waitFor('the actions batch stored', async () => {
        const s = stored().filter((l) => l.topic === actions);
        return s.reduce((n, l) => n + Number(l.actionsApplied ?? 0), 0) >= 2 ? s : null;
      }, 60_000, 300);
      assert.equal(lines.reduce((n, l) => n + (l.enforcementChanged as number), 0), 2, 'the number of users whose enforcement changed');
      for (const l of lines) assert.equal(typeof l.enforcementChanged, 'number');
    } finally {
      sink.child.kill('SIGTERM');
      assert.equal(await sink.exited, 0, sink.log());
      rmSync(dir, { recursive: true, force: true });
    }
    for (const u of users) assert.ok(!sink.log().includes(u), `user id ${u} in the sink's debug log`);
  });
});
