import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConversations } from '../../services/training/scenario-generator.js';
import { interleave } from '../../services/training/interleave.js';
import { compileLocalBrokerOptions, localBrokerRawFromEnv } from '../../services/kafka/local-broker-options.js';
import { ensureLocalBroker, stopLocalBroker } from '../../services/kafka/local-broker.js';
import { ClientTestContext } from '../support/kafka-client.js';
import {
  exactlyOnce, plainProducer, produceMessages, readVerdicts, setup, sleep, startWorker, stopWorker, waitReady, type WorkerSetup,
} from './harness.js';

// A private broker (own port and data folder) so the shared broker is never stopped.
const PORT = 19000 + Math.floor(Math.random() * 800) * 2;
const broker = compileLocalBrokerOptions({
  ...localBrokerRawFromEnv(process.env), port: PORT, controllerPort: PORT + 1, dataDir: mkdtempSync(join(tmpdir(), 'vigie-broker-restart-')),
});
const report = (m: string) => process.stderr.write(`private broker: ${m}\n`);

describe('broker restart mid-stream: the worker recovers by itself, exactly once holds', () => {
  let s: WorkerSetup;
  before(async () => {
    const { bootstrap } = await ensureLocalBroker(broker, report);
    process.env.KAFKA_BROKERS = bootstrap; // this test file runs in its own process
    const ctx = await ClientTestContext.create('w-brestart');
    // A broker that has just formatted its storage may answer UNKNOWN_TOPIC_OR_PARTITION for a moment.
    for (let attempt = 0; ; attempt++) {
      try {
        s = await setup('w-brestart', 3, ctx);
        break;
      } catch (err) {
        if (attempt >= 5) throw err;
        await sleep(2000);
      }
    }
  });
  after(async () => {
    await s?.ctx.cleanup().catch(() => undefined);
    await stopLocalBroker(broker, { wipe: true }, report);
  });

  it('stop and restart the broker while the worker runs', { timeout: 600_000 }, async () => {
    const stream = [...interleave(generateConversations({ count: 1500, seed: 77, idPrefix: 'br' }))].map((x) => x.message);
    const firstHalf = stream.slice(0, Math.floor(stream.length * 0.6));
    let producer = await plainProducer(s);
    await produceMessages(producer, s.topics.input, firstHalf);
    const w = startWorker(s, 'brestart', { VIGIE_CLASSIFIER_BATCH_MAX: '64' });
    await waitReady(w, 120_000);
    for (let i = 0; ; i++) {
      const c = await s.ctx.committedOffsets(s.group, s.topics.input);
      if ([...c.values()].some((o) => BigInt(o) > 0n)) break;
      assert.ok(i < 200, 'progress before the restart');
      await sleep(200);
    }
    await stopLocalBroker(broker, {}, report);
    await sleep(3000);
    assert.equal(w.child.exitCode, null, 'the worker survives the broker outage');
    await ensureLocalBroker(broker, report);
    // Right after start-up the broker may still be loading partitions: retry until it takes writes.
    let ends = new Map<number, bigint>();
    for (let attempt = 0; ; attempt++) {
      try {
        producer = await plainProducer(s);
        await produceMessages(producer, s.topics.input, stream.slice(firstHalf.length));
        ends = await s.ctx.endOffsets(s.topics.input);
        break;
      } catch (err) {
        assert.ok(attempt < 30, `broker takes writes again: ${(err as Error).message}`);
        await sleep(1000);
      }
    }
    const deadline = Date.now() + 300_000;
    for (;;) {
      const c = await s.ctx.committedOffsets(s.group, s.topics.input).catch(() => new Map<number, string>());
      if ([...ends].every(([p, e]) => BigInt(c.get(p) ?? '-1') >= e)) break;
      assert.equal(w.child.exitCode, null, `worker exited; log ${w.logFile}`);
      assert.ok(Date.now() < deadline, `worker caught up after the restart; log ${w.logFile}`);
      await sleep(500);
    }
    assert.equal(await stopWorker(w), 0);
    const verdicts = await readVerdicts(s, 60_000);
    const eo = exactlyOnce(stream.map((m) => m.messageId), verdicts.map((v) => v.messageId));
    process.stderr.write(`broker restart: inputs=${stream.length} verdicts=${verdicts.length} missing=${eo.missing.length} duplicates=${eo.duplicates.length}\n`);
    assert.deepEqual({ missing: eo.missing.length, duplicates: eo.duplicates.length, unexpected: eo.unexpected.length }, { missing: 0, duplicates: 0, unexpected: 0 });
  });
});
