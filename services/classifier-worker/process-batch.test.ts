import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCodecs } from '../contracts/index.js';
import type { ChatMessage, Verdict } from '../contracts/types.js';
import type { WorkerEngine } from './engine-holder.js';
import { compileWorkerOptions } from './options.js';
import { EngineBatchError, keyedByConversation, processBatch, replayBatch } from './process-batch.js';
import { EngineStateLostError, EngineThreadDiedError } from './partition-engines.js';

const codecs = createCodecs();
const opts = compileWorkerOptions({ brokers: ['x:1'], maxScoringChars: 50 });
const T = opts.topics;

/** Test double of the engine contract: flags any message containing "flag", escalates "escalate", throws on "boom". Counts messages in state. */
const fake: WorkerEngine<{ seen: number }> = {
  versions: { model: 'fake@1', rules: 'r', policy: 'p' },
  async classifyBatch(messages: ChatMessage[], state: { seen: number }) {
    return messages.map((m): Verdict & { context?: { messageId: string; senderId: string; sentAt: number; text: string }[] } => {
      if (m.text.includes('boom')) throw new Error('model exploded');
      state.seen++;
      const flagged = m.text.includes('flag') || m.text.includes('escalate');
      return {
        messageId: m.messageId, tenantId: m.tenantId, conversationId: m.conversationId, roomId: m.roomId, senderId: m.senderId, recipientId: m.recipientId,
        sentAt: m.sentAt, action: flagged ? 'flag' : 'allow', categories: flagged ? [{ category: 'child_grooming', score: 0.9, sources: ['rule:x'] }] : [],
        signals: [], escalation: m.text.includes('escalate') ? { priority: 'P1', reason: 'test' } : null, enforcement: null, reasons: [],
        modelVersion: 'fake@1', rulesVersion: 'r', policyVersion: 'p', textTruncated: false, textRepaired: false, decidedAt: null,
        ...(flagged ? { context: [{ messageId: 'prev', senderId: 's', sentAt: 1, text: 'earlier' }] } : {}),
      };
    });
  },
};
const msg = (i: number, text: string): ChatMessage => ({
  messageId: `m${i}`, tenantId: null, conversationId: 'c', roomId: null, senderId: 's', recipientId: 'r', text, sentAt: 1000 + i, senderIp: null, senderDeclaredAge: null, locale: null,
});
const rec = (i: number, value: Buffer | null) => ({ key: Buffer.from('c'), value, offset: String(100 + i) });

