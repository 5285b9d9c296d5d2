import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../common/logger.js';
import { EVENTS } from '../common/events.js';
import type { ChatMessage } from '../contracts/types.js';
import { compileEngineOptions, createEngine, createState, encodeState, restoreState, type EngineState } from '../engine/engine.js';
import { ENGINE_THREAD_YOUNG_GENERATION_MB, EnginePoolFatalError, EngineThreadPool } from './engine-pool.js';
import { EngineStateLostError, EngineThreadDiedError } from './partition-engines.js';

const log = createLogger({ name: 'engine-pool-test', level: 'silent' });
const defaults = compileEngineOptions({});
/** The shipped rules, policy and both models: the identity with the in-process engine is checked on the real thing. */
const ENGINE = { rulesDir: defaults.rulesDir, policyFile: defaults.policyFile, modelDir: defaults.modelDir ?? 'none', windowModelDir: defaults.windowModelDir ?? 'none' };

const TEXTS = [
  'salut ça va ?', 't as quel âge ?', 'envoie moi une photo de toi', 'on se voit où demain', 'ne dis rien à tes parents',
  'hello how old are you', 'send me a pic', 'i know where you live', 'good game everyone', 'tu habites où exactement',
];
/** `n` messages of a few conversations of partition `p`, in time order. */
function messages(p: number, n: number, from = 0): ChatMessage[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k, c = `p${p}-c${i % 3}`;
    return {
      messageId: `${c}-m${i}`, tenantId: null, conversationId: c, roomId: null, senderId: `${c}-${i % 2 ? 'a' : 'b'}`, recipientId: `${c}-${i % 2 ? 'b' : 'a'}`,
      text: TEXTS[(i * 7 + p) % TEXTS.length]!, sentAt: 1_700_000_000_000 + i * 1000, senderIp: null, senderDeclaredAge: i % 5 === 0 ? 13 : null, locale: null,
    };
  });
}
const chunks = <T>(xs: T[], size: number): T[][] => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

