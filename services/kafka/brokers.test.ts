import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBrokerList, resolveBrokers, dockerAnswers } from './brokers.js';
import { compileLocalBrokerOptions } from './local-broker-options.js';

const lists: [string, string[] | RegExp][] = [
  ['127.0.0.1:9092', ['127.0.0.1:9092']],
  [' a:1 , b:2 ,', ['a:1', 'b:2']],
  ['[::1]:9092', ['[::1]:9092']],
  ['localhost', /bad: localhost/],
  ['', /expected comma-separated/],
  ['a:1,b', /bad: b/],
];
for (const [input, want] of lists) {
  test(`parseBrokerList ${JSON.stringify(input)}`, () => {
    if (want instanceof RegExp) assert.throws(() => parseBrokerList(input), want);
    else assert.deepEqual(parseBrokerList(input), want);
  });
}

test('KAFKA_BROKERS wins without probing anything', async () => {
  // A local broker on port 1 could never start: reaching it would fail the test.
  const r = await resolveBrokers({ brokersList: 'k1:9092,k2:9092', localBroker: compileLocalBrokerOptions({ port: 1, controllerPort: 2 }), dockerHost: 'tcp://127.0.0.1:1' });
  assert.deepEqual(r, { brokers: ['k1:9092', 'k2:9092'], source: 'env', description: 'KAFKA_BROKERS=k1:9092,k2:9092' });
});

test('dockerAnswers: missing socket, something that is not Docker, and a Docker-like /_ping', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-docker-'));
  assert.equal(await dockerAnswers(`unix://${join(dir, 'none.sock')}`), false);
  const sock = join(dir, 'd.sock');
  const server = createServer((req, res) => { res.statusCode = req.url === '/_ping' ? 200 : 404; res.end('OK'); });
  await new Promise<void>((r) => server.listen(sock, r));
  try {
    assert.equal(await dockerAnswers(`unix://${sock}`), true);
  } finally {
    await new Promise((r) => server.close(r));
  }
  const notDocker = createServer((_req, res) => { res.statusCode = 404; res.end(); });
  await new Promise<void>((r) => notDocker.listen(0, '127.0.0.1', r));
  const port = (notDocker.address() as { port: number }).port;
  try {
    assert.equal(await dockerAnswers(`tcp://127.0.0.1:${port}`), false);
  } finally {
    await new Promise((r) => notDocker.close(r));
  }
});

test('the testcontainers Kafka module loads on this Node version (the Docker path is not dead code)', async () => {
  const m = await import('@testcontainers/kafka');
  assert.equal(typeof m.KafkaContainer, 'function');
  assert.equal(typeof new m.KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft, 'function');
});
