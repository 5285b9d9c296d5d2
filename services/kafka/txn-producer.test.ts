// A window's consumed offsets join its transaction in ONE TxnOffsetCommit request for all partitions (TxnProducer.
// commitOffsets) instead of one request per partition (the library's addOffset, one round trip each, one after the
// other). A fake connection stands in for the group coordinator: it decodes the real request bytes (the library's
// txnOffsetCommitV4 encoder) and answers through the library's own response parser, so what is checked is what goes
// on the wire and how an answer with a partition's error code is taken. The real broker: test/kafka/offset-commit.test.ts
// and the exactly-once integration tests.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { kGetApi, kGetConnection, kMetadata, Reader, txnOffsetCommitV4, Writer, type Broker, type ClusterMetadata, type Consumer } from '@platformatic/kafka';
import { TxnProducer } from './txn-producer.js';
import { TransactionalOutput } from './kafka-output.js';
import { brokerErrorIds } from './client-options.js';
import type { KafkaClient } from './client.js';
import type { InputMessage } from './kafka-input.js';
import { silentLog } from '../../test/support/audit.js';

const COORDINATOR = 7;
const member = { groupId: 'g', generationId: 4, memberId: 'm-1', coordinatorId: COORDINATOR };
const rec = (topic: string, partition: number, offset: number, m: object = member) =>
  ({ topic, partition, offset: BigInt(offset), metadata: { consumer: m } }) as unknown as InputMessage;

interface SeenRequest {
  apiKey: number; transactionalId: string; groupId: string; producerId: bigint; producerEpoch: number; generationId: number; memberId: string;
  groupInstanceId: string | null; topics: { name: string; partitions: { partitionIndex: number; committedOffset: bigint; committedLeaderEpoch: number }[] }[];
}

/** TxnOffsetCommit v4 request body, decoded from the bytes the library's encoder wrote. */
function decodeRequest(apiKey: number, payload: Writer): SeenRequest {
  const r = Reader.from(payload);
  return {
    apiKey, transactionalId: r.readString(), groupId: r.readString(), producerId: r.readInt64(), producerEpoch: r.readInt16(),
    generationId: r.readInt32(), memberId: r.readString(), groupInstanceId: r.readNullableString(),
    topics: r.readArray((r) => ({
      name: r.readString(),
      partitions: r.readArray((r) => {
        const p = { partitionIndex: r.readInt32(), committedOffset: r.readInt64(), committedLeaderEpoch: r.readInt32() };
        r.readNullableString();
        return p;
      }),
    })),
  };
}

/** The coordinator's answer: every requested partition with error code 0, unless `errorOf` says otherwise (undefined leaves it out). */
function encodeResponse(req: SeenRequest, errorOf: (topic: string, partition: number) => number | undefined): Writer {
  return Writer.create().appendInt32(0)
    .appendArray(req.topics, (w, t) => {
      const answered = t.partitions.filter((p) => errorOf(t.name, p.partitionIndex) !== undefined);
      w.appendString(t.name).appendArray(answered, (w, p) => { w.appendInt32(p.partitionIndex).appendInt16(errorOf(t.name, p.partitionIndex)!); });
    })
    .appendTaggedFields();
}

type FakeTxn = { id: string; completed: boolean; addConsumer(c: unknown): Promise<void>; addOffset(m: unknown): Promise<void>; commit(): Promise<void>;
  abort(): Promise<void>; cancel(): Promise<void>; send(o: unknown): Promise<void> };

/**
 * A TxnProducer without a network: the active transaction, producer id and epoch come from getters, the metadata,
 * the coordinator's connection and the API version from overrides of the library's exported hooks. Everything
 * else (retries, request encoding, response parsing) is the library's and ours.
 */
class FakeProducer extends TxnProducer {
  requests: SeenRequest[] = [];
  brokersAsked: Broker[] = [];
  /** Answers of the coordinator, one per request (the last one repeats). */
  answers: ((topic: string, partition: number) => number | undefined)[] = [() => 0];
  txn: FakeTxn | undefined;
  addOffsetCalls = 0;
  aborts = 0;
  commits = 0;

  constructor() {
    super({ clientId: 'fake', bootstrapBrokers: ['127.0.0.1:1'], transactionalId: 'tx-1', idempotent: true, retries: 3, retryDelay: 1 });
  }
  override get transaction() { return this.txn as never; }
  override get producerId() { return 42n; }
  override get producerEpoch() { return 3; }

