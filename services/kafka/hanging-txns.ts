/**
 * Finds and ends hanging transactions of this service on the partitions it writes (hanging-txns-plan.ts says what
 * they are and why Kafka leaves them): DescribeProducers to each partition leader, ListTransactions to every broker
 * (each is the coordinator of some transactional ids), then, for each transactional id with a hanging transaction, an
 * InitProducerId that fences it (a live process of that id — a classifier whose marker was lost and that is still
 * running — gets PRODUCER_FENCED on its next step, stops, and is restarted by its supervisor: no live writer can add
 * records to the range being ended), a second DescribeProducers, then one WriteTxnMarkers request per leader with the
 * marker the coordinator had decided — what `kafka-transactions.sh abort` sends by hand. With an authorizer,
 * WriteTxnMarkers needs ClusterAction or Alter on the cluster: refused, the caller is told (`SweepResult.refused`) and logs how
 * an operator ends them instead. So that no id is fenced for nothing, the sweep first asks (DescribeCluster) whether it may
 * write markers at all; when it may not, it fences nothing and reports the hanging transactions of its ids for an operator.
 */
import {
  createAPI, describeClusterV1, DescribeClusterEndpointTypes, describeProducersV0, initProducerIdV5, kGetConnection, listTransactionsV1, metadataV12, protocolErrorsCodesById, Writer, type Admin, type Broker, type Connection, type Reader,
} from '@platformatic/kafka';
import { brokerErrorIds } from './client-options.js';
import {
  byLeader, leftUnfenced, markerMayLandLater, mayWriteMarkers, partitionKey, offsetsPartitionOf, planHanging, stillOpen, txnKey, type CoordinatorView, type LeftTxn, type MarkerAction, type OpenTxn, type TopicPartition, type TopicPartitions,
} from './hanging-txns-plan.js';

export type { TopicPartitions } from './hanging-txns-plan.js';

