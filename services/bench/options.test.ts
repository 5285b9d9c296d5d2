import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileBenchOptions, PHASES } from './options.js';
import { ConfigError } from '../contracts/errors.js';

test('defaults: 200k messages, 6 partitions, avro, every phase, 30 s latency at half the pipeline rate', () => {
  const o = compileBenchOptions();
  assert.equal(o.messages, 200_000);
  assert.equal(o.partitions, 6);
  assert.equal(o.format, 'avro');
  assert.deepEqual(o.phases, [...PHASES]);
  assert.equal(o.latencySeconds, 30);
  assert.equal(o.latencyRate, null);
  assert.equal(o.keepTopics, false);
});

test('quick shrinks the defaults but not values given explicitly', () => {
  const q = compileBenchOptions({ quick: true });
  assert.equal(q.messages, 5000);
  assert.equal(q.latencySeconds, 5);
  assert.equal(compileBenchOptions({ quick: true, messages: '12000' }).messages, 12_000);
});

test('phases keep the canonical order whatever order they are given in', () => {
  assert.deepEqual(compileBenchOptions({ phases: 'engine,raw-consume' }).phases, ['raw-consume', 'engine']);
});

test('bad values are all reported at once', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ messages: '0' }, /messages: expected an integer ≥ 1/],
    [{ messages: '1.5' }, /messages/],
    [{ partitions: 'six' }, /partitions/],
    [{ format: 'protobuf' }, /format: expected avro or json/],
    [{ phases: 'engine,turbo' }, /unknown turbo/],
    [{ latencyRate: '-3' }, /latencyRate/],
    [{ phases: 'latency' }, /latencyRate: needed/],
    [{ topicPrefix: 'a b' }, /topicPrefix/],
    [{ messages: '5', partitions: '6' }, /at least 2 per partition/],
  ];
  for (const [raw, re] of cases) {
    assert.throws(() => compileBenchOptions(raw), (e: unknown) => e instanceof ConfigError && re.test(e.message), JSON.stringify(raw));
  }
  try {
    compileBenchOptions({ messages: 'x', format: 'y', seed: '-1' });
    assert.fail('expected a ConfigError');
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.problems.length, 3);
  }
});
