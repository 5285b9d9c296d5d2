// An interrupted `vigie replay` deletes its temporary consumer group (issue 12, item 7): SIGINT or SIGTERM
// ends the read in progress and its `finally` deletes the group, instead of the default handler killing
// the process with the group left on the broker.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientTestContext } from '../support/kafka-client.js';
import { MAIN, codecs } from '../audit/helpers.js';
import type { ChatMessage, Verdict } from '../../services/contracts/types.js';

const N = 30_000;

describe('vigie replay interrupted by a signal leaves no consumer group (child process, Kafka)', () => {
  let ctx: ClientTestContext;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    ctx = await ClientTestContext.create('replay-int');
    const input = await ctx.topic('replay-int-in', 2);
    const verdicts = await ctx.topic('replay-int-verdicts', 2);
    const t = Date.now() - 60_000;
    const msgs: ChatMessage[] = Array.from({ length: N }, (_, i) => ({
      messageId: `ri-${i}`, tenantId: null, conversationId: `c-${i % 200}`, roomId: null, senderId: `u${i % 50}`, recipientId: null,
      text: `message ${i}: salut, on se voit demain ?`, sentAt: t + i, senderIp: null, senderDeclaredAge: null, locale: 'fr',
    }));
    await ctx.produce(input, msgs.map((m) => codecs.ChatMessage.encodeJson(m)));
    const verdict = (m: ChatMessage): Verdict => ({
      messageId: m.messageId, tenantId: null, conversationId: m.conversationId, roomId: null, senderId: m.senderId, recipientId: null, sentAt: m.sentAt,
      action: 'allow', categories: [], signals: [], escalation: null, enforcement: null, reasons: [], modelVersion: 'm', rulesVersion: 'r', policyVersion: 'p',
      textTruncated: false, textRepaired: false, decidedAt: m.sentAt + 1,
    });
    const producer = await ctx.producer();
    for (let i = 0; i < N; i += 2000) {
      await producer.send({ topic: verdicts, messages: msgs.slice(i, i + 2000).map((m) => ({ key: m.conversationId, value: Buffer.from(codecs.Verdict.encodeAvro(verdict(m))) })) });
    }
    env = { ...process.env, KAFKA_BROKERS: ctx.brokers.join(','), VIGIE_TOPIC_MESSAGES: input, VIGIE_TOPIC_VERDICTS: verdicts };
  });
  after(async () => { await ctx.cleanup(); });

  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    it(`${sig} during the read: the group it was using is deleted, exit 1, no report`, async () => {
      const replayGroups = async () => new Set([...(await ctx.admin.listGroups()).keys()].filter((g) => g.startsWith('vigie-replay-')));
      const before = await replayGroups();
      const report = join(mkdtempSync(join(tmpdir(), 'vigie-replay-int-')), 'report');
      const child = spawn(process.execPath, [MAIN, 'replay', '--from', 'earliest', '--report', report, '--model', 'none'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
      child.stdout.resume();
      const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
      // Ours: a replay group that was not there before and exists while the replay reads.
      let ours: string | undefined;
      const deadline = Date.now() + 120_000;
      while (!ours) {
        assert.ok(Date.now() < deadline && child.exitCode === null, `no replay group seen while replay ran; stderr:\n${err}`);
        ours = [...(await replayGroups())].find((g) => !before.has(g));
        if (!ours) await new Promise((r) => setTimeout(r, 100));
      }
      child.kill(sig);
      const code = await exited;
      assert.equal(code, 1, `exit ${code} (signal ${child.signalCode}); stderr:\n${err}`);
      assert.match(err, new RegExp(`interrupted by ${sig}`));
      assert.equal((await replayGroups()).has(ours), false, `group ${ours} is still on the broker`);
      assert.equal(existsSync(report), false, 'no report for an interrupted replay');
    });
  }
});
