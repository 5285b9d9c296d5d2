import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage } from '../../services/contracts/types.js';
import {
  codecs, exactlyOnce, httpGet, metricSum, plainProducer, readVerdicts, setup, startWorker, stopWorker, waitReady, type WorkerSetup,
} from './harness.js';

const msg = (i: number, text: string): ChatMessage => ({
  messageId: `p-${i}`, tenantId: null, conversationId: `pc-${i % 3}`, roomId: null, senderId: `u${i % 3}`, recipientId: 'v', text,
  sentAt: Date.now(), senderIp: null, senderDeclaredAge: null, locale: 'fr',
});

function avroWithBadUtf8(m: ChatMessage): Buffer {
  const buf = codecs.ChatMessage.encodeAvro({ ...m, text: 'QQQQ' });
  const i = buf.indexOf(Buffer.from('QQQQ'));
  buf.set([0xc3, 0x28, 0xff, 0xfe], i);
  return buf;
}

/** A JSON ChatMessage whose text carries a cut emoji (three of its four bytes), as a generated drug-sale message did. */
function jsonWithCutEmoji(m: ChatMessage): Buffer {
  const [head, tail] = codecs.ChatMessage.encodeJson({ ...m, text: 'weed dispo \u0001 livraison ce soir' }).split('\\u0001') as [string, string];
  return Buffer.concat([Buffer.from(head), Buffer.from([0xf0, 0x9f, 0x8c]), Buffer.from(tail)]);
}

describe('poison records go to the DLQ with reasons; the worker keeps running', () => {
  let s: WorkerSetup;
  before(async () => { s = await setup('w-poison', 1); });
  after(async () => { await s.ctx.cleanup(); });

  it('garbage, wrong schema, missing fields → DLQ; invalid UTF-8 text → repaired verdict; 5 MB text → truncated verdict', async () => {
    const verdictBytes = codecs.Verdict.encodeAvro({
      messageId: 'x', tenantId: null, conversationId: 'c', roomId: null, senderId: 's', recipientId: null, sentAt: 1, action: 'allow', categories: [],
      signals: [], escalation: null, enforcement: null, reasons: [], modelVersion: 'm', rulesVersion: 'r', policyVersion: 'p', textTruncated: false, textRepaired: false, decidedAt: null,
    });
    const poison: { name: string; value: Buffer | null; reason: RegExp }[] = [
      { name: 'garbage bytes', value: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01]), reason: /format|first byte/ },
      { name: 'wrong schema (a Verdict record)', value: verdictBytes, reason: /schema|ChatMessage/i },
      { name: 'missing fields (JSON)', value: Buffer.from(JSON.stringify({ messageId: 'm', text: 'hi' })), reason: /conversationId|senderId|sentAt/ },
      // Invalid UTF-8 alone no longer sends a record here (it is repaired): this one also lacks its ids.
      { name: 'invalid UTF-8, ids missing (JSON)', value: Buffer.concat([Buffer.from('{"messageId":"a","text":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
        reason: /conversationId|senderId|sentAt/ },
      { name: 'tombstone', value: null, reason: /no value/ },
    ];
    const good = [msg(1, 'bonjour'), msg(2, 'a'.repeat(5 * 1024 * 1024)), msg(3, 'salut, ça va ?'), msg(900, ''), msg(901, '')];
    const producer = await plainProducer(s);
    await producer.send({ topic: s.topics.input, messages: [
      { key: 'pc-1', value: codecs.ChatMessage.encodeAvro(good[0]!) },
      ...poison.slice(0, 3).map((p) => ({ key: 'poison', value: p.value })),
      { key: 'pc-2', value: codecs.ChatMessage.encodeAvro(good[1]!) },
      { key: 'pc-0', value: avroWithBadUtf8(good[3]!) },
      ...poison.slice(3).map((p) => ({ key: 'poison', value: p.value })),
      { key: 'pc-1', value: jsonWithCutEmoji(good[4]!) },
      // Keyed by its sender, not its conversation (a producer's mistake): still classified, and counted as misrouted.
      { key: 'u0', value: Buffer.from(codecs.ChatMessage.encodeJson(good[2]!)) },
    ] });
    const w = startWorker(s, 'poison');
    const port = await waitReady(w);
    const deadline = Date.now() + 60_000;
    while (metricSum((await httpGet(port, '/metrics')).body, 'vigie_classifier_consumed_total') < good.length + poison.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal((await httpGet(port, '/readyz')).status, 200, 'still ready after poison');
    assert.equal((await httpGet(port, '/livez')).status, 200);
    const metrics = (await httpGet(port, '/metrics')).body;
    assert.equal(metricSum(metrics, 'vigie_classifier_dlq_total'), poison.length);
    assert.equal(metricSum(metrics, 'vigie_classifier_input_misrouted_total'), 1, 'one good record keyed by its sender; poison records are dead letters, not counted');
    assert.equal(await stopWorker(w), 0);

    const verdicts = await readVerdicts(s);
    assert.deepEqual(exactlyOnce(good.map((m) => m.messageId), verdicts.map((v) => v.messageId)), { missing: [], duplicates: [], unexpected: [] });
    assert.deepEqual(verdicts.map((v) => [v.messageId, v.textTruncated, v.textRepaired]).sort(),
      [['p-1', false, false], ['p-2', true, false], ['p-3', false, false], ['p-900', false, true], ['p-901', false, true]]);
    const audit = (await s.ctx.readAll(s.topics.audit)).map((r) => codecs.AuditRecord.decodeAvro(r.value!));
    assert.deepEqual(audit.filter((a) => a.textRepaired).map((a) => a.messageId).sort(), ['p-900', 'p-901'], 'the audit records say the text was repaired');
    const dlq = await s.ctx.readAll(s.topics.dlq);
    assert.equal(dlq.length, poison.length);
    for (const [i, r] of dlq.entries()) {
      const d = codecs.DeadLetter.decodeAvro(r.value!);
      const p = poison[i]!;
      assert.match(d.error, p.reason, p.name);
      assert.deepEqual(d.originalValue, p.value ?? Buffer.alloc(0), p.name);
      assert.equal(d.sourceTopic, s.topics.input);
      assert.equal(r.headers['vigie.source.offset'], String(d.sourceOffset));
      assert.equal(r.headers['vigie.error']?.length ? true : false, true);
      assert.equal(d.originalKey?.toString(), p.value === null ? 'poison' : 'poison');
    }
    // Every output of the 5 MB message stays far under the broker's 1 MB default.
    for (const t of [s.topics.verdicts, s.topics.audit]) for (const r of await s.ctx.readAll(t)) assert.ok(r.value!.length < 1024 * 1024, `${t} record of ${r.value!.length} bytes`);
  });
});
