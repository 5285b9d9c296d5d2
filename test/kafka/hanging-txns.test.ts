// Hanging transactions on a real broker (kafka/hanging-txns.ts). Kafka makes them when a coordinator ends a
// transaction while one of its partitions has no leader (a single-node broker stopping); that cannot be timed in a
// test, so the test makes the same state directly: on a private broker with transaction verification off, records
// and a group offset are written under the producer id of a transaction that its coordinator already committed
// (or aborted), without adding the partitions to it (a partition that producer has not written yet, so its sequence
// numbers start afresh there). The partitions then hold a transaction open that no coordinator
// will ever end: read_committed readers stop at it and the group's offset stays UNSTABLE_OFFSET_COMMIT, exactly as
// the chaos run saw after a broker restart.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Admin, Producer, kGetConnection, type Broker, type Connection } from '@platformatic/kafka';
import { allowUnverifiedTxnWrites, makeHanging as makeHangingTxn } from '../support/hanging-txn.js';
import { compileLocalBrokerOptions, localBrokerRawFromEnv } from '../../services/kafka/local-broker-options.js';
import { ensureLocalBroker, stopLocalBroker } from '../../services/kafka/local-broker.js';
import { partitionOffsets } from '../../services/kafka/admin.js';
import { partitionsToSweep, sweepHangingTransactions } from '../../services/kafka/hanging-txns.js';
import { isGroupTransactionalId } from '../../services/classifier-worker/transactional-id.js';
import { freePort } from '../support/net.js';

