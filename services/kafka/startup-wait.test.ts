import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthenticationError, NetworkError, ProtocolError, type Admin } from '@platformatic/kafka';
import { createLogger } from '../common/logger.js';
import { abortableSleep, isFatalKafkaError, waitForTopic, waitForTopics, waitingMessage } from './startup-wait.js';

test('authentication and authorization refusals are fatal, wherever they are nested', () => {
  assert.equal(isFatalKafkaError(new AuthenticationError('SASL handshake refused')), true);
  assert.equal(isFatalKafkaError(new ProtocolError('SASL_AUTHENTICATION_FAILED')), true);
  assert.equal(isFatalKafkaError(new AggregateError([new Error('x'), new ProtocolError('TOPIC_AUTHORIZATION_FAILED')])), true);
  assert.equal(isFatalKafkaError(new Error('outer', { cause: new ProtocolError('GROUP_AUTHORIZATION_FAILED') })), true);
});

test('a refusal is found as deep as before the one walker (12 levels below the error, review of mend51), not deeper', () => {
  const nest = (levels: number) => {
    let e: Error = new ProtocolError('SASL_AUTHENTICATION_FAILED');
    for (let i = 0; i < levels; i++) e = new Error(`wrap ${i}`, { cause: e });
    return e;
  };
  assert.deepEqual([7, 9, 12].map((n) => isFatalKafkaError(nest(n))), [true, true, true]);
  assert.equal(isFatalKafkaError(nest(13)), false);
});

test('an unreachable broker, a missing topic or a plain error is not fatal: the service waits', () => {
  assert.equal(isFatalKafkaError(new NetworkError('Connection to 127.0.0.1:9092 refused')), false);
  assert.equal(isFatalKafkaError(new ProtocolError('UNKNOWN_TOPIC_OR_PARTITION')), false);
  assert.equal(isFatalKafkaError(new Error('boom')), false);
  assert.equal(isFatalKafkaError(undefined), false);
});

test('each error of the chain is read once, however deep (one walk, mend51), and a chain that loops back ends', () => {
  const reads: number[] = [];
  const chain = (depth: number, cause?: unknown): Error => {
    const e = new Error(`level ${depth}`, cause === undefined ? {} : { cause });
    reads[depth] = 0;
    Object.defineProperty(e, 'apiId', { get: () => { reads[depth]!++; return 'NOT_COORDINATOR'; } });
    return e;
  };
  let e: Error | undefined;
  for (let depth = 4; depth >= 0; depth--) e = chain(depth, e);
  assert.equal(isFatalKafkaError(e), false);
  assert.deepEqual(reads, [1, 1, 1, 1, 1], 'apiId read exactly once per level (a walker reading each level twice fails here)');
  const a = new Error('a');
  const b = new Error('b', { cause: a });
  a.cause = b;
  assert.equal(isFatalKafkaError(a), false);
  a.cause = new AggregateError([b, new ProtocolError('SASL_AUTHENTICATION_FAILED')]);
  assert.equal(isFatalKafkaError(a), true);
});

// A broker that never answers: the client library retries a request in flight for seconds on its own.
function hangingAdmin(): { admin: Admin; calls: () => number } {
  let n = 0;
  const admin = { listTopics: () => { n++; return new Promise<string[]>(() => undefined); }, metadata: () => new Promise(() => undefined) } as unknown as Admin;
  return { admin, calls: () => n };
}

test('an abort ends the wait at once, even with a broker request in flight (without it the wait never ends here)', { timeout: 10_000 }, async () => {
  const { admin, calls } = hangingAdmin();
  const ac = new AbortController();
  const waiting = waitForTopics(admin, ['chat.messages'], createLogger({ level: 'silent' }), { signal: ac.signal });
  await new Promise((r) => setImmediate(r));
  assert.equal(calls(), 1);
  ac.abort();
  assert.equal(await waiting, false);
  assert.equal(await waitForTopic(admin, 'vigie.classifier.state', 60_000, undefined, ac.signal), false);
});

test('an abort ends the backoff sleep between attempts', { timeout: 10_000 }, async () => {
  let n = 0;
  const admin = { listTopics: async () => { n++; throw new NetworkError('Connection to 127.0.0.1:29999 refused'); } } as unknown as Admin;
  const ac = new AbortController();
  const waiting = waitForTopics(admin, ['chat.messages'], createLogger({ level: 'silent' }), { signal: ac.signal, initialMs: 3_600_000 });
  while (n === 0) await new Promise((r) => setImmediate(r));
  ac.abort();
  assert.equal(await waiting, false);
  assert.equal(n, 1);
  assert.equal(await abortableSleep(3_600_000, ac.signal), false);
  assert.equal(await abortableSleep(1), true);
});

test('the kafka.waiting line says what to do: the broker setting, or how topics are made (stop 54: it said only "retrying with backoff")', () => {
  assert.equal(waitingMessage('broker unreachable: connect ECONNREFUSED 127.0.0.1:39999'),
    'waiting for Kafka (broker unreachable: connect ECONNREFUSED 127.0.0.1:39999); retrying with backoff: check KAFKA_BROKERS and that the brokers are up');
  assert.equal(waitingMessage('topics missing: t1.chat.messages'),
    'waiting for Kafka (topics missing: t1.chat.messages); retrying with backoff: create them with `vigie topics create` (same VIGIE_TOPIC_PREFIX), or check the prefix');
});
