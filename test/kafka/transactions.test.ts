import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { KafkaMessage } from 'kafkajs';
import { KafkaTestContext, randomName } from '../support/kafka.js';

let ctx: KafkaTestContext;
before(async () => { ctx = await KafkaTestContext.create('transactions'); });
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

  const consumer = await ctx.consumer({ groupId });
  const seen: { partition: number; message: KafkaMessage }[] = [];
  await consumer.subscribe({ topics: [input], fromBeginning: true });
  await consumer.run({ autoCommit: false, eachMessage: async ({ partition, message }) => { seen.push({ partition, message }); } });
  const deadline = Date.now() + 20_000;
  while (seen.length < n) {
    if (Date.now() > deadline) throw new Error(`consumed ${seen.length} of ${n}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await consumer.stop();

  const producer = await ctx.producer({ transactionalId: randomName('tx'), idempotent: true, maxInFlightRequests: 1 });
  const tx = await producer.transaction();
  await tx.send({ topic: output, messages: seen.map(({ message }) => ({ key: message.key, value: `out-${message.value!.toString().slice(3)}` })) });
  const next = new Map<number, bigint>();
  for (const { partition, message } of seen) next.set(partition, BigInt(message.offset) + 1n);
  await tx.sendOffsets({
    consumerGroupId: groupId,
    topics: [{ topic: input, partitions: [...next].map(([partition, offset]) => ({ partition, offset: offset.toString() })) }],
  });
  if (outcome === 'commit') await tx.commit();
  else await tx.abort();
  return { input, output, groupId, n, next };
}

test('commit: outputs visible under read_committed and input offsets committed', async () => {
  const { output, input, groupId, n, next } = await consumeTransformProduce('commit');
  const visible = await ctx.readAll(output, { readCommitted: true });
  assert.deepEqual(visible.map((m) => m.value!.toString()).sort(), Array.from({ length: n }, (_, i) => `out-${i}`).sort());
  const committed = await ctx.committedOffsets(groupId, input);
  for (const [partition, offset] of next) assert.equal(committed.get(partition), offset.toString(), `partition ${partition}`);
});

test('abort: outputs invisible under read_committed (though written) and offsets not advanced', async () => {
  const { output, input, groupId, n } = await consumeTransformProduce('abort');
  assert.deepEqual(await ctx.readAll(output, { readCommitted: true }), []);
  // The records are in the log; only the isolation level hides them. This makes the check above able to fail.
  assert.equal((await ctx.readAll(output, { readCommitted: false })).length, n);
  const committed = await ctx.committedOffsets(groupId, input);
  for (const [partition, offset] of committed) assert.equal(offset, '-1', `partition ${partition} offset advanced`);
});
