import { existsSync, openSync, closeSync, readFileSync, writeFileSync, rmSync, unlinkSync } from 'node:fs';
import { prepareBrokerDataDir } from './broker-data-dir.js';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { VigieError } from '../contracts/errors.js';
import type { LocalBrokerOptions } from './local-broker-options.js';
import { ensureKafkaJars, kafkaClasspath, kafkaLogFlags } from './kafka-jars.js';
import { serverProperties, renderProperties } from './server-properties.js';
import { withFileLock, processAlive } from './file-lock.js';
import { tcpOpen, describeCluster } from './probe.js';
import { brokerAdminSecurity } from './security.js';

/**
 * The local single-node Apache Kafka broker (KRaft, combined broker + controller) that Vigie starts
 * itself when no other broker is configured: a detached `java kafka.Kafka` process whose pid, logs and
 * storage live in `dataDir`. Start and stop are idempotent.
 */

export type Report = (msg: string) => void;

export interface BrokerStatus {
  state: 'running' | 'stopped' | 'port-busy' | 'starting';
  bootstrap: string;
  pid?: number;
  /** Kafka version of our running broker, read from its classpath (<cacheDir>/<version>/libs). */
  version?: string;
}

const files = (broker: LocalBrokerOptions) => ({
  pid: join(broker.dataDir, 'broker.pid'),
  props: join(broker.dataDir, 'server.properties'),
  out: join(broker.dataDir, 'broker.log'),
  logs: join(broker.dataDir, 'logs'),
  kraft: join(broker.dataDir, 'kraft'),
  version: join(broker.dataDir, 'broker.version'),
  lock: `${broker.dataDir}.lock`,
});

export function bootstrapAddress(broker: Pick<LocalBrokerOptions, 'host' | 'port'>): string {
  return `${broker.host}:${broker.port}`;
}

/**
 * A KRaft cluster id made the way Kafka's `Uuid.randomUuid()` makes one: a random version-4 UUID in
 * unpadded base64url (22 characters), drawn again while it starts with '-'. Such an id is a valid
 * cluster id, but a command line reads it as an option (1 draw in 64 before this check). Kafka's two
 * reserved ids (all zeros, and ...01) cannot come out: their version bits are not 4.
 */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const b = random(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const id = b.toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export interface StorageFormat {
  javaBin: string;
  classpath: string;
  /** JVM flags (log4j configuration, log folder); heap flags are better left out for this short tool. */
  jvm: string[];
  /** The broker's server.properties: the tool formats the log.dirs it names. */
  propsFile: string;
  /** SCRAM credentials to write into the metadata, as `--add-scram` takes them: `SCRAM-SHA-512=[name=alice,password=...]`. */
  addScram?: string[];
}

/**
 * Runs Kafka's storage tool (`kafka-storage format`) once for a fresh KRaft log folder. The id goes as
 * `--cluster-id=<id>`, one argument, so even an id starting with '-' is never taken for an option.
 */
export function formatKraftStorage(tool: StorageFormat, clusterId: string): void {
  const result = spawnSync(tool.javaBin, [...tool.jvm, '-Dvigie.log.root=WARN,stderr', '-cp', tool.classpath,
    'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, `--config=${tool.propsFile}`, '--ignore-formatted',
    ...(tool.addScram ?? []).flatMap((a) => ['--add-scram', a])], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new VigieError(`formatting Kafka storage failed: ${result.error?.message ?? `${result.stdout}${result.stderr}`.trim()}`);
  }
}

/** The pid of our broker if its pid file names a live `kafka.Kafka` process. */
function ourPid(broker: LocalBrokerOptions): number | undefined {
  let pid: number;
  try { pid = Number(readFileSync(files(broker).pid, 'utf8').trim()); } catch { return undefined; }
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return undefined;
  try {
    // Guard against pid reuse: the process must be a Kafka broker JVM.
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka')) return undefined;
  } catch { /* no /proc (not Linux): trust the pid file */ }
  return pid;
}

/** The Kafka version a broker process runs, from the jar folder on its command line; undefined when unknown. */
function runningVersion(pid: number): string | undefined {
  try {
    return /[\\/]([34]\.\d+\.\d+)[\\/]libs[\\/]\*/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1];
  } catch { return undefined; }
}

