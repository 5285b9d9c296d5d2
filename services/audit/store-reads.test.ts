// scopeWhere: the rows a scope and a period cover, read in SQL, are the rows `inPeriod` keeps, bounds included.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditRecord, BACKENDS, T0 } from '../../test/support/audit.js';
import { inPeriod, type EvidencePeriod } from './evidence-period.js';
import { countScopedRows, readRows, scopeWhere } from './store-reads.js';

const s = (n: number) => T0 + n * 1000;
/** m-i sent at T0 + i s; u-x sends the odd ones, receives the even ones; m-5 is between two others. */
const records = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => auditRecord(i, i === 5 ? { senderId: 'u-y', recipientId: 'u-z', conversationId: 'c-2' }
  : i % 2 ? { senderId: 'u-x', recipientId: 'u-w' } : { senderId: 'u-w', recipientId: 'u-x' }));
const periods: (EvidencePeriod | null)[] = [
  null, { from: s(2), to: s(6) }, { from: s(2) + 1, to: s(6) - 1 }, { from: s(2) - 1, to: s(6) + 1 },
  { from: null, to: s(3) }, { from: s(7), to: null }, { from: s(9), to: null }, { from: s(4), to: s(4) },
];

describe('scopeWhere', () => {
  it('puts the scope and both inclusive bounds in one predicate, and nothing for an open side', () => {
    assert.deepEqual(scopeWhere({ userId: 'u' }, { from: 1, to: 2 }), { where: '(r.sender_id = ? OR r.recipient_id = ?) AND r.sent_at >= ? AND r.sent_at <= ?', params: ['u', 'u', 1, 2] });
    assert.deepEqual(scopeWhere({ conversationId: 'c' }, { from: null, to: 2 }), { where: 'r.conversation_id = ? AND r.sent_at <= ?', params: ['c', 2] });
    assert.deepEqual(scopeWhere({ messageIds: ['a', 'b'] }), { where: 'r.message_id IN (?,?)', params: ['a', 'b'] });
    assert.deepEqual(scopeWhere({ messageIds: [] }, null).where, '1 = 0');
  });
});

for (const b of BACKENDS) {
  describe(`rows of a scope and a period on ${b.name}`, () => {
    it('readRows and countScopedRows keep what inPeriod keeps, at the bounds too', async () => {
      const { store, cleanup } = await b.fresh();
      try {
        await store.write({ audit: records }, T0);
        for (const p of periods) {
          const want = records.filter((r) => (r.senderId === 'u-x' || r.recipientId === 'u-x') && inPeriod(p, r.sentAt)).map((r) => r.messageId);
          assert.deepEqual((await readRows(store.db, { userId: 'u-x' }, p)).map((r) => r.messageId), want, JSON.stringify(p));
          assert.equal(await countScopedRows(store.db, { userId: 'u-x' }, p), want.length, JSON.stringify(p));
        }
        assert.deepEqual((await readRows(store.db, { userId: 'u-x' }, periods[1]!)).map((r) => r.messageId), ['m-2', 'm-3', 'm-4', 'm-6']);
        assert.deepEqual((await readRows(store.db, { conversationId: 'c-1' }, { from: s(7), to: null })).map((r) => r.messageId), ['m-7', 'm-8']);
        assert.equal(await countScopedRows(store.db, { messageIds: [] }), 0);
        assert.equal(await countScopedRows(store.db, { messageIds: ['m-1', 'm-5'] }, { from: s(5), to: null }), 1);
      } finally { await cleanup(); }
    });
  });
}
