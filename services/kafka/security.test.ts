import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret, type KafkaSecurityConfig } from '../common/config.js';
import { KafkaIoError } from '../contracts/errors.js';
import { brokerAdminSecurity, PLAINTEXT } from './security.js';
import { explainSecurityError, isSecurityRefusal } from './security-errors.js';

const tls = { ca: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n', cert: null, key: null, files: { ca: 'ca.pem', cert: null, key: null } };
const scram: KafkaSecurityConfig = { tls, sasl: { mechanism: 'SCRAM-SHA-512', username: 'classifier', password: new Secret('pw-1') } };

test('the local broker without security is reached in plaintext', () => {
  assert.deepEqual(brokerAdminSecurity(undefined), PLAINTEXT);
  assert.deepEqual(PLAINTEXT, { tls: null, sasl: null });
});

test('a refused login and a missing ACL are explained, fatal, naming the user but not the password', () => {
  const login = explainSecurityError(new Error('SASL SCRAM SHA512 authentication failed: invalid credentials'), 'the sink could not start', scram);
  assert.ok(login instanceof KafkaIoError);
  assert.equal(login.retriable, false);
  assert.match(login.message, /refused the login of Kafka user classifier \(SCRAM-SHA-512\)/);
  const acl = explainSecurityError(new Error('Cluster authorization failed'), 'the sink could not start', scram) as Error;
  assert.match(acl.message, /classifier \(SCRAM-SHA-512\) is not authorized .*docs\/security\.md/);
  for (const e of [login, acl]) assert.ok(!(e as Error).message.includes('pw-1'));
  const other = new Error('connection refused');
  assert.equal(explainSecurityError(other, 'x', scram), other);
});

test('security refusals are told from other broker errors, also when nested', () => {
  const nested = { message: 'transaction failed', errors: [{ apiId: 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED', message: 'x' }] };
  assert.equal(isSecurityRefusal(nested), true);
  assert.equal(isSecurityRefusal({ cause: { apiId: 'SASL_AUTHENTICATION_FAILED' } }), true);
  assert.equal(isSecurityRefusal({ apiId: 'CLUSTER_AUTHORIZATION_FAILED' }), true);
  assert.equal(isSecurityRefusal({ apiId: 'CONCURRENT_TRANSACTIONS' }), false);
  assert.equal(isSecurityRefusal(new Error('socket hang up')), false);
});
