/**
 * Which open transactions on our partitions are hanging, and which marker ends each: the decision part of
 * hanging-txns.ts. Pure.
 *
 * A hanging transaction is one a partition still holds open while its transaction coordinator has finished it.
 * Kafka makes them when the coordinator completes a transaction while a partition of it has no leader: it takes the
 * partition for deleted and skips its marker (TransactionMarkerChannelManager, "Couldn't find leader endpoint ...
 * these partitions are likely deleted already and hence can be skipped"). A single-node broker stopped the normal
 * way does exactly that to a transaction it ends during its shutdown (found by the chaos run: the classifier's group
 * offsets of one partition stayed UNSTABLE_OFFSET_COMMIT for good, so the worker that got the partition waited for a
 * stable offset for ever; the output partitions of that transaction kept their last stable offset at its start, so
 * read_committed readers such as the audit sink stopped there too). Nothing in Kafka ends such a transaction by itself;
 * `kafka-transactions.sh abort` does it by hand with a WriteTxnMarkers request, and so does hanging-txns.ts.
 *
 * Only transactions of our own transactional ids are ended (`own`), and only when the coordinator has finished
 * with the producer's last transaction (CompleteCommit, CompleteAbort): the marker written is that outcome. Under
 * transaction version 1 (what the client speaks) the coordinator keeps the state of the producer's LAST transaction only,
 * and the same epoch across transactions: when the producer went on after the lost marker, the outcome written is its
 * last transaction's, not necessarily the hanging one's. That is harmless when the whole hanging transaction lost its
 * markers and its producer wrote nothing after it (stopped, or fenced): every partition of it gets the same marker, it
 * happened everywhere or nowhere, exactly-once holds — the case of a single-node broker stopping, where no partition
 * has a leader, with the producer gone. A producer that went on closes the ranges its next transaction writes with that
 * transaction's outcome, and the sweep the others with its last one's: the same only if those later transactions all
 * ended alike (docs/classifier-worker.md). A transaction that lost only some markers (a
 * multi-broker cluster with a partition whose every replica is down at that moment) can get the other outcome on the
 * partitions that lost theirs. Before any marker the producer is fenced (hanging-txns.ts), so no live writer of that
 * id can add records to the range being ended. A coordinator that has forgotten the producer leaves the outcome unknown:
 * reported for an operator, not touched.
 */

/** A transaction a partition holds open (DescribeProducers: a producer with a current transaction start offset). */
export interface OpenTxn {
  topic: string;
  partition: number;
  producerId: bigint;
  producerEpoch: number;
  coordinatorEpoch: number;
  startOffset: bigint;
}

/** What the transaction coordinators say of a producer id (ListTransactions). */
export interface CoordinatorView { transactionalId: string; state: string }

/** A marker to write: ends `txn` on its partition as the coordinator decided. */
export interface MarkerAction { txn: OpenTxn; commit: boolean; transactionalId: string }

/** A hanging transaction that is not ours, or whose outcome is unknown: left for an operator, with the reason. */
export interface LeftTxn { txn: OpenTxn; transactionalId: string | null; reason: string }

export interface HangingPlan { actions: MarkerAction[]; left: LeftTxn[] }

/**
 * A producer id no coordinator listed: under an authorizer ListTransactions lists only the transactional ids this
 * principal may describe, so another application's transaction reads so too; without one, a coordinator that forgot it.
 */
export const NOT_VISIBLE = 'no transaction coordinator lists its producer id to this service: not one of ours (another application\'s transactional id, which the ACLs hide from this principal), or one its coordinator has forgotten';

const ONGOING = new Set(['Ongoing', 'PrepareCommit', 'PrepareAbort', 'PrepareEpochFence']);

/**
 * The open transactions whose coordinator has finished with them. `states` maps a producer id to its coordinator's
 * view; a producer id absent from it is unknown to every coordinator. Transactions still ongoing there are live.
 */
export function planHanging(open: readonly OpenTxn[], states: ReadonlyMap<bigint, CoordinatorView>, own: (transactionalId: string) => boolean,
  remembered: ReadonlyMap<string, MarkerAction> = new Map()): HangingPlan {
  const actions: MarkerAction[] = [];
  const left: LeftTxn[] = [];
  for (const txn of open) {
    const view = states.get(txn.producerId);
    if (view && ONGOING.has(view.state)) continue;
    if (!view) { left.push({ txn, transactionalId: null, reason: NOT_VISIBLE }); continue; }
    if (!own(view.transactionalId)) { left.push({ txn, transactionalId: view.transactionalId, reason: 'not a transactional id of this service' }); continue; }
    // Fenced by an earlier sweep whose markers did not all land: the coordinator now says Empty; the outcome read
    // before that fence still holds.
    const before = remembered.get(txnKey(txn));
    if (view.state === 'Empty' && before) { actions.push({ txn, commit: before.commit, transactionalId: view.transactionalId }); continue; }
    if (view.state === 'CompleteCommit' || view.state === 'CompleteAbort') {
      actions.push({ txn, commit: view.state === 'CompleteCommit', transactionalId: view.transactionalId });
    } else {
      left.push({ txn, transactionalId: view.transactionalId, reason: `its coordinator no longer says how it ended (state ${view.state})` });
    }
  }
  return { actions, left };
}

