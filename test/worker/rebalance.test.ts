import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateConversations } from '../../services/training/scenario-generator.js';
import type { ChatMessage } from '../../services/contracts/types.js';
import { classifyOffline, classifyOfflineByPartition, closeOffline, firstEscalation } from './offline.js';
import {
  codecs, exactlyOnce, httpGet, plainProducer, produceMessages, readVerdicts, setup, sleep, startWorker, stopWorker, waitReady, type WorkerProc, type WorkerSetup,
} from './harness.js';

async function assignedOf(port: number): Promise<number[]> {
  return (JSON.parse((await httpGet(port, '/readyz')).body) as { assigned: number[] }).assigned ?? [];
}

describe('rebalance: conversation state follows its partition to another worker', () => {
  let s: WorkerSetup;
  before(async () => { s = await setup('w-rebal', 2); });
  after(async () => { await closeOffline(); await s.ctx.cleanup(); });

  it('a grooming conversation straddling a SIGKILL is escalated at the same message as the offline engine', { timeout: 300_000 }, async () => {
    // A scripted grooming conversation the offline engine escalates, and where the escalation needs earlier messages.
    let conv: ChatMessage[] | undefined;
    let at = -1;
    let split = -1;
    for (const c of generateConversations({ count: 30, seed: 101, scenarios: ['grooming-arc', 'grooming-direct'], idPrefix: 'rb' })) {
      const full = await classifyOffline(c.messages);
      const e = firstEscalation(c.messages, full);
      if (e < 2) continue;
      for (let k = e; k >= 1; k--) {
        const tail = c.messages.slice(k);
        if (firstEscalation(tail, await classifyOffline(tail)) + k !== e) { split = k; break; }
      }
      if (split > 0) { conv = c.messages; at = e; break; }
    }
    assert.ok(conv, 'the generator yields a grooming conversation whose escalation depends on earlier messages');
    const filler = [...generateConversations({ count: 40, seed: 102, scenarios: ['parents', 'teens', 'gaming-trash-talk'], idPrefix: 'rbf' })].flatMap((c) => c.messages);

    const a = startWorker(s, 'a');
    const b = startWorker(s, 'b');
    const ports = new Map<WorkerProc, number>([[a, await waitReady(a)], [b, await waitReady(b)]]);
    for (let i = 0; ; i++) {
      const [pa, pb] = [await assignedOf(ports.get(a)!), await assignedOf(ports.get(b)!)];
      if (pa.length === 1 && pb.length === 1) break;
      assert.ok(i < 100, `both workers get one partition (got ${pa} / ${pb})`);
      await sleep(300);
    }
    const producer = await plainProducer(s);
    const [meta] = await producer.send({ topic: s.topics.input, messages: [{ key: conv![0]!.conversationId, value: codecs.ChatMessage.encodeAvro(conv![0]!) }] });
    const gp = meta!.partition;
    await produceMessages(producer, s.topics.input, conv!.slice(1, split));
    await produceMessages(producer, s.topics.input, filler.slice(0, filler.length / 2));
    const endOf = async () => await s.ctx.endOffsets(s.topics.input);
    const waitCommitted = async (ends: Map<number, bigint>, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const c = await s.ctx.committedOffsets(s.group, s.topics.input);
        if ([...ends].every(([p, e]) => BigInt(c.get(p) ?? '-1') >= e)) return;
        assert.ok(Date.now() < deadline, 'inputs committed in time');
        await sleep(300);
      }
    };
    await waitCommitted(await endOf(), 60_000);
    const owner = (await assignedOf(ports.get(a)!)).includes(gp) ? a : b;
    const survivor = owner === a ? b : a;
    owner.child.kill('SIGKILL');
    await owner.exited;
    await produceMessages(producer, s.topics.input, conv!.slice(split));
    await produceMessages(producer, s.topics.input, filler.slice(filler.length / 2));
    await waitCommitted(await endOf(), 90_000);
    assert.deepEqual(await assignedOf(ports.get(survivor)!), [0, 1], 'the survivor took over both partitions');
    assert.equal(await stopWorker(survivor), 0);

    const verdicts = await readVerdicts(s);
    const all = [...conv!, ...filler];
    assert.deepEqual(exactlyOnce(all.map((m) => m.messageId), verdicts.map((v) => v.messageId)), { missing: [], duplicates: [], unexpected: [] });
    const byId = new Map(verdicts.map((v) => [v.messageId, v]));
    const input = (await s.ctx.readAll(s.topics.input)).map((r) => ({ partition: r.partition, message: codecs.decodeChatMessage(r.value!, 'auto') }));
    const offline = await classifyOfflineByPartition(input);
    assert.equal(firstEscalation(conv!, offline), at, 'filler traffic does not change the offline decision');
    assert.equal(firstEscalation(conv!, byId), at, `escalated at message ${at} (split at ${split}, worker killed in between)`);
    for (const m of conv!) assert.equal(byId.get(m.messageId)!.action, offline.get(m.messageId)!.action, `action of ${m.messageId}`);
  });
});
