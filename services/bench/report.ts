/**
 * The bench's results: one typed report, rendered as a readable table and as one JSON line
 * (snake_case keys, the last line of stdout, for scripts and CI).
 */
import type { StageFigure } from './engine-stages.js';
import type { Throughput, LatencySummary } from './stats.js';
import { ratio } from './stats.js';

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  totalMemoryBytes: number;
  node: string;
  kafkaVersion: string | null;
  platform: string;
}

/** A phase's outcome: its figures, or why it did not run. */
export type PhaseResult<T extends object> = ({ status: 'ok' } & T) | { status: 'skipped'; reason: string } | { status: 'failed'; error: string };

export interface PipelineFigures extends Throughput {
  /** Spawn of the worker to the first committed verdict visible, seconds (model load, group join, first batch). */
  startupSeconds: number;
  /** N / (spawn → last committed verdict): throughput including start-up. */
  wallMsgsPerSec: number;
  /** Peak resident set size of the worker process (VmHWM), bytes. */
  peakRssBytes: number | null;
  /** Compressed checkpoint size of the worker's state, all partitions (its /metrics), bytes; null if not reported. */
  stateBytes: number | null;
  /** The same state uncompressed (JSON), bytes; null if not reported. */
  stateJsonBytes: number | null;
  /** Rate over the first quarter of the input (first commit → N/4 verdicts) and the last (3N/4 → N); a fall shows state cost. */
  firstQuarterMsgsPerSec: number | null;
  lastQuarterMsgsPerSec: number | null;
}

export interface EngineFigures extends Throughput {
  /** Engine state after the run, all partitions, serialised JSON bytes. */
  stateJsonBytes: number;
  /** The same state in its checkpoint encoding (binary), bytes. */
  stateBytes: number;
  conversationsInState: number;
  /** Messages per CPU second of this process over the timed window. */
  msgsPerCpuSecond: number;
  /** Each stage alone on the largest partition's messages (services/bench/engine-stages.ts). */
  stages: StageFigure[];
}

export interface EosFigures extends Throughput {
  transactions: number;
  /** Times a transaction had to be retried because the coordinator had not finished the previous one. */
  concurrentTransactionRetries: number;
}

export interface LatencyFigures extends LatencySummary {
  offeredRate: number;
  seconds: number;
  sent: number;
  /** Messages sent per second as actually achieved by the producer. */
  achievedRate: number;
}

export interface BenchReport {
  startedAt: string;
  machine: MachineFacts;
  settings: Record<string, string | number | boolean | null>;
  input: { topic: string; messages: number; bytes: number };
  kafkaJava: PhaseResult<Throughput>;
  rawConsume: PhaseResult<Throughput>;
  rawEos: PhaseResult<EosFigures>;
  engine: PhaseResult<EngineFigures>;
  pipeline: PhaseResult<PipelineFigures>;
  latency: PhaseResult<LatencyFigures>;
}

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
const fmt1 = (n: number): string => n.toFixed(n >= 100 ? 0 : n >= 10 ? 1 : 2);
const fmtBytes = (n: number | null): string => (n == null ? '—' : `${(n / 1024 / 1024).toFixed(1)} MiB`);

/** The table shows a failure's first line, cut to 200 characters; the JSON line keeps the whole error. */
export function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function rateOf(p: PhaseResult<Throughput>): number | null {
  return p.status === 'ok' ? p.msgsPerSec : null;
}

export function pipelineRatios(r: BenchReport): { toRawEos: number | null; toRawConsume: number | null } {
  const pipe = rateOf(r.pipeline);
  return { toRawEos: ratio(pipe, rateOf(r.rawEos)), toRawConsume: ratio(pipe, rateOf(r.rawConsume)) };
}

