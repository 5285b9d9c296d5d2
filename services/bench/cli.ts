/**
 * `vigie bench` / `npm run bench`: flags → BenchOptions, environment → brokers, then one run. The
 * table goes to stdout, progress to stderr, and the last stdout line is the JSON summary.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError } from '../cli/command.js';
import { ConfigError } from '../contracts/errors.js';
import { createCodecs } from '../contracts/index.js';
import { resolveBrokersFromEnv } from '../kafka/brokers.js';
import { kafkaJavaCommand } from '../kafka/kafka-jars.js';
import { compileLocalBrokerOptions, localBrokerRawFromEnv } from '../kafka/local-broker-options.js';
import { stopLocalBroker } from '../kafka/local-broker.js';
import { kafkaDownCommand, resolveBenchBroker, withBenchBroker } from './bench-broker.js';
import { compileBenchOptions, PHASES, type RawBenchOptions } from './options.js';
import { machineFacts } from './machine.js';
import { formatJsonLine, formatTable } from './report.js';
import { runBench } from './run.js';

export const BENCH_HELP = `usage: vigie bench [options]        (also: npm run bench -- [options])

Measures, in one run on this machine, the classifier pipeline beside the limits of its parts, on one
freshly pre-loaded topic of generated French/English chat messages (key = conversationId):

  kafka-java   Apache Kafka's ConsumerPerformance tool: the broker-side ceiling
  raw-consume  a consumer of Vigie's Kafka client factory that decodes nothing: the client ceiling
  raw-eos      the worker's exactly-once loop (services/kafka/exactly-once-loop.ts) copying input to
               output, one transaction per commit window: the exactly-once ceiling
  engine       the detection engine alone, in process, on the decoded messages, in the worker's batch size
  pipeline     the real classifier worker (child process, default settings, fresh group and topics),
               from its start to the N-th committed verdict seen by a read_committed consumer
  latency      produce at a fixed rate for a fixed time with the worker running; p50/p95/p99/max from
               produce time to the committed verdict (matched by messageId)

Rates are timed from the first fetch request to the last message (ConsumerPerformance's fetch time; for
raw-consume, from the moment its consumer joined the group and its stream started fetching). The pipeline runs in another process, so its rate is timed from its first
committed verdicts to the last, those first verdicts left out; its start-up is reported apart.
The engine phase is timed over its classifyBatch calls. MB/s counts key + value bytes (MiB).
Output: a table on stdout, progress on stderr, and as the LAST stdout line one JSON object with every
figure, ratio_pipeline_to_raw_eos, ratio_pipeline_to_raw_consume, machine facts and settings.
A phase that cannot run (e.g. the worker is missing) is reported as FAILED with its error and the exit
code is 1; no figure is ever estimated.

options:
  --messages N              messages pre-loaded and read by each throughput phase (default 200000; 5000 with --quick)
  --partitions N            partitions of every topic the bench creates (default 6)
  --format avro|json        input encoding (default avro: Confluent wire format, read by the worker's default "auto")
  --seed N                  scenario generator seed (default 1)
  --conversation-gap-ms MS  median gap between conversation starts; smaller = more concurrent keys (default 200)
  --engine-batch N          messages per classifyBatch in the engine phase (default 64 = worker batchMaxMessages)
  --eos-batch N             most messages per transaction in raw-eos (default 5000 = worker windowMaxMessages)
  --eos-commit-ms MS        commit interval of raw-eos (default 100 = worker commitIntervalMs)
  --partitions-concurrently N  partitions processed at once by raw-consume/raw-eos: 1 only, as the worker
  --latency-rate N          offered rate of the latency phase, msgs/s (default: half the measured pipeline rate)
  --latency-seconds S       length of the latency phase (default 30; 5 with --quick)
  --phase-timeout S         a phase not finished after S seconds fails (default 1800; 120 with --quick)
  --phases LIST             comma-separated subset of: ${PHASES.join(', ')} (default all)
  --keep-topics             keep the bench's topics (default: deleted at the end)
  --worker-cpu-prof DIR     run the pipeline-phase worker with node --cpu-prof, profile written to DIR
                            (summarise with: node dist/services/bench/cpuprofile-summary.js DIR/<file>)
  --topic-prefix P          prefix of the bench's topics and groups (default vigie-bench)
  --quick                   small run for CI smoke tests (5000 messages, 5 s latency phase)
  -h, --help                this help

environment:
  KAFKA_BROKERS             comma-separated host:port; unset: testcontainers if Docker answers, else the
                            local broker (started if none runs, and then stopped when the bench ends;
                            one already running is left running; see npm run kafka:up)
  KAFKA_PORT, VIGIE_KAFKA_DATA_DIR, VIGIE_KAFKA_CACHE_DIR, JAVA_HOME
                            local broker and the Kafka jars (the Java tool uses the same classpath)
  VIGIE_BENCH_DEBUG=1       print the stack trace of a failed phase

exit codes: 0 every selected phase ran; 1 a phase failed or the bench could not start; 2 usage error
`;

const FLAGS: Record<string, keyof RawBenchOptions> = {
  messages: 'messages', partitions: 'partitions', format: 'format', seed: 'seed', 'conversation-gap-ms': 'conversationGapMs',
  'engine-batch': 'engineBatchSize', 'eos-batch': 'eosBatchMessages', 'eos-commit-ms': 'eosCommitIntervalMs', 'partitions-concurrently': 'partitionsConcurrently',
  'latency-rate': 'latencyRate', 'latency-seconds': 'latencySeconds', 'phase-timeout': 'phaseTimeoutSeconds', phases: 'phases',
  'worker-cpu-prof': 'workerCpuProfDir', 'topic-prefix': 'topicPrefix',
};

/** Flags → raw options (values stay strings; compileBenchOptions checks them). */
export function rawOptionsFromArgs(argv: string[]): RawBenchOptions {
  const { opts, positionals } = parseArgs(argv, { strings: Object.keys(FLAGS), booleans: ['keep-topics', 'quick'] });
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const raw: RawBenchOptions = {};
  for (const [flag, key] of Object.entries(FLAGS)) if (opts[flag] !== undefined) raw[key] = opts[flag];
  if (opts['keep-topics']) raw.keepTopics = true;
  if (opts.quick) raw.quick = true;
  return raw;
}