describe('EngineThreadPool', () => {
  const pools: EngineThreadPool[] = [];
  after(async () => { for (const p of pools) await p.close(); });

  it('gives the in-process verdicts and states, partitions concurrent and each one in order; a snapshot restores to the same state', async () => {
    const pool = await EngineThreadPool.create({ threads: 2, engine: ENGINE, watchPaths: [], log });
    pools.push(pool);
    const local = await createEngine(ENGINE);
    const partitions = [0, 1, 2, 3];
    const input = new Map(partitions.map((p) => [p, chunks(messages(p, 60), 8)]));
    // In-process reference: each partition's batches in order on its own state.
    const states = new Map<number, EngineState>(partitions.map((p) => [p, createState()]));
    const expected = new Map<number, unknown[]>();
    for (const p of partitions) {
      const out: unknown[] = [];
      for (const batch of input.get(p)!) out.push(...(await local.classifyBatch(batch, states.get(p)!)));
      expected.set(p, out);
    }
    // Pool: every batch of every partition sent at once, without waiting; a partition's batches are answered in order.
    for (const p of partitions) await pool.open(p, null);
    const sent = partitions.map((p) => Promise.all(input.get(p)!.map((batch) => pool.classify(p, batch))).then((r) => r.flat()));
    const got = await Promise.all(sent);
    partitions.forEach((p, i) => assert.deepEqual(got[i], expected.get(p), `partition ${p}`));
    for (const p of partitions) {
      const snap = await pool.snapshot(p, '42');
      assert.equal(snap.nextOffset, '42');
      assert.deepEqual(Buffer.from(snap.engine as Uint8Array), Buffer.from(encodeState(states.get(p)!)), `state of partition ${p}`);
    }
    // Restore partition 1's snapshot as partition 5 (another thread): the next batches score as on the in-process state.
    const snap1 = await pool.snapshot(1, '60');
    await pool.open(5, snap1.engine);
    const more = messages(1, 16, 60);
    assert.deepEqual(await pool.classify(5, more), await local.classifyBatch(more, restoreState(encodeState(states.get(1)!))));
    await local.close();
  });

  it('a thread that dies fails its calls with EngineStateLostError and comes back empty; other threads keep their partitions', async () => {
    const pool = await EngineThreadPool.create({ threads: 2, engine: { ...ENGINE, modelDir: 'none', windowModelDir: 'none' }, watchPaths: [], log,
      entry: new URL('../../test/support/crashing-engine-thread.js', import.meta.url) });
    pools.push(pool);
    await pool.open(0, null);
    await pool.open(1, null);
    await pool.classify(0, messages(0, 3));
    const crash = { ...messages(0, 1, 3)[0]!, text: 'crash the thread' };
    await assert.rejects(pool.classify(0, [crash]), EngineStateLostError);
    await assert.rejects(pool.classify(0, messages(0, 1, 4)), EngineStateLostError, 'the new thread has no state of partition 0');
    assert.equal((await pool.classify(1, messages(1, 2))).length, 2, 'partition 1 (other thread) unaffected');
    await pool.open(0, null);
    assert.equal((await pool.classify(0, messages(0, 2))).length, 2, 'restored partition 0 works again');
  });

  it('reload: every thread switches, or none does when the files do not load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-pool-'));
    const policyFile = join(dir, 'policy.json');
    cpSync(ENGINE.policyFile, policyFile);
    const outcomes: string[] = [];
    const pool = await EngineThreadPool.create({ threads: 2, engine: { ...ENGINE, modelDir: 'none', windowModelDir: 'none', policyFile }, watchPaths: [], log,
      onReload: (o) => outcomes.push(o) });
    pools.push(pool);
    await pool.open(0, null);
    await pool.open(1, null);
    const before = pool.versions;
    const good = readFileSync(policyFile, 'utf8');
    writeFileSync(policyFile, '{ not json');
    await pool.reload('test: broken policy');
    assert.deepEqual(outcomes, ['error']);
    assert.deepEqual(pool.versions, before);
    for (const p of [0, 1]) assert.equal((await pool.classify(p, messages(p, 2)))[0]!.policyVersion, before.policy, 'the previous engine keeps running');
    const policy = JSON.parse(good) as { version: string };
    writeFileSync(policyFile, JSON.stringify({ ...policy, version: `${policy.version}-reloaded` }));
    await pool.reload('test: new policy');
    assert.deepEqual(outcomes, ['error', 'ok']);
    assert.equal(pool.versions.policy, `${policy.version}-reloaded`);
    for (const p of [0, 1]) assert.equal((await pool.classify(p, messages(p, 2, 2)))[0]!.policyVersion, `${policy.version}-reloaded`, `thread of partition ${p} switched`);
  });
  /** A one-thread pool on a copy of the policy file, with a 300 ms reload deadline; its lines and reload outcomes kept. */
  async function deadlinePool() {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-pool-'));
    const policyFile = join(dir, 'policy.json');
    cpSync(ENGINE.policyFile, policyFile);
    const outcomes: string[] = [];
    const lines: Record<string, unknown>[] = [];
    const seen = createLogger({ level: 'info', destination: new Writable({ write(c, _e, cb) { lines.push(JSON.parse(String(c)) as Record<string, unknown>); cb(); } }) });
    const pool = await EngineThreadPool.create({ threads: 1, engine: { ...ENGINE, modelDir: 'none', windowModelDir: 'none', policyFile }, watchPaths: [], log: seen,
      onReload: (o) => outcomes.push(o), loadTimeoutMs: 300 });
    pools.push(pool);
    await pool.open(0, null);
    return { policyFile, outcomes, lines, pool };
  }
  it('a reload past its deadline keeps the previous engine with an error line; what every thread loads later is applied then (stop 53; stop 54: it was discarded)', async () => {
    const { policyFile, outcomes, lines, pool } = await deadlinePool();
    const before = pool.versions;
    const policy = JSON.parse(readFileSync(policyFile, 'utf8')) as { version: string };
    // The policy file becomes a FIFO nobody writes yet: the thread's load hangs, as on a mount that does not answer.
    rmSync(policyFile);
    execFileSync('mkfifo', [policyFile]);
    const reload = pool.reload('test: stuck mount');
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(lines.filter((l) => l.event === EVENTS.ENGINE_RELOAD_TIMEOUT).length, 1, 'an error line at the deadline');
    assert.deepEqual(outcomes, ['error']);
    // While the load still hangs, the previous engine scores, as the line says (review of stop 53: the thread's queue held
    // every request behind the hung load).
    const during = await Promise.race([pool.classify(0, messages(0, 1, 5)).then((v) => v[0]!.policyVersion),
      new Promise<string>((r) => setTimeout(() => r('no answer in 5 s'), 5000).unref())]);
    // The mount answers late, with a new policy: loaded, and applied (the same prepare/commit as on time: all threads or none).
    writeFileSync(policyFile, JSON.stringify({ ...policy, version: `${policy.version}-late` }));
    await reload;
    assert.equal(during, before.policy, 'scored by the previous engine during the hung reload');
    assert.equal(pool.versions.policy, `${policy.version}-late`, 'the late reload is applied: the change is not lost');
    assert.equal((await pool.classify(0, messages(0, 2)))[0]!.policyVersion, `${policy.version}-late`, 'the thread switched');
    const lateLines = lines.filter((l) => l.event === EVENTS.ENGINE_LOAD_LATE);
    assert.equal(lateLines.length, 1);
    assert.equal(lateLines[0]!.level, 40);
    assert.match(String(lateLines[0]!.msg), /and loaded: the new engine is applied now/);
    assert.deepEqual(lines.filter((l) => l.event === EVENTS.ENGINE_RELOADED), []);
    assert.deepEqual(outcomes, ['error', 'ok']);
  });
  it('a reload that ends past its deadline and fails keeps the previous engine; the warn line carries the load error (read53b item 15)', async () => {
    const { policyFile, outcomes, lines, pool } = await deadlinePool();
    const before = pool.versions;
    rmSync(policyFile);
    execFileSync('mkfifo', [policyFile]);
    const reload = pool.reload('test: stuck mount');
    await new Promise((r) => setTimeout(r, 600));
    writeFileSync(policyFile, '{ not json');
    await reload;
    assert.deepEqual(pool.versions, before);
    assert.equal((await pool.classify(0, messages(0, 2)))[0]!.policyVersion, before.policy, 'the previous engine still scores');
    const late = lines.filter((l) => l.event === EVENTS.ENGINE_LOAD_LATE);
    assert.equal(late.length, 1);
    assert.equal(late[0]!.level, 40);
    assert.match(String(late[0]!.msg), /and failed: the previous engine still runs/);
    const err = late[0]!.err as { type?: string; message?: string; stack?: string } | undefined;
    assert.match(String(err?.message), /JSON|policy/i, 'the load error, serialised (message)');
    assert.equal(typeof err?.stack, 'string', 'with its stack');
    assert.deepEqual(outcomes, ['error'], 'counted once, at the deadline');
  });
  it('a thread answers its requests one at a time in arrival order (stub engine with random delays)', async () => {
    const pool = await EngineThreadPool.create({ threads: 2, engine: ENGINE, watchPaths: [], log, entry: new URL('../../test/support/slow-engine-thread.js', import.meta.url) });
    pools.push(pool);
    const partitions = [0, 1, 2, 3];
    for (const p of partitions) await pool.open(p, null);
    const input = new Map(partitions.map((p) => [p, chunks(messages(p, 24), 3)]));
    const got = await Promise.all(partitions.map((p) => Promise.all(input.get(p)!.map((b) => pool.classify(p, b))).then((r) => r.flat())));
    partitions.forEach((p, i) => {
      const ids = input.get(p)!.flat().map((m) => m.messageId);
      assert.deepEqual(got[i], ids.map((id, k) => ({ messageId: id, before: ids.slice(0, k).join(',') })), `partition ${p}: its calls in order, never interleaved`);
    });
  });

  it('each thread runs under the pool\'s V8 limits: a 24 MB young generation by default (8 MB semi-spaces), settable', async () => {
    const LIMITS = new URL('../../test/support/limits-engine-thread.js', import.meta.url);
    type Seen = { limits: { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number }; newSpace: number };
    const byDefault = await EngineThreadPool.create({ threads: 1, engine: ENGINE, watchPaths: [], log, entry: LIMITS });
    pools.push(byDefault);
    await byDefault.open(0, null);
    const d = (await byDefault.classify(0, messages(0, 1)))[0] as unknown as Seen;
    assert.equal(ENGINE_THREAD_YOUNG_GENERATION_MB, 24);
    assert.equal(d.limits.maxYoungGenerationSizeMb, 24);
    assert.equal(d.limits.maxOldGenerationSizeMb, 1024);
    // How V8 splits the young generation between its spaces varies by machine (seen: 16 MiB here, 17 and 21.25 MiB in CI at
    // 24 MB), so the bound is the limit itself; a thread without limits grows its new space to 128 MiB under this garbage.
    const MiB = 1024 * 1024;
    assert.ok(d.newSpace <= 24 * MiB, `new space ${d.newSpace} B: within the 24 MB young generation`);
    const set = await EngineThreadPool.create({ threads: 1, engine: ENGINE, watchPaths: [], log, entry: LIMITS, maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 512 });
    pools.push(set);
    await set.open(0, null);
    const s = (await set.classify(0, messages(0, 1)))[0] as unknown as Seen;
    assert.deepEqual([s.limits.maxYoungGenerationSizeMb, s.limits.maxOldGenerationSizeMb], [48, 512]);
    assert.ok(s.newSpace <= 48 * MiB && s.newSpace > 24 * MiB, `new space ${s.newSpace} B: within the 48 MB young generation, past the default's 24`);
  });

  const CRASHING = new URL('../../test/support/crashing-engine-thread.js', import.meta.url);
  const crash = (p: number): ChatMessage => ({ ...messages(p, 1, 99)[0]!, text: 'crash the thread' });

  it('the classify running when its thread died is the culprit (EngineThreadDiedError); owned partitions are spread round-robin', async () => {
    const pool = await EngineThreadPool.create({ threads: 2, engine: { ...ENGINE, modelDir: 'none', windowModelDir: 'none' }, watchPaths: [], log, entry: CRASHING });
    pools.push(pool);
    // Owned {1, 3, 5}: 1 → thread 0, 3 → thread 1, 5 → thread 0 (partition % 2 would put all three on thread 1).
    for (const p of [1, 3, 5]) await pool.open(p, null);
    const dying = pool.classify(3, [crash(3)]);
    const queued = pool.classify(3, messages(3, 1));
    await assert.rejects(dying, EngineThreadDiedError);
    await assert.rejects(queued, (e) => e instanceof EngineStateLostError && !(e instanceof EngineThreadDiedError), 'queued behind it: state lost, not the culprit');
    for (const p of [1, 5]) assert.equal((await pool.classify(p, messages(p, 2))).length, 2, `partition ${p} is on the other thread`);
  });

  it('a recreated thread that cannot load the engine, or loads other versions than the pool, is fatal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-pool-'));
    const policyFile = join(dir, 'policy.json');
    cpSync(ENGINE.policyFile, policyFile);
    const good = readFileSync(policyFile, 'utf8');
    const fatal: Error[] = [];
    const pool = await EngineThreadPool.create({ threads: 1, engine: { ...ENGINE, modelDir: 'none', windowModelDir: 'none', policyFile }, watchPaths: [], log,
      entry: CRASHING, onFatal: (e) => fatal.push(e) });
    pools.push(pool);
    const waitFatal = async (n: number) => { for (let i = 0; i < 200 && fatal.length < n; i++) await new Promise((r) => setTimeout(r, 25)); };
    await pool.open(0, null);
    writeFileSync(policyFile, '{ not json');
    await assert.rejects(pool.classify(0, [crash(0)]), EngineThreadDiedError);
    await assert.rejects(pool.open(0, null), EngineStateLostError);
    await waitFatal(1);
    assert.equal(fatal.length, 1);
    assert.ok(fatal[0] instanceof EnginePoolFatalError);
    assert.match(fatal[0]!.message, /could not load the engine/);
    // A thread that did not load is not recreated (its partitions answer "state lost"); another pool's recreated thread loads other versions.
    writeFileSync(policyFile, good);
    const pool2 = await EngineThreadPool.create({ threads: 1, engine: { ...ENGINE, modelDir: 'none', windowModelDir: 'none', policyFile }, watchPaths: [], log,
      entry: CRASHING, onFatal: (e) => fatal.push(e) });
    pools.push(pool2);
    await pool2.open(0, null);
    const policy = JSON.parse(good) as { version: string };
    writeFileSync(policyFile, JSON.stringify({ ...policy, version: `${policy.version}-new` }));
    await assert.rejects(pool2.classify(0, [crash(0)]), EngineThreadDiedError);
    await pool2.open(0, null).catch(() => undefined);
    await waitFatal(2);
    assert.equal(fatal.length, 2);
    assert.match(fatal[1]!.message, /loaded versions .*-new/);
  });

  it('close() rejects the calls in flight', async () => {
    const pool = await EngineThreadPool.create({ threads: 1, engine: ENGINE, watchPaths: [], log, entry: new URL('../../test/support/slow-engine-thread.js', import.meta.url) });
    await pool.open(0, null);
    const rejected = assert.rejects(pool.classify(0, messages(0, 50)), (e) => e instanceof EngineStateLostError && !(e instanceof EngineThreadDiedError));
    await pool.close();
    await rejected;
  });
});

