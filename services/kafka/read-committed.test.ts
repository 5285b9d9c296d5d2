import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyAbortedBatches, type BatchView } from './read-committed.js';

const CONTROL = 1 << 5;
const controlKey = (type: 0 | 1) => { const b = Buffer.alloc(4); b.writeInt16BE(0, 0); b.writeInt16BE(type, 2); return b; };
/** A data batch of one record at `offset` by producer `pid`, or a control batch (abort/commit marker). */
const data = (offset: number, pid: number): BatchView & { tag: string } => ({ tag: `d${offset}`, firstOffset: BigInt(offset), lastOffsetDelta: 0, attributes: 0, producerId: BigInt(pid), records: [{ key: null }] });
const marker = (offset: number, pid: number, type: 0 | 1): BatchView & { tag: string } =>
  ({ tag: `${type === 0 ? 'abort' : 'commit'}${offset}`, firstOffset: BigInt(offset), lastOffsetDelta: 0, attributes: CONTROL, producerId: BigInt(pid), records: [{ key: controlKey(type) }] });
const aborted = (pid: number, first: number) => ({ producerId: BigInt(pid), firstOffset: BigInt(first) });

const cases: { name: string; batches: (BatchView & { tag: string })[]; aborted: ReturnType<typeof aborted>[]; kept: string[] }[] = [
  {
    name: 'one producer: committed, aborted, committed (the library delivers the aborted one or drops a committed one)',
    batches: [data(1, 1), marker(2, 1, 1), data(3, 1), marker(4, 1, 0), data(5, 1), marker(6, 1, 1)],
    aborted: [aborted(1, 3)],
    kept: ['d1', 'commit2', 'abort4', 'd5', 'commit6'],
  },
  {
    name: 'one producer aborts twice with a commit between: both aborted ranges dropped, the commit kept',
    batches: [data(0, 7), marker(1, 7, 0), data(2, 7), marker(3, 7, 1), data(4, 7), data(5, 7), marker(6, 7, 0), data(7, 7), marker(8, 7, 1)],
    aborted: [aborted(7, 0), aborted(7, 4)],
    kept: ['abort1', 'd2', 'commit3', 'abort6', 'd7', 'commit8'],
  },
  {
    name: 'interleaved producers: only the aborting producer is skipped',
    batches: [data(0, 1), data(1, 2), data(2, 1), marker(3, 1, 0), data(4, 2), marker(5, 2, 1)],
    aborted: [aborted(1, 0)],
    kept: ['d1', 'abort3', 'd4', 'commit5'],
  },
  {
    name: 'abort marker beyond this response: the aborted records are still dropped, the batches kept for the position',
    batches: [data(10, 3), data(11, 3)],
    aborted: [aborted(3, 10)],
    kept: [],
  },
  {
    name: 'non-transactional records (producer -1) and no aborted list: everything kept',
    batches: [data(0, -1), data(1, -1)],
    aborted: [],
    kept: ['d0', 'd1'],
  },
];

for (const c of cases) {
  test(`read_committed filter: ${c.name}`, () => {
    const out = emptyAbortedBatches(c.batches, c.aborted);
    // Every batch stays, in order (the stream's next position is taken from the last one); aborted ones lose their records.
    assert.deepEqual(out.map((b) => (b as { tag: string }).tag), c.batches.map((b) => b.tag));
    assert.deepEqual(out.filter((b) => b.records.length > 0).map((b) => (b as { tag: string }).tag), c.kept);
  });
}