/** dist/ root of this build (this file is dist/services/bench/cli.js). */
function distRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export async function runBenchCli(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let options;
  try {
    options = compileBenchOptions(rawOptionsFromArgs(argv));
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.problems.join('; '));
    throw err;
  }
  const progress = (msg: string): void => { process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`); };
  const brokerOpts = compileLocalBrokerOptions(localBrokerRawFromEnv(env));
  const resolved = await resolveBenchBroker(() => resolveBrokersFromEnv(env, progress), () => stopLocalBroker(brokerOpts, {}, progress), progress, kafkaDownCommand(env));
  progress(`brokers: ${resolved.description}`);
  const report = await withBenchBroker(resolved, () => stopLocalBroker(brokerOpts, {}, progress), progress, () => runBench(options, {
    brokers: resolved.brokers,
    machine: machineFacts(resolved.source === 'env' ? `${brokerOpts.version} (client tools; broker from KAFKA_BROKERS)` : brokerOpts.version),
    codecs: createCodecs(),
    javaCommand: (mainClass, args) => kafkaJavaCommand(brokerOpts, mainClass, args),
    cliPath: resolve(distRoot(), 'services', 'cli', 'main.js'),
    progress,
    debug: env.VIGIE_BENCH_DEBUG === '1' || env.VIGIE_BENCH_DEBUG === 'true',
    now: () => new Date(),
  }), kafkaDownCommand(env));
  process.stdout.write(`${formatTable(report)}\n${formatJsonLine(report)}\n`);
  const phases = [report.kafkaJava, report.rawConsume, report.rawEos, report.engine, report.pipeline, report.latency];
  return phases.some((p) => p.status === 'failed') ? 1 : 0;
}
