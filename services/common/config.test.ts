import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileConfig, loadConfig, CONFIG_VARIABLES, envHelp, OTHER_VIGIE_VARIABLES, unknownVigieVariables } from './config.js';
import { createLogger } from './logger.js';
import { PassThrough } from 'node:stream';
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
  assert.deepEqual(c.logging, { level: 'info', redact: true, file: null, format: 'auto' });
  assert.equal(c.paths.dataDir, resolve('.data'));
  assert.deepEqual(c.formats, { input: 'auto', output: 'avro' });
  assert.deepEqual(c.worker, {
    groupId: 'vigie-classifier', batchSize: 64, batchMaxWaitMs: 100, httpPort: 9464, httpHost: '127.0.0.1', commitMs: 100, closeWhenDrained: true, windowGapMs: null, offsetCommit: 'batched', stallWarnMs: 30_000, stallTimeoutMs: 900_000, progressWarnMs: 600_000, progressTimeoutMs: 1_200_000, backlogCheckMs: 30_000, hangingTxnSweepMs: 30_000, livezStallMs: null, livezProgressMs: null, loadTimeoutMs: 120_000, shutdownTimeoutMs: 12_000, windowMax: 5000, instance: null, checkpointMs: 5000, sessionTimeoutMs: 10_000, heartbeatMs: 1000, engineThreads: null, maxScoringChars: 20_000, windowGate: 0, readAheadRecords: null, readAheadBytes: 8 * 1024 * 1024, stateCompression: 'gzip', stateFormat: 3, stateCoolAfter: 2000, stateCoolMinEntries: 4000,
  });
  assert.deepEqual(c.database, {
    url: null, password: null, sslMode: null, sslCaFile: null, sqlitePath: join(resolve('.data'), 'audit.sqlite'), pg: { password: null, ssl: null },
  });
  assert.deepEqual(c.kafka.security, { tls: null, sasl: null });
  assert.deepEqual(c.shadow, { modelDir: null, rulesDir: null, policyFile: null });
  assert.equal(c.audit.groupId, 'vigie-audit-sink');
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
  const w = compileConfig({ env: { VIGIE_CLASSIFIER_CLOSE_WHEN_DRAINED: 'false', VIGIE_CLASSIFIER_WINDOW_GAP_MS: '20' } }).worker;
  assert.equal(w.closeWhenDrained, false);
  assert.equal(w.windowGapMs, 20);
  assert.equal(compileConfig({ env: {} }).worker.windowGapMs, null); // 50, at most COMMIT_MS (worker options)
  assert.throws(() => compileConfig({ env: { VIGIE_CLASSIFIER_CLOSE_WHEN_DRAINED: 'maybe' } }), /VIGIE_CLASSIFIER_CLOSE_WHEN_DRAINED/);
  assert.equal(compileConfig({ env: {} }).worker.offsetCommit, 'batched');
  assert.equal(compileConfig({ env: { VIGIE_CLASSIFIER_OFFSET_COMMIT: 'per-partition' } }).worker.offsetCommit, 'per-partition');
  assert.throws(() => compileConfig({ env: { VIGIE_CLASSIFIER_OFFSET_COMMIT: 'each' } }), /VIGIE_CLASSIFIER_OFFSET_COMMIT/);
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
    ['VIGIE_CLASSIFIER_HTTP_HOST', '[127.0.0.1]', /an IPv4 address, an IPv6 address with or without brackets \(::1 or \[::1\]\), or a host name/],
    ['VIGIE_AUDIT_HTTP_HOST', 'http://0.0.0.0', /IPv6 address with or without brackets/],
    ['DATABASE_URL', 'mysql://x', /postgres/],
    ['VIGIE_CLASSIFIER_READ_AHEAD_RECORDS', '0', /integer number of records from 1 to 1000000/],
    ['VIGIE_CLASSIFIER_READ_AHEAD_BYTES', '4096', /integer number of bytes from 65536 \(64 KiB\) to 1073741824 \(1 GiB\)/],
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

