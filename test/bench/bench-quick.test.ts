/**
 * Smoke test of `vigie bench --quick` against the real broker: the bench runs as a child process, every
 * phase must succeed, and its last stdout line must be the JSON summary with every figure present and
 * positive. Speed is never asserted (figures are for benchmark reports, not tests).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ClientTestContext } from '../support/kafka-client.js';
import { listTopics } from '../../services/kafka/admin.js';

const MAIN = resolve('dist/services/bench/main.js');

function runBench(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.once('error', rej);
    child.once('close', (code) => res({ code, stdout, stderr }));
  });
}

type Obj = Record<string, unknown>;
const obj = (v: unknown, what: string): Obj => {
  assert.ok(v !== null && typeof v === 'object' && !Array.isArray(v), `${what} should be an object, got ${JSON.stringify(v)}`);
  return v as Obj;
};
const positive = (o: Obj, key: string, what: string): number => {
  const v = o[key];
  assert.ok(typeof v === 'number' && Number.isFinite(v) && v > 0, `${what}.${key} should be a number > 0, got ${JSON.stringify(v)}`);
  return v;
};

test('bench --help documents every flag and the environment', async () => {
  const r = await runBench(['--help'], process.env);
  assert.equal(r.code, 0);
  for (const flag of ['--messages', '--partitions', '--format', '--latency-rate', '--latency-seconds', '--phases', '--keep-topics', '--quick', '--worker-cpu-prof', 'KAFKA_BROKERS']) {
    assert.ok(r.stdout.includes(flag), `help should mention ${flag}`);
  }
});

test('bench rejects a bad flag value with exit code 2 and names it', async () => {
  const r = await runBench(['--partitions', 'zero'], process.env);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /partitions: expected an integer/);
});

test('bench --quick: every phase runs and the last line is the full JSON summary; its topics are deleted', { timeout: 300_000 }, async () => {
  const ctx = await ClientTestContext.create('bench-quick');
  const brokers = ctx.brokers;
  const prefix = `vigie-bench-smoke-${process.pid}`;
  const r = await runBench(['--quick', '--topic-prefix', prefix], { ...process.env, KAFKA_BROKERS: brokers.join(',') });
  const lines = r.stdout.trim().split('\n');
  const last = lines[lines.length - 1] ?? '';
  assert.equal(r.code, 0, `bench exited ${r.code}; stderr tail:\n${r.stderr.split('\n').slice(-25).join('\n')}\nstdout:\n${r.stdout}`);
  const j = obj(JSON.parse(last), 'summary');

  const machine = obj(j.machine, 'machine');
  positive(machine, 'cores', 'machine');
  positive(machine, 'total_memory_bytes', 'machine');
  for (const k of ['cpu_model', 'node', 'kafka_version']) assert.equal(typeof machine[k], 'string', `machine.${k}`);
  const settings = obj(j.settings, 'settings');
  assert.equal(settings.messages, 5000);
  assert.equal(settings.quick, true);
  for (const k of ['partitions', 'engine_batch_size', 'eos_batch_messages', 'latency_seconds', 'latency_rate']) positive(settings, k, 'settings');
  assert.equal(settings.format, 'avro');
  assert.equal(obj(j.input, 'input').messages, 5000);

  for (const phase of ['kafka_java', 'raw_consume', 'raw_eos', 'engine', 'pipeline']) {
    const p = obj(j[phase], phase);
    assert.equal(p.status, 'ok', `${phase}: ${JSON.stringify(p)}`);
    for (const k of ['msgs_per_sec', 'mb_per_sec', 'messages', 'bytes', 'seconds']) positive(p, k, phase);
    assert.ok((p.messages as number) <= 5000, `${phase} counted more messages than were loaded`);
  }
  const pipe = obj(j.pipeline, 'pipeline');
  for (const k of ['peak_rss_bytes', 'startup_seconds', 'wall_msgs_per_sec', 'state_bytes']) positive(pipe, k, 'pipeline');
  positive(obj(j.raw_eos, 'raw_eos'), 'transactions', 'raw_eos');

  const lat = obj(j.latency, 'latency');
  assert.equal(lat.status, 'ok', JSON.stringify(lat));
  const ps = ['p50_ms', 'p95_ms', 'p99_ms', 'max_ms'].map((k) => positive(lat, k, 'latency'));
  for (let i = 1; i < ps.length; i++) assert.ok(ps[i - 1]! <= ps[i]!, `latency percentiles out of order: ${ps.join(', ')}`);
  for (const k of ['offered_rate', 'achieved_rate', 'sent', 'count']) positive(lat, k, 'latency');
  assert.equal(lat.count, lat.sent, 'every message sent in the latency phase has its verdict');

  positive(j, 'ratio_pipeline_to_raw_eos', 'summary');
  positive(j, 'ratio_pipeline_to_raw_consume', 'summary');
  assert.match(r.stdout, /^pipeline\s+[\d,]+/m, 'the table has a pipeline row');

  try {
    const left = (await listTopics(ctx.admin)).filter((t) => t.startsWith(prefix));
    assert.deepEqual(left, [], 'the bench deletes its own topics');
  } finally {
    await ctx.cleanup();
  }
});