describe('processBatch', () => {
  it('one verdict and one audit record per good input, DLQ for bad, actions/escalations as the verdict says', async () => {
    const state = { engine: { seen: 0 } };
    const records = [
      rec(0, codecs.ChatMessage.encodeAvro(msg(0, 'hello'))),
      rec(1, Buffer.from('not a message')),
      rec(2, codecs.ChatMessage.encodeAvro(msg(2, 'please flag me'))),
      rec(3, Buffer.from(codecs.ChatMessage.encodeJson(msg(3, `escalate ${'x'.repeat(200)}`)))),
    ];
    const r = await processBatch({ records, topic: 'in', partition: 0, classify: (ms) => fake.classifyBatch(ms, state.engine), codecs, opts, now: 9000 });
    const verdicts = r.out.get(T.verdicts)!.map((m) => codecs.Verdict.decodeAvro(m.value));
    assert.deepEqual(verdicts.map((v) => v.messageId), ['m0', 'm2', 'm3']);
    assert.deepEqual(verdicts.map((v) => v.textTruncated), [false, false, true]);
    assert.ok(verdicts.every((v) => v.decidedAt === 9000));
    const audits = r.out.get(T.audit)!.map((m) => codecs.AuditRecord.decodeAvro(m.value));
    assert.deepEqual(audits.map((a) => [a.messageId, a.text !== null, a.context.length, a.sourceOffset]), [['m0', false, 0, 100], ['m2', true, 1, 102], ['m3', true, 1, 103]]);
    const dlq = r.out.get(T.dlq)!;
    assert.equal(dlq.length, 1);
    assert.equal(dlq[0]!.headers['vigie.source.offset'], '101');
    assert.deepEqual(codecs.DeadLetter.decodeAvro(dlq[0]!.value).originalValue, Buffer.from('not a message'));
    assert.deepEqual(r.out.get(T.actions)!.map((m) => codecs.ModerationAction.decodeAvro(m.value).action), ['flag_message', 'flag_message']);
    assert.deepEqual(r.out.get(T.escalations)!.map((m) => codecs.Escalation.decodeAvro(m.value).evidenceMessageIds), [['prev', 'm3']]);
    assert.equal(state.engine.seen, 3);
    assert.equal(r.stats.dlq, 1);
    assert.equal(r.stats.truncatedForScoring, 1);
  });
  it('an engine failure on a batch asks for isolation; on a single message it dead-letters that message', async () => {
    const records = [rec(0, codecs.ChatMessage.encodeAvro(msg(0, 'ok'))), rec(1, codecs.ChatMessage.encodeAvro(msg(1, 'boom')))];
    await assert.rejects(processBatch({ records, topic: 'in', partition: 0, classify: (ms) => fake.classifyBatch(ms, { seen: 0 }), codecs, opts, now: 1 }), EngineBatchError);
    const one = await processBatch({ records: [records[1]!], topic: 'in', partition: 0, classify: (ms) => fake.classifyBatch(ms, { seen: 0 }), codecs, opts, now: 1 });
    assert.equal(one.out.get(T.verdicts)!.length, 0);
    assert.match(codecs.DeadLetter.decodeAvro(one.out.get(T.dlq)![0]!.value).error, /engine failed/);
  });
  it('a lost engine state (thread died) on a single message rejects: no dead letter of a good message, the window aborts', async () => {
    const records = [rec(0, codecs.ChatMessage.encodeAvro(msg(0, 'ok')))];
    for (const err of [new EngineStateLostError(0, 'test'), new EngineThreadDiedError(0, 'test')]) {
      await assert.rejects(processBatch({ records, topic: 'in', partition: 0, classify: () => Promise.reject(err), codecs, opts, now: 1 }), (e) => e === err);
      await assert.rejects(replayBatch({ records, classify: () => Promise.reject(err), codecs, opts }), (e) => e === err);
    }
  });
  it('JSON output format', async () => {
    const r = await processBatch({ records: [rec(0, codecs.ChatMessage.encodeAvro(msg(0, 'hi')))], topic: 'in', partition: 0,
      classify: (ms) => fake.classifyBatch(ms, { seen: 0 }), codecs, opts: { ...opts, outputFormat: 'json' }, now: 1 });
    assert.equal(JSON.parse(r.out.get(T.verdicts)![0]!.value.toString()).messageId, 'm0');
  });

  it('counts decoded records not keyed by their conversationId (a producer that splits conversations over partitions), and still classifies them', async () => {
    const state = { engine: { seen: 0 } };
    const records = [
      rec(0, codecs.ChatMessage.encodeAvro(msg(0, 'keyed right'))),
      { key: null, value: codecs.ChatMessage.encodeAvro(msg(1, 'no key')), offset: '101' },
      { key: Buffer.from('user-42'), value: codecs.ChatMessage.encodeAvro(msg(2, 'keyed by sender')), offset: '102' },
      { key: null, value: Buffer.from('not a message'), offset: '103' },
    ];
    const r = await processBatch({ records, topic: 'in', partition: 0, classify: (ms) => fake.classifyBatch(ms, state.engine), codecs, opts, now: 9000 });
    assert.equal(r.out.get(T.verdicts)!.length, 3);
    assert.equal(r.stats.misrouted, 2, 'the undecodable record is a dead letter, not counted as misrouted');
    assert.equal(r.stats.dlq, 1);
  });

  it('keyedByConversation compares the key bytes with the conversationId', () => {
    assert.ok(keyedByConversation(Buffer.from('conv-é'), 'conv-é'));
    assert.ok(keyedByConversation('c1', 'c1'));
    assert.ok(!keyedByConversation(null, 'c1'));
    assert.ok(!keyedByConversation(Buffer.from('c1 '), 'c1'));
    assert.ok(!keyedByConversation(Buffer.from('c'), 'c1'));
  });
});