export async function localBrokerStatus(broker: LocalBrokerOptions): Promise<BrokerStatus> {
  const bootstrap = bootstrapAddress(broker);
  const pid = ourPid(broker);
  if (pid !== undefined) {
    const up = await describeCluster([bootstrap], 3000, brokerAdminSecurity(broker.security));
    const version = runningVersion(pid);
    return { state: up ? 'running' : 'starting', bootstrap, pid, ...(version ? { version } : {}) };
  }
  return { state: (await tcpOpen(broker.host, broker.port)) ? 'port-busy' : 'stopped', bootstrap };
}

/**
 * Starts the broker if it is not running and waits until it answers. Safe when several processes call
 * it at once: the check-and-start runs under a lock file beside the data folder.
 */
export async function ensureLocalBroker(broker: LocalBrokerOptions, report: Report = () => undefined): Promise<{ bootstrap: string; pid: number; started: boolean }> {
  return withFileLock(files(broker).lock, broker.startTimeoutMs + 300_000, async () => {
    const status = await localBrokerStatus(broker);
    if (status.version !== undefined && status.version !== broker.version) {
      throw new VigieError(`the local broker in ${broker.dataDir} runs Apache Kafka ${status.version}, not ${broker.version} (KAFKA_VERSION); ` +
        'stop it first (npm run kafka:down) or give the other version its own VIGIE_KAFKA_DATA_DIR and KAFKA_PORT');
    }
    if (status.state === 'running') return { bootstrap: status.bootstrap, pid: status.pid!, started: false };
    if (status.state === 'starting') {
      await waitUntilAnswers(broker, status.pid!);
      return { bootstrap: status.bootstrap, pid: status.pid!, started: false };
    }
    if (status.state === 'port-busy') {
      throw new VigieError(`port ${broker.port} on ${broker.host} is already in use by a process that is not Vigie's local broker; ` +
        'stop it, set KAFKA_PORT to another port, or point Vigie at that broker with KAFKA_BROKERS');
    }
    const pid = await spawnBroker(broker, report);
    await waitUntilAnswers(broker, pid);
    return { bootstrap: status.bootstrap, pid, started: true };
  });
}

