import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../contracts/errors.js';
import { KAFKA_4_VERSION, KAFKA_VERSION } from './version.js';
import { CONFIG_VARIABLES, loadConfig, type VigieConfig } from '../common/config.js';
import type { BrokerSecurity, SaslMechanism } from './server-properties.js';

/**
 * A SASL_SSL broker (server-properties.ts BrokerSecurity) and the SCRAM users written into its KRaft
 * metadata when the storage is formatted (`kafka-storage format --add-scram`).
 */
export interface LocalBrokerSecurity extends BrokerSecurity {
  scramUsers: { mechanism: Exclude<SaslMechanism, 'PLAIN'>; username: string; password: string }[];
}

/** The repository root (this file is services/kafka/ in source, dist/services/kafka/ compiled). */
export function projectRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = here.split(/[\\/]/).includes('dist') ? '../../..' : '../..';
  return resolve(here, up);
}

export interface LocalBrokerOptions {
  /** Apache Kafka version of the broker, 3.x or 4.x as served by Maven Central; default KAFKA_VERSION (services/kafka/version.ts), env KAFKA_VERSION. */
  version: string;
  /** Host the broker binds to and advertises; default 127.0.0.1. */
  host: string;
  /** Client port; default 9092 (env KAFKA_PORT). */
  port: number;
  /** KRaft controller port; default port + 1 (env KAFKA_CONTROLLER_PORT). */
  controllerPort: number;
  /** Data folder (KRaft storage, pid file, logs); default <repo>/.data/kafka (env VIGIE_KAFKA_DATA_DIR). */
  dataDir: string;
  /** Jar cache; jars live in <cacheDir>/<version>/libs; default <repo>/.cache/kafka (env VIGIE_KAFKA_CACHE_DIR). */
  cacheDir: string;
  /** The pom that names the jars; default <repo>/kafka/pom.xml. */
  pomFile: string;
  /** log4j 1.x (reload4j) configuration; default <repo>/kafka/log4j.properties. */
  log4jFile: string;
  /** Log4j 2 configuration, read by Kafka 4.x only; default <repo>/kafka/log4j2.properties. */
  log4j2File: string;
  /** JVM heap flags; default "-Xms256m -Xmx1g" (env KAFKA_HEAP_OPTS). */
  heapOpts: string[];
  /** java executable; default $JAVA_HOME/bin/java or java. */
  javaBin: string;
  /** mvn executable; default mvn (env VIGIE_MVN). */
  mvnBin: string;
  /** How long to wait for the broker to answer after start; default 120000 ms. */
  startTimeoutMs: number;
  /** How long `down` waits after SIGTERM before SIGKILL; default 30000 ms. */
  stopTimeoutMs: number;
  /** A SASL_SSL client listener (tests of TLS, SASL and ACLs); default none: PLAINTEXT. */
  security?: LocalBrokerSecurity;
}

export type LocalBrokerRaw = Partial<Record<keyof LocalBrokerOptions, unknown>>;

/** Variables the local broker reads (they are common/config.ts's localBroker section), for --help tables. */
export const LOCAL_BROKER_ENV: { name: string; default: string; meaning: string }[] = CONFIG_VARIABLES
  .filter((r) => r.fileKey.startsWith('localBroker.')).map((r) => ({ name: r.name, default: r.default, meaning: r.meaning }));

/** The local-broker options from the configuration (read once by main-level code: common/config.ts). */
export function localBrokerRawFromConfig(c: VigieConfig['localBroker']): LocalBrokerRaw {
  const raw: LocalBrokerRaw = { port: c.port, mvnBin: c.mvn };
  if (c.version) raw.version = c.version;
  if (c.controllerPort !== null) raw.controllerPort = c.controllerPort;
  if (c.dataDir) raw.dataDir = c.dataDir;
  if (c.cacheDir) raw.cacheDir = c.cacheDir;
  if (c.heapOpts) raw.heapOpts = c.heapOpts;
  if (c.javaHome) raw.javaBin = join(c.javaHome, 'bin', 'java');
  return raw;
}

/** The same from an environment (and the VIGIE_CONFIG file it names), for tests and stand-alone scripts. */
export function localBrokerRawFromEnv(env: Record<string, string | undefined>): LocalBrokerRaw {
  return localBrokerRawFromConfig(loadConfig(env).localBroker);
}

export function compileLocalBrokerOptions(raw: LocalBrokerRaw = {}): LocalBrokerOptions {
  const problems: string[] = [];
  const root = projectRoot();
  const port = intIn(raw.port, 9092, 'port (KAFKA_PORT)', 1, 65535, problems);
  const controllerPort = intIn(raw.controllerPort, port + 1, 'controllerPort (KAFKA_CONTROLLER_PORT)', 1, 65535, problems);
  if (controllerPort === port) problems.push(`controllerPort (KAFKA_CONTROLLER_PORT) = ${controllerPort}: must differ from the client port ${port}`);
  const heap = raw.heapOpts ?? ['-Xms256m', '-Xmx1g'];
  const heapOpts = typeof heap === 'string' ? heap.split(/\s+/).filter(Boolean) : Array.isArray(heap) ? heap.map(String) : [];
  if (heapOpts.some((f) => !f.startsWith('-'))) problems.push(`heapOpts (KAFKA_HEAP_OPTS) = ${JSON.stringify(heap)}: expected JVM flags such as "-Xms256m -Xmx1g"`);
  const version = str(raw.version, KAFKA_VERSION).trim();
  if (!/^[34]\.\d+\.\d+$/.test(version)) {
    problems.push(`version (KAFKA_VERSION) = ${JSON.stringify(raw.version)}: ` +
      `expected an Apache Kafka release 3.x.y or 4.x.y such as ${KAFKA_VERSION} or ${KAFKA_4_VERSION}`);
  }
  const opts: LocalBrokerOptions = {
    version,
    host: str(raw.host, '127.0.0.1'),
    port,
    controllerPort,
    dataDir: resolve(str(raw.dataDir, join(root, '.data', 'kafka'))),
    cacheDir: resolve(str(raw.cacheDir, join(root, '.cache', 'kafka'))),
    pomFile: resolve(str(raw.pomFile, join(root, 'kafka', 'pom.xml'))),
    log4jFile: resolve(str(raw.log4jFile, join(root, 'kafka', 'log4j.properties'))),
    log4j2File: resolve(str(raw.log4j2File, join(root, 'kafka', 'log4j2.properties'))),
    heapOpts,
    javaBin: str(raw.javaBin, 'java'),
    mvnBin: str(raw.mvnBin, 'mvn'),
    startTimeoutMs: intIn(raw.startTimeoutMs, 120_000, 'startTimeoutMs', 1000, 3_600_000, problems),
    stopTimeoutMs: intIn(raw.stopTimeoutMs, 30_000, 'stopTimeoutMs', 100, 3_600_000, problems),
    ...(raw.security ? { security: raw.security as LocalBrokerSecurity } : {}),
  };
  if (problems.length) throw new ConfigError(problems);
  return opts;
}

function str(v: unknown, dflt: string): string {
  return v === undefined || v === '' ? dflt : String(v);
}

function intIn(v: unknown, dflt: number, name: string, min: number, max: number, problems: string[]): number {
  if (v === undefined || v === '') return dflt;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} = ${JSON.stringify(v)}: expected an integer from ${min} to ${max}`);
    return dflt;
  }
  return n;
}
