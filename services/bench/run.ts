/**
 * One bench run: generate and pre-load the input once, then measure every selected phase on that
 * same topic, in this process and on this machine, so the figures can be compared side by side.
 * A phase that fails is reported as failed (with its error) and the run goes on; nothing is estimated.
 */

import type { KafkaClient } from '../kafka/client.js';
import type { Codecs } from '../contracts/index.js';
import type { BenchOptions, Phase } from './options.js';
import type { BenchReport, MachineFacts, PhaseResult } from './report.js';
import { BenchTopics, benchClient, runId, type ClientLogStats } from './kafka-util.js';
import { buildWorkload } from './workload.js';
import { preload } from './preload.js';
import { kafkaJavaConsume } from './phase-kafka-java.js';
import { rawConsume } from './phase-raw-consume.js';
import { rawEos } from './phase-raw-eos.js';
import { runEngine } from './phase-engine.js';
import { runPipeline } from './phase-pipeline.js';
import { runLatency } from './phase-latency.js';
import { freePort, type WorkerLaunch } from './worker-process.js';
import { workerEnv, WORKER_TOPIC_ROLES, type WorkerTopicNames } from './worker-env.js';

export interface BenchEnvironment {
  brokers: string[];
  machine: MachineFacts;
  codecs: Codecs;
  /** Builds the command that runs a Kafka Java tool class from the broker's classpath. */
  javaCommand: (mainClass: string, args: string[]) => { command: string; args: string[] };
  /** Compiled CLI entry that starts the worker (`<cli> run classifier`). */
  cliPath: string;
  progress: (msg: string) => void;
  /** Print a failed phase's stack trace too. */
  debug: boolean;
  now: () => Date;
}

async function phase<T extends object>(name: Phase, o: BenchOptions, env: BenchEnvironment, logStats: ClientLogStats, work: () => Promise<T>): Promise<PhaseResult<T>> {
  if (!o.phases.includes(name)) return { status: 'skipped', reason: 'not selected (--phases)' };
  env.progress(`${name}: running`);
  try {
    const r = await work();
    const rate = (r as { msgsPerSec?: number }).msgsPerSec;
    env.progress(`${name}: done${rate === undefined ? '' : ` — ${Math.round(rate).toLocaleString('en-US')} msgs/s`}`);
    logStats.errors.length = 0;
    return { status: 'ok', ...r };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (env.debug) env.progress(String((err as Error)?.stack));
    env.progress(`${name}: FAILED — ${msg}`);
    for (const line of logStats.errors.splice(0)) env.progress(`  kafka client: ${line}`);
    return { status: 'failed', error: msg };
  }
}

function topicNames(id: string, tag: string): WorkerTopicNames {
  const t = {} as WorkerTopicNames;
  for (const role of WORKER_TOPIC_ROLES) t[role] = `${id}-${tag}-${role}`;
  return t;
}

