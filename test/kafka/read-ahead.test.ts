import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { MessagesStream } from '@platformatic/kafka';
import { createLogger } from '../../services/common/logger.js';
import { KafkaInput, type InputMessage } from '../../services/kafka/kafka-input.js';
import { ClientTestContext } from '../support/kafka-client.js';

/**
 * KafkaInput's read-ahead on the real broker (review of mem20, findings 2 and 3): records larger than the byte bound
 * pause and resume the stream without a deadlock, a rewind while paused resets the count, and a rewind that fails
 * neither lets the replaced stream fetch nor loses it.
 */
let ctx: ClientTestContext;
before(async () => { ctx = await ClientTestContext.create('read-ahead'); });
after(async () => { await ctx.cleanup(); });

const log = createLogger({ level: process.env.VIGIE_TEST_LOG_LEVEL ?? 'warn' });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function produce(topic: string, n: number, size: number): Promise<void> {
  const p = await ctx.producer();
  for (let i = 0; i < n; i += 5) await p.send({ topic, messages: Array.from({ length: Math.min(5, n - i) }, (_, j) => ({ key: `k${i + j}`, value: Buffer.alloc(size, 97) })) });
}

async function drain(input: KafkaInput, n: number, timeoutMs = 60_000): Promise<InputMessage[]> {
  const seen: InputMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  while (seen.length < n && Date.now() < deadline) {
    seen.push(...await input.take(3, 1000));
    if (input.rewindNeeded) await input.rewind();
  }
  return seen;
}

test('records larger than the byte bound: one at a time, paused past the bound, all delivered; a rewind while paused empties the count', async () => {
  const topic = await ctx.topic('ra-big', 3);
  const N = 40, SIZE = 300 * 1024;
  await produce(topic, N, SIZE);
  const input = new KafkaInput(ctx.client, { topic, groupId: ctx.groupId('ra-big'), maxWaitTimeMs: 100, maxBuffered: 1000, maxBufferedBytes: 65_536 }, log);
  let pauses = 0;
  input.onPause = () => { pauses++; };
  try {
    await input.start();
    assert.deepEqual(input.readAheadBounds, { records: 1000, bytes: 65_536 });
    assert.equal((await drain(input, 3)).length >= 3, true);
    await sleep(1500);
    assert.equal(input.buffered, 1, 'over the byte bound by exactly one record');
    assert.ok(input.bufferedBytes > 65_536, `${input.bufferedBytes} B buffered`);
    assert.equal(input.paused, true, 'fetching paused at the bound');
    assert.ok(pauses >= 1);
    input.requestRewind();
    await input.rewind();
    assert.deepEqual([input.buffered, input.bufferedBytes], [0, 0], 'the rewind dropped the buffer and its byte count');
    const all = await drain(input, N);
    assert.equal(new Set(all.map((m) => `${m.partition}:${m.offset}`)).size, N, 'every record again after the rewind');
    await sleep(500);
    assert.deepEqual([input.buffered, input.bufferedBytes, input.paused], [0, 0, false]);
    assert.ok(pauses >= N / 2, `paused ${pauses} times`);
  } finally {
    await input.close();
  }
});

test('a rewind that fails pauses the replaced stream at once and does not lose it: the next rewind closes it', async () => {
  const topic = await ctx.topic('ra-fail', 2);
  await produce(topic, 20, 100);
  let fail = false;
  const streams: MessagesStream<Buffer, Buffer, Buffer, Buffer>[] = [];
  const pausedDuringRewind: boolean[] = [];
  const input = new KafkaInput(ctx.client, {
    topic, groupId: ctx.groupId('ra-fail'), maxWaitTimeMs: 100,
    startOffsets: async (_a, committed) => {
      pausedDuringRewind.push(...streams.filter((s) => !s.closed).map((s) => s.isPaused()));
      if (fail) throw new Error('state restore failed (test)');
      return committed;
    },
  }, log);
  const consume = input.consumer.consume.bind(input.consumer);
  (input.consumer as { consume: unknown }).consume = async (...args: Parameters<typeof consume>) => {
    const s = await consume(...args);
    streams.push(s as MessagesStream<Buffer, Buffer, Buffer, Buffer>);
    return s;
  };
  try {
    await input.start();
    assert.equal((await drain(input, 20)).length, 20);
    assert.equal(input.consumer.streamsCount, 1);
    fail = true;
    pausedDuringRewind.length = 0;
    for (let i = 0; i < 2; i++) {
      input.requestRewind();
      await assert.rejects(input.rewind(), /state restore failed/);
    }
    assert.deepEqual(pausedDuringRewind, [true, true], 'the replaced stream was paused while the rewind waited');
    assert.equal(input.consumer.streamsCount, 1, 'two failed rewinds: still the one replaced stream (paused), none leaked');
    fail = false;
    input.requestRewind();
    await input.rewind();
    assert.equal(input.consumer.streamsCount, 1, 'the replaced stream is closed once the new one is open');
    assert.equal(streams.filter((s) => !s.closed).length, 1);
    assert.equal(new Set((await drain(input, 20)).map((m) => `${m.partition}:${m.offset}`)).size, 20, 'positions from the committed offsets (none: from the start)');
  } finally {
    await input.close();
  }
  assert.equal(streams.filter((s) => !s.closed).length, 0, 'close() closed every stream');
});
