import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/support/audit.js';
import { logAccess } from '../audit/access-log.js';
import { recentAccountChanges } from './account-changes.js';

test('the latest account changes are read by an index, not by walking every case view of the access log (review of ops47)', async () => {
  const { store, cleanup } = await BACKENDS.find((b) => b.name === 'sqlite')!.fresh();
  try {
    await logAccess(store.db, { operator: 'cli:root', role: null, what: 'account-change', caseId: null, reference: null, detail: 'add ada role admin' }, 1);
    for (let i = 0; i < 20; i++) await logAccess(store.db, { operator: 'ada', role: 'admin', what: 'view-case', caseId: `c${i}`, reference: null, detail: 'console' }, 2 + i);
    await logAccess(store.db, { operator: 'ada', role: 'admin', what: 'account-change', caseId: null, reference: null, detail: 'disable mona' }, 30);
    assert.deepEqual((await recentAccountChanges(store.db)).map((e) => e.detail), ['disable mona', 'add ada role admin']);
    const plan = (await store.db.query("EXPLAIN QUERY PLAN SELECT * FROM access_log WHERE what = ? ORDER BY seq DESC LIMIT ?", ['account-change', 50]))
      .map((r) => String(r.detail)).join(' | ');
    assert.match(plan, /USING (COVERING )?INDEX access_log_what/, plan);
  } finally { await cleanup(); }
});
