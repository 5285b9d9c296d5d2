import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { changelogPartition, decodeSnapshot, encodeSnapshot, snapshotOf, type PartitionSnapshot, type StoredValue } from './state-codec.js';

/** Applies records as compaction would (latest value per key, null deletes). */
function apply(store: Map<string, StoredValue>, records: { key: string; value: Buffer | null; headers: Record<string, string> }[]) {
  for (const r of records) r.value === null ? store.delete(r.key) : store.set(r.key, { value: r.value, headers: r.headers });
}
const snap = (n: number): PartitionSnapshot => ({ v: 1, nextOffset: String(n), engine: { noise: randomBytes(n).toString('base64') } });

describe('state codec', () => {
  it('round-trips small and chunked snapshots, and shrinking deletes stale chunks', () => {
    const store = new Map<string, StoredValue>();
    let chunks = 0;
    for (const size of [10, 200_000, 50_000, 10]) {
      const s = snap(size);
      const enc = encodeSnapshot('in/3', s, 16 * 1024, chunks);
      apply(store, enc.records);
      chunks = enc.chunks;
      const back = decodeSnapshot('in/3', (k) => store.get(k));
      assert.deepEqual(back?.snap, s);
      assert.equal(back?.chunks, enc.chunks);
      assert.equal([...store.keys()].filter((k) => k.startsWith('in/3#')).length, enc.chunks);
    }
  });
  it('version 2 carries the engine state bytes; a version 1 (JSON) checkpoint in the same key still decodes', () => {
    const store = new Map<string, StoredValue>();
    const bytes = new Uint8Array(randomBytes(70_000));
    const v2 = snapshotOf({ encodeState: () => bytes }, '12345', {});
    apply(store, encodeSnapshot('in/5', v2, 16 * 1024, 0).records);
    const back = decodeSnapshot('in/5', (k) => store.get(k))!;
    assert.equal(back.snap.v, 2);
    assert.equal(back.snap.nextOffset, '12345');
    assert.deepEqual(new Uint8Array(back.snap.engine as Uint8Array), bytes);
    assert.deepEqual(snapshotOf({}, '7', { a: 1 }), { v: 1, nextOffset: '7', engine: { a: 1 } });
    const v1 = snap(100);
    apply(store, encodeSnapshot('in/5', v1, 16 * 1024, back.chunks).records);
    assert.deepEqual(decodeSnapshot('in/5', (k) => store.get(k))?.snap, v1);
  });
  it('writes gzip by default and zstd when asked; restores either, whichever wrote the key before (round 39)', () => {
    const store = new Map<string, StoredValue>();
    const bytes = new Uint8Array(Buffer.from('conversation state '.repeat(5000)));
    const v2 = snapshotOf({ encodeState: () => bytes }, '42', {});
    const z = encodeSnapshot('in/1', v2, 1024 * 1024, 0, 'zstd');
    assert.deepEqual([...z.records[0]!.value!.subarray(0, 4)], [0x28, 0xb5, 0x2f, 0xfd]); // zstd frame
    assert.ok(z.storedBytes < z.jsonBytes / 10);
    apply(store, z.records);
    assert.deepEqual(new Uint8Array(decodeSnapshot('in/1', (k) => store.get(k))!.snap.engine as Uint8Array), bytes);
    const g = encodeSnapshot('in/1', v2, 1024 * 1024, 0);
    assert.deepEqual([...g.records[0]!.value!.subarray(0, 2)], [0x1f, 0x8b]);
    apply(store, g.records);
    assert.deepEqual(new Uint8Array(decodeSnapshot('in/1', (k) => store.get(k))!.snap.engine as Uint8Array), bytes);
    // A checkpoint written by a release before round 39 (gzip level 1, as encodeSnapshot wrote it then) still restores.
    const old = Buffer.concat([Buffer.from([0x56, 0x47, 0x50, 0x02, 2]), Buffer.from('77'), bytes]);
    store.set('in/2', { value: gzipSync(old, { level: 1 }), headers: { 'vigie.state.chunks': '0' } });
    assert.equal(decodeSnapshot('in/2', (k) => store.get(k))!.snap.nextOffset, '77');
    store.set('in/3', { value: Buffer.from('not compressed'), headers: { 'vigie.state.chunks': '0' } });
    assert.throws(() => decodeSnapshot('in/3', (k) => store.get(k)), /neither zstd nor gzip/);
  });
  it('absent key restores nothing; a missing or altered chunk is an error', () => {
    const store = new Map<string, StoredValue>();
    assert.equal(decodeSnapshot('in/0', (k) => store.get(k)), null);
    apply(store, encodeSnapshot('in/0', snap(100_000), 8 * 1024, 0).records);
    const c1 = store.get('in/0#1')!;
    store.set('in/0#1', { ...c1, value: Buffer.from(c1.value).fill(1, 0, 8) });
    assert.throws(() => decodeSnapshot('in/0', (k) => store.get(k)), /sha256/);
    store.delete('in/0#1');
    assert.throws(() => decodeSnapshot('in/0', (k) => store.get(k)), /chunk 1/);
  });
  it('partitions are stable and in range', () => {
    for (const n of [1, 3, 12]) for (const k of ['a/0', 'chat.messages/7']) {
      const p = changelogPartition(k, n);
      assert.ok(p >= 0 && p < n);
      assert.equal(p, changelogPartition(k, n));
    }
  });
});