  override async beginTransaction(): Promise<Awaited<ReturnType<TxnProducer['beginTransaction']>>> {
    const self = this;
    const t: FakeTxn = {
      id: 'tx-1', completed: false,
      async addConsumer() {},
      async addOffset() { self.addOffsetCalls++; },
      async commit() { t.completed = true; self.txn = undefined; self.commits++; },
      async abort() { t.completed = true; self.txn = undefined; self.aborts++; },
      async cancel() { self.txn = undefined; },
      async send() {},
    };
    this.txn = t;
    return t as never;
  }

  override [kMetadata](_options: unknown, callback: (e: Error | null, m?: ClusterMetadata) => void): void {
    const part = (leaderEpoch: number) => ({ leader: 1, leaderEpoch, replicas: [1], isr: [1], offlineReplicas: [] });
    callback(null, {
      id: 'c', controllerId: 1, lastUpdate: Date.now(),
      brokers: new Map([[1, { nodeId: 1, host: 'b1', port: 1, rack: null }], [COORDINATOR, { nodeId: COORDINATOR, host: 'b7', port: 7, rack: null }]]),
      topics: new Map([
        ['in', { id: 'x', partitionsCount: 6, lastUpdate: Date.now(), partitions: [10, 11, 12, 13, 14, 15].map(part) }],
        ['in2', { id: 'y', partitionsCount: 2, lastUpdate: Date.now(), partitions: [20, 21].map(part) }],
      ]),
    } as unknown as ClusterMetadata);
  }

  override [kGetConnection](broker: Broker, callback: (e: Error | null, c?: never) => void): void {
    this.brokersAsked.push(broker);
    const connection = {
      send: (apiKey: number, apiVersion: number, payload: () => Writer, parse: (c: number, k: number, v: number, r: Reader) => unknown,
        _reqTags: boolean, _resTags: boolean, cb: (e: Error | null, r?: unknown) => void) => {
        const req = decodeRequest(apiKey, payload());
        this.requests.push(req);
        const answer = this.answers[Math.min(this.requests.length - 1, this.answers.length - 1)]!;
        let res: unknown;
        try { res = parse(1, apiKey, apiVersion, Reader.from(encodeResponse(req, answer))); } catch (err) { cb(err as Error); return; }
        cb(null, res);
      },
    };
    callback(null, connection as never);
  }

  override [kGetApi]<A extends Array<unknown>, R>(name: string, callback: (error: Error | null, api?: never) => void): void {
    if (name === 'TxnOffsetCommit') { callback(null, txnOffsetCommitV4.api as never); return; }
    super[kGetApi]<A, R>(name, callback);
  }
}

const producers: FakeProducer[] = [];
function fake(): FakeProducer { const p = new FakeProducer(); producers.push(p); return p; }
after(async () => { for (const p of producers) await p.close(true).catch(() => undefined); });

/** Six partitions of `in`, two of `in2`, several records each, out of order. */
const window = () => [
  ...[0, 1, 2, 3, 4, 5].flatMap((p) => [rec('in', p, 100 + p), rec('in', p, 90 + p)]),
  rec('in2', 1, 7), rec('in2', 0, 3), rec('in2', 1, 9),
];

