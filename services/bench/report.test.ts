import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJsonLine, formatTable, reportJson, type BenchReport } from './report.js';
import { throughput } from './stats.js';

function sample(): BenchReport {
  return {
    startedAt: '2026-11-29T03:00:00.000Z',
    machine: { cores: 2, cpuModel: 'AMD EPYC', totalMemoryBytes: 24 * 2 ** 30, node: 'v20.20.2', kafkaVersion: '3.9.1', platform: 'linux' },
    settings: { messages: 1000, partitions: 6, format: 'avro', quick: false },
    input: { topic: 'vigie-bench-x-input', messages: 1000, bytes: 150_000 },
    kafkaJava: { status: 'ok', ...throughput(1000, 150_000, 10) },
    rawConsume: { status: 'ok', ...throughput(1000, 150_000, 20) },
    rawEos: { status: 'ok', ...throughput(1000, 150_000, 100), transactions: 16, concurrentTransactionRetries: 15 },
    engine: { status: 'failed', error: 'createEngine: no model' },
    pipeline: { status: 'ok', ...throughput(1000, 150_000, 400), startupSeconds: 1.5, wallMsgsPerSec: 526, peakRssBytes: 200 * 2 ** 20, stateBytes: null, stateJsonBytes: null,
      firstQuarterMsgsPerSec: 3000, lastQuarterMsgsPerSec: 2400 },
    latency: { status: 'skipped', reason: 'not selected' },
  };
}

test('JSON line: snake_case keys, ratios of the pipeline to the two ceilings, one line', () => {
  const r = sample();
  const line = formatJsonLine(r);
  assert.ok(!line.includes('\n'));
  const j = JSON.parse(line) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads an untyped JSON line
  assert.equal(j.ratio_pipeline_to_raw_eos, 0.25);
  assert.equal(j.ratio_pipeline_to_raw_consume, 0.05);
  assert.equal(j.pipeline.msgs_per_sec, 2500);
  assert.equal(j.pipeline.peak_rss_bytes, 200 * 2 ** 20);
  assert.equal(j.pipeline.state_bytes, null);
  assert.equal(j.machine.total_memory_bytes, 24 * 2 ** 30);
  assert.equal(j.engine.status, 'failed');
  assert.equal(j.latency.status, 'skipped');
  assert.equal(j.settings.partitions, 6);
  assert.deepEqual([j.pipeline_msgs_per_s, j.pipeline_first_quarter_msgs_per_s, j.pipeline_last_quarter_msgs_per_s, j.kafka_version], [2500, 3000, 2400, '3.9.1']);
});

test('ratios are null when the pipeline did not run', () => {
  const r = sample();
  r.pipeline = { status: 'failed', error: 'worker missing' };
  const j = reportJson(r);
  assert.equal(j.ratio_pipeline_to_raw_eos, null);
  assert.equal(j.ratio_pipeline_to_raw_consume, null);
});

test('table: one row per phase, failures and skips spelled out, pipeline share per ceiling', () => {
  const t = formatTable(sample());
  const rows = t.split('\n');
  const row = (name: string): string => rows.find((l) => l.startsWith(`${name} `)) ?? assert.fail(`no row ${name}`);
  assert.match(row('kafka-java'), /100,000\s+14\.3\s+1,000\s+0\.01\s+2\.5 %/);
  assert.match(row('raw-eos'), /10,000 .* 25\.0 %/);
  assert.match(row('engine'), /FAILED: createEngine: no model/);
  const r = sample();
  r.pipeline = { status: 'failed', error: `worker exited: ${'x'.repeat(300)}\nlog line 1\nlog line 2` };
  const t2 = formatTable(r);
  assert.doesNotMatch(t2, /log line 1/);
  assert.match(t2, /^pipeline\s+FAILED: worker exited: x+…$/m);
  assert.match(formatJsonLine(r), /log line 2/);
  assert.match(row('pipeline'), /2,500/);
  assert.match(t, /latency: skipped: not selected/);
  assert.match(t, /pipeline \/ raw-eos = 0\.250, pipeline \/ raw-consume = 0\.050/);
  assert.match(t, /peak RSS 200\.0 MiB, state not reported/);
  assert.match(t, /raw-eos: 16 transactions, 15 retried after CONCURRENT_TRANSACTIONS/);
});
