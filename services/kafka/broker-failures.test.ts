import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../common/logger.js';
import { EVENTS } from '../common/events.js';
import { BrokerFailureLog } from './broker-failures.js';
import { KafkaClient } from './client.js';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write(c, _e, cb) { for (const l of String(c).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>); cb(); } });
  return { log: createLogger({ destination: stream, level }), lines };
}

test('a broker away: one warning, then one summary per 30 s, then one line when it is back', () => {
  const { log, lines } = capture();
  let now = 0;
  const f = new BrokerFailureLog(log, 30_000, () => now);
  for (; now < 65_000; now += 1000) { f.failed('127.0.0.1:29999', 'admin', new Error('ECONNREFUSED')); f.failed('127.0.0.1:29999', 'consumer', new Error('ECONNREFUSED')); }
  f.connected('127.0.0.1:29999', 'admin');
  f.connected('127.0.0.1:29999', 'consumer');
  assert.deepEqual(lines.map((l) => [l.level, l.event, l.attempts]), [
    [40, EVENTS.KAFKA_BROKER_FAILED, undefined],
    [40, EVENTS.KAFKA_BROKER_UNREACHABLE, 61],
    [40, EVENTS.KAFKA_BROKER_UNREACHABLE, 121],
    [30, EVENTS.KAFKA_BROKER_RECOVERED, 130],
  ]);
  assert.match(String(lines[1]!.msg), /still unreachable: 61 failed attempts in 30 s/);
  assert.equal(lines[2]!.cause, 'ECONNREFUSED', 'the summary says why');
  // A new outage, once the last one is over for 30 s, is warned about again at once.
  now += 31_000;
  f.failed('127.0.0.1:29999', 'admin', new Error('ECONNREFUSED'));
  assert.equal(lines.at(-1)!.event, EVENTS.KAFKA_BROKER_FAILED);
});

test('a flapping connection: at most one warning and one "reachable again" line per broker per 30 s', () => {
  const { log, lines } = capture();
  let now = 0;
  const f = new BrokerFailureLog(log, 30_000, () => now);
  for (; now < 60_000; now += 1000) {
    f.failed('b:9092', 'consumer', new Error('connect ECONNRESET'));
    f.connected('b:9092', 'admin');
  }
  const warns = lines.filter((l) => l.level === 40);
  assert.deepEqual(warns.map((l) => l.event), [EVENTS.KAFKA_BROKER_FAILED, EVENTS.KAFKA_BROKER_UNREACHABLE], JSON.stringify(lines));
  assert.equal(lines.filter((l) => l.event === EVENTS.KAFKA_BROKER_RECOVERED).length, 2);
  assert.match(String(warns[1]!.msg), /unstable: 31 failed attempts and 30 recoveries in 30 s/);
  assert.equal(warns[1]!.cause, 'connect ECONNRESET');
});

test('an outage with no failure for 30 s is over: a failure hours later is a new first warning, not "2 attempts in 7200 s"', () => {
  const { log, lines } = capture();
  let now = 0;
  const f = new BrokerFailureLog(log, 30_000, () => now);
  f.failed('a:9092', 'admin', null);
  now = 7_200_000;
  f.failed('a:9092', 'admin', null);
  assert.deepEqual(lines.map((l) => l.event), [EVENTS.KAFKA_BROKER_FAILED, EVENTS.KAFKA_BROKER_FAILED]);
});

test('each broker is counted on its own; repeats are debug lines', () => {
  const { log, lines } = capture('debug');
  const f = new BrokerFailureLog(log, 30_000, () => 0);
  f.failed('a:9092', 'admin', null);
  f.failed('b:9092', 'admin', null);
  f.failed('a:9092', 'admin', null);
  assert.deepEqual(lines.map((l) => [l.level, l.broker]), [[40, 'a:9092'], [40, 'b:9092'], [20, 'a:9092']]);
});

test('the Kafka client warns once per unreachable broker, not on every retry of its backoff', async () => {
  const { log, lines } = capture();
  const client = new KafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'ops20-test', retries: 3 }, log);
  const admin = client.admin();
  await admin.listTopics().catch(() => undefined);
  await client.close();
  const failures = lines.filter((l) => l.event === EVENTS.KAFKA_BROKER_FAILED);
  assert.equal(failures.length, 1, JSON.stringify(lines));
  assert.match(String(failures[0]!.cause), /ECONNREFUSED/, 'the first warning says why');
});

test('SASL PLAIN without TLS (accepted by VIGIE_KAFKA_SASL_PLAINTEXT=true) is warned about when the client is made; over TLS or with SCRAM it is not', () => {
  const { log, lines } = capture();
  const sasl = { mechanism: 'PLAIN' as const, username: 'u', password: 'pw-not-logged' };
  new KafkaClient({ brokers: '127.0.0.1:29999', sasl }, log);
  new KafkaClient({ brokers: '127.0.0.1:29999', sasl, tls: true }, log);
  new KafkaClient({ brokers: '127.0.0.1:29999', sasl: { ...sasl, mechanism: 'SCRAM-SHA-256' } }, log);
  assert.deepEqual(lines.map((l) => [l.level, l.event]), [[40, EVENTS.KAFKA_SASL_PLAINTEXT]]);
  assert.match(String(lines[0]!.msg), /in clear.*VIGIE_KAFKA_SASL_PLAINTEXT=true/);
  assert.doesNotMatch(JSON.stringify(lines), /pw-not-logged/);
});

test('a broker removed from the cluster while up is forgotten at the next metadata: it no longer hides a full outage of the others from /readyz (stop 52)', () => {
  const { log } = capture();
  let now = 1_000;
  const f = new BrokerFailureLog(log, 30_000, () => now);
  f.connected('a:9092', 'consumer');
  f.connected('b:9092', 'consumer');
  f.connected('c:9092', 'admin');
  // c is decommissioned while up: its connection is never used again, no failure is ever seen for it.
  f.metadata(['a:9092', 'b:9092']);
  now = 2_000;
  f.failed('a:9092', 'consumer', new Error('ECONNREFUSED'));
  assert.equal(f.outage(), null, 'b still answers');
  now = 3_000;
  f.failed('b:9092', 'consumer', new Error('ECONNREFUSED'));
  assert.deepEqual(f.outage(), { since: 3_000, brokers: ['a:9092', 'b:9092'], cause: 'ECONNREFUSED' });
  f.metadata([]);
  assert.ok(f.outage(), 'an answer without brokers changes nothing');
  f.connected('b:9092', 'consumer');
  assert.equal(f.outage(), null);
});

test('KafkaClient feeds the metadata of each of its clients to the outage check: a broker met, then absent from the metadata, no longer counts (stop 52)', async () => {
  const { log } = capture();
  const client = new KafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'ops52-test', retries: 0 }, log);
  const admin = client.admin();
  try {
    const node = (host: string) => ({ broker: { host, port: 9092 } });
    admin.emit('client:broker:connect', node('a'));
    admin.emit('client:broker:connect', node('gone'));
    admin.emit('client:metadata', { brokers: new Map([[1, { host: 'a', port: 9092, rack: null }]]) });
    admin.emit('client:broker:failed', node('a'), new Error('connect ECONNREFUSED a:9092'));
    assert.deepEqual(client.outage()?.brokers, ['a:9092'], 'the removed broker, last seen up, does not hide the outage');
  } finally {
    await client.close();
  }
});
