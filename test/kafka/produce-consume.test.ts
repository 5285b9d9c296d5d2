import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ClientTestContext, waitForMessages } from '../support/kafka-client.js';

let ctx: ClientTestContext;
before(async () => { ctx = await ClientTestContext.create('produce-consume'); });
after(async () => { await ctx.cleanup(); });

test('messages produced with keys and headers come back intact, in order per key', async () => {
  const topic = await ctx.topic('pc', 3);
  const producer = await ctx.producer();
  const sent = Array.from({ length: 30 }, (_, i) => ({
    key: `conv-${i % 4}`,
    value: JSON.stringify({ seq: i, text: `message ${i} — é ü 😀` }),
    headers: { 'vigie.seq': String(i) },
  }));
  await producer.send({ topic, messages: sent });

  const got = await waitForMessages(await ctx.collect([topic]), sent.length);
  assert.equal(got.length, sent.length);
  for (const m of got) {
    const v = JSON.parse(m.value!.toString('utf8')) as { seq: number; text: string };
    assert.equal(m.key, `conv-${v.seq % 4}`);
    assert.equal(m.headers['vigie.seq'], String(v.seq));
    assert.equal(v.text, `message ${v.seq} — é ü 😀`);
  }
  // Same key -> same partition, and within a key the order of sending is kept.
  for (let k = 0; k < 4; k++) {
    const ofKey = got.filter((m) => m.key === `conv-${k}`);
    assert.equal(new Set(ofKey.map((m) => m.partition)).size, 1, `key conv-${k} spread over partitions`);
    const seqs = ofKey.map((m) => (JSON.parse(m.value!.toString()) as { seq: number }).seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
  }
});

test('readAll returns exactly what the topic holds, from the start', async () => {
  const topic = await ctx.topic('readall', 2);
  const producer = await ctx.producer();
  await producer.send({ topic, messages: Array.from({ length: 7 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
  const all = await ctx.readAll(topic);
  assert.deepEqual(all.map((m) => m.value!.toString()).sort(), ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
  assert.deepEqual(await ctx.readAll(await ctx.topic('empty')), []);
});
