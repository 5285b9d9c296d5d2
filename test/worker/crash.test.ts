import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { generateConversations } from '../../services/training/scenario-generator.js';
import { interleave } from '../../services/training/interleave.js';
import type { ChatMessage } from '../../services/contracts/types.js';
import {
  codecs, exactlyOnce, plainProducer, produceMessages, setup, sleep, startWorker, stopWorker, waitReady, type WorkerProc, type WorkerSetup,
} from './harness.js';
import { kcatCommittedPositions } from '../support/kcat.js';

/** Size and cadence; override with env for a longer soak. */
const TARGET = Number(process.env.VIGIE_CRASH_MESSAGES ?? 50_000);
const MAX_KILLS = Number(process.env.VIGIE_CRASH_KILLS ?? 8);
const POISON = 25;

describe('SIGKILL a worker repeatedly mid-stream: every input gets exactly one committed verdict', () => {
  let s: WorkerSetup;
  before(async () => { s = await setup('w-crash', 4); });
  after(async () => { await s.ctx.cleanup(); });

  it(`≥ ${TARGET} messages, up to ${MAX_KILLS} kills every 2–4 s`, { timeout: 1_500_000 }, async () => {
    const stream: ChatMessage[] = [];
    for (const x of interleave(generateConversations({ count: Math.ceil(TARGET / 3), seed: 7, idPrefix: `k${randomBytes(2).toString('hex')}` }))) {
      stream.push(x.message);
      if (stream.length >= TARGET) break;
    }
    const poison = Array.from({ length: POISON }, (_, i) => Buffer.from(`poison-${i}-${randomBytes(6).toString('hex')}`));
    const producer = await plainProducer(s);
    // Poison spread through the stream, on every partition (keys cycle).
    const step = Math.floor(stream.length / POISON);
    for (let i = 0; i < POISON; i++) {
      await produceMessages(producer, s.topics.input, stream.slice(i * step, (i + 1) * step));
      await producer.send({ topic: s.topics.input, messages: [{ key: `poison-key-${i}`, value: poison[i]! }] });
    }
    await produceMessages(producer, s.topics.input, stream.slice(POISON * step));
    const ends = await s.ctx.endOffsets(s.topics.input);
    const done = async () => {
      const c = await s.ctx.committedOffsets(s.group, s.topics.input);
      return [...ends].every(([p, end]) => BigInt(c.get(p) ?? '-1') >= end);
    };
    // One instance name for every restart, as a pod keeps its name: each restart fences the killed one's open transaction at once.
    const env = { VIGIE_CLASSIFIER_BATCH_MAX: '128', VIGIE_CLASSIFIER_INSTANCE: 'crash-slot' };
    let kills = 0;
    let starts = 0;
    let w: WorkerProc = startWorker(s, `run${starts++}`, env);
    const t0 = Date.now();
    while (kills < MAX_KILLS && !(await done())) {
      await waitReady(w, 120_000);
      await sleep(2000 + Math.random() * 2000);
      w.child.kill('SIGKILL');
      await w.exited;
      kills++;
      w = startWorker(s, `run${starts++}`, env);
    }
    // The stream may be complete before the last restart: SIGTERM only a worker that has started (a process
    // signalled while node is still loading has no handler yet and dies by the signal).
    await waitReady(w, 120_000);
    const deadline = Date.now() + 600_000;
    while (!(await done())) {
      assert.ok(Date.now() < deadline, 'the last worker did not finish the stream in time');
      assert.equal(w.child.exitCode, null, `worker died; log ${w.logFile}`);
      await sleep(500);
    }
    assert.equal(await stopWorker(w), 0);
    const seconds = (Date.now() - t0) / 1000;

    const verdicts = (await s.ctx.readAll(s.topics.verdicts, { timeoutMs: 300_000 })).map((r) => codecs.Verdict.decodeAvro(r.value!).messageId);
    const eo = exactlyOnce(stream.map((m) => m.messageId), verdicts);
    const audit = (await s.ctx.readAll(s.topics.audit, { timeoutMs: 300_000 })).map((r) => codecs.AuditRecord.decodeAvro(r.value!).messageId);
    const eoAudit = exactlyOnce(stream.map((m) => m.messageId), audit);
    const dlq = (await s.ctx.readAll(s.topics.dlq)).map((r) => codecs.DeadLetter.decodeAvro(r.value!).originalValue.toString());
    process.stderr.write(`crash test: kills=${kills} inputs=${stream.length}+${POISON} poison verdicts=${verdicts.length} audit=${audit.length} `
      + `missing=${eo.missing.length} duplicates=${eo.duplicates.length} dlq=${dlq.length} seconds=${seconds.toFixed(0)}\n`);
    assert.ok(kills >= 1, 'at least one kill happened');
    // Cross-check with an independent reader (librdkafka's read_committed): as many committed verdicts as inputs.
    assert.equal(kcatCommittedPositions(s.brokers, s.topics.verdicts).length, stream.length, 'kcat read_committed count of verdicts');
    assert.deepEqual({ missing: eo.missing.length, duplicates: eo.duplicates.length, unexpected: eo.unexpected.length }, { missing: 0, duplicates: 0, unexpected: 0 });
    assert.deepEqual({ missing: eoAudit.missing.length, duplicates: eoAudit.duplicates.length }, { missing: 0, duplicates: 0 });
    assert.deepEqual(dlq.slice().sort(), poison.map(String).sort());
  });
});
