import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, KafkaIoError } from '../contracts/errors.js';
import { Secret } from '../common/config.js';
import { brokerErrorIds, compileKafkaClientOptions, errorChain, errorCodes, logErr, retryDelayFor } from './client-options.js';

test('defaults: 8 retries from 100 ms doubling to 2 s; 20 ms for transaction waits', () => {
  const o = compileKafkaClientOptions({ brokers: '127.0.0.1:9092,b:9093' });
  assert.deepEqual(o.brokers, ['127.0.0.1:9092', 'b:9093']);
  assert.equal(o.clientId, 'vigie');
  assert.deepEqual([o.retries, o.retryDelayMs, o.maxRetryDelayMs, o.transactionRetryDelayMs], [8, 100, 2000, 20]);
  assert.equal(o.tls, undefined);
  assert.deepEqual(compileKafkaClientOptions({ brokers: ['h:1'], tls: true }).tls, {});
});

test('security from the one configuration: PEM texts and revealed secrets go to TLS and SASL; explicit options win', () => {
  const security = {
    tls: { ca: 'CA-PEM', cert: 'CERT-PEM', key: new Secret('KEY-PEM'), files: { ca: 'ca.pem', cert: 'c.pem', key: 'k.pem' } },
    sasl: { mechanism: 'SCRAM-SHA-512' as const, username: 'vigie', password: new Secret('pw') },
  };
  const o = compileKafkaClientOptions({ brokers: 'h:1', security });
  assert.deepEqual(o.tls, { ca: 'CA-PEM', cert: 'CERT-PEM', key: 'KEY-PEM' });
  assert.deepEqual(o.sasl, { mechanism: 'SCRAM-SHA-512', username: 'vigie', password: 'pw' });
  const systemCas = compileKafkaClientOptions({ brokers: 'h:1', security: { tls: { ca: null, cert: null, key: null, files: { ca: null, cert: null, key: null } }, sasl: null } });
  assert.deepEqual([systemCas.tls, systemCas.sasl], [{}, undefined]);
  const plain = compileKafkaClientOptions({ brokers: 'h:1', security: { tls: null, sasl: null } });
  assert.deepEqual([plain.tls, plain.sasl], [undefined, undefined]);
  const explicit = compileKafkaClientOptions({ brokers: 'h:1', security, sasl: { mechanism: 'PLAIN', username: 'u', password: 'p' } });
  assert.equal(explicit.sasl?.mechanism, 'PLAIN');
});

test('bad values are all reported at once', () => {
  assert.throws(() => compileKafkaClientOptions({ brokers: 'nohostport', clientId: 'a b', retries: -1, sasl: { mechanism: 'GSSAPI' as 'PLAIN', username: 'u', password: 'p' } }),
    (err: unknown) => err instanceof ConfigError && err.problems.length === 4);
});

// Errors shaped as the library's: a MultipleErrors aggregate holding ProtocolErrors with `apiId`.
const protocol = (apiId: string) => Object.assign(new Error(apiId), { apiId });
const multiple = (...errors: Error[]) => Object.assign(new AggregateError(errors, 'failed'), {});

const cases: { name: string; err: unknown; attempt: number; delay: number }[] = [
  { name: 'CONCURRENT_TRANSACTIONS, direct', err: protocol('CONCURRENT_TRANSACTIONS'), attempt: 5, delay: 20 },
  { name: 'CONCURRENT_TRANSACTIONS inside an aggregate', err: multiple(new Error('x'), protocol('CONCURRENT_TRANSACTIONS')), attempt: 1, delay: 20 },
  { name: 'UNSTABLE_OFFSET_COMMIT as a cause', err: new Error('wrap', { cause: protocol('UNSTABLE_OFFSET_COMMIT') }), attempt: 3, delay: 20 },
  { name: 'other error, first retry', err: protocol('NOT_COORDINATOR'), attempt: 1, delay: 100 },
  { name: 'other error, third retry', err: protocol('NOT_COORDINATOR'), attempt: 3, delay: 400 },
  { name: 'other error, capped', err: new Error('network'), attempt: 10, delay: 2000 },
];
for (const c of cases) {
  test(`retry delay: ${c.name}`, () => {
    assert.equal(retryDelayFor(compileKafkaClientOptions({ brokers: 'h:1' }), c.attempt, c.err), c.delay);
  });
}

