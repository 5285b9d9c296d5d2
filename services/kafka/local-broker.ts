import { existsSync, mkdirSync, openSync, closeSync, readFileSync, writeFileSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { VigieError } from '../contracts/errors.js';
import type { LocalBrokerOptions } from './local-broker-options.js';
import { ensureKafkaJars, kafkaClasspath } from './kafka-jars.js';
import { serverProperties, renderProperties } from './server-properties.js';
import { withFileLock, processAlive } from './file-lock.js';
import { tcpOpen, describeCluster } from './probe.js';

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
}

const files = (o: LocalBrokerOptions) => ({
  pid: join(o.dataDir, 'broker.pid'),
  props: join(o.dataDir, 'server.properties'),
  out: join(o.dataDir, 'broker.log'),
  logs: join(o.dataDir, 'logs'),
  kraft: join(o.dataDir, 'kraft'),
  lock: `${o.dataDir}.lock`,
});

export function bootstrapAddress(o: Pick<LocalBrokerOptions, 'host' | 'port'>): string {
  return `${o.host}:${o.port}`;
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
}

/**
 * Runs Kafka's storage tool (`kafka-storage format`) once for a fresh KRaft log folder. The id goes as
 * `--cluster-id=<id>`, one argument, so even an id starting with '-' is never taken for an option.
 */
