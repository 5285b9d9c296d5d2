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
