import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileConfig, loadConfig, CONFIG_VARIABLES, envHelp } from './config.js';
import { ConfigError } from '../contracts/errors.js';

function problemsOf(fn: () => unknown): string[] {
  try { fn(); } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err.problems;
  }
  assert.fail('expected a ConfigError');
}

test('defaults', () => {
  const c = compileConfig({ env: {} });
  assert.equal(c.kafka.brokers, null);
  assert.equal(c.kafka.clientId, 'vigie');
  assert.equal(c.kafka.partitions, 6);
  assert.equal(c.kafka.replication, 1);
  assert.equal(c.kafka.retentionMs, 604_800_000);
  assert.deepEqual(c.kafka.topics, {
    chatMessages: 'chat.messages', chatMessagesDlq: 'chat.messages.dlq', verdicts: 'chat.verdicts', verdictsShadow: 'chat.verdicts.shadow',
    actions: 'moderation.actions', escalations: 'moderation.escalations', audit: 'moderation.audit', feedback: 'moderation.feedback',
    blocklist: 'moderation.blocklist', classifierState: 'vigie.classifier.state',
  });
  assert.deepEqual(c.logging, { level: 'info', redact: true });
  assert.equal(c.paths.dataDir, resolve('.data'));
  assert.deepEqual(c.formats, { input: 'auto', output: 'avro' });
  assert.deepEqual(c.worker, { groupId: 'vigie-classifier', batchSize: 64, batchMaxWaitMs: 100, httpPort: 9464 });
  assert.deepEqual(c.database, { url: null, sqlitePath: join(resolve('.data'), 'audit.sqlite') });
});

test('good values from the environment are converted', () => {
  const c = compileConfig({ env: {
    KAFKA_BROKERS: 'a:9092, b:9093', VIGIE_TOPIC_PARTITIONS: '12', VIGIE_LOG_REDACT: 'false', VIGIE_LOG_LEVEL: 'debug',
    VIGIE_TOPIC_PREFIX: 'run42.', VIGIE_MODEL_DIR: 'none', DATABASE_URL: 'postgres://root@127.0.0.1/test', VIGIE_DATA_DIR: '/tmp/vd',
    VIGIE_INPUT_FORMAT: 'json', VIGIE_TOPIC_RETENTION_MS: '-1',
  } });
  assert.deepEqual(c.kafka.brokers, ['a:9092', 'b:9093']);
  assert.equal(c.kafka.partitions, 12);
  assert.equal(c.kafka.retentionMs, -1);
  assert.equal(c.logging.redact, false);
  assert.equal(c.kafka.topics.chatMessages, 'run42.chat.messages');
  assert.equal(c.kafka.topics.classifierState, 'run42.vigie.classifier.state');
  assert.equal(c.paths.modelDir, null);
  assert.equal(c.database.url, 'postgres://root@127.0.0.1/test');
  assert.equal(c.database.sqlitePath, '/tmp/vd/audit.sqlite');
  assert.equal(c.formats.input, 'json');
});

test('every bad value is reported at once, naming variable, value and expectation', () => {
  const bad: [string, string, RegExp][] = [
    ['KAFKA_BROKERS', 'localhost', /host:port/],
    ['VIGIE_TOPIC_PARTITIONS', '0', /integer from 1 to 1000/],
    ['VIGIE_TOPIC_REPLICATION', 'three', /integer from 1 to 10/],
    ['VIGIE_TOPIC_RETENTION_MS', '5', /60000/],
    ['VIGIE_TOPIC_MESSAGES', 'chat messages', /topic name/],
    ['VIGIE_LOG_LEVEL', 'loud', /one of trace/],
    ['VIGIE_LOG_REDACT', 'maybe', /true or false/],
    ['VIGIE_INPUT_FORMAT', 'xml', /avro, json, auto/],
    ['VIGIE_OUTPUT_FORMAT', 'auto', /one of avro, json/],
    ['VIGIE_CLASSIFIER_BATCH_MAX', '1.5', /integer/],
    ['VIGIE_CLASSIFIER_HTTP_PORT', '70000', /-1 to 65535/],
    ['DATABASE_URL', 'mysql://x', /postgres/],
  ];
  const problems = problemsOf(() => compileConfig({ env: Object.fromEntries(bad.map(([k, v]) => [k, v])) }));
  assert.equal(problems.length, bad.length, problems.join('\n'));
  for (const [name, value, expected] of bad) {
    const line = problems.find((p) => p.startsWith(`${name} = `));
    assert.ok(line, `no problem reported for ${name}`);
    assert.ok(line.includes(JSON.stringify(value)), line);
    assert.match(line, expected);
  }
});

