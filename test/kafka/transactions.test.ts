import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { MessagesStreamModes, type Message } from '@platformatic/kafka';
import { ClientTestContext } from '../support/kafka-client.js';
import { randomName } from '../support/kafka.js';
import { committedOffsets } from '../../services/kafka/admin.js';

let ctx: ClientTestContext;
before(async () => { ctx = await ClientTestContext.create('transactions'); });
after(async () => { await ctx.cleanup(); });

/**
 * Consume-transform-produce as the classifier worker does it: read input without auto-commit, write
 * the outputs AND the input offsets in one transaction, then commit or abort it.
 */
async function consumeTransformProduce(outcome: 'commit' | 'abort') {
  const input = await ctx.topic(`tx-in-${outcome}`, 2);
  const output = await ctx.topic(`tx-out-${outcome}`, 2);
  const groupId = ctx.groupId(`tx-${outcome}`);
  const n = 12;
  const plain = await ctx.producer();
  await plain.send({ topic: input, messages: Array.from({ length: n }, (_, i) => ({ key: `c${i % 3}`, value: `in-${i}` })) });

  const consumer = ctx.client.consumer({ groupId });
  const seen: Message<Buffer, Buffer, Buffer, Buffer>[] = [];
  const stream = await consumer.consume({ topics: [input], mode: MessagesStreamModes.EARLIEST, autocommit: false });
  stream.on('data', (m) => { seen.push(m); });
  const deadline = Date.now() + 20_000;
  while (seen.length < n) {
    if (Date.now() > deadline) throw new Error(`consumed ${seen.length} of ${n}`);
    await new Promise((r) => setTimeout(r, 50));
  }

  // One transaction: the outputs, then the consumed offsets (the last record of each partition; addOffset commits offset + 1).
  const producer = ctx.client.transactionalProducer(randomName('tx'));
  const tx = await producer.beginTransaction();
  await tx.send({ messages: seen.map((m) => ({ topic: output, ...(m.key ? { key: m.key } : {}), value: Buffer.from(`out-${m.value!.toString().slice(3)}`) })) });
  const last = new Map<number, Message<Buffer, Buffer, Buffer, Buffer>>();
  for (const m of seen) if ((last.get(m.partition)?.offset ?? -1n) < m.offset) last.set(m.partition, m);
  const next = new Map([...last].map(([partition, m]) => [partition, m.offset + 1n]));
  await tx.addConsumer(consumer);
  for (const m of last.values()) await tx.addOffset(m);
  if (outcome === 'commit') await tx.commit();
  else await tx.abort();
  await stream.close();
  await consumer.close(true);
  await producer.close();
  return { input, output, groupId, n, next };
}

test('commit: outputs visible under read_committed and input offsets committed', async () => {
  const { output, input, groupId, n, next } = await consumeTransformProduce('commit');
  // commit() returns when the coordinator has decided; the markers that move the last stable offset follow.
  let visible = await ctx.readAll(output, { readCommitted: true });
  for (const deadline = Date.now() + 15_000; visible.length < n && Date.now() < deadline;) visible = await ctx.readAll(output, { readCommitted: true });
  assert.deepEqual(visible.map((m) => m.value!.toString()).sort(), Array.from({ length: n }, (_, i) => `out-${i}`).sort());
  const committed = await committedOffsets(ctx.admin, groupId, input); // requireStable: waits for the transaction's end
  for (const [partition, offset] of next) assert.equal(committed.get(partition), offset, `partition ${partition}`);
});

test('abort: outputs invisible under read_committed (though written) and offsets not advanced', async () => {
  const { output, input, groupId, n } = await consumeTransformProduce('abort');
  assert.deepEqual(await ctx.readAll(output, { readCommitted: true }), []);
  // The records are in the log; only the isolation level hides them. This makes the check above able to fail.
  assert.equal((await ctx.readAll(output, { readCommitted: false })).length, n);
  const committed = await ctx.committedOffsets(groupId, input);
  for (const [partition, offset] of committed) assert.equal(offset, '-1', `partition ${partition} offset advanced`);
});
