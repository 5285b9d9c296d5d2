import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { brokerAddress } from './client.js';

test('brokerAddress: a broker event payload is logged as host:port, never its connection internals', () => {
  const payload = { broker: { host: '127.0.0.1', port: 29192 }, connection: new EventEmitter() };
  assert.equal(brokerAddress(payload), '127.0.0.1:29192');
  assert.equal(brokerAddress({ host: 'kafka-1', port: 9092 }), 'kafka-1:9092');
  assert.equal(brokerAddress(undefined), 'unknown');
  assert.equal(brokerAddress({ connection: new EventEmitter() }), 'unknown');
  assert.equal(brokerAddress('kafka-2:9093'), 'kafka-2:9093');
});
