import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../contracts/errors.js';
import { compileWorkerOptions, defaultEngineThreads, DEFAULT_TOPICS } from './options.js';

describe('compileWorkerOptions', () => {
  it('fills the documented defaults', () => {
    const o = compileWorkerOptions({ brokers: ['127.0.0.1:9092'] });
    assert.deepEqual(o.topics, DEFAULT_TOPICS);
    assert.equal(o.groupId, 'vigie-classifier');
    assert.equal(o.transactionalIdPrefix, 'vigie-classifier');
    assert.equal(o.outputFormat, 'avro');
    assert.equal(o.batchMaxMessages, 64);
    assert.equal(o.checkpointIntervalMs, 5_000);
    assert.equal(o.engineThreads, defaultEngineThreads());
  });
  it('engine threads: cores − 1, at most 4, at least 1; 0 keeps the engine on the event loop', () => {
    assert.deepEqual([1, 2, 3, 8, 64].map((c) => defaultEngineThreads(c)), [1, 1, 2, 4, 4]);
    assert.equal(compileWorkerOptions({ brokers: ['x:1'], engineThreads: 0 }).engineThreads, 0);
    assert.throws(() => compileWorkerOptions({ brokers: ['x:1'], engineThreads: -1 }), /engineThreads/);
  });
  it('commit windows: closeWhenDrained a strict boolean, minWindowGapMs 50 by default, at most commitIntervalMs', () => {
    const o = compileWorkerOptions({ brokers: ['x:1'] });
    assert.equal(o.closeWhenDrained, true);
    assert.equal(o.minWindowGapMs, 50);
    assert.equal(compileWorkerOptions({ brokers: ['x:1'], commitIntervalMs: 20 }).minWindowGapMs, 20);
    assert.throws(() => compileWorkerOptions({ brokers: ['x:1'], closeWhenDrained: 'false' as unknown as boolean }), /closeWhenDrained/);
    assert.throws(() => compileWorkerOptions({ brokers: ['x:1'], commitIntervalMs: 100, minWindowGapMs: 150 }), /minWindowGapMs: at most commitIntervalMs/);
    assert.throws(() => compileWorkerOptions({ brokers: ['x:1'], minWindowGapMs: -1 }), /minWindowGapMs/);
  });
  it('reports every bad value at once', () => {
    try {
      compileWorkerOptions({ brokers: ['nohost'], batchMaxMessages: 0, checkpointIntervalMs: -1, outputFormat: 'xml' as 'json', topics: { dlq: 'chat.verdicts' }, heartbeatIntervalMs: 9000 });
      assert.fail('expected a ConfigError');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      const text = err.problems.join('\n');
      for (const re of [/nohost/, /batchMaxMessages/, /checkpointIntervalMs/, /outputFormat/, /every topic must be different/, /heartbeatIntervalMs/]) assert.match(text, re);
    }
  });
});
