import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineSetup } from './run-classifier.js';
import { compileConfig } from '../../common/config.js';
import { encodedOf } from '../../engine/context/state-lazy.js';
import { compileEngineOptions, createEngine, type EngineState } from '../../engine/engine.js';
import type { WorkerEngine } from '../../classifier-worker/engine-holder.js';
import type { ChatMessage } from '../../contracts/types.js';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../main.js');

test('run classifier: a taken HTTP port fails at once, before the brokers and the engine load, in ONE line naming VIGIE_CLASSIFIER_HTTP_PORT (stop 51: the engine loaded for seconds first)', async () => {
  const taken = createServer();
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
  const port = (taken.address() as AddressInfo).port;
  try {
    // No broker is needed: nothing connects to one. The model is left in, so that an engine load (seconds) would show.
    const child = spawn(process.execPath, [MAIN, 'run', 'classifier'], {
      env: { ...process.env, VIGIE_ENGINE_THREADS: '1', VIGIE_CLASSIFIER_HTTP_PORT: String(port), KAFKA_BROKERS: '127.0.0.1:1',
        VIGIE_CONFIG: '', VIGIE_LOG_LEVEL: 'info', VIGIE_LOG_FORMAT: 'json', VIGIE_LOG_FILE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '', stdout = '';
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.on('exit', (c, s) => r([c, s])));
    clearTimeout(killer);
    assert.equal(signal, null, 'exited by itself (not killed after 20 s)');
    assert.equal(code, 1);
    const logs = stdout + stderr;
    assert.match(logs, /"event":"worker\.loading"/, 'the worker did start');
    assert.doesNotMatch(logs, /"event":"engine\.loaded"|engine threads|kafka\.waiting/, 'no engine loaded, no broker asked');
    // ONE line (no "invalid configuration:" line before it, no stack) naming the address, the cause and the variable to change.
    const errorLines = stderr.split('\n').filter((l) => l.trim() && !l.startsWith('{'));
    assert.deepEqual(errorLines, [`vigie run classifier: cannot listen on 127.0.0.1:${port}: the port is already in use (another process listens on it); set VIGIE_CLASSIFIER_HTTP_PORT to a free port`]);
  } finally {
    taken.close();
  }
});

test('run classifier: engineSetup carries VIGIE_STATE_FORMAT and VIGIE_CLASSIFIER_STATE_COOL_* to the engine threads\' options and to the in-process engine (cooling after 2000 touches by default, from 4000 entries; 0 = off)', async () => {
  const base = { VIGIE_MODEL_DIR: 'none', VIGIE_WINDOW_MODEL_DIR: 'none' };
  const messages = Array.from({ length: 120 }, (_, i) => ({
    messageId: `m${i}`, tenantId: null, conversationId: `c${i % 30}`, roomId: null, senderId: `u${i % 17}`, recipientId: `u${(i + 1) % 17}`, senderIp: null, locale: null,
    text: i % 2 ? 'tu as quel age ?' : 'on se voit ce soir', sentAt: 1_767_225_600_000 + i * 60_000, senderDeclaredAge: null,
  }) as unknown as ChatMessage);
  /** Classifies the messages with an engine of `load` on a new state; the formats of the state's entries kept encoded. */
  const cooledFormats = async (load: () => Promise<WorkerEngine<EngineState>>, state: EngineState): Promise<number[]> => {
    const engine = await load();
    try {
      for (let i = 0; i < messages.length; i += 8) await engine.classifyBatch(messages.slice(i, i + 8), state);
    } finally {
      await engine.close?.();
    }
    const formats: number[] = [];
    for (const rec of [state.convs, state.senders] as Record<string, unknown>[]) for (const k in rec) { const r = encodedOf(rec[k]); if (r) formats.push(r.src.format); }
    return formats;
  };
  const on = engineSetup(compileConfig({ env: { ...base, VIGIE_STATE_FORMAT: '4', VIGIE_CLASSIFIER_STATE_COOL_AFTER: '10', VIGIE_CLASSIFIER_STATE_COOL_MIN_ENTRIES: '0' } }));
  assert.equal(on.loadOptions.stateFormat, 4);
  assert.deepEqual(on.loadOptions.bounds, { coolAfterTouches: 10, coolMinEntries: 0 });
  // What an engine thread loads (the pool sends loadOptions to it as they are), and the in-process engine: both cool, in format 4.
  for (const [name, load] of [['thread options', () => createEngine(on.loadOptions)], ['in-process factory', () => on.factory.load()]] as const) {
    const state = on.factory.newState();
    const formats = await cooledFormats(load, state);
    assert.ok(formats.length > 5, `${name}: entries kept encoded (${formats.length})`);
    assert.ok(formats.every((f) => f === 4), `${name}: cooled in format 4`);
    assert.equal(on.factory.encodeState!(state)[3], 4, `${name}: checkpoint in format 4`);
  }
  const def = engineSetup(compileConfig({ env: base }));
  assert.equal(def.loadOptions.stateFormat, 3);
  // Round 37 (issue 11 memory): the worker cools by default; docs/scaling.md "Memory" has the measurement.
  assert.deepEqual(def.loadOptions.bounds, { coolAfterTouches: 2000, coolMinEntries: 4000 });
  const state = def.factory.newState();
  assert.deepEqual(await cooledFormats(() => def.factory.load(), state), [], 'nothing kept encoded below 4000 entries');
  assert.equal(def.factory.encodeState!(state)[3], 3);
  const off = engineSetup(compileConfig({ env: { ...base, VIGIE_CLASSIFIER_STATE_COOL_AFTER: '0', VIGIE_CLASSIFIER_STATE_COOL_MIN_ENTRIES: '0' } }));
  assert.deepEqual(off.loadOptions.bounds, { coolAfterTouches: 0, coolMinEntries: 0 });
  assert.deepEqual(await cooledFormats(() => off.factory.load(), off.factory.newState()), [], '0 = off, whatever the state holds');
});

test('run classifier: an engine load that hangs (a model directory on a stuck mount: here a FIFO nobody writes) makes /livez answer 503 with the reason past VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS, and a log line says so (stop 52: 200 for ever)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-stuck-model-'));
  // Opening a FIFO for reading blocks until a writer comes: the load never ends, as on a mount that does not answer.
  execFileSync('mkfifo', [join(dir, 'manifest.json')]);
  const child = spawn(process.execPath, [MAIN, 'run', 'classifier'], {
    env: { ...process.env, VIGIE_ENGINE_THREADS: '1', VIGIE_CLASSIFIER_HTTP_PORT: '0', KAFKA_BROKERS: '127.0.0.1:1', VIGIE_MODEL_DIR: dir,
      VIGIE_WINDOW_MODEL_DIR: 'none', VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS: '1500', VIGIE_CONFIG: '', VIGIE_LOG_LEVEL: 'info', VIGIE_LOG_FORMAT: 'json', VIGIE_LOG_FILE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '', stdout = '';
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  try {
    const port = await new Promise<number>((res, rej) => {
      const t = setTimeout(() => rej(new Error(`no port line: ${stdout}${stderr}`)), 20_000);
      child.stdout.on('data', (b: Buffer) => {
        stdout += b.toString();
        const m = /vigie-classifier http (\d+)/.exec(stdout);
        if (m) { clearTimeout(t); res(Number(m[1])); }
      });
    });
    const livez = async () => { const r = await fetch(`http://127.0.0.1:${port}/livez`); return { status: r.status, body: await r.text() }; };
    assert.equal((await livez()).status, 200, 'live while the load is young');
    let last = await livez();
    for (const until = Date.now() + 15_000; last.status === 200 && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 200));
      last = await livez();
    }
    assert.equal(last.status, 503, `not live past the load deadline (${stdout}${stderr})`);
    const reason = (JSON.parse(last.body) as { reason: { check: string; loadTimeoutMs: number; seconds: number } }).reason;
    assert.equal(reason.check, 'engine load');
    assert.equal(reason.loadTimeoutMs, 1500);
    assert.doesNotMatch(stdout + stderr, /"event":"engine\.loaded"/, 'the load never ended');
    await new Promise((r) => setTimeout(r, 300));
    const line = (stdout + stderr).split('\n').find((l) => l.includes('"event":"engine.load_timeout"'));
    assert.ok(line, 'a log line says so');
    assert.match(line, /"level":50/);
    assert.match(line, /past VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS/);
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});

test('run classifier: a load that ends after VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS logs engine.load_late and /livez answers 200 again (stop 53: it turned back without a word)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-slow-policy-'));
  const policyFile = join(dir, 'policy.json');
  // A FIFO as the policy file: the load waits until the test writes it, past the deadline (a slow mount).
  execFileSync('mkfifo', [policyFile]);
  const child = spawn(process.execPath, [MAIN, 'run', 'classifier'], {
    env: { ...process.env, VIGIE_ENGINE_THREADS: '0', VIGIE_CLASSIFIER_HTTP_PORT: '0', KAFKA_BROKERS: '127.0.0.1:1', VIGIE_MODEL_DIR: 'none', VIGIE_POLICY_FILE: policyFile,
      VIGIE_WINDOW_MODEL_DIR: 'none', VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS: '1000', VIGIE_CONFIG: '', VIGIE_LOG_LEVEL: 'info', VIGIE_LOG_FORMAT: 'json', VIGIE_LOG_FILE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '', stdout = '';
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
  const until = async (what: () => boolean, ms: number, label: string) => {
    for (const end = Date.now() + ms; !what();) {
      if (Date.now() > end) throw new Error(`${label}: ${stdout}${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  try {
    await until(() => /vigie-classifier http \d+/.test(stdout), 20_000, 'no port line');
    const port = Number(/vigie-classifier http (\d+)/.exec(stdout)![1]);
    const livez = async () => (await fetch(`http://127.0.0.1:${port}/livez`)).status;
    await until(() => (stdout + stderr).includes('"event":"engine.load_timeout"'), 15_000, 'no load_timeout line');
    assert.equal(await livez(), 503, 'not live past the deadline');
    writeFileSync(policyFile, readFileSync(compileEngineOptions({}).policyFile, 'utf8'));
    await until(() => (stdout + stderr).includes('"event":"engine.loaded"'), 20_000, 'the load did not end');
    await until(() => (stdout + stderr).includes('"event":"engine.load_late"'), 2_000, 'no line says the load ended late');
    const line = (stdout + stderr).split('\n').find((l) => l.includes('"event":"engine.load_late"'))!;
    assert.match(line, /"level":40/);
    assert.match(line, /\/livez answers 200 again/);
    assert.equal(await livez(), 200, 'live again');
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});
