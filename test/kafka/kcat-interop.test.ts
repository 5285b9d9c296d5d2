import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { KafkaTestContext, collectMessages, waitForMessages } from '../support/kafka.js';

/** kcat (librdkafka) must read what kafkajs writes and the other way round: one wire, two clients. */
let ctx: KafkaTestContext;
before(async () => { ctx = await KafkaTestContext.create('kcat'); });
after(async () => { await ctx.cleanup(); });

function kcat(args: string[], input?: string): string {
  const r = spawnSync('kcat', ['-b', ctx.brokers.join(','), ...args], { input, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw new Error(`kcat could not run (apt-get install -y kcat): ${r.error.message}`);
  assert.equal(r.status, 0, `kcat ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

test('kcat lists the broker', () => {
  assert.match(kcat(['-L']), /1 brokers:/);
});

test('a message produced with kcat -P is consumed by the kafkajs helper', async () => {
  const topic = await ctx.topic('kcat-to-js');
  kcat(['-P', '-t', topic, '-K', '\t', '-H', 'origin=kcat'], 'conv-1\tbonjour ça va\nconv-2\thello there\n');
  const got = await waitForMessages(await collectMessages(await ctx.consumer(), [topic]), 2);
  assert.deepEqual(got.map((m) => [m.key, m.value!.toString('utf8'), m.headers.origin]), [
    ['conv-1', 'bonjour ça va', 'kcat'],
    ['conv-2', 'hello there', 'kcat'],
  ]);
});

test('a message produced with kafkajs is consumed by kcat -C', async () => {
  const topic = await ctx.topic('js-to-kcat');
  const producer = await ctx.producer();
  await producer.send({ topic, messages: [{ key: 'conv-9', value: 'salut 😀', headers: { origin: 'kafkajs' } }, { key: 'conv-8', value: 'second' }] });
  const out = kcat(['-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k|%s|%h\n']);
  assert.deepEqual(out.trimEnd().split('\n'), ['conv-9|salut 😀|origin=kafkajs', 'conv-8|second|']);
});
