/**
 * The transactional producer of the one client factory (client.ts):
 * - AddPartitionsToTxn pinned to version 3. @platformatic/kafka picks the highest version the broker offers, but
 *   versions 4 and up are the broker-to-broker form of KIP-890 (batched, `verifyOnly`): under an authorizer the
 *   broker demands ClusterAction on the cluster for them and answers CLUSTER_AUTHORIZATION_FAILED to a client,
 *   which holds only Write on its transactional id. Version 3 takes the same arguments (one transaction).
 * - `commitOffsets`: the consumed offsets of a transaction in ONE TxnOffsetCommit request for all partitions.
 *   The library's `Transaction.addOffset` sends one request per partition, and its calls are de-duplicated by
 *   operation name, so a window over 6 partitions cost 6 round trips one after the other (docs/scaling.md
 *   "Latency"). This does what that call does, with the same exported building blocks (kMetadata, kGetConnection,
 *   kGetApi, kPerformWithRetry: exported by the package, as kGetApi above) and public getters only.
 */
import {
  createDiagnosticContext, kGetApi, kGetConnection, kMetadata, kPerformWithRetry, Producer, producerTransactionsChannel, ProtocolError,
  UserError, addPartitionsToTxnV3, type API, type ClusterMetadata, type Connection, type Message, type txnOffsetCommitV4,
} from '@platformatic/kafka';

type TxnOffsetCommitRequestTopic = txnOffsetCommitV4.TxnOffsetCommitRequestTopic;
type TxnOffsetCommitResponse = txnOffsetCommitV4.TxnOffsetCommitResponse;
type AnyCallback = (error: Error | null, value?: unknown) => void;
type Transaction = Awaited<ReturnType<Producer['beginTransaction']>>;
type TxnOffsetCommitApi = API<[transactionalId: string, groupId: string, producerId: bigint, producerEpoch: number, generationId: number,
  memberId: string, groupInstanceId: string | null, topics: TxnOffsetCommitRequestTopic[]], TxnOffsetCommitResponse>;

/** The group membership a record was fetched under (the consumer's messages stream sets `metadata.consumer`). */
export interface FetchedUnder { groupId: string; generationId: number; memberId: string; coordinatorId: number }

/** One TxnOffsetCommit request: records of one group membership, the last record of each partition. */
export interface OffsetCommitBatch { member: FetchedUnder; records: Message<Buffer, Buffer, Buffer, Buffer>[] }

function fetchedUnder(m: Message<Buffer, Buffer, Buffer, Buffer>): FetchedUnder {
  const c = (m.metadata as { consumer?: Partial<FetchedUnder> } | undefined)?.consumer;
  if (!c || typeof c.groupId !== 'string' || typeof c.generationId !== 'number' || typeof c.memberId !== 'string' || typeof c.coordinatorId !== 'number') {
    throw new UserError(`record ${m.topic}:${m.partition}@${m.offset} carries no consumer group membership (not fetched by a group member)`);
  }
  return { groupId: c.groupId, generationId: c.generationId, memberId: c.memberId, coordinatorId: c.coordinatorId };
}

/**
 * Splits records by the group membership they were fetched under. One batch in practice: a window's records come
 * from one member of one generation. Records of an older generation keep their own generation (the coordinator then
 * refuses them, ILLEGAL_GENERATION: the fencing of KIP-447), exactly as one request per record would.
 * The last record per partition wins.
 */
export function offsetCommitBatches(records: readonly Message<Buffer, Buffer, Buffer, Buffer>[]): OffsetCommitBatch[] {
  const batches = new Map<string, { member: FetchedUnder; last: Map<string, Message<Buffer, Buffer, Buffer, Buffer>> }>();
  for (const m of records) {
    const member = fetchedUnder(m);
    const key = `${member.groupId}\0${member.generationId}\0${member.memberId}\0${member.coordinatorId}`;
    let b = batches.get(key);
    if (!b) batches.set(key, (b = { member, last: new Map() }));
    const tp = `${m.topic}\0${m.partition}`;
    const prev = b.last.get(tp);
    if (!prev || prev.offset < m.offset) b.last.set(tp, m);
  }
  return [...batches.values()].map((b) => ({ member: b.member, records: [...b.last.values()] }));
}

/** The request's topics: offset + 1 (the next record to read) and the partition's leader epoch in the metadata, as the library's addOffset. */
export function offsetCommitTopics(records: readonly Message<Buffer, Buffer, Buffer, Buffer>[], metadata: ClusterMetadata): TxnOffsetCommitRequestTopic[] {
  const topics = new Map<string, TxnOffsetCommitRequestTopic>();
  for (const m of records) {
    let t = topics.get(m.topic);
    if (!t) topics.set(m.topic, (t = { name: m.topic, partitions: [] }));
    t.partitions.push({
      partitionIndex: m.partition,
      committedOffset: m.offset + 1n,
      committedLeaderEpoch: metadata.topics.get(m.topic)?.partitions[m.partition]?.leaderEpoch ?? -1,
      committedMetadata: null,
    });
  }
  return [...topics.values()];
}

