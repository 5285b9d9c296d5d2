import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ClientTestContext } from '../support/kafka-client.js';

let ctx: ClientTestContext;
before(async () => { ctx = await ClientTestContext.create('consumer-group'); });
after(async () => { await ctx.cleanup(); });

test('two members of one group split the partitions and together read every message once', async () => {
  const topic = await ctx.topic('group', 4);
  const groupId = ctx.groupId('split');
  const got = [await ctx.collect([topic], groupId), await ctx.collect([topic], groupId)];
  const asA = { get partitions() { return got[0]!.assigned(); } };
  const asB = { get partitions() { return got[1]!.assigned(); } };

  // Settled: both members in the same generation, owning disjoint non-empty halves, unchanged for a second (a
  // member that has not yet seen the rebalance still fetches its old partitions for a moment).
  const deadline = Date.now() + 30_000;
  const split = () => {
    const a = asA.partitions;
    const b = asB.partitions;
    return got[0]!.generation() >= 0 && got[0]!.generation() === got[1]!.generation() && a.length > 0 && b.length > 0 && new Set([...a, ...b]).size === 4 && a.length + b.length === 4
      ? `${got[0]!.generation()}:${a}|${b}` : null;
  };
  for (let stableSince = 0, last: string | null = null; ;) {
    if (Date.now() > deadline) throw new Error(`group did not settle: a=${asA.partitions} b=${asB.partitions}`);
    const now = split();
    if (now === null || now !== last) { last = now; stableSince = Date.now(); } else if (Date.now() - stableSince >= 1000) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual([...asA.partitions, ...asB.partitions].sort(), [0, 1, 2, 3]);

  const producer = await ctx.producer();
  const n = 80;
  await producer.send({ topic, messages: Array.from({ length: n }, (_, i) => ({ key: `conv-${i}`, value: String(i) })) });
  while (got[0]!.messages.length + got[1]!.messages.length < n) {
    if (Date.now() > deadline + 15_000) throw new Error(`only ${got[0]!.messages.length + got[1]!.messages.length} of ${n}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 300)); // let any duplicate show up
  const values = [...got[0]!.messages, ...got[1]!.messages].map((m) => Number(m.value!.toString()));
  assert.equal(values.length, n, 'a message was read twice');
  assert.deepEqual(values.sort((x, y) => x - y), Array.from({ length: n }, (_, i) => i));
  // Each member saw only its own partitions, and both did real work.
  assert.ok(got[0]!.messages.every((m) => asA.partitions.includes(m.partition)));
  assert.ok(got[1]!.messages.every((m) => asB.partitions.includes(m.partition)));
  assert.ok(got[0]!.messages.length > 0 && got[1]!.messages.length > 0);
});
