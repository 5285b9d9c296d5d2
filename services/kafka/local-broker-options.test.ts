import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { compileLocalBrokerOptions, localBrokerRawFromEnv, projectRoot } from './local-broker-options.js';
import { ConfigError } from '../contracts/errors.js';
import { KAFKA_3_VERSION, KAFKA_4_VERSION, KAFKA_VERSION, kafkaMajor } from './version.js';

test('defaults live in the repository', () => {
  const o = compileLocalBrokerOptions({});
  const root = projectRoot();
  assert.equal(o.version, KAFKA_VERSION);
  assert.equal(o.port, 9092);
  assert.equal(o.controllerPort, 9093);
  assert.equal(o.dataDir, resolve(root, '.data/kafka'));
  assert.equal(o.cacheDir, resolve(root, '.cache/kafka'));
  assert.equal(o.pomFile, resolve(root, 'kafka/pom.xml'));
  assert.deepEqual(o.heapOpts, ['-Xms256m', '-Xmx1g']);
});

test('environment overrides', () => {
  const o = compileLocalBrokerOptions(localBrokerRawFromEnv({ KAFKA_PORT: '19092', VIGIE_KAFKA_DATA_DIR: '/tmp/k', KAFKA_HEAP_OPTS: '-Xmx256m', JAVA_HOME: '/jdk' }));
  assert.equal(o.port, 19092);
  assert.equal(o.controllerPort, 19093);
  assert.equal(o.dataDir, '/tmp/k');
  assert.deepEqual(o.heapOpts, ['-Xmx256m']);
  assert.equal(o.javaBin, '/jdk/bin/java');
  assert.equal(o.version, KAFKA_VERSION);
  assert.equal(compileLocalBrokerOptions(localBrokerRawFromEnv({ KAFKA_VERSION: KAFKA_3_VERSION })).version, KAFKA_3_VERSION);
});

test('KAFKA_VERSION: a 3.x or 4.x release; anything else is refused', () => {
  assert.equal(kafkaMajor(KAFKA_VERSION), 4);
  assert.equal(kafkaMajor(KAFKA_3_VERSION), 3);
  for (const bad of ['4.4', 'latest', '2.8.2', '5.0.0', '4.4.0-rc1']) {
    assert.throws(() => compileLocalBrokerOptions({ version: bad }), /version \(KAFKA_VERSION\) = .*expected an Apache Kafka release 3\.x\.y or 4\.x\.y/, bad);
  }
});

test('all bad values reported at once', () => {
  try {
    compileLocalBrokerOptions({ port: 'abc', controllerPort: '70000', heapOpts: 'Xmx1g' });
    assert.fail('expected ConfigError');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    assert.equal(err.problems.length, 3, err.problems.join('\n'));
    assert.match(err.problems[0]!, /^port \(KAFKA_PORT\) = "abc": expected an integer/);
  }
  assert.throws(() => compileLocalBrokerOptions({ port: 9000, controllerPort: 9000 }), /must differ/);
});
