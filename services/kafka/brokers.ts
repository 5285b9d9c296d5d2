import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { VigieError } from '../contracts/errors.js';
import { compileLocalBrokerOptions, localBrokerRawFromEnv, type LocalBrokerOptions } from './local-broker-options.js';
import { ensureLocalBroker, type Report } from './local-broker.js';
import { TESTCONTAINERS_KAFKA_IMAGE } from './version.js';
import { parseBrokerList } from './broker-list.js';

/**
 * One way for every test, benchmark and `vigie up` to get a Kafka broker, in this order:
 *  1. KAFKA_BROKERS (comma-separated host:port) if set: use it as is;
 *  2. a Docker engine answers: testcontainers' Kafka module (Kafka 3.9 line) for this process;
 *  3. otherwise the local broker (services/kafka/local-broker.ts), started if it is not running.
 */
export type BrokerSource = 'env' | 'testcontainers' | 'local';

export interface ResolvedBrokers {
  brokers: string[];
  source: BrokerSource;
  /** Human-readable origin, for logs and `vigie up`. */
  description: string;
  /** The local broker was started by this call (source 'local' only): the caller may stop it when done (the bench does). */
  startedHere?: boolean;
}

export interface ResolveBrokersOptions {
  /** Value of KAFKA_BROKERS; empty or undefined means "not set". */
  brokersList?: string | undefined;
  /** Docker endpoint: DOCKER_HOST (unix:// or tcp://) or default /var/run/docker.sock. */
  dockerHost?: string | undefined;
  /** Set false to skip the Docker probe (env VIGIE_TESTCONTAINERS=false). Default true. */
  useTestcontainers?: boolean;
  /** The local broker to ensure as a last resort; a function is called only then (its settings are read only when used). */
  localBroker: LocalBrokerOptions | (() => LocalBrokerOptions);
  report?: Report;
}

export { parseBrokerList };

export async function resolveBrokers(opts: ResolveBrokersOptions): Promise<ResolvedBrokers> {
  if (opts.brokersList && opts.brokersList.trim()) {
    const brokers = parseBrokerList(opts.brokersList);
    return { brokers, source: 'env', description: `KAFKA_BROKERS=${brokers.join(',')}` };
  }
  if (opts.useTestcontainers !== false && (await dockerAnswers(opts.dockerHost))) {
    const brokers = await startTestcontainersKafka(opts.report);
    return { brokers, source: 'testcontainers', description: `testcontainers ${TESTCONTAINERS_KAFKA_IMAGE} at ${brokers.join(',')}` };
  }
  const local = typeof opts.localBroker === 'function' ? opts.localBroker() : opts.localBroker;
  const r = await ensureLocalBroker(local, opts.report);
  return {
    brokers: [r.bootstrap],
    source: 'local',
    startedHere: r.started,
    description: `local Apache Kafka ${local.version} at ${r.bootstrap} (${r.started ? 'started now' : 'already running'}, pid ${r.pid})`,
  };
}

let fromEnv: Promise<ResolvedBrokers> | undefined;

/**
 * resolveBrokers() with options read from the environment, memoised per process so that every test
 * file and helper shares one answer (and at most one container). For tests, benchmarks and main code.
 */
export function resolveBrokersFromEnv(env: NodeJS.ProcessEnv = process.env, report?: Report): Promise<ResolvedBrokers> {
  fromEnv ??= resolveBrokers({
    brokersList: env.KAFKA_BROKERS,
    dockerHost: env.DOCKER_HOST,
    useTestcontainers: env.VIGIE_TESTCONTAINERS !== 'false',
    localBroker: () => compileLocalBrokerOptions(localBrokerRawFromEnv(env)),
    ...(report ? { report } : {}),
  }).catch((err: unknown) => { fromEnv = undefined; throw err; });
  return fromEnv;
}

/** Cheap Docker check: the socket (or tcp endpoint) must exist and answer GET /_ping within 1 s. */
export function dockerAnswers(dockerHost: string | undefined, timeoutMs = 1000): Promise<boolean> {
  let target: { socketPath: string } | { host: string; port: number };
  if (dockerHost && dockerHost.startsWith('tcp://')) {
    const u = new URL(dockerHost.replace(/^tcp:/, 'http:'));
    target = { host: u.hostname, port: Number(u.port || 2375) };
  } else {
    const socketPath = dockerHost?.startsWith('unix://') ? dockerHost.slice('unix://'.length) : '/var/run/docker.sock';
    if (!existsSync(socketPath)) return Promise.resolve(false);
    target = { socketPath };
  }
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => { req.destroy(); resolve(false); });
    req.on('error', () => resolve(false));
    req.end();
  });
}

async function startTestcontainersKafka(report: Report = () => undefined): Promise<string[]> {
  // A dev dependency: loaded only when Docker is there, so production installs need not have it.
  const { KafkaContainer } = await import('@testcontainers/kafka');
  report(`starting ${TESTCONTAINERS_KAFKA_IMAGE} with testcontainers (KRaft)`);
  const c = await new KafkaContainer(TESTCONTAINERS_KAFKA_IMAGE).withKraft().start();
  // testcontainers' Ryuk removes the container when this process exits.
  return [`${c.getHost()}:${c.getMappedPort(9093)}`];
}
