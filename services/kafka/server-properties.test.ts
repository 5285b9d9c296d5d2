import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverProperties, renderProperties } from './server-properties.js';

test('single-node KRaft properties: combined roles, listeners, replication 1 everywhere, no auto-create', () => {
  const p = serverProperties({ host: '127.0.0.1', port: 19092, controllerPort: 19093, logDir: '/d/kraft' });
  assert.equal(p['process.roles'], 'broker,controller');
  assert.equal(p['controller.quorum.voters'], '1@127.0.0.1:19093');
  assert.equal(p.listeners, 'PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
  assert.equal(p['advertised.listeners'], 'PLAINTEXT://127.0.0.1:19092');
  assert.equal(p['log.dirs'], '/d/kraft');
  for (const k of ['offsets.topic.replication.factor', 'transaction.state.log.replication.factor', 'transaction.state.log.min.isr', 'default.replication.factor', 'min.insync.replicas']) {
    assert.equal(p[k], '1', k);
  }
  assert.equal(p['group.initial.rebalance.delay.ms'], '0');
  assert.equal(p['auto.create.topics.enable'], 'false');
});

test('rendered properties escape backslashes only', () => {
  assert.equal(renderProperties({ 'log.dirs': 'C:\\k', listeners: 'PLAINTEXT://h:1' }, 'hdr'), '# hdr\nlog.dirs=C:\\\\k\nlisteners=PLAINTEXT://h:1\n');
});

test('SASL_SSL broker: TLS client listener, PLAIN admin between broker and controller, SCRAM and PLAIN users, authorizer', () => {
  const p = serverProperties({
    host: '127.0.0.1', port: 19092, controllerPort: 19093, logDir: '/d/kraft',
    security: {
      keystore: { path: '/c/server.p12', password: 'ks' }, caFile: '/c/ca.pem', mechanisms: ['SCRAM-SHA-512'],
      admin: { username: 'admin', password: 'a"b\\c' }, plainUsers: { sink: 's1' }, authorizer: true,
    },
  });
  assert.equal(p.listeners, 'SASL_SSL://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
  assert.equal(p['advertised.listeners'], 'SASL_SSL://127.0.0.1:19092');
  assert.equal(p['listener.security.protocol.map'], 'CONTROLLER:SASL_PLAINTEXT,SASL_SSL:SASL_SSL');
  assert.equal(p['inter.broker.listener.name'], 'SASL_SSL');
  assert.equal(p['listener.name.sasl_ssl.sasl.enabled.mechanisms'], 'PLAIN,SCRAM-SHA-512');
  assert.equal(p['listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config'], 'org.apache.kafka.common.security.scram.ScramLoginModule required;');
  // JAAS quoting: a quote and a backslash in a password are escaped.
  assert.equal(p['listener.name.sasl_ssl.plain.sasl.jaas.config'],
    'org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="a\\"b\\\\c" user_admin="a\\"b\\\\c" user_sink="s1";');
  assert.ok(!p['listener.name.controller.plain.sasl.jaas.config']!.includes('user_sink'), 'only the admin may log in to the controller');
  assert.equal(p['ssl.keystore.location'], '/c/server.p12');
  assert.equal(p['ssl.truststore.location'], '/c/ca.pem');
  assert.equal(p['authorizer.class.name'], 'org.apache.kafka.metadata.authorizer.StandardAuthorizer');
  assert.equal(p['super.users'], 'User:admin');
  assert.equal(p['allow.everyone.if.no.acl.found'], 'false');
});

test('without an authorizer no authorizer settings are written', () => {
  const p = serverProperties({ host: 'h', port: 1, controllerPort: 2, logDir: '/d', security: {
    keystore: { path: 'k', password: 'p' }, caFile: 'c', mechanisms: ['PLAIN'], admin: { username: 'admin', password: 'x' }, plainUsers: {}, authorizer: false } });
  assert.equal(p['authorizer.class.name'], undefined);
  assert.equal(p['super.users'], undefined);
  assert.equal(p['sasl.enabled.mechanisms'], 'PLAIN');
});