async function spawnBroker(broker: LocalBrokerOptions, report: Report): Promise<number> {
  const paths = files(broker);
  ensureKafkaJars(broker, report);
  const cp = kafkaClasspath(broker);
  prepareBrokerDataDir(broker.dataDir, paths.logs); // owner-only: segment files hold chat text
  const props = serverProperties({ host: broker.host, port: broker.port, controllerPort: broker.controllerPort, logDir: paths.kraft, ...(broker.security ? { security: broker.security } : {}) });
  // mode 0600: with a SASL_SSL listener the file holds the key store and PLAIN passwords.
  writeFileSync(paths.props, renderProperties(props, `generated by Vigie (services/kafka/local-broker.ts) for Kafka ${broker.version}; edits are overwritten`), { mode: 0o600 });
  const jvm = [...broker.heapOpts, '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-Djava.awt.headless=true',
    ...kafkaLogFlags(broker), `-Dkafka.logs.dir=${paths.logs}`];

  const formattedBy = existsSync(paths.version) ? readFileSync(paths.version, 'utf8').trim() : undefined;
  if (existsSync(join(paths.kraft, 'meta.properties')) && formattedBy !== undefined && formattedBy !== broker.version) {
    // KRaft metadata only moves forward through a rolling upgrade; a silent switch could leave a broker that cannot start.
    throw new VigieError(`the Kafka storage in ${paths.kraft} belongs to Apache Kafka ${formattedBy}, not ${broker.version} (KAFKA_VERSION); ` +
      'wipe it (npm run kafka:down -- --wipe) or give the other version its own VIGIE_KAFKA_DATA_DIR');
  }
  if (!existsSync(join(paths.kraft, 'meta.properties'))) {
    const clusterId = newClusterId();
    report(`formatting KRaft storage in ${paths.kraft} (cluster id ${clusterId})`);
    const addScram = (broker.security?.scramUsers ?? []).map((u) => `${u.mechanism}=[name=${u.username},password=${u.password}]`);
    formatKraftStorage({ javaBin: broker.javaBin, classpath: cp, jvm: jvm.filter((a) => !a.startsWith('-Xm')), propsFile: paths.props, addScram }, clusterId);
    writeFileSync(paths.version, `${broker.version}\n`);
  }

  report(`starting Apache Kafka ${broker.version} (KRaft, single node) on ${bootstrapAddress(broker)}; log ${paths.out}`);
  const out = openSync(paths.out, 'a');
  const child = spawn(broker.javaBin, [...jvm, '-cp', cp, 'kafka.Kafka', paths.props], {
    detached: true,
    stdio: ['ignore', out, out],
    cwd: broker.dataDir,
  });
  closeSync(out);
  const pid = await new Promise<number>((resolve, reject) => {
    child.once('error', (err) => reject(new VigieError(`could not start ${broker.javaBin}: ${err.message}`, { cause: err })));
    child.once('spawn', () => resolve(child.pid!));
  });
  child.unref();
  writeFileSync(paths.pid, `${pid}\n`);
  return pid;
}

async function waitUntilAnswers(broker: LocalBrokerOptions, pid: number): Promise<void> {
  const deadline = Date.now() + broker.startTimeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) {
      throw new VigieError(`the Kafka broker (pid ${pid}) exited during start-up; last lines of ${files(broker).out}:\n${tail(files(broker).out, 25)}`);
    }
    if ((await tcpOpen(broker.host, broker.port, 500)) && (await describeCluster([bootstrapAddress(broker)], 3000, brokerAdminSecurity(broker.security)))) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new VigieError(
    `the Kafka broker (pid ${pid}) did not answer on ${bootstrapAddress(broker)} within ${broker.startTimeoutMs} ms; see ${files(broker).out} and ${files(broker).logs}/server.log`,
    { retriable: true }
  );
}

/**
 * Stops our broker: SIGTERM (controlled shutdown), wait up to stopTimeoutMs, then SIGKILL.
 * With `wipe`, deletes the data folder (topics, offsets, KRaft metadata) afterwards.
 */
export async function stopLocalBroker(broker: LocalBrokerOptions, opts: { wipe?: boolean } = {}, report: Report = () => undefined): Promise<{ stopped: boolean; killed: boolean }> {
  return withFileLock(files(broker).lock, broker.stopTimeoutMs + 60_000, async () => {
    const paths = files(broker);
    const pid = ourPid(broker);
    let killed = false;
    if (pid !== undefined) {
      report(`stopping the Kafka broker (pid ${pid})`);
      try { process.kill(pid, 'SIGTERM'); } catch { /* exited meanwhile */ }
      const deadline = Date.now() + broker.stopTimeoutMs;
      while (processAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      if (processAlive(pid)) {
        report(`broker still running after ${broker.stopTimeoutMs} ms; sending SIGKILL`);
        try { process.kill(pid, 'SIGKILL'); } catch { /* exited meanwhile */ }
        killed = true;
        while (processAlive(pid)) await new Promise((r) => setTimeout(r, 100));
      }
    }
    try { unlinkSync(paths.pid); } catch { /* none */ }
    if (opts.wipe) {
      report(`deleting ${broker.dataDir}`);
      rmSync(broker.dataDir, { recursive: true, force: true });
    }
    return { stopped: pid !== undefined, killed };
  });
}

function tail(path: string, n: number): string {
  try { return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-n).join('\n'); } catch { return '(no log)'; }
}
