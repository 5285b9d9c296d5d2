// The whole chain on real processes: chat messages → classifier worker → audit/escalation/action topics
// → audit sink → PostgreSQL; then an evidence package for a grooming case the worker escalated.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConversations } from '../../services/training/scenario-generator.js';
import { interleave } from '../../services/training/interleave.js';
import type { ChatMessage } from '../../services/contracts/types.js';
import { dropSchema, randomSchema, TEST_PG_URL } from '../support/audit.js';
import { plainProducer, produceMessages, setup, startWorker, stopWorker, waitReady, type WorkerSetup } from '../worker/harness.js';
import { pgQuery, startSink, vigie, waitFor } from './helpers.js';

describe('worker → audit sink → store → evidence (child processes)', () => {
  let s: WorkerSetup;
  const schema = randomSchema('pipe');
  const root = mkdtempSync(join(tmpdir(), 'vigie-pipe-'));
  before(async () => { s = await setup('audit-pipe', 2); });
  after(async () => { await s.ctx.cleanup(); await dropSchema(TEST_PG_URL, schema); rmSync(root, { recursive: true, force: true }); });

  it('every message gets one audit row; escalated grooming becomes a case whose evidence package verifies', async () => {
    const grooming = [...generateConversations({ count: 4, seed: 7, scenarios: ['grooming-direct', 'grooming-arc'], idPrefix: 'groom' })];
    const benign = [...generateConversations({ count: 8, seed: 8, scenarios: ['parents', 'teens'], idPrefix: 'benign' })];
    const stream: ChatMessage[] = [...interleave([...grooming, ...benign])].map((x) => x.message);
    await produceMessages(await plainProducer(s), s.topics.input, stream);
    const env = { KAFKA_BROKERS: s.brokers.join(','), DATABASE_URL: TEST_PG_URL, VIGIE_AUDIT_PG_SCHEMA: schema, VIGIE_AUDIT_GROUP: s.ctx.groupId('sink'),
      VIGIE_TOPIC_AUDIT: s.topics.audit, VIGIE_TOPIC_ESCALATIONS: s.topics.escalations, VIGIE_TOPIC_ACTIONS: s.topics.actions,
      VIGIE_TOPIC_BLOCKLIST: await s.ctx.topic('blocklist', 1, { 'cleanup.policy': 'compact' }) };
    const sink = startSink(env);
    const w = startWorker(s, 'audit-pipe');
    try {
      await waitReady(w);
      await waitFor(`${stream.length} audit rows`, async () => Number((await pgQuery(TEST_PG_URL, schema, 'SELECT COUNT(*) AS n FROM audit_rows'))[0]!.n) >= stream.length, 120_000, 500);
    } finally {
      await stopWorker(w);
      sink.child.kill('SIGTERM');
    }
    assert.equal(await sink.exited, 0, sink.log());
    const rows = await pgQuery(TEST_PG_URL, schema, 'SELECT r.record_id, r.action, r.escalation_priority, r.sender_ip, r.text_sha256, t.text FROM audit_rows r LEFT JOIN audit_texts t ON t.record_id = r.record_id');
    assert.deepEqual(rows.map((r) => String(r.record_id)).sort(), stream.map((m) => m.messageId).sort(), 'one row per message');
    for (const r of rows) {
      const kept = r.action !== 'allow' || r.escalation_priority !== null;
      assert.equal(r.text !== null && r.text !== undefined, kept, `text kept iff flagged or escalated (${String(r.record_id)})`);
    }
    const byId = new Map(stream.map((m) => [m.messageId, m]));
    assert.ok(rows.every((r) => r.sender_ip === (byId.get(String(r.record_id))!.senderIp ?? null)), 'sender IPs kept');
    const cases = await pgQuery(TEST_PG_URL, schema, "SELECT case_id, conversation_id FROM cases WHERE category = 'child_grooming'");
    assert.ok(cases.length > 0, 'the worker escalated at least one grooming conversation');
    assert.ok(cases.every((c) => String(c.conversation_id).startsWith('groom')), 'cases only on grooming conversations');
    const caseId = String(cases[0]!.case_id);
    const pkg = join(root, 'pkg');
    const ex = vigie(['evidence', 'export', '--case', caseId, '--reference', 'REQ-PIPE-1', '--out', pkg], { ...env, VIGIE_OPERATOR: 'pipeline-test' });
    assert.equal(ex.code, 0, ex.stderr);
    const v = vigie(['evidence', 'verify', pkg], env);
    assert.equal(v.code, 0, v.stdout);
    const conv = String(cases[0]!.conversation_id);
    const tr = readFileSync(join(pkg, 'transcript.txt'), 'utf8');
    for (const m of stream.filter((x) => x.conversationId === conv)) {
      assert.ok(tr.includes(`msg ${m.messageId} `), `transcript lists ${m.messageId}`);
      if (m.senderIp) assert.ok(tr.includes(m.senderIp), `transcript has the IP of ${m.messageId}`);
    }
    assert.equal(vigie(['audit', 'verify'], env).code, 0);
  });
});
