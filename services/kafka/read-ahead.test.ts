import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ReadAhead, recordBytes } from './read-ahead.js';

type Rec = { key: Buffer | null; value: Buffer | null; headers?: Map<Buffer, Buffer> };
const rec = (valueBytes: number, key = 'k'): Rec => ({ key: Buffer.from(key), value: Buffer.alloc(valueBytes) });

describe('ReadAhead (the input buffer between fetch and processing)', () => {
  it('is full at the record bound and resumable under half of it', () => {
    const b = new ReadAhead<Rec>({ maxRecords: 100, maxBytes: 1 << 30 }, recordBytes);
    for (let i = 0; i < 99; i++) assert.equal(b.push(rec(10)), false, `record ${i}`);
    assert.equal(b.push(rec(10)), true);
    assert.equal(b.records, 100);
    b.take(50);
    assert.equal(b.resumable, false, '50 of 100 is not under half');
    b.take(1);
    assert.equal(b.resumable, true);
    assert.equal(b.full, false);
  });

  it('is full at the byte bound whatever the record count, and counts key, value and headers', () => {
    const b = new ReadAhead<Rec>({ maxRecords: 1_000_000, maxBytes: 10_000 }, recordBytes);
    const headers = new Map([[Buffer.from('h'), Buffer.from('vv')]]);
    assert.equal(recordBytes({ key: Buffer.from('abc'), value: Buffer.alloc(7), headers }), 13);
    assert.equal(recordBytes({ key: null, value: null }), 0);
    let pushes = 0;
    while (!b.push(rec(999))) pushes++;
    assert.equal(pushes + 1, 10, 'ten records of 1 000 bytes fill 10 000 bytes');
    assert.equal(b.bytes, 10_000);
    assert.equal(b.resumable, false);
    b.take(5);
    assert.equal(b.bytes, 5_000);
    assert.equal(b.resumable, false, '5 000 of 10 000 is not under half');
    b.take(1);
    assert.equal(b.bytes, 4_000);
    assert.equal(b.resumable, true);
  });

  it('gives records in order and keeps the byte count exact across compactions and clear', () => {
    const b = new ReadAhead<Rec>({ maxRecords: 1_000_000, maxBytes: 1 << 30 }, recordBytes);
    let next = 0, pushed = 0;
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 3_000; i++) { const size = (pushed * 7) % 50; b.push({ key: Buffer.from(String(pushed++)), value: Buffer.alloc(size) }); }
      for (const r of b.take(2_500 + round * 10)) {
        assert.equal(r.key!.toString(), String(next++));
      }
      let want = 0;
      for (let i = next; i < pushed; i++) want += String(i).length + (i * 7) % 50;
      assert.equal(b.bytes, want, `round ${round}`);
      assert.equal(b.records, pushed - next);
    }
    b.clear();
    assert.deepEqual([b.records, b.bytes, b.full, b.resumable], [0, 0, false, true]);
    assert.deepEqual(b.take(10), []);
  });
});