/**
 * The first failure of a TxnOffsetCommit response: a partition with an error code, or a partition requested and not
 * answered. The library's response parser already throws on an error code (ResponseError); this also holds for a
 * parser that does not, and catches a partition left out. Null when every requested partition was committed.
 */
export function offsetCommitResponseError(requested: readonly TxnOffsetCommitRequestTopic[], response: TxnOffsetCommitResponse): Error | null {
  const answered = new Map<string, number>();
  for (const t of response.topics) for (const p of t.partitions) answered.set(`${t.name}\0${p.partitionIndex}`, p.errorCode);
  for (const t of requested) {
    for (const p of t.partitions) {
      const code = answered.get(`${t.name}\0${p.partitionIndex}`);
      if (code === undefined) return new ProtocolError('UNKNOWN_SERVER_ERROR', `TxnOffsetCommit response has no answer for ${t.name}:${p.partitionIndex}`);
      if (code !== 0) return new ProtocolError(code, `TxnOffsetCommit refused ${t.name}:${p.partitionIndex}`);
    }
  }
  return null;
}

export class TxnProducer extends Producer<Buffer, Buffer, Buffer, Buffer> {
  override [kGetApi]<A extends Array<unknown>, R>(name: string, callback: (error: Error | null, api?: never) => void): void {
    if (name === 'AddPartitionsToTxn') { (callback as AnyCallback)(null, addPartitionsToTxnV3.api); return; }
    super[kGetApi]<A, R>(name, callback as never);
  }

  /**
   * Commits, inside transaction `t`, the offsets past `records` (the last record of each partition wins): one
   * TxnOffsetCommit request per group membership the records were fetched under (one in practice) instead of one per
   * partition. As the library's `addOffset`: `t.addConsumer(consumer)` (AddOffsetsToTxn) must have succeeded first;
   * the request goes to the group coordinator the record was fetched from, with that generation and member id
   * (a zombie of an older generation is refused), the transactional id, producer id and epoch of the producer now,
   * the leader epoch of the cached metadata; the whole request is retried on a retriable error (the producer's
   * retries and retryDelay); any partition's error fails the call, and the caller aborts the transaction.
   */
  commitOffsets(t: Transaction, records: readonly Message<Buffer, Buffer, Buffer, Buffer>[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = (error: Error | null) => (error ? reject(error) : resolve());
      let batches: OffsetCommitBatch[];
      try { batches = offsetCommitBatches(records); } catch (err) { done(err as Error); return; }
      const context = createDiagnosticContext({ client: this, transaction: t, operation: 'commitOffsets', records });
      producerTransactionsChannel.traceCallback(this.#commitBatches, 2, context, this, t, batches, done);
    });
  }

  #commitBatches(t: Transaction, batches: OffsetCommitBatch[], callback: (error: Error | null) => void): void {
    const next = (i: number): void => {
      if (i === batches.length) { callback(null); return; }
      this[kPerformWithRetry]<void>('txnOffsetCommit', (retryCallback) => this.#commitOnce(t, batches[i]!, retryCallback),
        (error) => { if (error) callback(error); else next(i + 1); }, 0);
    };
    next(0);
  }

  /** One attempt: metadata (cached) for the leader epochs, the group coordinator's connection, one TxnOffsetCommit. */
  #commitOnce(t: Transaction, batch: OffsetCommitBatch, callback: (error: Error | null) => void): void {
    // The producer's transaction state, read at each attempt as the library does: ended, replaced or fenced meanwhile → no retry.
    const producerId = this.producerId;
    const producerEpoch = this.producerEpoch;
    if (t.completed || this.transaction !== t || producerId === undefined || producerEpoch === undefined) {
      callback(new UserError('Cannot commit offsets: the transaction is no longer the producer\'s active one.'));
      return;
    }
    const { member } = batch;
    this[kMetadata]({ topics: [...new Set(batch.records.map((m) => m.topic))] }, (error, metadata) => {
      if (error) { callback(error); return; }
      const broker = metadata!.brokers.get(member.coordinatorId);
      if (!broker) { callback(new ProtocolError('NOT_COORDINATOR', `group coordinator ${member.coordinatorId} not in the metadata`)); return; }
      this[kGetConnection](broker, (error: Error | null, connection?: Connection) => {
        if (error) { callback(error); return; }
        this[kGetApi]('TxnOffsetCommit', (error: Error | null, api?: TxnOffsetCommitApi) => {
          if (error) { callback(error); return; }
          const topics = offsetCommitTopics(batch.records, metadata!);
          api!(connection!, t.id, member.groupId, producerId, producerEpoch, member.generationId, member.memberId, null, topics,
            (error: Error | null, response?: TxnOffsetCommitResponse) => callback(error ?? offsetCommitResponseError(topics, response!)));
        });
      });
    });
  }
}