test('environment wins over the file, the file over defaults', () => {
  const file = { kafka: { clientId: 'from-file', partitions: 3, topics: { verdicts: 'file.verdicts' } }, logging: { level: 'warn', redact: false } };
  const c = compileConfig({ env: { VIGIE_LOG_LEVEL: 'error' }, file, fileName: 'vigie.json' });
  assert.equal(c.kafka.clientId, 'from-file');
  assert.equal(c.kafka.partitions, 3);
  assert.equal(c.kafka.topics.verdicts, 'file.verdicts');
  assert.equal(c.logging.level, 'error');
  assert.equal(c.logging.redact, false);
  assert.equal(c.kafka.replication, 1);
});

test('bad file values and unknown file keys are reported with the file name', () => {
  const problems = problemsOf(() => compileConfig({ env: {}, fileName: 'vigie.json', file: { kafka: { partitions: 'many', topics: { verdictz: 'x' } }, loging: {} } }));
  assert.equal(problems.length, 3, problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('kafka.partitions in vigie.json (or VIGIE_TOPIC_PARTITIONS) = "many"')));
  assert.ok(problems.some((p) => p.startsWith('kafka.topics.verdictz in vigie.json: unknown setting')));
  assert.ok(problems.some((p) => p.startsWith('loging in vigie.json: unknown setting')));
});

test('loadConfig reads VIGIE_CONFIG and reports an unreadable file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-config-'));
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ worker: { batchSize: 8 } }));
  assert.equal(loadConfig({ VIGIE_CONFIG: good }).worker.batchSize, 8);
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{ "worker": ');
  assert.match(problemsOf(() => loadConfig({ VIGIE_CONFIG: broken }))[0]!, /^VIGIE_CONFIG = ".*broken.json": cannot read it as JSON/);
  assert.match(problemsOf(() => loadConfig({ VIGIE_CONFIG: join(dir, 'missing.json') }))[0]!, /cannot read/);
});

test('the variable table is complete and unambiguous', () => {
  const names = CONFIG_VARIABLES.map((r) => r.name);
  assert.equal(new Set(names).size, names.length, 'duplicate variable name');
  assert.ok(CONFIG_VARIABLES.every((r) => r.meaning && r.default !== undefined && r.fileKey.includes('.')));
  assert.match(envHelp(['KAFKA_BROKERS', 'logging']), /KAFKA_BROKERS[\s\S]*VIGIE_LOG_LEVEL[\s\S]*VIGIE_LOG_REDACT/);
  assert.doesNotMatch(envHelp(['kafka']), /VIGIE_TOPIC_MESSAGES/);
  assert.throws(() => envHelp(['VIGIE_NOPE']), /unknown variable/);
});

test('docs/configuration.md lists every configuration variable', async () => {
  const { readFileSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const here = fileURLToPath(new URL('.', import.meta.url));
  const doc = readFileSync(resolve(here, here.includes('/dist/') ? '../../../docs/configuration.md' : '../../docs/configuration.md'), 'utf8');
  const missing = CONFIG_VARIABLES.filter((r) => !doc.includes(`| \`${r.name}\` | \`${r.fileKey}\` |`)).map((r) => r.name);
  assert.deepEqual(missing, [], 'add these rows to the table in docs/configuration.md');
});
