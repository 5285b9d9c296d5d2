// Issue 12, start in any order: a classifier started before its topics exist waits (alive, not ready, one
// log line naming what is missing) and classifies once they are created; a SIGTERM while it waits is an
// orderly stop (exit 0). Before, it exited 1 at once ("missing topics"), so a deployment that starts every
// service together lost a restart cycle per classifier, and a supervisor counted a crash.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateConversations } from '../../services/training/scenario-generator.js';
import { interleave } from '../../services/training/interleave.js';
import { createTopic } from '../../services/kafka/admin.js';
import type { WorkerTopics } from '../../services/classifier-worker/options.js';
import { ClientTestContext } from '../support/kafka-client.js';
import { randomName } from '../support/kafka.js';
import {
  exactlyOnce, httpGet, plainProducer, produceMessages, readVerdicts, sleep, startWorker, stopWorker, waitReady, type WorkerProc, type WorkerSetup,
} from './harness.js';

const logOf = (w: WorkerProc) => { try { return readFileSync(w.logFile, 'utf8'); } catch { return ''; } };

async function waitForLog(w: WorkerProc, re: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!re.test(logOf(w))) {
    if (Date.now() > deadline) throw new Error(`no log line ${re} within ${timeoutMs} ms; log:\n${logOf(w)}`);
    await sleep(100);
  }
}

/** Names for a worker's topics, none of them created yet. */
function lateSetup(ctx: ClientTestContext, name: string): WorkerSetup {
  const topics: WorkerTopics = {
    input: randomName(`${name}-in`), verdicts: randomName(`${name}-verdicts`), actions: randomName(`${name}-actions`),
    escalations: randomName(`${name}-esc`), audit: randomName(`${name}-audit`), dlq: randomName(`${name}-dlq`), state: randomName(`${name}-state`),
  };
  for (const t of Object.values(topics)) ctx.own(t);
  return { ctx, topics, group: randomName(`${name}-group`), brokers: ctx.brokers };
}

describe('classifier worker: started before its topics exist', () => {
  let ctx: ClientTestContext;
  before(async () => { ctx = await ClientTestContext.create('w-start-order'); });
  after(async () => { await ctx.cleanup(); });

  it('waits alive and not ready, then classifies every message once the topics are created', async () => {
    const s = lateSetup(ctx, 'w-late');
    const w = startWorker(s, 'late');
    try {
      await waitForLog(w, new RegExp(`waiting for Kafka \\(topics missing: [^)]*${s.topics.input}`));
      const port = await w.port;
      assert.equal((await httpGet(port, '/livez')).status, 200, 'alive while waiting');
      assert.equal((await httpGet(port, '/readyz')).status, 503, 'not ready while its topics are missing');
      assert.equal(w.child.exitCode, null, `still running; log:\n${logOf(w)}`);

      const t = s.topics;
      await createTopic(ctx.admin, t.input, 2);
      for (const topic of [t.verdicts, t.actions, t.escalations, t.audit, t.dlq]) await createTopic(ctx.admin, topic, 1);
      await createTopic(ctx.admin, t.state, 2, 1, { 'cleanup.policy': 'compact' });
      await waitReady(w, 90_000);

      const stream = [...interleave([...generateConversations({ count: 8, seed: 12, idPrefix: 'late' })])].map((x) => x.message);
      await produceMessages(await plainProducer(s), t.input, stream);
      const deadline = Date.now() + 90_000;
      let verdicts = await readVerdicts(s, 3_000);
      while (verdicts.length < stream.length && Date.now() < deadline) verdicts = await readVerdicts(s, 3_000);
      assert.deepEqual(exactlyOnce(stream.map((m) => m.messageId), verdicts.map((v) => v.messageId)), { missing: [], duplicates: [], unexpected: [] });
      assert.match(logOf(w), /classifier worker running/);
    } finally {
      assert.equal(await stopWorker(w), 0, `clean exit; log ${w.logFile}`);
    }
  });

  it('a SIGTERM while it waits for its topics is an orderly stop (exit 0), nothing consumed', async () => {
    const s = lateSetup(ctx, 'w-late-term');
    const w = startWorker(s, 'late-term');
    await waitForLog(w, /waiting for Kafka \(topics missing/);
    w.child.kill('SIGTERM');
    const code = await w.exited;
    assert.equal(code, 0, `exit ${String(code)} (signal ${String(w.child.signalCode)}); log:\n${logOf(w)}`);
    assert.match(logOf(w), /stopped while waiting for Kafka/);
    assert.doesNotMatch(logOf(w), /finishing the window in flight|"msg":"stopped"/, 'one line says it stopped: no window, no group to leave');
    assert.doesNotMatch(logOf(w), /classifier worker running/);
  });
});
