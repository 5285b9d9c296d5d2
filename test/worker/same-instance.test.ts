// Two classifier processes started with the same settings, VIGIE_CLASSIFIER_INSTANCE included (one environment
// copied to two pods): they share one transactional id, so each start fences the other. The fenced one used to stop
// with the raw broker error (consumer.crash, "PRODUCER_FENCED: There is a newer producer ..."); it now says why and
// what to change (VIGIE_CLASSIFIER_INSTANCE per process), exits 1, and the outputs stay exactly once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateConversations } from '../../services/training/scenario-generator.js';
import { interleave } from '../../services/training/interleave.js';
import { exactlyOnce, plainProducer, produceMessages, readVerdicts, setup, sleep, startWorker, stopWorker, waitReady, type WorkerSetup } from './harness.js';

describe('classifier worker: two processes with the same VIGIE_CLASSIFIER_INSTANCE', () => {
  let s: WorkerSetup;
  before(async () => { s = await setup('w-same-inst', 2); });
  after(async () => { await s.ctx.cleanup(); });

  it('the fenced one stops with a message naming VIGIE_CLASSIFIER_INSTANCE; every verdict once', async () => {
    const env = { VIGIE_CLASSIFIER_INSTANCE: 'pod-a', VIGIE_ENGINE_THREADS: '0', VIGIE_CLASSIFIER_CHECKPOINT_MS: '0' };
    const a = startWorker(s, 'first', env);
    const b = startWorker(s, 'second', env);
    try {
      await waitReady(a);
      await waitReady(b);
      const msgs = [...interleave(generateConversations({ count: 30, seed: 5, idPrefix: 'dup' }))].map((x) => x.message);
      const producer = await plainProducer(s);
      await produceMessages(producer, s.topics.input, msgs);
      // One of the two is fenced at its first transaction after the other's start.
      const first = await Promise.race([a.exited.then((c) => ({ w: a, c, other: b })), b.exited.then((c) => ({ w: b, c, other: a })), sleep(90_000).then(() => null)]);
      assert.ok(first, 'one of the two workers stopped');
      assert.equal(first.c, 1);
      const log = readFileSync(first.w.logFile, 'utf8');
      assert.match(log, /"event":"worker\.fenced"/);
      assert.match(log, /VIGIE_CLASSIFIER_INSTANCE=pod-a/);
      assert.match(log, /consumer stopped: fenced: another classifier process now holds transactional id/);
      const verdicts = await (async () => {
        for (const deadline = Date.now() + 90_000; ;) {
          const v = await readVerdicts(s, 5_000);
          if (v.length >= msgs.length || Date.now() > deadline) return v;
          await sleep(1_000);
        }
      })();
      assert.deepEqual(exactlyOnce(msgs.map((m) => m.messageId), verdicts.map((v) => v.messageId)), { missing: [], duplicates: [], unexpected: [] });
      assert.equal(await stopWorker(first.other), 0);
    } finally {
      await stopWorker(a, 'SIGKILL');
      await stopWorker(b, 'SIGKILL');
    }
  });
});