describe('TxnProducer.commitOffsets', () => {
  it('sends ONE TxnOffsetCommit for every partition, to the group coordinator, with the generation, member, producer id/epoch and leader epochs', async () => {
    const p = fake();
    const t = await p.beginTransaction();
    await p.commitOffsets(t, window());
    assert.equal(p.requests.length, 1, 'one request for 8 partitions');
    const [req] = p.requests;
    assert.equal(req!.apiKey, 28);
    assert.deepEqual(p.brokersAsked.map((b) => b.port), [7], 'the group coordinator the records were fetched from');
    assert.deepEqual({ ...req, topics: undefined }, {
      apiKey: 28, transactionalId: 'tx-1', groupId: 'g', producerId: 42n, producerEpoch: 3, generationId: 4, memberId: 'm-1', groupInstanceId: null, topics: undefined,
    });
    const committed = req!.topics.flatMap((t) => t.partitions.map((x) => `${t.name}:${x.partitionIndex}@${x.committedOffset}/e${x.committedLeaderEpoch}`)).sort();
    assert.deepEqual(committed, [
      'in2:0@4/e20', 'in2:1@10/e21',
      'in:0@101/e10', 'in:1@102/e11', 'in:2@103/e12', 'in:3@104/e13', 'in:4@105/e14', 'in:5@106/e15',
    ], 'the next offset past the last record of each partition, the metadata leader epoch');
  });

  it('a partition refused in the response fails the call (ILLEGAL_GENERATION: not retried)', async () => {
    const p = fake();
    p.answers = [(topic, partition) => (topic === 'in' && partition === 3 ? 22 : 0)];
    const t = await p.beginTransaction();
    const err = await p.commitOffsets(t, window()).then(() => null, (e: unknown) => e);
    assert.ok(err, 'rejected');
    assert.ok(brokerErrorIds(err).includes('ILLEGAL_GENERATION'), `broker error ids: ${brokerErrorIds(err).join(',')}`);
    assert.equal(p.requests.length, 1);
  });

  it('a retriable partition error retries the whole request, which then succeeds', async () => {
    const p = fake();
    p.answers = [(topic, partition) => (topic === 'in2' && partition === 0 ? 14 /* COORDINATOR_LOAD_IN_PROGRESS */ : 0), () => 0];
    const t = await p.beginTransaction();
    await p.commitOffsets(t, window());
    assert.equal(p.requests.length, 2);
    assert.deepEqual(p.requests[1]!.topics, p.requests[0]!.topics, 'the retry carries every partition again');
  });

  it('a partition missing from the response fails the call', async () => {
    const p = fake();
    p.answers = [(topic, partition) => (topic === 'in' && partition === 5 ? undefined : 0)];
    const t = await p.beginTransaction();
    const err = await p.commitOffsets(t, window()).then(() => null, (e: unknown) => e as Error);
    assert.match(String(err?.message ?? err) + brokerErrorIds(err).join(','), /UNKNOWN_SERVER_ERROR/);
    assert.equal(p.requests.length, 1);
  });

  it('records of two generations: one request each, each with its own generation (the older one is fenced by the coordinator)', async () => {
    const p = fake();
    const t = await p.beginTransaction();
    const older = { ...member, generationId: 3 };
    await p.commitOffsets(t, [rec('in', 0, 5, older), rec('in', 1, 6), rec('in', 2, 7)]);
    assert.deepEqual(p.requests.map((r) => [r.generationId, r.topics.flatMap((t) => t.partitions.map((x) => x.partitionIndex))]), [[3, [0]], [4, [1, 2]]]);
  });

  it('refuses a transaction that is not the producer\'s active one, without a request', async () => {
    const p = fake();
    const t = await p.beginTransaction();
    await t.commit();
    await assert.rejects(p.commitOffsets(t, window()), /no longer the producer's active one/);
    assert.equal(p.requests.length, 0);
  });
});

describe('TransactionalOutput offsets', () => {
  const consumer = { groupId: 'g' } as unknown as Consumer;
  const output = (p: FakeProducer, offsetCommit?: 'batched' | 'per-partition') =>
    new TransactionalOutput({ transactionalProducer: () => p } as unknown as KafkaClient, { transactionalId: 'tx-1', ...(offsetCommit ? { offsetCommit } : {}) }, silentLog);

  it('a window over 8 partitions commits its offsets in one TxnOffsetCommit (default), not 8 addOffset calls', async () => {
    const p = fake();
    const out = output(p);
    out.consumed(consumer, window());
    await out.flush();
    assert.equal(p.addOffsetCalls, 0);
    assert.equal(p.requests.length, 1);
    assert.equal(p.requests[0]!.topics.reduce((n, t) => n + t.partitions.length, 0), 8);
    assert.equal(p.commits, 1);
  });

  it("offsetCommit 'per-partition' keeps the library's call, one per partition", async () => {
    const p = fake();
    const out = output(p, 'per-partition');
    out.consumed(consumer, window());
    await out.flush();
    assert.equal(p.addOffsetCalls, 8);
    assert.equal(p.requests.length, 0);
  });

  it('a partition error in the response aborts the window; the next window commits', async () => {
    const p = fake();
    p.answers = [(topic, partition) => (topic === 'in' && partition === 1 ? 22 : 0), () => 0];
    const out = output(p);
    out.consumed(consumer, window());
    await assert.rejects(out.flush(), /transaction of 0 records and 8 offsets failed.*ILLEGAL_GENERATION/s);
    assert.deepEqual([p.aborts, p.commits], [1, 0]);
    assert.equal(out.fenced, false, 'a refused offset is not a fenced producer: the loop rewinds and redoes the window');
    out.consumed(consumer, window());
    await out.flush();
    assert.deepEqual([p.aborts, p.commits, p.requests.length], [1, 1, 2]);
  });

  it('refuses an unknown offsetCommit mode', () => {
    assert.throws(() => output(fake(), 'each' as 'batched'), /offsetCommit must be one of batched, per-partition, got each/);
  });
});
