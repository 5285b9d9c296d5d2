// The classifier worker's wiring of the hanging-transaction sweep (classifier-worker/hanging-sweep.ts): a real worker
// (child process, as the other worker tests run it) with a short VIGIE_CLASSIFIER_HANGING_TXN_SWEEP_MS finds a hanging
// transaction of one of its group's ids on one of its output partitions and ends it: read_committed readers get past it
// and kafka.hanging_txn_ended is logged. The hanging transaction is made as in hanging-txns.test.ts
// (test/support/hanging-txn.ts), which needs transaction verification off: set on the test broker (KAFKA_BROKERS).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Admin } from '@platformatic/kafka';
import { EVENTS } from '../../services/common/events.js';
import { partitionOffsets } from '../../services/kafka/admin.js';
import { allowUnverifiedTxnWrites, restoreTxnVerification, makeHanging } from '../support/hanging-txn.js';
import { setup, startWorker, stopWorker, waitReady, type WorkerSetup } from '../worker/harness.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('classifier worker: hanging-transaction sweep wiring (child process, real broker)', () => {
  let s: WorkerSetup;
  let admin: Admin;
  before(async () => {
    s = await setup('w-hang-sweep', 1);
    admin = new Admin({ clientId: 'hang-sweep-test', bootstrapBrokers: s.brokers, retries: 10, retryDelay: 500 });
    await allowUnverifiedTxnWrites(admin);
  });
  after(async () => {
    // The broker may be shared with the other integration tests (KAFKA_BROKERS): verification back on.
    await (admin ? restoreTxnVerification(admin) : Promise.resolve()).catch(() => undefined);
    await admin?.close().catch(() => undefined);
    await s?.ctx.cleanup();
  });

  it('a hanging transaction of the group\'s id on an output partition is ended by the running worker', async () => {
    const topic = s.topics.verdicts;
    await makeHanging(admin, s.brokers[0]!, { transactionalId: `${s.group}-${randomUUID()}`, topic, commit: true, strayPartition: 1 });
    // Stuck: partition 1's last stable offset stays at the stray record.
    assert.equal((await partitionOffsets(admin, topic, 'latest', true, [1])).get(1), 0n);
    assert.equal((await partitionOffsets(admin, topic, 'latest', false, [1])).get(1), 1n);

    const w = startWorker(s, 'hang-sweep', { VIGIE_CLASSIFIER_HANGING_TXN_SWEEP_MS: '1000', VIGIE_ENGINE_THREADS: '0' });
    let ended: Record<string, unknown> | undefined;
    try {
      await waitReady(w);
      const deadline = Date.now() + 60_000;
      while (!ended && Date.now() < deadline) {
        await sleep(500);
        ended = readFileSync(w.logFile, 'utf8').split('\n').filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === EVENTS.HANGING_TXN_ENDED);
      }
    } finally {
      assert.equal(await stopWorker(w), 0, `clean exit; log ${w.logFile}`);
    }
    assert.ok(ended, `kafka.hanging_txn_ended logged; log ${w.logFile}`);
    assert.deepEqual([ended.topic, ended.partition, ended.marker], [topic, 1, 'COMMIT']);
    // Committed by its coordinator: the stray record is now visible to read_committed readers, which read past it.
    assert.equal((await partitionOffsets(admin, topic, 'latest', true, [1])).get(1), 2n);
    const read = await s.ctx.readAll(topic, { readCommitted: true });
    assert.deepEqual(read.filter((r) => r.partition === 1).map((r) => r.value?.toString()), ['stray']);
  });
});