export async function runBench(o: BenchOptions, env: BenchEnvironment): Promise<BenchReport> {
  const startedAt = env.now();
  const id = runId(o.topicPrefix, startedAt);
  const logStats: ClientLogStats = { concurrentTransactionRetries: 0, errors: [] };
  const kafka: KafkaClient = benchClient(env.brokers, id, logStats);
  const admin = kafka.admin();
  const topics = new BenchTopics(admin, o.partitions);
  const timeoutMs = o.phaseTimeoutSeconds * 1000;
  try {
    env.progress(`generating ${o.messages.toLocaleString('en-US')} messages (seed ${o.seed}, ${o.format})`);
    const work = buildWorkload(env.codecs, o.format, o.messages, { seed: o.seed, conversationGapMs: o.conversationGapMs, idPrefix: `b${o.seed}` });
    env.progress(`  ${work.conversations.toLocaleString('en-US')} conversations, ${(work.bytes / 2 ** 20).toFixed(1)} MiB`);
    const input = `${id}-input`;
    await topics.create([input]);
    env.progress(`pre-loading ${input} (${o.partitions} partitions)`);
    await preload(kafka, input, work.encoded, env.progress);
    const expected = work.encoded.length;

    const kafkaJava = await phase('kafka-java', o, env, logStats, () =>
      kafkaJavaConsume(env.javaCommand, { brokers: env.brokers, topic: input, groupId: `${id}-java`, expected, timeoutMs }));
    const rawConsumeR = await phase('raw-consume', o, env, logStats, () =>
      rawConsume(kafka, { topic: input, groupId: `${id}-raw`, expected, timeoutMs }));
    const rawEosR = await phase('raw-eos', o, env, logStats, async () => {
      const out = `${id}-eos-out`;
      await topics.create([out]);
      return rawEos({ brokers: env.brokers, inputTopic: input, outputTopic: out, groupId: `${id}-eos`, transactionalId: `${id}-eos`, expected, timeoutMs,
        windowMaxMessages: o.eosBatchMessages, commitIntervalMs: o.eosCommitIntervalMs, progress: env.progress });
    });
    const engine = await phase('engine', o, env, logStats, () => runEngine(env.codecs, work.encoded, { partitions: o.partitions, batchSize: o.engineBatchSize, format: o.format }, env.progress));

    const launch = async (names: WorkerTopicNames, group: string, profile: boolean): Promise<WorkerLaunch> => {
      await topics.create(WORKER_TOPIC_ROLES.filter((r) => r !== 'input' && r !== 'state').map((r) => names[r]));
      // The worker creates its state changelog itself, with the settings it needs (compaction, larger
      // max.message.bytes for checkpoints); the bench only deletes it at the end.
      topics.adopt(names.state);
      const httpPort = await freePort();
      return {
        cliPath: env.cliPath,
        env: workerEnv({ brokers: env.brokers, topics: names, groupId: group, httpPort }),
        nodeFlags: profile && o.workerCpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${o.workerCpuProfDir}`] : [],
        httpPort,
      };
    };
    const pipeline = await phase('pipeline', o, env, logStats, async () => {
      const names = { ...topicNames(id, 'pipe'), input };
      return runPipeline(kafka, {
        verdictTopic: names.verdicts, watchGroupId: `${id}-pipe-watch`, expected, inputBytes: work.bytes, timeoutMs,
        launch: await launch(names, `${id}-pipe`, true),
      }, env.progress);
    });

    const latency = await phase('latency', o, env, logStats, async () => {
      const rate = o.latencyRate ?? (pipeline.status === 'ok' ? pipeline.msgsPerSec / 2 : null);
      if (rate === null) throw new Error('no offered rate: the pipeline phase failed and --latency-rate was not given');
      const names = topicNames(id, 'lat');
      await topics.create([names.input]);
      return runLatency(kafka, env.codecs, {
        inputTopic: names.input, verdictTopic: names.verdicts, watchGroupId: `${id}-lat-watch`, rate, seconds: o.latencySeconds, format: o.format,
        workload: { seed: o.seed + 1, conversationGapMs: o.conversationGapMs, idPrefix: `l${o.seed + 1}` }, timeoutMs,
        launch: await launch(names, `${id}-lat`, false),
      }, env.progress);
    });

    return {
      startedAt: startedAt.toISOString(),
      machine: env.machine,
      settings: {
        messages: o.messages, partitions: o.partitions, format: o.format, seed: o.seed, conversationGapMs: o.conversationGapMs,
        engineBatchSize: o.engineBatchSize, eosBatchMessages: o.eosBatchMessages, eosCommitIntervalMs: o.eosCommitIntervalMs, partitionsConcurrently: o.partitionsConcurrently,
        fetchMaxWaitMs: 100, fetchMaxBytesPerPartition: 1024 * 1024, workerSettings: 'defaults',
        latencyRate: latency.status === 'ok' ? latency.offeredRate : o.latencyRate, latencySeconds: o.latencySeconds,
        phases: o.phases.join(','), quick: o.quick, brokers: env.brokers.join(','), workerCpuProfDir: o.workerCpuProfDir,
        conversations: work.conversations, runId: id,
      },
      input: { topic: input, messages: expected, bytes: work.bytes },
      kafkaJava, rawConsume: rawConsumeR, rawEos: rawEosR, engine, pipeline, latency,
    };
  } finally {
    if (o.keepTopics) {
      env.progress(`keeping topics: ${topics.created.join(', ')}`);
    } else {
      try {
        const gone = await topics.deleteAll();
        env.progress(`deleted ${gone.length} bench topics`);
      } catch (err) {
        env.progress(`could not delete the bench topics (${topics.created.join(', ')}): ${(err as Error).message}`);
      }
    }
    await kafka.close();
  }
}


