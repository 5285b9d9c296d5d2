import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateConversations } from '../../services/training/scenario-generator.js';
import { interleave } from '../../services/training/interleave.js';
import type { ChatMessage } from '../../services/contracts/types.js';
import { classifyOfflineByPartition, closeOffline, firstEscalation } from './offline.js';
import {
  codecs, exactlyOnce, httpGet, metricSum, plainProducer, produceMessages, readVerdicts, setup, startWorker, stopWorker, waitReady, type WorkerSetup,
} from './harness.js';

describe('classifier worker end to end (child process, real broker)', () => {
  let s: WorkerSetup;
  before(async () => { s = await setup('w-e2e', 3); });
  after(async () => { await closeOffline(); await s.ctx.cleanup(); });

  it('N messages in → exactly N verdicts and N audit records under read_committed, matching the offline engine', async () => {
    const scripted = [...generateConversations({ count: 6, seed: 42, scenarios: ['grooming-direct', 'grooming-arc'], idPrefix: 'groom' })];
    const benign = [...generateConversations({ count: 6, seed: 43, scenarios: ['parents', 'teens'], idPrefix: 'benign' })];
    const mixed = [...generateConversations({ count: 60, seed: 44, idPrefix: 'mix' })];
    const convs = [...scripted, ...benign, ...mixed];
    const stream: ChatMessage[] = [...interleave(convs)].map((x) => x.message);
    const producer = await plainProducer(s);
    // Half Avro, half JSON: the worker reads both (input format auto).
    await produceMessages(producer, s.topics.input, stream.filter((_, i) => i % 2 === 0), 'avro');
    await produceMessages(producer, s.topics.input, stream.filter((_, i) => i % 2 === 1), 'json');

    const w = startWorker(s, 'e2e');
    const port = await waitReady(w);
    const deadline = Date.now() + 90_000;
    let consumed = 0;
    while (consumed < stream.length && Date.now() < deadline) {
      consumed = metricSum((await httpGet(port, '/metrics')).body, 'vigie_classifier_consumed_total');
      await new Promise((r) => setTimeout(r, 300));
    }
    const metrics = (await httpGet(port, '/metrics')).body;
    assert.equal(await stopWorker(w), 0, `clean exit; log ${w.logFile}`);

    const verdicts = await readVerdicts(s);
    const eo = exactlyOnce(stream.map((m) => m.messageId), verdicts.map((v) => v.messageId));
    assert.deepEqual(eo, { missing: [], duplicates: [], unexpected: [] });
    const audit = (await s.ctx.readAll(s.topics.audit)).map((r) => codecs.AuditRecord.decodeAvro(r.value!));
    assert.equal(audit.length, stream.length);
    for (const a of audit) assert.equal(a.text !== null, a.action !== 'allow' || a.escalationPriority !== null, `audit text rule for ${a.messageId}`);
    assert.ok(audit.every((a) => /^[0-9a-f]{64}$/.test(a.textSha256)));
    const dlq = await s.ctx.readAll(s.topics.dlq);
    assert.equal(dlq.length, 0);
    assert.equal(metricSum(metrics, 'vigie_classifier_dlq_total'), 0);
    assert.ok(metrics.includes('vigie_classifier_batch_seconds_bucket'));

    // Same decisions as the offline engine for conversations whose senders appear in no other conversation.
    const byId = new Map(verdicts.map((v) => [v.messageId, v]));
    const input = (await s.ctx.readAll(s.topics.input)).map((r) => ({ partition: r.partition, message: codecs.decodeChatMessage(r.value!, 'auto') }));
    const offline = await classifyOfflineByPartition(input);
    let escalatedGrooming = 0;
    for (const c of [...scripted, ...benign]) {
      const at = firstEscalation(c.messages, byId);
      assert.equal(at, firstEscalation(c.messages, offline), `first escalation of ${c.label.conversationId}`);
      for (const m of c.messages) {
        const [v, o] = [byId.get(m.messageId)!, offline.get(m.messageId)!];
        assert.equal(v.action, o.action, `action of ${m.messageId}`);
        assert.deepEqual(v.categories.map((x) => x.category).sort(), o.categories.map((x) => x.category).sort());
        assert.equal(typeof v.decidedAt, 'number');
      }
      if (c.label.categories.includes('child_grooming') && at >= 0) {
        escalatedGrooming++;
        assert.ok(byId.get(c.messages[at]!.messageId)!.categories.some((x) => x.category === 'child_grooming'));
      }
    }
    for (const c of benign) for (const m of c.messages) assert.equal(byId.get(m.messageId)!.escalation, null, `benign ${m.messageId} not escalated`);
    assert.ok(escalatedGrooming >= 1, 'at least one scripted grooming conversation is escalated');
    const esc = (await s.ctx.readAll(s.topics.escalations)).map((r) => codecs.Escalation.decodeAvro(r.value!));
    assert.equal(esc.length, verdicts.filter((v) => v.escalation).length);
  });
});
