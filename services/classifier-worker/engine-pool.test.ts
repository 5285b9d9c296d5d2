import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCodecs } from '../contracts/index.js';
import type { ChatMessage } from '../contracts/types.js';
import { createLogger } from '../common/logger.js';
import { EngineHolder } from './engine-holder.js';
import { createEngineFactory, type FakeState } from './engine-pool.fixture.js';
import { EnginePool, EngineThreadError } from './engine-pool.js';
import { compileWorkerOptions } from './options.js';
import { PartitionEngines, serialized, type EngineRunner } from './partition-engines.js';
import { EngineBatchError, type InputRecord } from './process-batch.js';

const codecs = createCodecs();
const opts = compileWorkerOptions({ brokers: ['x:1'] });
const log = createLogger({ level: 'silent' });
const fixture = new URL('./engine-pool.fixture.js', import.meta.url).href;
const start = (threads: number, onFatal: (e: Error) => void = () => undefined, maxCrashes = 3) =>
  EnginePool.start({ threads, factoryModule: fixture, factoryParams: null, opts, log: { level: 'silent' }, maxCrashes, crashWindowMs: 60_000 }, log, onFatal);

const msg = (p: number, i: number, text = 'hello'): ChatMessage => ({
  messageId: `p${p}-m${i}`, tenantId: null, conversationId: `c${p}`, roomId: null, senderId: 's', recipientId: 'r', text, sentAt: 1000 + i, senderIp: null, senderDeclaredAge: null, locale: null,
});
const rec = (p: number, i: number, text?: string): InputRecord => ({ key: Buffer.from(`c${p}`), value: codecs.ChatMessage.encodeAvro(msg(p, i, text)), offset: String(i) });
const seen = async (r: EngineRunner, p: number): Promise<string[]> => {
  const snap = await r.snapshot(p, '0');
  return (JSON.parse(Buffer.from(snap.engine as Uint8Array).toString('utf8')) as FakeState).seen;
};
const ids = (p: number, from: number, to: number) => Array.from({ length: to - from }, (_, k) => `p${p}-m${from + k}`);

/** Sends `batches` batches of 5 records per partition, all at once, interleaved across partitions; resolves to every result. */
function fire(r: EngineRunner, partitions: number[], from: number, batches: number) {
  const calls = [];
  for (let b = 0; b < batches; b++) {
    for (const p of partitions) calls.push(r.process(p, Array.from({ length: 5 }, (_, k) => rec(p, from + b * 5 + k)), 42));
  }
  return Promise.all(calls);
}

describe('EnginePool (engine threads owning partitions)', { timeout: 60_000 }, () => {
  it('keeps each partition\'s records in order on its one thread, with outputs equal to the in-process runner', async () => {
    const pool = await start(2);
    const local = serialized(new PartitionEngines(await EngineHolder.create(createEngineFactory(), log), codecs, opts));
    try {
      const parts = [0, 1, 2, 3];
      for (const p of parts) { await pool.restore(p, null); await local.restore(p, null); }
      const [threaded, inProcess] = await Promise.all([fire(pool, parts, 0, 20), fire(local, parts, 0, 20)]);
      for (const p of parts) assert.deepEqual(await seen(pool, p), ids(p, 0, 100), `partition ${p} saw its records in order`);
      assert.equal(threaded.length, inProcess.length);
      threaded.forEach((res, i) => {
        const mine = [...res.out].flatMap(([t, ms]) => ms.map((m) => [t, m.key, m.value.toString('hex'), m.headers]));
        const theirs = [...inProcess[i]!.out].flatMap(([t, ms]) => ms.map((m) => [t, m.key, m.value.toString('hex'), m.headers]));
        assert.deepEqual(mine, theirs);
        assert.equal(res.stats.verdicts, 5);
      });
    } finally {
      await pool.close();
      await local.close();
    }
  });

  it('hands a partition\'s state over: the snapshot restored into another pool goes on from where it was', async () => {
    const a = await start(2);
    let snap;
    try {
      await a.restore(3, null);
      await fire(a, [3], 0, 4);
      snap = await a.snapshot(3, '20');
      assert.equal(snap.nextOffset, '20');
    } finally {
      await a.close();
    }
    const b = await start(3);
    try {
      await b.restore(3, snap.engine);
      await fire(b, [3], 20, 2);
      assert.deepEqual(await seen(b, 3), ids(3, 0, 30));
      await b.reset();
      await assert.rejects(b.snapshot(3, '0'), /partition 3 has no engine state/);
    } finally {
      await b.close();
    }
  });

  it('carries an engine failure on a batch back as EngineBatchError (the pipeline then isolates the message)', async () => {
    const pool = await start(1);
    try {
      await pool.restore(0, null);
      const err = await pool.process(0, [rec(0, 0), rec(0, 1, 'boom')], 1).then(() => null, (e: unknown) => e);
      assert.ok(err instanceof EngineBatchError, String(err));
      assert.equal(err.size, 2);
      // One message alone: its verdict becomes a dead letter, the thread goes on.
      const one = await pool.process(0, [rec(0, 1, 'boom')], 1);
      assert.equal(one.stats.dlq, 1);
    } finally {
      await pool.close();
    }
  });

  for (const [how, text] of [['exits', 'crash-thread'], ['throws outside a promise', 'uncaught']] as const) {
    it(`fails the requests of a thread that ${how}, restarts it, and gives up (onFatal) after repeated deaths`, { timeout: 20_000 }, async () => {
      const fatal: Error[] = [];
      const pool = await start(2, (e) => fatal.push(e), 2);
      try {
        await pool.restore(0, null);
        await pool.restore(1, null);
        const crashed = pool.process(0, [rec(0, 0), rec(0, 1, text)], 1);
        await assert.rejects(crashed, (e: unknown) => e instanceof EngineThreadError && e.retriable && /engine thread 0/.test(e.message));
        // The other thread and its partition are untouched.
        await fire(pool, [1], 0, 1);
        assert.deepEqual(await seen(pool, 1), ids(1, 0, 5));
        // The dead thread's partition lost its state (the window aborts and restores it) and works once restored.
        await assert.rejects(pool.snapshot(0, '0'), /no engine state/);
        await pool.restore(0, null);
        await fire(pool, [0], 0, 1);
        assert.deepEqual(await seen(pool, 0), ids(0, 0, 5));
        assert.equal(fatal.length, 0);
        // A second death within the crash window (max 2 here): the pool gives up, loudly.
        await assert.rejects(pool.process(0, [rec(0, 9, text)], 1), EngineThreadError);
        assert.equal(fatal.length, 1);
        assert.match(fatal[0]!.message, /died 2 times/);
        await assert.rejects(pool.process(1, [rec(1, 9)], 1), (e: unknown) => e instanceof EngineThreadError && !e.retriable);
      } finally {
        await pool.close();
      }
    });
  }
});