describe('EngineThreadPool: failed loads and reloads (stub engine)', () => {
  const STUB = new URL('../../test/support/stub-reload-engine-thread.js', import.meta.url);
  const pools: EngineThreadPool[] = [];
  after(async () => { for (const p of pools) await p.close(); });
  async function stubPool(threads: number) {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-pool-stub-'));
    writeFileSync(join(dir, 'version'), 'v1');
    const fatal: Error[] = [], outcomes: string[] = [];
    const pool = await EngineThreadPool.create({ threads, engine: { ...ENGINE, rulesDir: dir }, watchPaths: [], log, entry: STUB,
      onFatal: (e) => fatal.push(e), onReload: (o) => outcomes.push(o) });
    pools.push(pool);
    for (let p = 0; p < threads; p++) await pool.open(p, null);
    return { pool, dir, fatal, outcomes };
  }
  /** A 2-thread pool on v1 that reloads v2 with `marker` (a stub behaviour) in place. */
  async function reloadV2With(marker: string) {
    const r = await stubPool(2);
    writeFileSync(join(r.dir, 'version'), 'v2');
    writeFileSync(join(r.dir, marker), '');
    await r.pool.reload(`test: ${marker}`);
    assert.deepEqual(r.outcomes, ['error']);
    return r;
  }
  const policyOf = async (pool: EngineThreadPool, p: number) => ((await pool.classify(p, messages(p, 1)))[0] as unknown as { policyVersion: string }).policyVersion;
  const crash = (p: number): ChatMessage => ({ ...messages(p, 1, 99)[0]!, text: 'crash the thread' });

  it('a thread whose first load fails answers "state lost" for its partitions (no hang, no crash); fatal is reported once', async () => {
    const { pool, dir, fatal } = await stubPool(2);
    writeFileSync(join(dir, 'fail-load'), '');
    await assert.rejects(pool.classify(0, [crash(0)]), EngineThreadDiedError);
    // The recreated thread of partition 0 cannot load: its answers are "state lost", naming the cause, and it is not recreated again and again.
    for (let i = 0; i < 3; i++) {
      await assert.rejects(pool.open(0, null), (e) => e instanceof EngineStateLostError && !(e instanceof EngineThreadDiedError) && /could not|not loaded/.test((e as Error).message));
      await assert.rejects(pool.classify(0, messages(0, 1)), (e) => e instanceof EngineStateLostError && !(e instanceof EngineThreadDiedError));
    }
    assert.equal(fatal.length, 1);
    assert.ok(fatal[0] instanceof EnginePoolFatalError);
    assert.match(fatal[0]!.message, /could not load the engine: Error: policy file: Unexpected token/);
    assert.equal(await policyOf(pool, 1), 'v1', 'the other thread keeps its partition');
  });

  it('a recreated thread that dies while loading: one fatal naming the thread and the cause, and not recreated again and again', async () => {
    const { pool, dir, fatal } = await stubPool(2);
    writeFileSync(join(dir, 'die-on-load'), '');
    await assert.rejects(pool.classify(0, [crash(0)]), EngineThreadDiedError);
    for (let i = 0; i < 3; i++) await assert.rejects(pool.open(0, null), EngineStateLostError);
    for (let i = 0; i < 200 && fatal.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(fatal.length, 1, fatal.map((e) => e.message).join(' / '));
    assert.equal(fatal[0]!.message, 'recreated engine thread 0 could not load the engine: exited with code 7; its partitions answer "state lost" until the worker stops');
  });

  it('a first load that fails at start: create() rejects with the cause', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-pool-stub-'));
    writeFileSync(join(dir, 'fail-load'), '');
    await assert.rejects(EngineThreadPool.create({ threads: 2, engine: { ...ENGINE, rulesDir: dir }, watchPaths: [], log, entry: STUB }),
      /engine thread \d could not load the engine: Error: policy file: Unexpected token/);
  });

  it('reload: threads that loaded different versions (files changed mid-reload) all keep the previous engine', async () => {
    const { pool, fatal } = await reloadV2With('split');
    assert.equal(pool.versions.policy, 'v1');
    assert.deepEqual([await policyOf(pool, 0), await policyOf(pool, 1)], ['v1', 'v1'], 'no thread switched');
    assert.equal(fatal.length, 0);
    await pool.reload('test: files settled');
    assert.deepEqual([pool.versions.policy, await policyOf(pool, 0), await policyOf(pool, 1)], ['v2', 'v2', 'v2']);
  });

  it('reload: a switch made by some threads and not others is fatal, with a clear error', async () => {
    const { fatal } = await reloadV2With('die-on-commit');
    assert.equal(fatal.length, 1, 'fatal: the threads would run different versions');
    assert.ok(fatal[0] instanceof EnginePoolFatalError);
    assert.match(fatal[0]!.message, /switched 1 of 2 engine threads .*v2.*the others did not/);
  });
});
