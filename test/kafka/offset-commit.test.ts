// A window's consumed offsets on a real broker: ONE TxnOffsetCommit request for all its partitions (TxnProducer.
// commitOffsets through TransactionalOutput), counted on the library's diagnostics channel of every request sent;
// the offsets the group then holds; and the coordinator's per-partition refusal (a stale generation:
// ILLEGAL_GENERATION on every partition) failing the window, after which the next window commits.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { connectionsApiChannel, MessagesStreamModes, type Consumer, type Message } from '@platformatic/kafka';
import { ClientTestContext } from '../support/kafka-client.js';
import { randomName } from '../support/kafka.js';
import { silentLog } from '../support/audit.js';
import { TransactionalOutput, type OffsetCommitMode } from '../../services/kafka/kafka-output.js';
import type { InputMessage } from '../../services/kafka/kafka-input.js';
import { committedOffsets } from '../../services/kafka/admin.js';

const TXN_OFFSET_COMMIT = 28;
const PARTITIONS = 6;

let ctx: ClientTestContext;
const requests = new Map<number, number>();
const onStart = (m: unknown) => { const k = (m as { apiKey?: number }).apiKey; if (k !== undefined) requests.set(k, (requests.get(k) ?? 0) + 1); };
before(async () => { ctx = await ClientTestContext.create('offset-commit'); connectionsApiChannel.start.subscribe(onStart); });
after(async () => { connectionsApiChannel.start.unsubscribe(onStart); await ctx.cleanup(); });

/** Every record of a fresh 6-partition topic, read by a group member (no autocommit), and that member. */
async function consumed(name: string): Promise<{ input: string; groupId: string; consumer: Consumer; seen: InputMessage[] }> {
  const input = await ctx.topic(`oc-in-${name}`, PARTITIONS);
  const groupId = ctx.groupId(`oc-${name}`);
  const n = 60;
  await (await ctx.producer()).send({ topic: input, messages: Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
  const consumer = ctx.client.consumer({ groupId });
  const seen: Message<Buffer, Buffer, Buffer, Buffer>[] = [];
  const stream = await consumer.consume({ topics: [input], mode: MessagesStreamModes.EARLIEST, autocommit: false });
  stream.on('data', (m) => { seen.push(m); });
  for (const deadline = Date.now() + 20_000; seen.length < n;) {
    if (Date.now() > deadline) throw new Error(`consumed ${seen.length} of ${n}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  after(async () => { await stream.close().catch(() => undefined); await consumer.close(true).catch(() => undefined); });
  return { input, groupId, consumer, seen };
}

/** The group's committed offsets once no transaction holds them (requireStable: commit() returns before the markers are written). */
async function stableOffsets(groupId: string, topic: string): Promise<Map<number, string>> {
  return new Map([...await committedOffsets(ctx.admin, groupId, topic)].map(([p, o]) => [p, String(o)]));
}

/** The next offset of each partition past the records (what the group must hold after the commit). */
function nextOffsets(records: readonly InputMessage[]): Map<number, string> {
  const next = new Map<number, bigint>();
  for (const m of records) if ((next.get(m.partition) ?? -1n) < m.offset + 1n) next.set(m.partition, m.offset + 1n);
  return new Map([...next].map(([p, o]) => [p, String(o)]));
}

async function commitWindow(mode: OffsetCommitMode): Promise<{ txnOffsetCommits: number; committed: Map<number, string>; expected: Map<number, string> }> {
  const { input, groupId, consumer, seen } = await consumed(mode);
  assert.equal(new Set(seen.map((m) => m.partition)).size, PARTITIONS, 'every partition holds records');
  const out = new TransactionalOutput(ctx.client, { transactionalId: randomName(`oc-${mode}`), offsetCommit: mode }, silentLog);
  after(() => out.close());
  await out.init();
  const output = await ctx.topic(`oc-out-${mode}`, 2);
  await out.push([{ topic: output, key: 'k', value: Buffer.from('verdict') }]);
  out.consumed(consumer, seen);
  const before = requests.get(TXN_OFFSET_COMMIT) ?? 0;
  await out.flush();
  const txnOffsetCommits = (requests.get(TXN_OFFSET_COMMIT) ?? 0) - before;
  return { txnOffsetCommits, committed: await stableOffsets(groupId, input), expected: nextOffsets(seen) };
}

test('batched (default): one TxnOffsetCommit request for the 6 partitions of a window; the group holds every offset', async () => {
  const r = await commitWindow('batched');
  assert.equal(r.txnOffsetCommits, 1);
  assert.deepEqual(r.committed, r.expected);
});

test('per-partition: the library\'s addOffset, one request per partition (the path kept behind VIGIE_CLASSIFIER_OFFSET_COMMIT)', async () => {
  const r = await commitWindow('per-partition');
  assert.equal(r.txnOffsetCommits, PARTITIONS);
  assert.deepEqual(r.committed, r.expected);
});

test('the coordinator refuses the partitions of a stale generation: the window fails and commits nothing; the next window commits', async () => {
  const { input, groupId, consumer, seen } = await consumed('stale');
  const out = new TransactionalOutput(ctx.client, { transactionalId: randomName('oc-stale') }, silentLog);
  after(() => out.close());
  const output = await ctx.topic('oc-out-stale', 2);
  // The records as a zombie would hold them: fetched under the previous generation of the group.
  const stale = seen.map((m) => {
    const c = m.metadata.consumer as { generationId: number };
    return { ...m, metadata: { ...m.metadata, consumer: { ...c, generationId: c.generationId - 1 } } } as InputMessage;
  });
  await out.push([{ topic: output, key: 'k', value: Buffer.from('zombie verdict') }]);
  out.consumed(consumer, stale);
  await assert.rejects(out.flush(), /ILLEGAL_GENERATION/);
  assert.equal(out.fenced, false);
  assert.deepEqual([...(await stableOffsets(groupId, input)).values()], Array(PARTITIONS).fill('-1'), 'no offset moved');
  assert.deepEqual(await ctx.readAll(output, { readCommitted: true, timeoutMs: 2000 }), [], 'the zombie verdict is not visible');
  // As the loop does after a failure: the same records again, now under the live generation.
  await out.push([{ topic: output, key: 'k', value: Buffer.from('verdict') }]);
  out.consumed(consumer, seen);
  await out.flush();
  assert.deepEqual(await stableOffsets(groupId, input), nextOffsets(seen));
});