export function formatKraftStorage(s: StorageFormat, clusterId: string): void {
  const r = spawnSync(s.javaBin, [...s.jvm, '-Dvigie.log.root=WARN,stderr', '-cp', s.classpath,
    'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, `--config=${s.propsFile}`, '--ignore-formatted'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new VigieError(`formatting Kafka storage failed: ${r.error?.message ?? `${r.stdout}${r.stderr}`.trim()}`);
  }
}

/** The pid of our broker if its pid file names a live `kafka.Kafka` process. */
function ourPid(o: LocalBrokerOptions): number | undefined {
  let pid: number;
  try { pid = Number(readFileSync(files(o).pid, 'utf8').trim()); } catch { return undefined; }
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return undefined;
  try {
    // Guard against pid reuse: the process must be a Kafka broker JVM.
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka')) return undefined;
  } catch { /* no /proc (not Linux): trust the pid file */ }
  return pid;
}

export async function localBrokerStatus(o: LocalBrokerOptions): Promise<BrokerStatus> {
  const bootstrap = bootstrapAddress(o);
  const pid = ourPid(o);
  if (pid !== undefined) {
    const up = await describeCluster([bootstrap], 3000);
    return { state: up ? 'running' : 'starting', bootstrap, pid };
  }
  return { state: (await tcpOpen(o.host, o.port)) ? 'port-busy' : 'stopped', bootstrap };
}

/**
 * Starts the broker if it is not running and waits until it answers. Safe when several processes call
 * it at once: the check-and-start runs under a lock file beside the data folder.
 */
export async function ensureLocalBroker(o: LocalBrokerOptions, report: Report = () => undefined): Promise<{ bootstrap: string; pid: number; started: boolean }> {
  return withFileLock(files(o).lock, o.startTimeoutMs + 300_000, async () => {
    const st = await localBrokerStatus(o);
    if (st.state === 'running') return { bootstrap: st.bootstrap, pid: st.pid!, started: false };
    if (st.state === 'starting') {
      await waitUntilAnswers(o, st.pid!);
      return { bootstrap: st.bootstrap, pid: st.pid!, started: false };
    }
    if (st.state === 'port-busy') {
      throw new VigieError(`port ${o.port} on ${o.host} is already in use by a process that is not Vigie's local broker; ` +
        'stop it, set KAFKA_PORT to another port, or point Vigie at that broker with KAFKA_BROKERS');
    }
    const pid = await spawnBroker(o, report);
    await waitUntilAnswers(o, pid);
    return { bootstrap: st.bootstrap, pid, started: true };
  });
}

async function spawnBroker(o: LocalBrokerOptions, report: Report): Promise<number> {
  const f = files(o);
  ensureKafkaJars(o, report);
  const cp = kafkaClasspath(o);
  mkdirSync(f.logs, { recursive: true });
  const props = serverProperties({ host: o.host, port: o.port, controllerPort: o.controllerPort, logDir: f.kraft });
  writeFileSync(f.props, renderProperties(props, `generated by Vigie (services/kafka/local-broker.ts) for Kafka ${o.version}; edits are overwritten`));
  const jvm = [...o.heapOpts, '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${o.log4jFile}`, `-Dkafka.logs.dir=${f.logs}`];

  if (!existsSync(join(f.kraft, 'meta.properties'))) {
    const clusterId = newClusterId();
    report(`formatting KRaft storage in ${f.kraft} (cluster id ${clusterId})`);
    formatKraftStorage({ javaBin: o.javaBin, classpath: cp, jvm: jvm.filter((a) => !a.startsWith('-Xm')), propsFile: f.props }, clusterId);
  }

  report(`starting Apache Kafka ${o.version} (KRaft, single node) on ${bootstrapAddress(o)}; log ${f.out}`);
  const out = openSync(f.out, 'a');
  const child = spawn(o.javaBin, [...jvm, '-cp', cp, 'kafka.Kafka', f.props], {
    detached: true,
    stdio: ['ignore', out, out],
    cwd: o.dataDir,
  });
  closeSync(out);
  const pid = await new Promise<number>((resolve, reject) => {
    child.once('error', (err) => reject(new VigieError(`could not start ${o.javaBin}: ${err.message}`, { cause: err })));
    child.once('spawn', () => resolve(child.pid!));
  });
  child.unref();
  writeFileSync(f.pid, `${pid}\n`);
  return pid;
}

async function waitUntilAnswers(o: LocalBrokerOptions, pid: number): Promise<void> {
  const deadline = Date.now() + o.startTimeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) {
      throw new VigieError(`the Kafka broker (pid ${pid}) exited during start-up; last lines of ${files(o).out}:\n${tail(files(o).out, 25)}`);
    }
    if ((await tcpOpen(o.host, o.port, 500)) && (await describeCluster([bootstrapAddress(o)], 3000))) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new VigieError(`the Kafka broker (pid ${pid}) did not answer on ${bootstrapAddress(o)} within ${o.startTimeoutMs} ms; see ${files(o).out} and ${files(o).logs}/server.log`, { retriable: true });
}

/**
 * Stops our broker: SIGTERM (controlled shutdown), wait up to stopTimeoutMs, then SIGKILL.
 * With `wipe`, deletes the data folder (topics, offsets, KRaft metadata) afterwards.
 */
export async function stopLocalBroker(o: LocalBrokerOptions, opts: { wipe?: boolean } = {}, report: Report = () => undefined): Promise<{ stopped: boolean; killed: boolean }> {
  return withFileLock(files(o).lock, o.stopTimeoutMs + 60_000, async () => {
    const f = files(o);
    const pid = ourPid(o);
    let killed = false;
    if (pid !== undefined) {
      report(`stopping the Kafka broker (pid ${pid})`);
      try { process.kill(pid, 'SIGTERM'); } catch { /* exited meanwhile */ }
      const deadline = Date.now() + o.stopTimeoutMs;
      while (processAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      if (processAlive(pid)) {
        report(`broker still running after ${o.stopTimeoutMs} ms; sending SIGKILL`);
        try { process.kill(pid, 'SIGKILL'); } catch { /* exited meanwhile */ }
        killed = true;
        while (processAlive(pid)) await new Promise((r) => setTimeout(r, 100));
      }
    }
    try { unlinkSync(f.pid); } catch { /* none */ }
    if (opts.wipe) {
      report(`deleting ${o.dataDir}`);
      rmSync(o.dataDir, { recursive: true, force: true });
    }
    return { stopped: pid !== undefined, killed };
  });
}

function tail(path: string, n: number): string {
  try { return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-n).join('\n'); } catch { return '(no log)'; }
}
