import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ID_SLAB_SIZE, keepIds } from './id-slab.js';

test('keepIds: the values of ids.slice(), in a copy later writes to the source or later copies never change (across slab boundaries)', () => {
  const src = new Uint32Array(ID_SLAB_SIZE >> 4);
  const kept: { copy: Uint32Array; want: number[] }[] = [];
  // Enough copies of varying lengths to fill several slabs.
  for (let i = 0; kept.length < 3 * ((ID_SLAB_SIZE / 100) | 0) + 50; i++) {
    const n = 1 + ((i * 37) % 300);
    for (let k = 0; k < n; k++) src[k] = (i * 1_000_003 + k * 7919) >>> 0;
    const view = src.subarray(0, n);
    const copy = keepIds(view);
    assert.equal(copy.length, n);
    kept.push({ copy, want: [...view] });
    src.fill(0xffffffff, 0, n); // the caller's scratch is reused
  }
  for (const { copy, want } of kept) assert.deepEqual([...copy], want);
});

test('keepIds: empty and long arrays get a copy of their own', () => {
  assert.equal(keepIds(new Uint32Array(0)).length, 0);
  const long = Uint32Array.from({ length: (ID_SLAB_SIZE >> 4) + 1 }, (_, k) => k);
  const c = keepIds(long);
  assert.deepEqual([...c], [...long]);
  assert.equal(c.byteOffset, 0);
  assert.equal(c.buffer.byteLength, long.byteLength);
  long[0] = 99;
  assert.equal(c[0], 0);
});
