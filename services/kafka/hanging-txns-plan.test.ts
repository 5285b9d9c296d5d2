import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AclOperations } from '@platformatic/kafka';
import { byLeader, leftUnfenced, markerMayLandLater, mayWriteMarkers, NOT_FENCED, NOT_VISIBLE, offsetsPartitionOf, planHanging, stillOpen, txnKey, type CoordinatorView, type OpenTxn } from './hanging-txns-plan.js';

const open = (topic: string, partition: number, producerId: bigint, startOffset = 10n): OpenTxn =>
  ({ topic, partition, producerId, producerEpoch: 0, coordinatorEpoch: 0, startOffset });
const ours = (id: string) => id.startsWith('g-classifier-');
const gc = (id: string) => id.startsWith('g-c-');
const views = (entries: [bigint, string, string][]) => new Map<bigint, CoordinatorView>(entries.map(([p, id, state]) => [p, { transactionalId: id, state }]));

describe('hanging transactions: which to end and how', () => {
  it('ends ours as the coordinator decided (CompleteCommit: COMMIT, CompleteAbort: ABORT); live ones are left running', () => {
    const txns = [open('v', 1, 1n), open('__consumer_offsets', 3, 1n), open('v', 0, 2n), open('a', 2, 3n), open('a', 3, 4n), open('a', 0, 5n)];
    const plan = planHanging(txns, views([
      [1n, 'g-classifier-aaa', 'CompleteAbort'], [2n, 'g-classifier-bbb', 'CompleteCommit'], [3n, 'g-classifier-ccc', 'Ongoing'],
      [4n, 'g-classifier-ddd', 'PrepareCommit'], [5n, 'g-classifier-eee', 'PrepareAbort'],
    ]), ours);
    assert.deepEqual(plan.actions.map((a) => [a.txn.topic, a.txn.partition, a.commit]), [['v', 1, false], ['__consumer_offsets', 3, false], ['v', 0, true]]);
    assert.deepEqual(plan.left, []);
  });

  it('leaves alone what is not ours, what no coordinator knows, and what its coordinator moved on from (outcome unknown)', () => {
    const plan = planHanging([open('v', 1, 7n), open('v', 2, 8n), open('v', 3, 9n), open('v', 0, 10n)], views([
      [7n, 'other-app-1', 'CompleteAbort'], [9n, 'g-classifier-x', 'Empty'], [10n, 'g-classifierX-y', 'CompleteCommit'],
    ]), ours);
    assert.deepEqual(plan.actions, []);
    assert.deepEqual(plan.left.map((l) => [l.txn.producerId, l.reason.split(' ').slice(0, 3).join(' ')]), [
      [7n, 'not a transactional'], [8n, 'no transaction coordinator'], [9n, 'its coordinator no'], [10n, 'not a transactional'],
    ]);
    // Under ACLs another application's range reads so too (ListTransactions lists only the ids this principal may
    // describe): the reason says it is not ours or hidden, not merely "unknown" (review of stop 52).
    assert.equal(plan.left[1]!.reason, NOT_VISIBLE);
    assert.match(NOT_VISIBLE, /not one of ours .*ACLs hide/);
  });

  it('writes only what a second look still finds open at the same start offset', () => {
    const plan = planHanging([open('v', 1, 1n, 100n), open('v', 2, 1n, 200n), open('v', 3, 1n, 300n)], views([[1n, 'g-c-1', 'CompleteAbort']]), gc);
    const again = [open('v', 1, 1n, 100n), open('v', 2, 1n, 250n)];
    assert.deepEqual(stillOpen(plan.actions, again).map((a) => a.txn.partition), [1]);
  });

  it('places a group in __consumer_offsets as Kafka does (Utils.abs(String.hashCode) % partitions)', () => {
    assert.equal(offsetsPartitionOf('chaos7-classifier', 10), 3); // seen on a broker: its offsets were in __consumer_offsets-3
    assert.equal(offsetsPartitionOf('vigie-classifier', 50), 16);
    assert.equal(offsetsPartitionOf('a', 50), 47);
    assert.equal(offsetsPartitionOf('polygenelubricants', 50), 0); // hashCode = Integer.MIN_VALUE: Utils.abs gives 0
    assert.equal(offsetsPartitionOf('', 50), 0);
  });
  it('a transaction fenced by an earlier sweep (coordinator now Empty) keeps the outcome decided before the fence; without it, unknown', () => {
    const txn = open('v', 1, 1n, 50n);
    const first = planHanging([txn], views([[1n, 'g-c-1', 'CompleteCommit']]), gc);
    const remembered = new Map(first.actions.map((a) => [txnKey(a.txn), a]));
    const later = planHanging([txn], views([[1n, 'g-c-1', 'Empty']]), gc, remembered);
    assert.deepEqual(later.actions.map((a) => a.commit), [true]);
    assert.deepEqual(planHanging([txn], views([[1n, 'g-c-1', 'Empty']]), gc).actions, []);
  });
  it('keeps an outcome for the next sweep only when its refused marker may land later (no re-fence on a refusal that lasts)', () => {
    assert.deepEqual(['NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE', 'Connection to 10.0.0.1:9092 failed.'].map(markerMayLandLater), [true, true, true]);
    // A partition the leader does not know yet (metadata behind, a partition being created or moved): retried next sweep.
    assert.equal(markerMayLandLater('UNKNOWN_TOPIC_OR_PARTITION'), true);
    assert.deepEqual(['CLUSTER_AUTHORIZATION_FAILED', 'PRODUCER_FENCED', 'TRANSACTION_COORDINATOR_FENCED', 'INVALID_PRODUCER_EPOCH'].map(markerMayLandLater), [false, false, false, false]);
  });

  it('may write transaction markers only with ALTER or CLUSTER_ACTION on the cluster (DescribeCluster bitfield); not given: null', () => {
    const bits = (...ops: number[]) => ops.reduce((b, op) => b | (1 << op), 0);
    const O = AclOperations;
    // No authorizer: every operation Kafka knows on the cluster.
    assert.equal(mayWriteMarkers(bits(O.CREATE, O.ALTER, O.DESCRIBE, O.CLUSTER_ACTION, O.DESCRIBE_CONFIGS, O.ALTER_CONFIGS, O.IDEMPOTENT_WRITE)), true);
    assert.equal(mayWriteMarkers(bits(O.CLUSTER_ACTION)), true);
    assert.equal(mayWriteMarkers(bits(O.ALTER)), true);
    assert.equal(mayWriteMarkers(bits(O.DESCRIBE, O.ALTER, O.IDEMPOTENT_WRITE)), true);
    // Cluster rights without ClusterAction or Alter (IdempotentWrite, Describe...): no marker may follow a fence.
    assert.equal(mayWriteMarkers(bits(O.DESCRIBE, O.IDEMPOTENT_WRITE, O.CREATE, O.DESCRIBE_CONFIGS, O.ALTER_CONFIGS)), false);
    // Without Describe on the cluster Kafka says 0.
    assert.equal(mayWriteMarkers(0), false);
    // Int32 min: the broker did not say (older broker): unknown, the sweep goes on as before.
    assert.equal(mayWriteMarkers(-2147483648), null);
  });
  it('without the right to write markers, our hanging transactions are left for an operator, the reason saying not fenced (and COMMIT warned)', () => {
    const left = leftUnfenced([{ txn: open('s', 1, 4n), commit: true, transactionalId: 'g-c-1' }, { txn: open('s', 0, 5n), commit: false, transactionalId: 'g-c-2' }]);
    assert.deepEqual(left.map((l) => [l.txn.producerId, l.transactionalId]), [[4n, 'g-c-1'], [5n, 'g-c-2']]);
    assert.ok(left.every((l) => l.reason.startsWith(NOT_FENCED)));
    // What the check really needs (Kafka answers DescribeCluster's operations only with Describe on the cluster; Alter implies it).
    assert.equal(NOT_FENCED, 'this principal may not write transaction markers (that needs ClusterAction with Describe on the cluster, or Alter on the cluster): not fenced');
    assert.deepEqual(left.map((l) => /COMMITTED/.test(l.reason)), [true, false]);
  });

  it('groups by partition leader, each group with its partitions by topic once; a partition without a leader apart', () => {
    const leaders: Record<string, number[]> = { v: [1, 2, -1], o: [2] };
    const items = [open('v', 0, 1n), open('v', 1, 2n), open('o', 0, 3n), open('v', 0, 4n), open('v', 2, 5n), open('x', 0, 6n), open('v', 1, 7n)];
    const { groups, leaderless } = byLeader(items, (t) => t, (tp) => leaders[tp.topic]?.[tp.partition]);
    assert.deepEqual(groups.map((g) => [g.leader, g.items.map((i) => i.producerId), g.topics]), [
      [1, [1n, 4n], [{ topic: 'v', partitions: [0] }]],
      [2, [2n, 3n, 7n], [{ topic: 'v', partitions: [1] }, { topic: 'o', partitions: [0] }]],
    ]);
    assert.deepEqual(leaderless.map((i) => i.producerId), [5n, 6n]);
  });
});