/** The human-readable table (several lines, no trailing newline). */
export function formatTable(r: BenchReport): string {
  const header = ['phase', 'msgs/s', 'MB/s', 'messages', 'seconds', 'pipeline is'];
  const rows: { name: string; cells: string[] | null; note: string }[] = [];
  const pipe = rateOf(r.pipeline);
  const line = (name: string, p: PhaseResult<Throughput>): void => {
    if (p.status !== 'ok') {
      rows.push({ name, cells: null, note: p.status === 'skipped' ? `skipped: ${p.reason}` : `FAILED: ${firstLine(p.error)}` });
      return;
    }
    const rel = pipe != null && name !== 'pipeline' ? `${(100 * pipe / p.msgsPerSec).toFixed(1)} %` : '';
    rows.push({ name, cells: [fmtInt(p.msgsPerSec), fmt1(p.mbPerSec), fmtInt(p.messages), p.seconds.toFixed(2), rel], note: '' });
  };
  line('kafka-java', r.kafkaJava);
  line('raw-consume', r.rawConsume);
  line('raw-eos', r.rawEos);
  line('engine', r.engine);
  line('pipeline', r.pipeline);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (i === 0 ? row.name : row.cells?.[i - 1] ?? '').length)));
  const render = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [render(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of rows) out.push(row.cells ? render([row.name, ...row.cells]) : `${row.name.padEnd(widths[0]!)}  ${row.note}`);
  const m = r.machine;
  const head = [
    `vigie bench — ${r.startedAt}`,
    `machine: ${m.cores} cores, ${m.cpuModel}, ${fmtBytes(m.totalMemoryBytes)} RAM, Node ${m.node}, Kafka ${m.kafkaVersion ?? 'unknown'}`,
    `input: ${fmtInt(r.input.messages)} messages, ${fmtBytes(r.input.bytes)} (${r.settings.format}), ${r.settings.partitions} partitions, topic ${r.input.topic}`,
    '',
  ];
  const tail: string[] = [''];
  if (r.rawEos.status === 'ok') {
    tail.push(`raw-eos: ${fmtInt(r.rawEos.transactions)} transactions, ${fmtInt(r.rawEos.concurrentTransactionRetries)} retried after CONCURRENT_TRANSACTIONS`);
  }
  if (r.engine.status === 'ok') {
    const e = r.engine;
    tail.push(`engine: ${fmtInt(e.msgsPerCpuSecond)} msgs per CPU second; state after the run ${fmtBytes(e.stateBytes)} encoded (${fmtBytes(e.stateJsonBytes)} as JSON), `
      + `${fmtInt(e.conversationsInState)} conversations, ${fmtInt(e.stateBytes / Math.max(1, e.conversationsInState))} bytes each`);
    if (e.stages?.length) tail.push(`engine stages alone (msgs per CPU second, ${fmtInt(e.stages[0]!.messages)} messages): ${e.stages.map((s) => `${s.stage} ${fmtInt(s.msgsPerCpuSecond)}`).join(', ')}`);
  }
  if (r.pipeline.status === 'ok') {
    const p = r.pipeline;
    if (p.firstQuarterMsgsPerSec != null && p.lastQuarterMsgsPerSec != null) {
      tail.push(`pipeline by quarter of the input: first ${fmtInt(p.firstQuarterMsgsPerSec)} msgs/s, last ${fmtInt(p.lastQuarterMsgsPerSec)} msgs/s`);
    }
    tail.push(`pipeline: start-up ${p.startupSeconds.toFixed(2)} s, ${fmtInt(p.wallMsgsPerSec)} msgs/s including start-up, `
      + `peak RSS ${fmtBytes(p.peakRssBytes)}, state ${p.stateBytes == null ? 'not reported' : `${fmtBytes(p.stateBytes)} compressed`}`
      + `${p.stateJsonBytes == null ? '' : ` (${fmtBytes(p.stateJsonBytes)} as JSON)`}`);
  }
  const { toRawEos, toRawConsume } = pipelineRatios(r);
  if (toRawEos != null || toRawConsume != null) {
    tail.push(`pipeline / raw-eos = ${toRawEos == null ? '—' : toRawEos.toFixed(3)}, pipeline / raw-consume = ${toRawConsume == null ? '—' : toRawConsume.toFixed(3)}`);
  }
  const l = r.latency;
  if (l.status === 'ok') {
    tail.push(`latency at ${fmtInt(l.offeredRate)} msgs/s offered (${fmtInt(l.achievedRate)} achieved) for ${l.seconds} s, ${fmtInt(l.count)} verdicts: `
      + `p50 ${fmt1(l.p50Ms)} ms, p95 ${fmt1(l.p95Ms)} ms, p99 ${fmt1(l.p99Ms)} ms, max ${fmt1(l.maxMs)} ms`);
  } else {
    tail.push(`latency: ${l.status === 'skipped' ? `skipped: ${l.reason}` : `FAILED: ${firstLine(l.error)}`}`);
  }
  return [...head, ...out, ...tail].join('\n');
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function snake(k: string): string {
  return k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function phaseJson(p: PhaseResult<object>): Json {
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(p)) out[snake(k)] = v as Json;
  return out;
}

/** The machine-readable summary: one JSON object on one line. */
export function reportJson(r: BenchReport): { [k: string]: Json } {
  const { toRawEos, toRawConsume } = pipelineRatios(r);
  const machine: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(r.machine)) machine[snake(k)] = v as Json;
  const settings: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(r.settings)) settings[snake(k)] = v;
  return {
    bench: 'vigie',
    started_at: r.startedAt,
    machine,
    settings,
    input: { topic: r.input.topic, messages: r.input.messages, bytes: r.input.bytes },
    kafka_java: phaseJson(r.kafkaJava),
    raw_consume: phaseJson(r.rawConsume),
    raw_eos: phaseJson(r.rawEos),
    engine: phaseJson(r.engine),
    pipeline: phaseJson(r.pipeline),
    latency: phaseJson(r.latency),
    ratio_pipeline_to_raw_eos: toRawEos,
    ratio_pipeline_to_raw_consume: toRawConsume,
    pipeline_msgs_per_s: r.pipeline.status === 'ok' ? r.pipeline.msgsPerSec : null,
    pipeline_first_quarter_msgs_per_s: r.pipeline.status === 'ok' ? r.pipeline.firstQuarterMsgsPerSec : null,
    pipeline_last_quarter_msgs_per_s: r.pipeline.status === 'ok' ? r.pipeline.lastQuarterMsgsPerSec : null,
    kafka_version: r.machine.kafkaVersion,
  };
}

export function formatJsonLine(r: BenchReport): string {
  return JSON.stringify(reportJson(r));
}
