// The console's user search and `vigie evidence export --user --from --to` cover the same rows: the search's count is
// the number of messages the export packs, for the same user and period, at the period's bounds too.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditRecord, BACKENDS, T0 } from '../../test/support/audit.js';
import { exportEvidence } from '../audit/evidence.js';
import type { EvidencePeriod } from '../audit/evidence-period.js';
import { searchUser } from './user-search.js';

const s = (n: number) => T0 + n * 1000;
const records = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => auditRecord(i, i === 5 ? { senderId: 'u-y', recipientId: 'u-z', conversationId: 'c-2' }
  : i % 2 ? { senderId: 'u-x', recipientId: 'u-w' } : { senderId: 'u-w', recipientId: 'u-x' }));
/** Each period with the messages of u-x it covers: bounds on a message's time, 1 ms inside and 1 ms outside them. */
const cases: { p: EvidencePeriod | null; ids: string[] }[] = [
  { p: null, ids: ['m-1', 'm-2', 'm-3', 'm-4', 'm-6', 'm-7', 'm-8'] },
  { p: { from: s(2), to: s(6) }, ids: ['m-2', 'm-3', 'm-4', 'm-6'] },
  { p: { from: s(2) + 1, to: s(6) - 1 }, ids: ['m-3', 'm-4'] },
  { p: { from: s(2) - 1, to: s(6) + 1 }, ids: ['m-2', 'm-3', 'm-4', 'm-6'] },
  { p: { from: null, to: s(3) }, ids: ['m-1', 'm-2', 'm-3'] },
  { p: { from: s(7), to: null }, ids: ['m-7', 'm-8'] },
  { p: { from: s(4), to: s(4) }, ids: ['m-4'] },
];

for (const b of BACKENDS) {
  describe(`user search and evidence export on ${b.name}`, () => {
    it('count the same rows for a user and a period, bounds included', async () => {
      const { store, cleanup } = await b.fresh();
      const root = mkdtempSync(join(tmpdir(), 'vigie-user-search-'));
      try {
        await store.write({ audit: records }, T0);
        for (const [n, { p, ids }] of cases.entries()) {
          const dir = join(root, `pkg-${n}`);
          await exportEvidence(store, { userId: 'u-x' }, dir, s(20), p);
          const exported = readFileSync(join(dir, 'messages.jsonl'), 'utf8').trim().split('\n')
            .map((l) => (JSON.parse(l) as { content: { messageId: string } }).content.messageId);
          const found = await searchUser(store.db, 'u-x', p, true);
          assert.deepEqual({ search: found.messages, exported }, { search: ids.length, exported: ids }, JSON.stringify(p));
        }
        assert.equal((await searchUser(store.db, 'u-x', { from: s(9), to: null }, false)).messages, 0);
      } finally {
        rmSync(root, { recursive: true, force: true });
        await cleanup();
      }
    });
  });
}
