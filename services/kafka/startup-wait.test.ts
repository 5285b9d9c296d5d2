import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthenticationError, NetworkError, ProtocolError } from '@platformatic/kafka';
import { isFatalKafkaError } from './startup-wait.js';

test('authentication and authorization refusals are fatal, wherever they are nested', () => {
  assert.equal(isFatalKafkaError(new AuthenticationError('SASL handshake refused')), true);
  assert.equal(isFatalKafkaError(new ProtocolError('SASL_AUTHENTICATION_FAILED')), true);
  assert.equal(isFatalKafkaError(new AggregateError([new Error('x'), new ProtocolError('TOPIC_AUTHORIZATION_FAILED')])), true);
  assert.equal(isFatalKafkaError(new Error('outer', { cause: new ProtocolError('GROUP_AUTHORIZATION_FAILED') })), true);
});

test('an unreachable broker, a missing topic or a plain error is not fatal: the service waits', () => {
  assert.equal(isFatalKafkaError(new NetworkError('Connection to 127.0.0.1:9092 refused')), false);
  assert.equal(isFatalKafkaError(new ProtocolError('UNKNOWN_TOPIC_OR_PARTITION')), false);
  assert.equal(isFatalKafkaError(new Error('boom')), false);
  assert.equal(isFatalKafkaError(undefined), false);
});