interface MarkerRequest { producerId: bigint; producerEpoch: number; commit: boolean; topics: { name: string; partitions: number[] }[]; coordinatorEpoch: number }
interface MarkerResult { producerId: bigint; topics: { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[] }

/** WriteTxnMarkers v1 request (api key 27; flexible): what the transaction coordinator sends to partition leaders. */
export function createWriteTxnMarkersRequest(markers: readonly MarkerRequest[]): Writer {
  return Writer.create()
    .appendArray(markers as MarkerRequest[], (w, m) => {
      w.appendInt64(m.producerId).appendInt16(m.producerEpoch).appendBoolean(m.commit)
        .appendArray(m.topics, (w, t) => { w.appendString(t.name).appendArray(t.partitions, (w, p) => w.appendInt32(p), true, false); })
        .appendInt32(m.coordinatorEpoch);
    })
    .appendTaggedFields();
}

export function parseWriteTxnMarkersResponse(_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader): MarkerResult[] {
  const markers = reader.readArray((r) => ({
    producerId: r.readInt64(),
    topics: r.readArray((r) => ({ name: r.readString(), partitions: r.readArray((r) => ({ partitionIndex: r.readInt32(), errorCode: r.readInt16() })) })),
  }));
  reader.readTaggedFields();
  return markers;
}

const writeTxnMarkersV1 = createAPI<[markers: readonly MarkerRequest[]], MarkerResult[]>(27, 1, createWriteTxnMarkersRequest, parseWriteTxnMarkersResponse);

export interface SweepResult {
  /** Transactions ended, with the marker written. */
  ended: MarkerAction[];
  /** Hanging transactions left alone (not ours, or their outcome unknown). */
  left: LeftTxn[];
  /** Markers the broker refused (error name per transaction), e.g. CLUSTER_AUTHORIZATION_FAILED. */
  refused: { action: MarkerAction; error: string }[];
  /** Open transactions seen (live ones included). */
  open: number;
  /** Their keys (txnKey): what the caller's memory of earlier sweeps is pruned to. */
  openKeys: string[];
  /**
   * The partitions the first look described (partitionKey). One it could not (no leader or broker, the ACLs) says
   * nothing of what it holds: the caller keeps its memory of it (a remembered outcome is needed once it is back).
   */
  looked: string[];
  /** Transactional ids fenced before their markers were written. */
  fenced: string[];
  /** Topics the ACLs keep the sweep from looking at (the rest was swept). */
  denied: Denied[];
}

/** What the sweep is to look at, and what the ACLs hide (partitionsToSweep). */
export interface SweepScope { partitions: TopicPartitions[]; denied: Denied[] }

const connect = (admin: Admin, broker: Broker) => new Promise<Connection>((resolve, reject) => {
  (admin as unknown as Record<symbol, (b: Broker, cb: (e: Error | null, c?: Connection) => void) => void>)[kGetConnection]!(broker, (e, c) => (e ? reject(e) : resolve(c!)));
});

/** The brokers, the partition leaders of the topics asked for, and the topics the ACLs hide (layout()). */
interface Layout { brokers: Map<number, Broker>; leaders: Map<string, number[]>; /** Topics the ACLs hide from this principal. */ denied: string[] }

/** TOPIC_AUTHORIZATION_FAILED: the one refusal a sweep goes on without (it sweeps the rest and says which ACL is missing). */
const TOPIC_DENIED = 29;

/**
 * The answer a request refused in part still carries (the library attaches it to its ResponseError), when every error
 * in it is TOPIC_AUTHORIZATION_FAILED (`codes` lists them); else the error is thrown on.
 */
function deniedOnly<T extends object>(err: unknown, codes: (r: T) => number[]): T {
  const response = (err as { response?: unknown } | null)?.response;
  if (!response || typeof response !== 'object' || !codes(response as T).every((c) => c === 0 || c === TOPIC_DENIED)) throw err;
  return response as T;
}

/** A part of the partitions to sweep that the broker's ACLs hide from this principal, and the ACL that would let the sweep look. */
export interface Denied { topic: string; acl: string }

/**
 * Brokers and partition leaders of `names`, internal topics included (the library's metadata() leaves
 * __consumer_offsets out): one Metadata request to any broker. A topic the ACLs hide is listed in `denied`.
 */
async function layout(admin: Admin, names: readonly string[]): Promise<Layout> {
  const md = await admin.metadata({ topics: names.filter((n) => n !== '__consumer_offsets'), forceUpdate: true });
  const any = md.brokers.values().next().value;
  if (!any) throw new Error('no broker in the metadata');
  type Md = Awaited<ReturnType<typeof metadataV12.api.async>>;
  const res = await metadataV12.api.async(await connect(admin, any), [...names], false, false).catch((err: unknown) =>
    deniedOnly<Md>(err, (r) => r.topics.flatMap((t) => [t.errorCode, ...t.partitions.map((p) => p.errorCode)])));
  const brokers = new Map<number, Broker>();
  for (const b of res.brokers) brokers.set(b.nodeId, { host: b.host, port: b.port });
  const leaders = new Map<string, number[]>();
  const denied: string[] = [];
  for (const topic of res.topics) {
    if (topic.errorCode === TOPIC_DENIED && topic.name) denied.push(topic.name);
    if (topic.errorCode !== 0 || !topic.name) continue;
    const list: number[] = [];
    for (const p of topic.partitions) list[p.partitionIndex] = p.leaderId;
    leaders.set(topic.name, list);
  }
  return { brokers, leaders, denied };
}

const leaderIn = (l: Layout) => (tp: TopicPartition) => l.leaders.get(tp.topic)?.[tp.partition];

/** The transactions `wanted` hold open, and the topics whose leader refused to say (DescribeProducers needs Read on the topic). */
async function openTransactions(admin: Admin, l: Layout, wanted: readonly TopicPartition[]): Promise<{ open: OpenTxn[]; denied: string[]; looked: string[] }> {
  const out: OpenTxn[] = [];
  const denied = new Set<string>();
  const looked: string[] = [];
  type Dp = Awaited<ReturnType<typeof describeProducersV0.api.async>>;
  for (const { leader, topics } of byLeader(wanted, (tp) => tp, leaderIn(l)).groups) {
    const broker = l.brokers.get(leader);
    if (!broker) continue;
    const res = await describeProducersV0.api.async(await connect(admin, broker), topics.map((t) => ({ name: t.topic, partitionIndexes: t.partitions })))
      .catch((err: unknown) => deniedOnly<Dp>(err, (r) => r.topics.flatMap((t) => t.partitions.map((p) => p.errorCode))));
    for (const t of res.topics) {
      for (const p of t.partitions) {
        if (p.errorCode === TOPIC_DENIED) { denied.add(t.name); continue; }
        looked.push(partitionKey({ topic: t.name, partition: p.partitionIndex }));
        for (const a of p.activeProducers) {
          if (a.currentTxnStartOffset < 0n) continue;
          out.push({ topic: t.name, partition: p.partitionIndex, producerId: a.producerId, producerEpoch: a.producerEpoch, coordinatorEpoch: a.coordinatorEpoch, startOffset: a.currentTxnStartOffset });
        }
      }
    }
  }
  return { open: out, denied: [...denied], looked };
}

async function coordinatorViews(admin: Admin, l: Layout, producerIds: bigint[]): Promise<Map<bigint, CoordinatorView>> {
  const out = new Map<bigint, CoordinatorView>();
  for (const broker of l.brokers.values()) {
    const res = await listTransactionsV1.api.async(await connect(admin, broker), [], producerIds, -1n, null);
    for (const s of res.transactionStates) out.set(s.producerId, { transactionalId: s.transactionalId, state: s.transactionState });
  }
  return out;
}

/** Fences `transactionalId` at its coordinator (InitProducerId, a new epoch); the producer id and epoch it now has. */
async function fence(admin: Admin, l: Layout, transactionalId: string): Promise<{ producerId: bigint; producerEpoch: number }> {
  const [c] = await admin.findCoordinator({ keyType: 1, keys: [transactionalId] });
  const broker = c ? l.brokers.get(c.nodeId) : undefined;
  if (!broker) throw new Error(`no coordinator found for transactional id ${transactionalId}`);
  const r = await initProducerIdV5.api.async(await connect(admin, broker), transactionalId, 60_000, -1n, -1);
  return { producerId: r.producerId, producerEpoch: r.producerEpoch };
}

/** The operations this principal may do on the cluster (DescribeCluster v1's bitfield; Int32 min when the broker does not say).
 * DescribeCluster v1 is Kafka 3.7+, below the 3.8 that ListTransactions v1 already needs. */
async function clusterOperations(admin: Admin, l: Layout): Promise<number> {
  const any = l.brokers.values().next().value;
  if (!any) throw new Error('no broker in the metadata');
  return (await describeClusterV1.api.async(await connect(admin, any), true, DescribeClusterEndpointTypes.BROKERS)).clusterAuthorizedOperations;
}

/** A broker error code's name (the library's table); a code it does not list still reads as one. */
export const errorName = (code: number): string => protocolErrorsCodesById[code] ?? `error code ${code}`;

async function writeMarkers(admin: Admin, l: Layout, actions: readonly MarkerAction[], epochOf: (a: MarkerAction) => number): Promise<{ action: MarkerAction; error: string }[]> {
  const refused: { action: MarkerAction; error: string }[] = [];
  const { groups, leaderless } = byLeader(actions, (a) => a.txn, leaderIn(l));
  for (const a of leaderless) refused.push({ action: a, error: 'LEADER_NOT_AVAILABLE' });
  for (const { leader, items: list } of groups) {
    const broker = l.brokers.get(leader);
    if (!broker) { for (const a of list) refused.push({ action: a, error: 'LEADER_NOT_AVAILABLE' }); continue; }
    const markers: MarkerRequest[] = list.map((a) => ({
      producerId: a.txn.producerId, producerEpoch: epochOf(a), commit: a.commit, coordinatorEpoch: Math.max(0, a.txn.coordinatorEpoch),
      topics: [{ name: a.txn.topic, partitions: [a.txn.partition] }],
    }));
    let res: MarkerResult[];
    try {
      res = await writeTxnMarkersV1.async(await connect(admin, broker), markers);
    } catch (err) {
      const id = brokerErrorIds(err)[0] ?? (err as Error).message;
      for (const a of list) refused.push({ action: a, error: id });
      continue;
    }
    for (const a of list) {
      const r = res.find((m) => m.producerId === a.txn.producerId)?.topics.find((t) => t.name === a.txn.topic)?.partitions.find((p) => p.partitionIndex === a.txn.partition);
      if (!r) refused.push({ action: a, error: 'NO_RESULT' });
      else if (r.errorCode !== 0) refused.push({ action: a, error: errorName(r.errorCode) });
    }
  }
  return refused;
}

/**
 * The partitions a service that writes `topics` transactionally and commits offsets for `groupId` can leave hanging
 * transactions on: every partition of those topics, and the group's __consumer_offsets partition.
 */
export async function partitionsToSweep(admin: Admin, topics: readonly string[], groupId: string | null): Promise<SweepScope> {
  const l = await layout(admin, groupId ? [...topics, '__consumer_offsets'] : topics);
  const partitions: TopicPartitions[] = [];
  for (const topic of topics) {
    const leaders = l.leaders.get(topic);
    if (leaders) partitions.push({ topic, partitions: [...leaders.keys()] });
  }
  const offsets = l.leaders.get('__consumer_offsets');
  if (groupId && offsets) partitions.push({ topic: '__consumer_offsets', partitions: [offsetsPartitionOf(groupId, offsets.length)] });
  const denied = l.denied.map((topic) => ({ topic, acl: `Describe on topic ${topic}` + (topic === '__consumer_offsets' ? ' (to find the group\'s offsets partition)' : '') }));
  return { partitions, denied };
}

/**
 * One sweep: ends the hanging transactions of the transactional ids `own` accepts on `wanted` with the outcome
 * of their producer's last transaction (hanging-txns-plan.ts), after fencing those ids. `remembered` holds the outcomes
 * decided by earlier sweeps whose markers did not all land (the caller keeps it; this adds to it and clears what ended).
 * Throws when the broker cannot be asked (the caller retries at its next sweep).
 */
export async function sweepHangingTransactions(admin: Admin, wanted: readonly TopicPartitions[], own: (transactionalId: string) => boolean,
  remembered: Map<string, MarkerAction> = new Map()): Promise<SweepResult> {
  const names = [...new Set(wanted.map((w) => w.topic))];
  let l = await layout(admin, names);
  const first = await openTransactions(admin, l, wanted.flatMap((w) => w.partitions.map((partition) => ({ topic: w.topic, partition }))));
  const open = first.open;
  const denied = first.denied.map((topic) => ({ topic, acl: `Read on topic ${topic} (DescribeProducers)` }));
  const openKeys = open.map(txnKey);
  const looked = first.looked;
  if (!open.length) return { ended: [], left: [], refused: [], open: 0, openKeys, looked, fenced: [], denied };
  const views = await coordinatorViews(admin, l, [...new Set(open.map((o) => o.producerId))]);
  const plan = planHanging(open, views, own, remembered);
  if (!plan.actions.length) return { ended: [], left: plan.left, refused: [], open: open.length, openKeys, looked, fenced: [], denied };
  // Looked at again BEFORE any fence: a healthy classifier's transaction whose markers were merely in flight between
  // DescribeProducers and ListTransactions (its coordinator already says CompleteCommit) is closed by now; fencing
  // its id would stop a healthy process.
  const candidates = plan.actions.map((a) => a.txn);
  const before = stillOpen(plan.actions, (await openTransactions(admin, l, candidates)).open);
  for (const a of plan.actions) if (!before.includes(a)) remembered.delete(txnKey(a.txn));
  if (!before.length) return { ended: [], left: plan.left, refused: [], open: open.length, openKeys, looked, fenced: [], denied };
  // Without the right to write markers (under an authorizer: ClusterAction with Describe on the cluster, or Alter) no marker can follow a fence: fencing would stop a healthy classifier for
  // nothing, again at every sweep once it restarts under the same id. Reported for an operator instead, not fenced.
  if (mayWriteMarkers(await clusterOperations(admin, l)) === false) {
    for (const a of before) remembered.delete(txnKey(a.txn));
    return { ended: [], left: [...plan.left, ...leftUnfenced(before)], refused: [], open: open.length, openKeys, looked, fenced: [], denied };
  }
  // Fence first: from here no process of these ids can write, so the range a marker ends holds only the hanging
  // transaction's records (a live transaction of the id is aborted by the coordinator itself, with its own markers).
  for (const a of before) remembered.set(txnKey(a.txn), a); // kept if a fence lands and the sweep then fails
  const fencedEpochs = new Map<string, { producerId: bigint; producerEpoch: number }>();
  const skipped = new Set<string>();
  for (const id of new Set(before.map((a) => a.transactionalId))) {
    try {
      fencedEpochs.set(id, await fence(admin, l, id));
    } catch (err) {
      // A transaction of that id began since the coordinator was asked: the coordinator now aborts it (and fences
      // the id) itself, which may change the outcome read above; the next sweep reads it again.
      if (!brokerErrorIds(err).includes('CONCURRENT_TRANSACTIONS')) throw err;
      skipped.add(id);
    }
  }
  const hanging = before.filter((a) => !skipped.has(a.transactionalId));
  for (const a of before) if (skipped.has(a.transactionalId)) remembered.delete(txnKey(a.txn));
  // Asked again after the fence: a marker that was only in flight, or the coordinator's abort of a live transaction,
  // has closed its partition by now.
  l = await layout(admin, names);
  const again = (await openTransactions(admin, l, candidates)).open;
  const confirmed = stillOpen(hanging, again);
  // A marker at an epoch above the hanging one's: accepted by the partition and fencing any straggler of the old epoch.
  const epochOf = (a: MarkerAction) => {
    const f = fencedEpochs.get(a.transactionalId);
    return Math.min(0x7fff, Math.max(a.txn.producerEpoch + 1, f && f.producerId === a.txn.producerId ? f.producerEpoch : 0)); // int16
  };
  const refused = confirmed.length ? await writeMarkers(admin, l, confirmed, epochOf) : [];
  const failed = new Set(refused.map((r) => r.action));
  const ended = confirmed.filter((a) => !failed.has(a));
  const openNow = new Set(again.map(txnKey));
  // Kept for the next sweep only when the marker may land later (a leader moving, the broker away): a refusal that
  // will not change (no ClusterAction under an authorizer, a fenced epoch) is left for an operator instead, or every
  // sweep would fence the id again (a classifier running with a stable instance name would be stopped every sweep).
  const lasting = new Set(refused.filter((r) => !markerMayLandLater(r.error)).map((r) => r.action));
  for (const a of hanging) if (!failed.has(a) || !openNow.has(txnKey(a.txn)) || lasting.has(a)) remembered.delete(txnKey(a.txn));
  return { ended, left: plan.left, refused, open: open.length, openKeys, looked, fenced: [...fencedEpochs.keys()], denied };
}
