import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ClientTestContext, waitForMessages } from '../support/kafka-client.js';
import { kcat as kcatRun } from '../support/kcat.js';

/** kcat (librdkafka) must read what the Vigie client (@platformatic/kafka) writes and the other way round: one wire, two clients. */
let ctx: ClientTestContext;
before(async () => { ctx = await ClientTestContext.create('kcat'); });
after(async () => { await ctx.cleanup(); });

const kcat = (args: string[], input?: string): string => kcatRun(ctx.brokers, args, input);

test('kcat lists the broker', () => {
  assert.match(kcat(['-L']), /1 brokers:/);
});

test('a message produced with kcat -P is consumed by the Vigie client', async () => {
  const topic = await ctx.topic('kcat-to-js');
  kcat(['-P', '-t', topic, '-K', '\t', '-H', 'origin=kcat'], 'conv-1\tbonjour ça va\nconv-2\thello there\n');
  const got = await waitForMessages(await ctx.collect([topic]), 2);
  assert.deepEqual(got.map((m) => [m.key, m.value!.toString('utf8'), m.headers.origin]), [
    ['conv-1', 'bonjour ça va', 'kcat'],
    ['conv-2', 'hello there', 'kcat'],
  ]);
});

test('a message produced with the Vigie client is consumed by kcat -C', async () => {
  const topic = await ctx.topic('js-to-kcat');
  const producer = await ctx.producer();
  await producer.send({ topic, messages: [{ key: 'conv-9', value: 'salut 😀', headers: { origin: 'vigie' } }, { key: 'conv-8', value: 'second' }] });
  const out = kcat(['-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k|%s|%h\n']);
  assert.deepEqual(out.trimEnd().split('\n'), ['conv-9|salut 😀|origin=vigie', 'conv-8|second|']);
});
