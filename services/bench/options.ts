import { ConfigError } from '../contracts/errors.js';

/** The measurements `vigie bench` can take, in the order it takes them. */
export const PHASES = ['kafka-java', 'raw-consume', 'raw-eos', 'engine', 'pipeline', 'latency'] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchOptions {
  /** Messages pre-loaded into the fresh input topic and read by every throughput phase. Default 200000 (5000 with quick). */
  messages: number;
  /** Partitions of every topic the bench creates, as in a real deployment. Default 6. */
  partitions: number;
  /** Wire format of the input messages; the worker's default input format. Default 'avro'. */
  format: 'avro' | 'json';
  /** Seed of the scenario generator (same seed, same messages). Default 1. */
  seed: number;
  /** Median gap between conversation starts in generated traffic, ms; smaller means more concurrent conversations (keys). Default 200. */
  conversationGapMs: number;
  /** Messages per classifyBatch call in the engine phase: the worker's batchMaxMessages. Default 64. */
  engineBatchSize: number;
  /** Most messages per transaction in the raw-eos phase: the worker's windowMaxMessages. Default 5000. */
  eosBatchMessages: number;
  /** Commit interval of the raw-eos loop, ms: the worker's commitIntervalMs. Default 100. */
  eosCommitIntervalMs: number;
  /** Partitions processed at once by the consuming phases: 1 (one stream per consumer, as the worker); kept in the JSON settings. */
  partitionsConcurrently: number;
  /** Offered rate of the latency phase, messages/s; null = half the measured pipeline rate. Default null. */
  latencyRate: number | null;
  /** Length of the latency phase, seconds. Default 30 (5 with quick). */
  latencySeconds: number;
  /** Give up on a phase that has not finished after this many seconds (it then fails loudly). Default 1800 (120 with quick). */
  phaseTimeoutSeconds: number;
  /** Phases to run. Default all. A skipped phase is reported as skipped, never as a figure. */
  phases: Phase[];
  /** Keep the bench's topics instead of deleting them at the end. Default false. */
  keepTopics: boolean;
  /** Directory for a V8 CPU profile of the worker (`node --cpu-prof`) in the pipeline phase; null = no profile. Default null. */
  workerCpuProfDir: string | null;
  /** Prefix of every topic and consumer group the bench creates. Default 'vigie-bench'. */
  topicPrefix: string;
  /** Set when --quick was given (reported in the settings). */
  quick: boolean;
}

export type RawBenchOptions = { [K in keyof BenchOptions]?: unknown };

const QUICK = { messages: 5000, latencySeconds: 5, phaseTimeoutSeconds: 120 };

function int(problems: string[], name: string, v: unknown, min: number, dflt: number): number {
  if (v === undefined) return dflt;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) {
    problems.push(`${name}: expected an integer ≥ ${min}, got ${JSON.stringify(v)}`);
    return dflt;
  }
  return n;
}

function num(problems: string[], name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) {
    problems.push(`${name}: expected a number > 0, got ${JSON.stringify(v)}`);
    return dflt;
  }
  return n;
}

/** Fills defaults (quick ones when `quick` is true), checks every value and reports all problems at once. */
export function compileBenchOptions(raw: RawBenchOptions = {}): BenchOptions {
  const problems: string[] = [];
  const quick = raw.quick === true || raw.quick === 'true';
  const format = raw.format ?? 'avro';
  if (format !== 'avro' && format !== 'json') problems.push(`format: expected avro or json, got ${JSON.stringify(format)}`);
  let phases: Phase[] = [...PHASES];
  if (raw.phases !== undefined) {
    const list = Array.isArray(raw.phases) ? raw.phases : String(raw.phases).split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = list.filter((p) => !(PHASES as readonly unknown[]).includes(p));
    if (unknown.length) problems.push(`phases: unknown ${unknown.map(String).join(', ')} (known: ${PHASES.join(', ')})`);
    else if (list.length === 0) problems.push('phases: empty list');
    else phases = PHASES.filter((p) => list.includes(p));
  }
  let latencyRate: number | null = null;
  if (raw.latencyRate !== undefined && raw.latencyRate !== null) latencyRate = num(problems, 'latencyRate', raw.latencyRate, 1);
  if (phases.includes('latency') && !phases.includes('pipeline') && latencyRate === null) {
    problems.push('latencyRate: needed when the latency phase runs without the pipeline phase (the default rate is half the pipeline rate)');
  }
  const prefix = raw.topicPrefix ?? 'vigie-bench';
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(prefix)) {
    problems.push(`topicPrefix: expected 1-100 characters of [A-Za-z0-9._-], got ${JSON.stringify(prefix)}`);
  }
  const prof = raw.workerCpuProfDir;
  if (prof !== undefined && prof !== null && (typeof prof !== 'string' || prof === '')) problems.push('workerCpuProfDir: expected a directory path');
  const o: BenchOptions = {
    messages: int(problems, 'messages', raw.messages, 1, quick ? QUICK.messages : 200_000),
    partitions: int(problems, 'partitions', raw.partitions, 1, 6),
    format: format === 'json' ? 'json' : 'avro',
    seed: int(problems, 'seed', raw.seed, 0, 1),
    conversationGapMs: num(problems, 'conversationGapMs', raw.conversationGapMs, 200),
    engineBatchSize: int(problems, 'engineBatchSize', raw.engineBatchSize, 1, 64),
    eosBatchMessages: int(problems, 'eosBatchMessages', raw.eosBatchMessages, 1, 5000),
    eosCommitIntervalMs: int(problems, 'eosCommitIntervalMs', raw.eosCommitIntervalMs, 1, 100),
    partitionsConcurrently: int(problems, 'partitionsConcurrently', raw.partitionsConcurrently, 1, 1),
    latencyRate,
    latencySeconds: num(problems, 'latencySeconds', raw.latencySeconds, quick ? QUICK.latencySeconds : 30),
    phaseTimeoutSeconds: num(problems, 'phaseTimeoutSeconds', raw.phaseTimeoutSeconds, quick ? QUICK.phaseTimeoutSeconds : 1800),
    phases,
    keepTopics: raw.keepTopics === true || raw.keepTopics === 'true',
    workerCpuProfDir: typeof prof === 'string' && prof !== '' ? prof : null,
    topicPrefix: typeof prefix === 'string' ? prefix : 'vigie-bench',
    quick,
  };
  if (o.messages < 2 * o.partitions) problems.push(`messages: need at least 2 per partition (${2 * o.partitions}), got ${o.messages}`);
  if (problems.length) throw new ConfigError(problems);
  return o;
}