test('brokerErrorIds walks aggregates and causes', () => {
  assert.deepEqual(brokerErrorIds(multiple(protocol('A'), new Error('n', { cause: protocol('B') }))), ['A', 'B']);
  assert.deepEqual(brokerErrorIds(null), []);
});

test('a cause chain that loops back is walked once: each id, code and message once, in order (mend51)', () => {
  const a = Object.assign(new Error('a failed'), { apiId: 'A', code: 'CA' });
  const b = Object.assign(new Error('b failed'), { apiId: 'B', code: 'CB' });
  a.cause = b;
  b.cause = a;
  assert.deepEqual(brokerErrorIds(a), ['A', 'B']);
  assert.deepEqual(errorCodes(a), ['CA', 'CB']);
  assert.deepEqual(errorChain(a), ['A: a failed', 'B: b failed']);
  const self = Object.assign(new Error('self'), { apiId: 'S', code: 'CS' });
  self.cause = self;
  assert.deepEqual([brokerErrorIds(self), errorCodes(self), errorChain(self)], [['S'], ['CS'], ['S: self']]);
});

test('an AggregateError inside a cause: its errors come after it, before the wrapper\'s further cause (mend51)', () => {
  const inner = Object.assign(new Error('inner'), { apiId: 'I', code: 'CI' });
  const agg = Object.assign(new AggregateError([protocol('X'), Object.assign(new Error('y', { cause: inner }), { code: 'CY' })], 'several'), { code: 'CAGG' });
  const top = new Error('top', { cause: agg });
  assert.deepEqual(brokerErrorIds(top), ['X', 'I']);
  assert.deepEqual(errorCodes(top), ['CAGG', 'CY', 'CI']);
  assert.deepEqual(errorChain(top), ['top', 'several', 'X: X', 'y', 'I: inner']);
  // the aggregate's error loops back to the top: still each once
  (inner as { cause?: unknown }).cause = top;
  assert.deepEqual(errorCodes(top), ['CAGG', 'CY', 'CI']);
  assert.deepEqual(brokerErrorIds(top), ['X', 'I']);
});

test('the walk stops MAX_ERROR_DEPTH levels below the error it is given, as before (mend51)', () => {
  let e: Error = Object.assign(new Error('deepest'), { apiId: 'L7' });
  for (let level = 6; level >= 0; level--) e = Object.assign(new Error(`level ${level}`, { cause: e }), { apiId: `L${level}` });
  assert.deepEqual(brokerErrorIds(e), ['L0', 'L1', 'L2', 'L3', 'L4', 'L5', 'L6']);
});

test('a broker away is logged as one line (the error chain), not the client library\'s stack; any other error keeps its stack (ops50)', async () => {
  const { MultipleErrors, NetworkError, TimeoutError } = await import('@platformatic/kafka');
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:29410'), { code: 'ECONNREFUSED' });
  const outage = new MultipleErrors('metadata failed 9 times.', [new NetworkError('Connection to 127.0.0.1:29410 failed.', { cause: refused })]);
  assert.equal(logErr(outage), 'metadata failed 9 times. <- Connection to 127.0.0.1:29410 failed. <- connect ECONNREFUSED 127.0.0.1:29410');
  const wrapped = new KafkaIoError('input t.chat.messages: fetch failed 9 times.', { cause: outage });
  assert.match(String(logErr(wrapped)), /^input t\.chat\.messages: fetch failed 9 times\. <- metadata failed 9 times\. <- .*ECONNREFUSED/);
  assert.equal(typeof logErr(new TimeoutError('Request timed out.')), 'string');
  const bug = new TypeError("Cannot read properties of undefined (reading 'offset')");
  assert.equal(logErr(bug), bug, 'a bug keeps its stack');
  assert.equal(logErr(new KafkaIoError('decode failed', { cause: bug })) instanceof KafkaIoError, true);
});