/** AclOperation codes (Kafka's AclOperation) that let a principal write transaction markers: ALTER or CLUSTER_ACTION on the cluster. */
const ALTER = 7;
const CLUSTER_ACTION = 9;
/** DescribeCluster's clusterAuthorizedOperations when the broker did not say (not asked, or an older broker). */
const NOT_GIVEN = -2147483648;

/**
 * Whether this principal may write transaction markers, from DescribeCluster's `clusterAuthorizedOperations` (bit n
 * for AclOperation code n). Kafka authorizes WriteTxnMarkers with ALTER on the cluster or CLUSTER_ACTION; with no
 * authorizer it returns every operation; a principal without Describe on the cluster gets 0. Null when not given
 * (Int32 min): the caller goes on as if it may (the marker's refusal, if any, then says so).
 * Without the right a fence can never be followed by a marker: the sweep must not fence (it would stop a healthy
 * classifier at every sweep), only report.
 */
export function mayWriteMarkers(clusterAuthorizedOperations: number): boolean | null {
  if (clusterAuthorizedOperations === NOT_GIVEN) return null;
  return (clusterAuthorizedOperations & ((1 << ALTER) | (1 << CLUSTER_ACTION))) !== 0;
}

/** The reason given for a hanging transaction of ours the sweep may not end (mayWriteMarkers false). */
export const NOT_FENCED = 'this principal may not write transaction markers (that needs ClusterAction with Describe on the cluster, or Alter on the cluster): not fenced';

/** Hanging transactions of ours left for an operator because this principal may not write markers: not fenced, reported. */
export function leftUnfenced(actions: readonly MarkerAction[]): LeftTxn[] {
  return actions.map((a) => ({ txn: a.txn, transactionalId: a.transactionalId,
    reason: NOT_FENCED + (a.commit ? '; its coordinator COMMITTED it, so an abort by hand discards committed records' : '') }));
}

/** A partition, as a key. */
export const partitionKey = (tp: { topic: string; partition: number }) => `${tp.topic}:${tp.partition}`;

/** One open transaction on one partition: its producer id and where it starts. */
export const txnKey = (t: OpenTxn) => `${partitionKey(t)}:${t.producerId}:${t.startOffset}`;

/**
 * The actions whose transaction is still open, at the same start offset, in a later look (`again`) taken after the
 * coordinators were asked: a partition whose marker was merely in flight is closed by then. Only those are written.
 */
export function stillOpen(actions: readonly MarkerAction[], again: readonly OpenTxn[]): MarkerAction[] {
  const open = new Set(again.map(txnKey));
  return actions.filter((a) => open.has(txnKey(a.txn)));
}

/** A partition of a topic. */
export interface TopicPartition { topic: string; partition: number }
/** Partitions by topic (a request's layout). */
export interface TopicPartitions { topic: string; partitions: number[] }

/** Items that go to one partition leader, and their distinct partitions by topic (the request to send it). */
export interface LeaderGroup<T> { leader: number; items: T[]; topics: TopicPartitions[] }

/**
 * Groups `items` by the leader of their partition (`at`), each group with its partitions by topic, each partition once;
 * items whose partition has no leader (`leaderOf` undefined or negative) come back apart.
 */
export function byLeader<T>(items: readonly T[], at: (t: T) => TopicPartition, leaderOf: (tp: TopicPartition) => number | undefined): { groups: LeaderGroup<T>[]; leaderless: T[] } {
  const groups = new Map<number, LeaderGroup<T>>();
  const leaderless: T[] = [];
  for (const item of items) {
    const tp = at(item);
    const leader = leaderOf(tp);
    if (leader === undefined || leader < 0) { leaderless.push(item); continue; }
    let g = groups.get(leader);
    if (!g) groups.set(leader, g = { leader, items: [], topics: [] });
    g.items.push(item);
    let entry = g.topics.find((e) => e.topic === tp.topic);
    if (!entry) g.topics.push(entry = { topic: tp.topic, partitions: [] });
    if (!entry.partitions.includes(tp.partition)) entry.partitions.push(tp.partition);
  }
  return { groups: [...groups.values()], leaderless };
}

/** Java's String.hashCode, as Kafka uses it to place a group in __consumer_offsets. */
function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** The __consumer_offsets partition that holds `groupId`'s offsets (Kafka: Utils.abs(groupId.hashCode) % partitions). */
export function offsetsPartitionOf(groupId: string, partitions: number): number {
  const h = javaHash(groupId);
  return (h === -2147483648 ? 0 : Math.abs(h)) % partitions;
}

/**
 * Marker refusals that may not recur: a leader moving, a partition the broker does not know yet (metadata behind, a
 * partition being created or reassigned: UNKNOWN_TOPIC_OR_PARTITION), or a request that failed outright (no error name,
 * the broker away). Tried again at the next sweep.
 */
const TRANSIENT = new Set(['NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE', 'UNKNOWN_TOPIC_OR_PARTITION', 'NO_RESULT']);

/**
 * Whether a refused marker may land at a later sweep, so that the outcome decided before its fence is worth keeping.
 * A refusal that will not change (CLUSTER_AUTHORIZATION_FAILED under an authorizer, a fenced epoch) is not: keeping it
 * would fence the id again at every sweep (a classifier running with a stable instance name stopped every 30 s).
 */
export function markerMayLandLater(error: string): boolean {
  return TRANSIENT.has(error) || !/^[A-Z_]+$/.test(error);
}