const report = (m: string) => process.stderr.write(`private broker: ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('hanging transactions of our own ids are ended as their coordinator decided (private broker)', () => {
  let broker: ReturnType<typeof compileLocalBrokerOptions>;
  let bootstrap = '';
  let admin: Admin;
  /** No retries: an UNSTABLE_OFFSET_COMMIT answer is the result looked for, not a reason to ask again. */
  let probe: Admin;
  const TOPIC = 'hang.out';
  const GROUP = 'hang-classifier';
  const ours = (id: string) => isGroupTransactionalId(GROUP, id);

  before(async () => {
    const port = await freePort();
    broker = compileLocalBrokerOptions({ ...localBrokerRawFromEnv(process.env), port, controllerPort: await freePort(), dataDir: mkdtempSync(join(tmpdir(), 'vigie-hanging-')) });
    ({ bootstrap } = await ensureLocalBroker(broker, report));
    admin = new Admin({ clientId: 'hang-test', bootstrapBrokers: [bootstrap], retries: 10, retryDelay: 500 });
    probe = new Admin({ clientId: 'hang-probe', bootstrapBrokers: [bootstrap], retries: 0 });
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.createTopics({ topics: [TOPIC], partitions: 4, replicas: 1 });
        break;
      } catch (err) {
        if (attempt >= 10) throw err;
        await sleep(1000);
      }
    }
    await allowUnverifiedTxnWrites(admin);
  });

  after(async () => {
    await admin?.close().catch(() => undefined);
    await probe?.close().catch(() => undefined);
    if (broker) await stopLocalBroker(broker, { wipe: true }, report);
  });

  const makeHanging = (transactionalId: string, commit: boolean, strayPartition: number, strayOffset: bigint, keepOpen = false) =>
    makeHangingTxn(admin, bootstrap, { transactionalId, topic: TOPIC, commit, strayPartition, group: GROUP, strayOffset, keepOpen });

  const stableOffset = async (partition: number): Promise<string> => {
    try {
      const r = await probe.listConsumerGroupOffsets({ groups: [{ groupId: GROUP, topics: [{ name: TOPIC, partitionIndexes: [partition] }] }], requireStable: true });
      return String(r[0]!.topics[0]!.partitions[0]!.committedOffset);
    } catch {
      return 'unstable';
    }
  };

  it('a stray write hangs (readers and the group offset stuck); one sweep ends it; a second finds nothing', async () => {
    await makeHanging(`${GROUP}-one`, true, 1, 1n);
    // Stuck: the last stable offset of partition 1 stays at the stray record, the group's offset is unstable.
    const lso = await partitionOffsets(admin, TOPIC, 'latest', true, [1]);
    const hw = await partitionOffsets(admin, TOPIC, 'latest', false, [1]);
    assert.equal(lso.get(1), 0n);
    assert.equal(hw.get(1), 1n);
    assert.equal(await stableOffset(1), 'unstable');

    const wanted = (await partitionsToSweep(admin, [TOPIC], GROUP)).partitions;
    assert.deepEqual(wanted.map((w) => w.topic), [TOPIC, '__consumer_offsets']);
    const r = await sweepHangingTransactions(admin, wanted, ours);
    assert.deepEqual(r.ended.map((a) => [a.txn.topic === TOPIC ? 'out' : 'offsets', a.commit]).sort(), [['offsets', true], ['out', true]]);
    assert.deepEqual(r.refused, []);
    // The coordinator had committed: the stray record and the offset are committed with it.
    assert.equal((await partitionOffsets(admin, TOPIC, 'latest', true, [1])).get(1), 2n); // record + COMMIT marker
    assert.equal(await stableOffset(1), '1');
    const again = await sweepHangingTransactions(admin, wanted, ours);
    assert.deepEqual([again.ended.length, again.left.length, again.refused.length, again.open], [0, 0, 0, 0]);
  });

  it('an aborted transaction is ended with ABORT; another service\'s hanging transaction is left alone and reported', async () => {
    await makeHanging(`${GROUP}-two`, false, 2, 5n);
    await makeHanging('other-app-1', true, 3, 7n);
    const wanted = (await partitionsToSweep(admin, [TOPIC], GROUP)).partitions;
    const r = await sweepHangingTransactions(admin, wanted, ours);
    assert.deepEqual(r.ended.map((a) => [a.txn.topic === TOPIC ? a.txn.partition : 'offsets', a.commit]).sort(), [[2, false], ['offsets', false]]);
    assert.deepEqual(r.left.map((l) => [l.txn.topic === TOPIC ? l.txn.partition : 'offsets', l.transactionalId]).sort(), [[3, 'other-app-1'], ['offsets', 'other-app-1']]);
    // Aborted: partition 2's last stable offset moves past the stray record (not visible), the offset was never committed.
    assert.equal((await partitionOffsets(admin, TOPIC, 'latest', true, [2])).get(2), 2n);
    assert.equal(await stableOffset(2), '-1');
    // The other service's transaction still holds partition 3 and the group offsets partition.
    assert.equal((await partitionOffsets(admin, TOPIC, 'latest', true, [3])).get(3), 0n);
  });
  it('the id is fenced before its markers: a producer still running with it cannot add to the range, its next transaction fails', async () => {
    const live = await makeHanging(`${GROUP}-live`, true, 1, 3n, true);
    try {
      const wanted = (await partitionsToSweep(admin, [TOPIC], GROUP)).partitions;
      const r = await sweepHangingTransactions(admin, wanted, ours);
      assert.deepEqual(r.fenced, [`${GROUP}-live`]);
      assert.deepEqual(r.ended.map((a) => [a.txn.topic === TOPIC ? a.txn.partition : 'offsets', a.commit]).sort(), [[1, true], ['offsets', true]]);
      assert.equal(await stableOffset(1), '3');
      // The process that still holds the id is fenced: its next transaction is refused by the coordinator.
      await assert.rejects(async () => {
        const t = await live.beginTransaction();
        await t.send({ messages: [{ topic: TOPIC, partition: 1, key: Buffer.from('late'), value: Buffer.from('late') }] });
        await t.commit();
      });
      const lso = (await partitionOffsets(admin, TOPIC, 'latest', true, [0, 1]));
      const hw = (await partitionOffsets(admin, TOPIC, 'latest', false, [0, 1]));
      assert.deepEqual(lso, hw, 'nothing left open on partitions 0 and 1');
    } finally {
      await live.close().catch(() => undefined);
    }
  });
  it('a healthy producer whose markers land between DescribeProducers and ListTransactions is not fenced', async () => {
    const healthy = new Producer({ clientId: 'hang-healthy', bootstrapBrokers: [bootstrap], transactionalId: `${GROUP}-healthy`, idempotent: true, retries: 5 });
    const raw = admin as unknown as Record<symbol, (b: Broker, cb: (e: Error | null, c?: Connection) => void) => void>;
    const getConnection = raw[kGetConnection]!;
    try {
      const t = await healthy.beginTransaction();
      await t.send({ messages: [{ topic: TOPIC, partition: 2, key: Buffer.from('h'), value: Buffer.from('in flight') }] });
      const wanted = (await partitionsToSweep(admin, [TOPIC], GROUP)).partitions;
      let committed = false;
      // The sweep has seen the transaction open (DescribeProducers); it commits (markers and all) just before ListTransactions.
      raw[kGetConnection] = function (this: unknown, b: Broker, cb: (e: Error | null, c?: Connection) => void) {
        if (committed || !new Error().stack?.includes('coordinatorViews')) return getConnection.call(this, b, cb);
        committed = true;
        // EndTxn answers at PrepareCommit; the coordinator says CompleteCommit once the markers have landed.
        t.commit().then(() => sleep(500)).then(() => getConnection.call(this, b, cb), (e: Error) => cb(e));
      };
      const r = await sweepHangingTransactions(admin, wanted, ours);
      assert.ok(committed, 'the commit ran between the two requests');
      assert.deepEqual(r.fenced, []);
      raw[kGetConnection] = getConnection;
      const next = await healthy.beginTransaction();
      await next.send({ messages: [{ topic: TOPIC, partition: 2, key: Buffer.from('h'), value: Buffer.from('next') }] });
      await next.commit(); // refused (PRODUCER_FENCED) had the sweep fenced the healthy producer
    } finally {
      raw[kGetConnection] = getConnection;
      await healthy.close().catch(() => undefined);
    }
  });
});
