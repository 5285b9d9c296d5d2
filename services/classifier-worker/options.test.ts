import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../contracts/errors.js';
import { compileWorkerOptions, defaultEngineThreads, DEFAULT_TOPICS, readAheadWarning } from './options.js';

describe('compileWorkerOptions', () => {
  it('fills the documented defaults', () => {
    const o = compileWorkerOptions({ brokers: ['127.0.0.1:9092'] });
    assert.deepEqual(o.topics, DEFAULT_TOPICS);
    assert.equal(o.groupId, 'vigie-classifier');
    assert.equal(o.transactionalIdPrefix, 'vigie-classifier');
    assert.equal(o.outputFormat, 'avro');
    assert.equal(o.batchMaxMessages, 64);
    assert.equal(o.checkpointIntervalMs, 5_000);
    assert.equal(o.stateCompression, 'gzip');
    assert.equal(o.engineThreads, defaultEngineThreads());
  });
  it('an instance name whose id the hanging-transaction sweep would take for another group\'s (ends in -<uuid>) is refused', () => {
    const uuid = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    assert.throws(() => compileWorkerOptions({ brokers: ['x:1'], instanceId: `classifier-${uuid}` }), /instanceId: must not end in "-<uuid>"/);
    assert.equal(compileWorkerOptions({ brokers: ['x:1'], instanceId: uuid }).instanceId, uuid);
    assert.equal(compileWorkerOptions({ brokers: ['x:1'], instanceId: 'classifier-0' }).instanceId, 'classifier-0');
  });

  it('engine threads: cores − 1, at most 4, at least 1; 0 keeps the engine on the event loop', () => {
    assert.deepEqual([1, 2, 3, 8, 64].map((c) => defaultEngineThreads(c)), [1, 1, 2, 4, 4]);
    assert.equal(compileWorkerOptions({ brokers: ['x:1'], engineThreads: 0 }).engineThreads, 0);
    assert.throws(() => compileWorkerOptions({ brokers: ['x:1'], engineThreads: -1 }), /engineThreads/);
  });
  it('read-ahead: 10 000 records and 8 MiB by default, bounds read and checked', () => {
    const o = compileWorkerOptions({ brokers: ['x:1'] });
    assert.deepEqual([o.readAheadRecords, o.readAheadBytes], [10_000, 8 * 1024 * 1024]);
    assert.equal(readAheadWarning(o), null);
    const set = compileWorkerOptions({ brokers: ['x:1'], readAheadRecords: 500, readAheadBytes: 65_536 });
    assert.deepEqual([set.readAheadRecords, set.readAheadBytes], [500, 65_536]);
    assert.throws(() => compileWorkerOptions({ brokers: ['x:1'], readAheadRecords: 0 }), /readAheadRecords: expected an integer >= 1, got 0/);
    assert.throws(() => compileWorkerOptions({ brokers: ['x:1'], readAheadBytes: 1000 }), /readAheadBytes: expected an integer >= 65536, got 1000/);
  });
  it('read-ahead records: two windows by default when the window is raised, a warning when set below one window', () => {
    const big = compileWorkerOptions({ brokers: ['x:1'], windowMaxMessages: 20_000 });
    assert.equal(big.readAheadRecords, 40_000);
    assert.equal(readAheadWarning(big), null);
    const small = compileWorkerOptions({ brokers: ['x:1'], windowMaxMessages: 20_000, readAheadRecords: 10_000 });
    assert.equal(small.readAheadRecords, 10_000, 'an explicit value is kept');
    assert.match(readAheadWarning(small) ?? '', /read-ahead \(10000 records.*smaller than a commit window \(20000.*at least 20000 \(default 40000\)/);
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
  it('offsetCommit: batched by default, per-partition kept, anything else refused', () => {
    assert.equal(compileWorkerOptions({ brokers: ['x:1'] }).offsetCommit, 'batched');
    assert.equal(compileWorkerOptions({ brokers: ['x:1'], offsetCommit: 'per-partition' }).offsetCommit, 'per-partition');
    assert.throws(() => compileWorkerOptions({ brokers: ['x:1'], offsetCommit: 'each' as 'batched' }), /offsetCommit: batched \| per-partition, got "each"/);
  });
  it('reports every bad value at once', () => {
    try {
      compileWorkerOptions({ brokers: ['nohost'], batchMaxMessages: 0, checkpointIntervalMs: -1, stateCompression: 'lz4' as 'zstd', outputFormat: 'xml' as 'json', topics: { dlq: 'chat.verdicts' }, heartbeatIntervalMs: 9000 });
      assert.fail('expected a ConfigError');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      const text = err.problems.join('\n');
      for (const re of [/nohost/, /batchMaxMessages/, /checkpointIntervalMs/, /stateCompression: zstd \| gzip, got "lz4"/, /outputFormat/, /every topic must be different/, /heartbeatIntervalMs/]) assert.match(text, re);
    }
  });
  it('the /livez thresholds: at most the matching fatal timeout (clear error), defaults capped by a lower timeout', () => {
    const o = (raw: Parameters<typeof compileWorkerOptions>[0]) => compileWorkerOptions({ brokers: ['x:1'], ...raw });
    assert.throws(() => o({ livezStallMs: 900_001 }), /livezStallMs \(900001\) must be at most stallTimeoutMs \(900000\)/);
    assert.throws(() => o({ livezProgressMs: 1_300_000 }), /livezProgressMs \(1300000\) must be at most progressTimeoutMs \(1200000\)/);
    assert.throws(() => o({ livezStallMs: 500 }), /livezStallMs/);
    assert.equal(o({ livezStallMs: 900_000 }).livezStallMs, 900_000);
    assert.equal(o({ stallTimeoutMs: 0, livezStallMs: 5_000_000 }).livezStallMs, 5_000_000, '0 = no fatal timeout: no bound');
    const low = o({ stallTimeoutMs: 120_000, progressWarnMs: 60_000, progressTimeoutMs: 300_000 });
    assert.deepEqual([low.livezStallMs, low.livezProgressMs], [120_000, 300_000]);
  });
});
