import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/net.js';
import { compileLocalBrokerOptions, localBrokerRawFromEnv } from '../../services/kafka/local-broker-options.js';
import { kafkaJavaCommand } from '../../services/kafka/kafka-jars.js';
import { KAFKA_3_VERSION, KAFKA_4_VERSION } from '../../services/kafka/version.js';

/**
 * The local broker on the Kafka 4 line (KAFKA_VERSION=4.x): a private broker with its own ports and
 * data folder, checked with Kafka's own Java tools from the cached jars and with kcat (librdkafka).
 * Vigie's own client on 4.x is checked by test/kafka and test/worker on a 4.x broker (.ci/run).
 */
const dataDir = join(mkdtempSync(join(tmpdir(), 'vigie-kafka4-')), 'data');
const ports = { client: 0, controller: 0 };
const env = (version: string): NodeJS.ProcessEnv => ({
  ...process.env,
  KAFKA_VERSION: version,
  KAFKA_PORT: String(ports.client),
  KAFKA_CONTROLLER_PORT: String(ports.controller),
  VIGIE_KAFKA_DATA_DIR: dataDir,
  KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m',
});
const bootstrap = () => `127.0.0.1:${ports.client}`;


function cli(version: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['dist/services/kafka/local-broker-cli.js', ...args], { env: env(version), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** Runs one of Kafka's command-line tools (the class behind bin/kafka-*.sh) from the 4.x jars. */
function kafkaTool(mainClass: string, args: string[]): string {
  const cmd = kafkaJavaCommand(compileLocalBrokerOptions(localBrokerRawFromEnv(env(KAFKA_4_VERSION))), mainClass, ['--bootstrap-server', bootstrap(), ...args], ['-Xmx256m']);
  const r = spawnSync(cmd.command, cmd.args, { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `${mainClass} ${args.join(' ')} failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}

function kcat(args: string[], input?: string): string {
  const r = spawnSync('kcat', ['-b', bootstrap(), ...args], { input, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw new Error(`kcat could not run (apt-get install -y kcat): ${r.error.message}`);
  assert.equal(r.status, 0, `kcat ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

after(async () => {
  await cli(KAFKA_4_VERSION, 'down', '--wipe');
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

test(`KAFKA_VERSION=${KAFKA_4_VERSION} starts a Kafka 4 broker (KRaft, static voter) that reports its version`, async () => {
  ports.client = await freePort();
  ports.controller = await freePort();
  while (ports.controller === ports.client) ports.controller = await freePort();
  const up = await cli(KAFKA_4_VERSION, 'up');
  assert.equal(up.code, 0, up.err);
  assert.match(up.out, new RegExp(`Apache Kafka ${KAFKA_4_VERSION.replace(/\./g, '\\.')} started \\(pid \\d+\\)`));
  const st = await cli(KAFKA_4_VERSION, 'status');
  assert.match(st.out, new RegExp(`^running pid=\\d+ kafka=${KAFKA_4_VERSION.replace(/\./g, '\\.')} `));

  // The finalized metadata.version is set by the broker that formatted the storage: 4.x, not 3.x.
  const features = kafkaTool('org.apache.kafka.tools.FeatureCommand', ['describe']);
  assert.match(features, /Feature: metadata\.version\s+SupportedMinVersion: \S+\s+SupportedMaxVersion: 4\.\S+\s+FinalizedVersionLevel: 4\./, features);
});

test('a 3.x `up` on the same data folder is refused while the 4.x broker runs', async () => {
  const r = await cli(KAFKA_3_VERSION, 'up');
  assert.equal(r.code, 1);
  assert.match(r.err, new RegExp(`runs Apache Kafka ${KAFKA_4_VERSION.replace(/\./g, '\\.')}, not ${KAFKA_3_VERSION.replace(/\./g, '\\.')}`));
});

test("Kafka's own tools create and describe a topic; the broker lists its API versions", () => {
  const topic = `vigie-k4-${process.pid}`;
  assert.match(kafkaTool('org.apache.kafka.tools.TopicCommand', ['--create', '--topic', topic, '--partitions', '3', '--replication-factor', '1']),
    new RegExp(`Created topic ${topic}\\.`));
  const described = kafkaTool('org.apache.kafka.tools.TopicCommand', ['--describe', '--topic', topic]);
  assert.match(described, new RegExp(`Topic: ${topic}\\s+TopicId: \\S+\\s+PartitionCount: 3\\s+ReplicationFactor: 1`));
  assert.equal([...described.matchAll(/Partition: \d\s+Leader: 1\s+Replicas: 1\s+Isr: 1/g)].length, 3, described);

  const apis = kafkaTool('org.apache.kafka.tools.BrokerApiVersionsCommand', []);
  // Transactions with offsets (KIP-447) and the KIP-848 consumer group protocol are what issue 11 builds on.
  for (const api of ['Produce(0)', 'Fetch(1)', 'InitProducerId(22)', 'TxnOffsetCommit(28)', 'ConsumerGroupHeartbeat(68)']) {
    assert.match(apis, new RegExp(`${api.replace(/[()]/g, '\\$&')}: \\d+ to \\d+ \\[usable: \\d+\\]`), api);
  }
});

test('kcat (librdkafka) produces with idempotence and consumes the same records back', () => {
  const topic = `vigie-k4-kcat-${process.pid}`;
  kafkaTool('org.apache.kafka.tools.TopicCommand', ['--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1']);
  kcat(['-P', '-t', topic, '-K', '\t', '-X', 'enable.idempotence=true', '-H', 'origin=kcat'], 'conv-1\tbonjour ça va\nconv-2\thello there\n');
  const out = kcat(['-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k|%s|%h|%o\n']);
  assert.deepEqual(out.trimEnd().split('\n'), ['conv-1|bonjour ça va|origin=kcat|0', 'conv-2|hello there|origin=kcat|1']);
});

test('down stops the 4.x broker; --wipe deletes its data folder', async () => {
  const pid = Number(/pid=(\d+)/.exec((await cli(KAFKA_4_VERSION, 'status')).out)![1]);
  const down = await cli(KAFKA_4_VERSION, 'down', '--wipe');
  assert.equal(down.code, 0, down.err);
  assert.match(down.out, /broker stopped/);
  assert.throws(() => process.kill(pid, 0), /ESRCH/);
  assert.equal(existsSync(dataDir), false);
});
