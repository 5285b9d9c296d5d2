/**
 * The progress check on a real broker: the verdicts topic refuses every record (max.message.bytes below any record
 * batch), so each window's commit fails, the loop aborts, backs off, rewinds and takes the same records again, every
 * step short (the stall check sees nothing). Idle first, the worker stays live past the progress timeout (no input,
 * no trip). With input, /livez turns 503 with the "no progress" reason, `worker.no_progress` is logged (warning, then
 * fatal) and the worker exits 1 for its supervisor to restart it; nothing reached read_committed readers.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ChatMessage } from '../../services/contracts/types.js';
import { httpGet, plainProducer, produceMessages, setup, sleep, startWorker, stopWorker, untilNotLive, waitReady, type WorkerSetup } from './harness.js';
import { ClientTestContext } from '../support/kafka-client.js';

const msg = (i: number): ChatMessage => ({
  messageId: `np-${i}`, tenantId: null, conversationId: `npc-${i % 2}`, roomId: null, senderId: `u${i % 2}`, recipientId: 'v', text: `bonjour ${i}`,
  sentAt: Date.now(), senderIp: null, senderDeclaredAge: null, locale: 'fr',
});

describe('progress check: commits failing in a loop', () => {
  let s: WorkerSetup;
  before(async () => {
    const ctx = await ClientTestContext.create('w-noprog');
    s = await setup('w-noprog', 1, ctx);
    // Replace the verdicts topic with one that refuses every record batch (a batch's header alone is 61 bytes).
    s.topics.verdicts = await ctx.topic('w-noprog-verdicts-tiny', 1, { 'max.message.bytes': '64' });
  });
  after(async () => { await s.ctx.cleanup(); });

  it('idle: live past the timeout; input whose commits fail: /livez 503 "no progress", worker.no_progress, exit 1', { timeout: 240_000 }, async () => {
    const w = startWorker(s, 'noprog', { VIGIE_CLASSIFIER_PROGRESS_WARN_MS: '1000', VIGIE_CLASSIFIER_PROGRESS_TIMEOUT_MS: '6000', VIGIE_CLASSIFIER_LIVEZ_PROGRESS_MS: '2000' });
    try {
      const port = await waitReady(w, 120_000);
      await sleep(8000); // idle, beyond the progress timeout
      assert.equal(w.child.exitCode, null, 'an idle worker is not stopped by the progress check');
      assert.equal((await httpGet(port, '/livez')).status, 200, 'an idle worker is live');

      await produceMessages(await plainProducer(s), s.topics.input, [msg(1), msg(2), msg(3)]);
      const notLive = await untilNotLive(w, port, 600);
      assert.ok(notLive, 'livez turned not live before the exit');
      assert.equal(notLive.status, 503);
      const body = JSON.parse(notLive.body) as { live: boolean; reason: { check: string; abortsSinceCommit: number; assigned: number[] } };
      assert.equal(body.live, false);
      assert.equal(body.reason.check, 'no progress');
      assert.deepEqual(body.reason.assigned, [0]);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'still running'>((r) => { timer = setTimeout(() => r('still running'), 120_000); });
      const code = await Promise.race([w.exited, late]);
      clearTimeout(timer); // or the file lives on for the rest of the 120 s
      assert.equal(code, 1, 'exit 1 for the supervisor to restart it');
      const lines = readFileSync(w.logFile, 'utf8').split('\n').filter((l) => l.includes('"worker.no_progress"')).map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.ok(lines.some((l) => l.fatal !== true && l.level === 40), 'a warning first');
      const fatal = lines.find((l) => l.fatal === true);
      assert.ok(fatal, 'then the fatal line');
      assert.ok((fatal.abortsSinceCommit as number) >= 1, 'with the aborts since the last commit');
      assert.deepEqual(fatal.assigned, [0]);
      assert.equal(readFileSync(w.logFile, 'utf8').includes('"worker.stalled"'), false, 'the stall check saw nothing');
    } finally {
      await stopWorker(w, 'SIGKILL');
    }
    assert.deepEqual((await s.ctx.readAll(s.topics.audit, { timeoutMs: 3000 })).length, 0, 'nothing committed');
  });
});