test('health and metrics hosts: 127.0.0.1 by default, an IPv6 address loses its brackets (listen() refuses them)', () => {
  const d = compileConfig({ env: {} });
  assert.deepEqual([d.worker.httpHost, d.audit.httpHost], ['127.0.0.1', '127.0.0.1']);
  const c = compileConfig({ env: { VIGIE_CLASSIFIER_HTTP_HOST: '[::1]', VIGIE_AUDIT_HTTP_HOST: '0.0.0.0' } });
  assert.deepEqual([c.worker.httpHost, c.audit.httpHost], ['::1', '0.0.0.0']);
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

test('VIGIE_CLASSIFIER_WINDOW_GATE: default 0 (window model on every message), a score in [0, 1], anything else refused', () => {
  assert.equal(compileConfig({ env: {} }).worker.windowGate, 0);
  assert.equal(compileConfig({ env: { VIGIE_CLASSIFIER_WINDOW_GATE: '0.3' } }).worker.windowGate, 0.3);
  assert.deepEqual([compileConfig({ env: { VIGIE_CLASSIFIER_READ_AHEAD_RECORDS: '2500', VIGIE_CLASSIFIER_READ_AHEAD_BYTES: '1048576' } }).worker]
    .map((w) => [w.readAheadRecords, w.readAheadBytes]), [[2500, 1_048_576]]);
  assert.equal(compileConfig({ env: {}, fileName: 'vigie.json', file: { worker: { windowGate: 1 } } }).worker.windowGate, 1);
  for (const bad of ['1.5', '-0.1', 'half']) {
    assert.match(problemsOf(() => compileConfig({ env: { VIGIE_CLASSIFIER_WINDOW_GATE: bad } }))[0] ?? '', /VIGIE_CLASSIFIER_WINDOW_GATE/, `refuses ${JSON.stringify(bad)}`);
  }
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

const PEM_CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const PEM_KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
const FILES: Record<string, string> = { '/s/ca.pem': PEM_CERT, '/s/cert.pem': PEM_CERT, '/s/key.pem': PEM_KEY, '/s/pw': 'from-file-pw\n', '/s/notpem': 'hello' };
const readFile = (p: string): string => { const c = FILES[p]; if (c === undefined) throw new Error('ENOENT: no such file'); return c; };

test('flags win over the environment and the file; topic names from flags carry the prefix too', () => {
  const c = compileConfig({ env: { VIGIE_CLASSIFIER_GROUP: 'env-group', VIGIE_TOPIC_PREFIX: 'p.' }, file: { worker: { batchSize: 5 } },
    flags: { VIGIE_CLASSIFIER_GROUP: 'flag-group', VIGIE_CLASSIFIER_BATCH_MAX: '7', VIGIE_TOPIC_VERDICTS: 'v' } });
  assert.deepEqual([c.worker.groupId, c.worker.batchSize, c.kafka.topics.verdicts], ['flag-group', 7, 'p.v']);
  const problems = problemsOf(() => compileConfig({ env: {}, flags: { VIGIE_CLASSIFIER_BATCH_MAX: 'x' }, flagNames: { VIGIE_CLASSIFIER_BATCH_MAX: '--batch-max' } }));
  assert.match(problems[0]!, /^--batch-max = "x": expected an integer/);
});

const kafkaSecurityCases: { name: string; env: Record<string, string>; want: unknown }[] = [
  { name: 'none', env: {}, want: { tls: null, sasl: null } },
  { name: 'TLS on, system CAs', env: { VIGIE_KAFKA_TLS: 'true' }, want: { tls: { ca: null, cert: null, key: null, files: { ca: null, cert: null, key: null } }, sasl: null } },
  { name: 'a CA file turns TLS on', env: { VIGIE_KAFKA_TLS_CA_FILE: '/s/ca.pem' },
    want: { tls: { ca: PEM_CERT, cert: null, key: null, files: { ca: '/s/ca.pem', cert: null, key: null } }, sasl: null } },
  { name: 'SCRAM-SHA-512 with a password file', env: { VIGIE_KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', VIGIE_KAFKA_SASL_USERNAME: 'svc', VIGIE_KAFKA_SASL_PASSWORD_FILE: '/s/pw' },
    want: { tls: null, sasl: { mechanism: 'SCRAM-SHA-512', username: 'svc', password: 'from-file-pw' } } },
  { name: 'PLAIN over TLS with a password in the environment', env: { VIGIE_KAFKA_TLS: 'true', VIGIE_KAFKA_SASL_MECHANISM: 'PLAIN', VIGIE_KAFKA_SASL_USERNAME: 'u', VIGIE_KAFKA_SASL_PASSWORD: 'pw' },
    want: { tls: { ca: null, cert: null, key: null, files: { ca: null, cert: null, key: null } }, sasl: { mechanism: 'PLAIN', username: 'u', password: 'pw' } } },
  { name: 'PLAIN without TLS, accepted by VIGIE_KAFKA_SASL_PLAINTEXT=true',
    env: { VIGIE_KAFKA_SASL_PLAINTEXT: 'true', VIGIE_KAFKA_SASL_MECHANISM: 'PLAIN', VIGIE_KAFKA_SASL_USERNAME: 'u', VIGIE_KAFKA_SASL_PASSWORD: 'pw' },
    want: { tls: null, sasl: { mechanism: 'PLAIN', username: 'u', password: 'pw' } } },
];

test('Kafka security: SASL PLAIN without TLS is refused, naming the settings, unless VIGIE_KAFKA_SASL_PLAINTEXT=true', () => {
  const env = { VIGIE_KAFKA_SASL_MECHANISM: 'PLAIN', VIGIE_KAFKA_SASL_USERNAME: 'u', VIGIE_KAFKA_SASL_PASSWORD: 'pw-not-echoed' };
  const problems = problemsOf(() => compileConfig({ env }));
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0]!, /^VIGIE_KAFKA_SASL_MECHANISM = PLAIN without VIGIE_KAFKA_TLS .*in clear.*VIGIE_KAFKA_SASL_PLAINTEXT=true/);
  assert.doesNotMatch(problems[0]!, /pw-not-echoed/);
  // false is the default and refuses the same way; SCRAM (no password on the wire) and PLAIN over TLS are not refused.
  assert.equal(problemsOf(() => compileConfig({ env: { ...env, VIGIE_KAFKA_SASL_PLAINTEXT: 'false' } })).length, 1);
  assert.equal(compileConfig({ env: { ...env, VIGIE_KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256' } }).kafka.security.sasl?.mechanism, 'SCRAM-SHA-256');
  assert.equal(compileConfig({ env: { ...env, VIGIE_KAFKA_SASL_PLAINTEXT: 'true' } }).kafka.security.sasl?.mechanism, 'PLAIN');
});
for (const c of kafkaSecurityCases) {
  test(`Kafka security: ${c.name}`, () => {
    const sec = compileConfig({ env: c.env, readFile }).kafka.security;
    const plain = { tls: sec.tls && { ...sec.tls, key: sec.tls.key?.reveal() ?? null }, sasl: sec.sasl && { ...sec.sasl, password: sec.sasl.password.reveal() } };
    assert.deepEqual(plain, c.want);
  });
}

test('Kafka security and PostgreSQL TLS: every problem at once', () => {
  const problems = problemsOf(() => compileConfig({ readFile, env: {
    VIGIE_KAFKA_SASL_MECHANISM: 'SCRAM-SHA-1', VIGIE_KAFKA_TLS_CERT_FILE: '/s/cert.pem', VIGIE_KAFKA_TLS_CA_FILE: '/s/notpem',
    DATABASE_SSLMODE: 'prefer', DATABASE_SSL_CA_FILE: '/s/missing.pem', DATABASE_PASSWORD_FILE: '/s/missing-pw',
  } }));
  const want = [
    /^VIGIE_KAFKA_SASL_MECHANISM = "SCRAM-SHA-1": expected one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512/,
    /^VIGIE_KAFKA_TLS_CA_FILE = "\/s\/notpem": expected PEM certificates/,
    /^VIGIE_KAFKA_TLS_CERT_FILE and VIGIE_KAFKA_TLS_KEY_FILE: set both/,
    /^DATABASE_SSLMODE = "prefer": expected one of disable, require, verify-ca, verify-full/,
    /^DATABASE_SSL_CA_FILE = "\/s\/missing.pem": cannot read it/,
    /^DATABASE_PASSWORD_FILE = "\/s\/missing-pw": cannot read it/,
  ];
  for (const w of want) assert.ok(problems.some((p) => w.test(p)), `${w} not in:\n${problems.join('\n')}`);
  assert.equal(problems.length, want.length, problems.join('\n'));
  const noPassword = problemsOf(() => compileConfig({ env: { VIGIE_KAFKA_SASL_MECHANISM: 'PLAIN', VIGIE_KAFKA_SASL_USERNAME: 'u' } }));
  assert.match(noPassword.join('\n'), /VIGIE_KAFKA_SASL_PASSWORD or VIGIE_KAFKA_SASL_PASSWORD_FILE: required/);
});

const pgCases: { sslMode?: string; ca?: boolean; want: unknown }[] = [
  { want: null },
  { sslMode: 'disable', want: false },
  { sslMode: 'require', want: { rejectUnauthorized: false } },
  { sslMode: 'verify-full', ca: true, want: { rejectUnauthorized: true, ca: PEM_CERT } },
  { ca: true, want: { rejectUnauthorized: true, ca: PEM_CERT } },
];
for (const c of pgCases) {
  test(`PostgreSQL TLS: sslmode ${c.sslMode ?? '(unset)'}${c.ca ? ' with a CA file' : ''}`, () => {
    const env = { ...(c.sslMode ? { DATABASE_SSLMODE: c.sslMode } : {}), ...(c.ca ? { DATABASE_SSL_CA_FILE: '/s/ca.pem' } : {}) };
    assert.deepEqual(compileConfig({ env, readFile }).database.pg.ssl, c.want);
  });
}

test('verify-ca checks the chain, not the host name', () => {
  const ssl = compileConfig({ env: { DATABASE_SSLMODE: 'verify-ca', DATABASE_SSL_CA_FILE: '/s/ca.pem' }, readFile }).database.pg.ssl;
  assert.ok(ssl && ssl.rejectUnauthorized && ssl.ca === PEM_CERT && ssl.checkServerIdentity?.() === undefined);
});

test('secrets never reach the log output nor a problem message', () => {
  const out = new PassThrough();
  let logged = '';
  out.on('data', (d: Buffer) => { logged += d.toString(); });
  const cfg = compileConfig({ readFile, env: {
    VIGIE_KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256', VIGIE_KAFKA_SASL_USERNAME: 'svc', VIGIE_KAFKA_SASL_PASSWORD: 'hunter2-kafka',
    DATABASE_PASSWORD_FILE: '/s/pw', VIGIE_KAFKA_TLS_CERT_FILE: '/s/cert.pem', VIGIE_KAFKA_TLS_KEY_FILE: '/s/key.pem',
  } });
  assert.equal(cfg.kafka.security.sasl?.password.reveal(), 'hunter2-kafka', 'the client factory still gets the value');
  assert.equal(cfg.database.pg.password?.reveal(), 'from-file-pw');
  const log = createLogger({ destination: out });
  log.info({ cfg }, 'configuration');
  log.info({ sasl: cfg.kafka.security.sasl }, `password is ${String(cfg.kafka.security.sasl?.password)}`);
  assert.match(logged, /"username":"svc"/, 'the log line was written');
  for (const s of ['hunter2-kafka', 'from-file-pw', 'MIIE']) assert.ok(!logged.includes(s), `${s} leaked into: ${logged}`);
  const problems = problemsOf(() => compileConfig({ env: {}, file: { kafka: { security: { saslPassword: 42 } } }, fileName: 'v.json' }));
  assert.match(problems[0]!, /saslPassword in v\.json \(or VIGIE_KAFKA_SASL_PASSWORD\) = \(secret\)/);
});

test('unknown VIGIE_ variables: misspellings named with the closest known variable, secrets\' _FILE forms and other known names not', () => {
  assert.deepEqual(unknownVigieVariables({
    VIGIE_CLASIFIER_BATCH_MAX: '64', VIGIE_KAFKA_SASL_PASSWORD_FILE: '/run/secrets/k', VIGIE_CONSOLE_PAGE_SIZE: '50', VIGIE_OPERATOR: 'ana',
    VIGIE_LOG_REDACTED: 'false', VIGIE_SOMETHING_ELSE_ENTIRELY: 'x', VIGIE_CONSOLE_PORT: 'tcp://10.0.0.7:8080', VIGIE_PORT: 'tcp://10.0.0.8:80', PATH: '/bin',
  }), [
    { name: 'VIGIE_CLASIFIER_BATCH_MAX', suggestion: 'VIGIE_CLASSIFIER_BATCH_MAX' },
    { name: 'VIGIE_LOG_REDACTED', suggestion: 'VIGIE_LOG_REDACT' },
    { name: 'VIGIE_SOMETHING_ELSE_ENTIRELY', suggestion: null },
  ]);
});

test('every VIGIE_ variable named in the sources is known to unknownVigieVariables (no false warning for a real setting)', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const here = fileURLToPath(new URL('.', import.meta.url));
  const root = resolve(here, here.includes('/dist/') ? '../../../services' : '..');
  const names = new Set<string>();
  for (const f of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!f.endsWith('.ts') || f.endsWith('.test.ts') || f.includes('test-support')) continue;
    for (const m of readFileSync(join(root, f), 'utf8').matchAll(/\bVIGIE_[A-Z0-9_]+/g)) if (!m[0].endsWith('_')) names.add(m[0]);
  }
  assert.ok(names.size > 50, `found ${names.size}`);
  const env = Object.fromEntries([...names].map((n) => [n, '1']));
  assert.deepEqual(unknownVigieVariables(env).map((u) => u.name), [], `add them to OTHER_VIGIE_VARIABLES (${OTHER_VIGIE_VARIABLES.length} now)`);
});

test('a VIGIE_ name in the wrong case, VIGIE_ before an unprefixed setting, and a near miss of KAFKA_BROKERS or DATABASE_URL are named too (ops50: `vigie_topic_prefix` or `KAFKA_BROKER` left a service on another tenant\'s topics or the local broker without a word)', () => {
  assert.deepEqual(unknownVigieVariables({
    vigie_topic_prefix: 't1.', Vigie_Log_Level: 'debug', VIGIE_DATABASE_URL: 'postgres://x', VIGIE_KAFKA_BROKERS: 'k:9092', KAFKA_BROKER: 'k:9092',
    kafka_brokers: 'k:9092', KAFKA_BOOTSTRAP_SERVERS: 'k:9092', DATABASE_URI: 'postgres://x', DATABASE_PASWORD: 'pw',
    // Not Vigie's, and not near enough to one of its settings: no warning.
    KAFKA_BROKERS: 'k:9092', DATABASE_URL: 'postgres://y', DATABASE_HOST: 'db', KAFKA_OPTS: '-Xmx1g', PGUSER: 'vigie', HOME: '/root', vigiedir: '/x',
    db_service_port: '5432',
  }), [
    { name: 'DATABASE_PASWORD', suggestion: 'DATABASE_PASSWORD' },
    { name: 'DATABASE_URI', suggestion: 'DATABASE_URL' },
    { name: 'KAFKA_BOOTSTRAP_SERVERS', suggestion: 'KAFKA_BROKERS' },
    { name: 'KAFKA_BROKER', suggestion: 'KAFKA_BROKERS' },
    { name: 'VIGIE_DATABASE_URL', suggestion: 'DATABASE_URL' },
    { name: 'VIGIE_KAFKA_BROKERS', suggestion: 'KAFKA_BROKERS' },
    { name: 'Vigie_Log_Level', suggestion: 'VIGIE_LOG_LEVEL' },
    { name: 'kafka_brokers', suggestion: 'KAFKA_BROKERS' },
    { name: 'vigie_topic_prefix', suggestion: 'VIGIE_TOPIC_PREFIX' },
  ]);
});

test('VIGIE_ before a near miss of KAFKA_BROKERS is named, and a near name is suggested only when it is the setting meant: DATABASE_SSL is DATABASE_SSLMODE, not DATABASE_URL (stop 51, ops51)', () => {
  assert.deepEqual(unknownVigieVariables({
    VIGIE_KAFKA_BROKER: 'k:9092', VIGIE_KAFKA_BOOTSTRAP_SERVERS: 'k:9092', DATABASE_SSL: 'true', VIGIE_DATABASE_SSL: 'true', DATABASE_PASS: 'pw',
    KAFKA_BROKER: 'k:9092', KAFKA_BROKE: 'k:9092', DATABASE_URI: 'postgres://x', DATABASE_SSLMOD: 'require', VIGIE_KAFKA_SASL_PASWORD: 'pw',
    // Not near enough to be meant: one letter of "URL" kept, or another word.
    DATABASE_UID: '1', DATABASE_SSH: 'x', DATABASE_USER: 'vigie',
  }), [
    { name: 'DATABASE_PASS', suggestion: 'DATABASE_PASSWORD' },
    { name: 'DATABASE_SSL', suggestion: 'DATABASE_SSLMODE' },
    { name: 'DATABASE_SSLMOD', suggestion: 'DATABASE_SSLMODE' },
    { name: 'DATABASE_URI', suggestion: 'DATABASE_URL' },
    { name: 'KAFKA_BROKE', suggestion: 'KAFKA_BROKERS' },
    { name: 'KAFKA_BROKER', suggestion: 'KAFKA_BROKERS' },
    { name: 'VIGIE_DATABASE_SSL', suggestion: 'DATABASE_SSLMODE' },
    { name: 'VIGIE_KAFKA_BOOTSTRAP_SERVERS', suggestion: 'KAFKA_BROKERS' },
    { name: 'VIGIE_KAFKA_BROKER', suggestion: 'KAFKA_BROKERS' },
    { name: 'VIGIE_KAFKA_SASL_PASWORD', suggestion: 'VIGIE_KAFKA_SASL_PASSWORD' },
  ]);
});

test('`<setting>_FILE` of a setting that is not a secret (DATABASE_URL_FILE, KAFKA_BROKERS_FILE) is named: only secrets are read from a file, and the service ran on SQLite or the local broker without a word (review of ops50)', () => {
  assert.deepEqual(unknownVigieVariables({ DATABASE_URL_FILE: '/run/secrets/db-url', KAFKA_BROKERS_FILE: '/run/secrets/brokers', DATABASE_PASSWORD_FILE: '/run/secrets/db-pw' }), [
    { name: 'DATABASE_URL_FILE', suggestion: 'DATABASE_URL' },
    { name: 'KAFKA_BROKERS_FILE', suggestion: 'KAFKA_BROKERS' },
  ]);
});

test('VIGIE_ before a `<setting>_FILE` is named with the setting meant: VIGIE_KAFKA_BROKERS_FILE (VIGIE_ and _FILE, two mistakes at once) got no suggestion, nor did `_FILE` after a VIGIE_ setting that is no secret (stop 52)', () => {
  // Name → the suggestion expected; 'known' = a real setting, not reported (a secret's _FILE form, a setting ending in _FILE).
  const cases: Record<string, string> = {
    VIGIE_KAFKA_BROKERS_FILE: 'KAFKA_BROKERS', VIGIE_DATABASE_URL_FILE: 'DATABASE_URL', VIGIE_KAFKA_BROKER_FILE: 'KAFKA_BROKERS',
    VIGIE_RULES_DIR_FILE: 'VIGIE_RULES_DIR', KAFKA_BROKER_FILE: 'KAFKA_BROKERS',
    VIGIE_KAFKA_SASL_PASSWORD_FILE: 'known', VIGIE_LOG_FILE: 'known', VIGIE_POLICY_FILE: 'known',
  };
  const reported = new Map(unknownVigieVariables(Object.fromEntries(Object.keys(cases).map((n) => [n, '/run/secrets/x']))).map((u) => [u.name, u.suggestion]));
  for (const [name, meant] of Object.entries(cases)) assert.equal(reported.has(name) ? reported.get(name) : 'known', meant, name);
});

test('`<stem>_FILE` where `<stem>_CA_FILE` is a setting is named with that CA file: DATABASE_SSL_FILE was told DATABASE_SSLMODE while a CA file was meant (review of stop 52)', () => {
  assert.deepEqual(unknownVigieVariables({ DATABASE_SSL_FILE: '/run/secrets/ca.pem', VIGIE_DATABASE_SSL_FILE: '/run/secrets/ca.pem', VIGIE_KAFKA_TLS_FILE: '/etc/ca.pem', DATABASE_SSL: 'on' }), [
    { name: 'DATABASE_SSL', suggestion: 'DATABASE_SSLMODE' },
    { name: 'DATABASE_SSL_FILE', suggestion: 'DATABASE_SSL_CA_FILE' },
    { name: 'VIGIE_DATABASE_SSL_FILE', suggestion: 'DATABASE_SSL_CA_FILE' },
    { name: 'VIGIE_KAFKA_TLS_FILE', suggestion: 'VIGIE_KAFKA_TLS_CA_FILE' },
  ]);
});

test('a near miss of DATABASE_SSL_CA_FILE is named with it (review of stop 53: DATABASE_SSLCA_FILE, DATABASE_SSL_CAFILE were ignored without a word, the server then checked against the system CAs)', () => {
  assert.deepEqual(unknownVigieVariables({ DATABASE_SSLCA_FILE: '/ca.pem', DATABASE_SSL_CAFILE: '/ca.pem', VIGIE_DATABASE_SSL_CA_FLE: '/ca.pem', DATABASE_SSL: 'on' }), [
    { name: 'DATABASE_SSL', suggestion: 'DATABASE_SSLMODE' },
    { name: 'DATABASE_SSLCA_FILE', suggestion: 'DATABASE_SSL_CA_FILE' },
    { name: 'DATABASE_SSL_CAFILE', suggestion: 'DATABASE_SSL_CA_FILE' },
    { name: 'VIGIE_DATABASE_SSL_CA_FLE', suggestion: 'DATABASE_SSL_CA_FILE' },
  ]);
});

test('a near miss of the `_FILE` form of a secret is named with that form, not the secret itself (review of ops52: DATABASE_PASS_FILE was told DATABASE_PASSWORD, which would take the path for the password)', () => {
  assert.deepEqual(unknownVigieVariables({ DATABASE_PASS_FILE: '/run/secrets/db', VIGIE_DATABASE_PASSWD_FILE: '/run/secrets/db', KAFKA_BROKER_FILE: '/run/secrets/b' }), [
    { name: 'DATABASE_PASS_FILE', suggestion: 'DATABASE_PASSWORD_FILE' },
    { name: 'KAFKA_BROKER_FILE', suggestion: 'KAFKA_BROKERS' },
    { name: 'VIGIE_DATABASE_PASSWD_FILE', suggestion: 'DATABASE_PASSWORD_FILE' },
  ]);
});

test('other names of the TLS files are named with the setting: VIGIE_KAFKA_CA_FILE, libpq\'s DATABASE_SSLROOTCERT, DATABASE_SSL_CERT_FILE (review of stop 53: ignored without a word)', () => {
  assert.deepEqual(unknownVigieVariables({ VIGIE_KAFKA_CA_FILE: '/etc/ca.pem', KAFKA_CERT_FILE: '/etc/c.pem', DATABASE_SSLROOTCERT: '/etc/pg-ca.pem',
    DATABASE_SSL_CERT_FILE: '/etc/pg-ca.pem', VIGIE_DATABASE_SSLROOTCERT: '/etc/pg-ca.pem' }), [
    { name: 'DATABASE_SSLROOTCERT', suggestion: 'DATABASE_SSL_CA_FILE' },
    { name: 'DATABASE_SSL_CERT_FILE', suggestion: 'DATABASE_SSL_CA_FILE' },
    { name: 'KAFKA_CERT_FILE', suggestion: 'VIGIE_KAFKA_TLS_CERT_FILE' },
    { name: 'VIGIE_DATABASE_SSLROOTCERT', suggestion: 'DATABASE_SSL_CA_FILE' },
    { name: 'VIGIE_KAFKA_CA_FILE', suggestion: 'VIGIE_KAFKA_TLS_CA_FILE' },
  ]);
});

test('a Kafka setting with VIGIE_ left out is named (review of ops54: KAFKA_TLS_CA_FILE was ignored without a word)', () => {
  assert.deepEqual(unknownVigieVariables({ KAFKA_TLS_CA_FILE: '/etc/ca.pem', KAFKA_SASL_PASSWORD_FILE: '/run/secrets/p', KAFKA_HEAP_OPTS: '-Xmx1g' }), [
    { name: 'KAFKA_SASL_PASSWORD_FILE', suggestion: 'VIGIE_KAFKA_SASL_PASSWORD_FILE' },
    { name: 'KAFKA_TLS_CA_FILE', suggestion: 'VIGIE_KAFKA_TLS_CA_FILE' },
  ]);
});
