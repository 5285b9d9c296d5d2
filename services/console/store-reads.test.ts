// The console's reads and writes on both back ends: queue order and keyset paging, case view, accounts, access log chain.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AccessLogError, listAccess, logAccess, verifyAccessLog } from '../audit/access-log.js';
import { resolveCase } from '../audit/store-cases.js';
import type { AuditStore } from '../audit/store.js';
import { auditRecord, BACKENDS, DAY, escalation, modAction, T0 } from '../../test/support/audit.js';
import { accountActive, addUser, authenticate, disableUser, enableUser, EnableRefused, listUsers } from './accounts.js';
import { loadCaseView } from './case-view.js';
import { translator } from './i18n.js';
import { compileConsoleOptions } from './options.js';
import { casePage } from './pages.js';
import { categories, decodeCursor, encodeCursor, openCounts, queuePage, queueSql, type QueueCursor, type QueueFilter } from './queue.js';

async function withStore(b: (typeof BACKENDS)[number], fn: (s: AuditStore) => Promise<void>): Promise<void> {
  const { store, cleanup } = await b.fresh();
  try { await fn(store); } finally { await cleanup(); }
}

/** 23 cases over 3 priorities, 2 categories, conversations c-0..c-22; some resolved. */
async function fill(s: AuditStore): Promise<void> {
  const escs = Array.from({ length: 23 }, (_, i) => escalation(`e-${String(i).padStart(2, '0')}`, {
    priority: (['P2', 'P0', 'P1'] as const)[i % 3]!, conversationId: `c-${i}`, createdAt: T0 + ((i * 7) % 23) * 1000,
    category: i % 4 === 0 ? 'sexual_content' : 'child_grooming', senderId: i % 5 === 0 ? 'u-repeat' : `u-a${i}`, recipientId: `u-b${i}`,
  }));
  // Cases take their created time from the escalation's arrival, so write them one by one at that time.
  for (const e of escs) await s.write({ escalations: [e] }, e.createdAt);
  await resolveCase(s.db, 'e-03', 'dismissed', 'not abuse', 'ana', T0 + DAY);
}

async function walk(s: AuditStore, f: QueueFilter, size: number): Promise<string[]> {
  const ids: string[] = [];
  let after: QueueCursor | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const p = await queuePage(s.db, f, after, size);
    ids.push(...p.cases.map((c) => c.caseId));
    if (!p.next) return ids;
    after = decodeCursor(encodeCursor(p.next));
  }
  throw new Error('paging did not end');
}

for (const b of BACKENDS) {
  describe(`console reads on ${b.name}`, () => {
    it('queue: open cases P0 first, then oldest; keyset pages of any size give the same order; filters narrow it', () => withStore(b, async (s) => {
      await fill(s);
      const all = await walk(s, { status: 'open', priority: null, category: null }, 100);
      assert.equal(all.length, 22);
      const rows = await s.db.query("SELECT case_id, priority, created_at FROM cases WHERE status = 'open'");
      const expected = rows.map((r) => ({ id: String(r.case_id), p: String(r.priority), t: Number(r.created_at) }))
        .sort((x, y) => x.p.localeCompare(y.p) || x.t - y.t || x.id.localeCompare(y.id)).map((x) => x.id);
      assert.deepEqual(all, expected);
      assert.ok(all.indexOf('e-01') < all.indexOf('e-02') && all.indexOf('e-02') < all.indexOf('e-00'), 'P0 before P1 before P2');
      for (const size of [1, 3, 7]) assert.deepEqual(await walk(s, { status: 'open', priority: null, category: null }, size), expected, `page size ${size}`);
      const p1 = await walk(s, { status: 'open', priority: 'P1', category: 'child_grooming' }, 2);
      assert.deepEqual(p1, expected.filter((id) => Number(id.slice(2)) % 3 === 2 && Number(id.slice(2)) % 4 !== 0));
      assert.deepEqual(await walk(s, { status: 'dismissed', priority: null, category: null }, 5), ['e-03']);
      assert.equal((await walk(s, { status: 'all', priority: null, category: null }, 4)).length, 23);
      assert.deepEqual(await openCounts(s.db), { P0: 8, P1: 7, P2: 7 });
      assert.deepEqual(await categories(s.db), ['child_grooming', 'sexual_content']);
      assert.equal(decodeCursor('not-a-cursor'), null);
    }));

    it('queue SQL: the database uses an index for the order (no sort of every case)', () => withStore(b, async (s) => {
      await fill(s);
      const q = queueSql({ status: 'open', priority: null, category: null }, { priority: 'P1', createdAt: T0, caseId: 'e-00' }, 50);
      const plan = b.name === 'sqlite'
        ? (await s.db.query(`EXPLAIN QUERY PLAN ${q.sql}`, q.params)).map((r) => String(r.detail)).join('\n')
        : (await s.db.query(`EXPLAIN ${q.sql}`, q.params)).map((r) => String(r['QUERY PLAN'])).join('\n');
      if (b.name === 'sqlite') {
        assert.match(plan, /USING INDEX cases_queue/);
        assert.doesNotMatch(plan, /TEMP B-TREE/);
      } else {
        // On a tiny table PostgreSQL may prefer a sequential scan; what must hold is that the index can serve it.
        await s.db.query('SET enable_seqscan = off');
        const forced = (await s.db.query(`EXPLAIN ${q.sql}`, q.params)).map((r) => String(r['QUERY PLAN'])).join('\n');
        await s.db.query('SET enable_seqscan = on');
        assert.match(forced, /cases_queue/, forced);
        assert.doesNotMatch(forced, /Sort/, forced);
        assert.ok(plan.length > 0);
      }
    }));

    it('case view: timeline, participants, their other cases, current enforcement, holds', () => withStore(b, async (s) => {
      await s.write({ audit: [auditRecord(1), auditRecord(2, { flagged: true }), auditRecord(3, { flagged: true, escalationPriority: 'P0' })] }, T0);
      await s.write({ escalations: [escalation('e-a', { priority: 'P0' }), escalation('e-b', { conversationId: 'c-2', category: 'sexual_content' })] }, T0 + 5000);
      await s.write({ actions: [modAction('a-1', { issuedAt: T0 + 6000 })] }, T0 + 6000);
      const v = await loadCaseView(s.db, 'e-a', T0 + 7000);
      assert.ok(v);
      assert.deepEqual(v.rows.map((r) => [r.messageId, r.text !== null]), [['m-1', false], ['m-2', true], ['m-3', true]]);
      assert.deepEqual(v.participants, ['u-adult', 'u-child']);
      assert.deepEqual(v.ages.get('u-child'), { declared: 13, stated: 13 }, 'the recipient\'s age, from the context on flagged rows');
      assert.deepEqual(v.ages.get('u-adult'), { declared: 34, stated: null });
      const html = casePage({ t: translator('en'), lang: 'en', session: { id: 's', user: 'ana', role: 'moderator', csrf: 'c', expiresAt: T0 + DAY }, path: '/cases/e-a' },
        compileConsoleOptions({}), v, T0 + 7000);
      assert.match(html, /id="m-m-3"[\s\S]*<li>u-child: stated age 13<\/li>[\s\S]*Sources child_grooming 0\.91: <code>rule:fr\.age-question<\/code><code>model:model@1<\/code><code>context:grooming<\/code><\/div><div class="src">Signal age_inquiry 0\.80: <code>rule:fr\.age-question<\/code>/);
      assert.match(html, /<strong>u-child<\/strong> <span class="age declared">declared age: 13<\/span><span class="age stated">age stated in the chat: 13<\/span>/);
      assert.match(html, /<strong>u-adult<\/strong> <span class="age declared">declared age: 34<\/span>\n/);
      assert.deepEqual(v.otherCases.get('u-adult')?.map((c) => c.caseId), ['e-b']);
      assert.equal(v.enforcement.get('u-adult')?.action, 'mute');
      // In French: the current enforcement as a state, « aucun » for no other case (masculine), « aucune » for no enforcement, « : ».
      const fr = casePage({ t: translator('fr'), lang: 'fr', session: { id: 's', user: 'ana', role: 'moderator', csrf: 'c', expiresAt: T0 + DAY }, path: '/cases/e-a' },
        compileConsoleOptions({}), v, T0 + 7000);
      assert.match(fr, /<strong>u-adult<\/strong>[^]*?<div>Sanction en cours : rendu muet → [^]*?<div>Autres dossiers : <a href="\/cases\/e-b">/);
      assert.match(fr, /<strong>u-child<\/strong>[^]*?<div>Sanction en cours : aucune<\/div>/);
      const alone = casePage({ t: translator('fr'), lang: 'fr', session: { id: 's', user: 'ana', role: 'moderator', csrf: 'c', expiresAt: T0 + DAY }, path: '/cases/e-a' },
        compileConsoleOptions({}), { ...v, otherCases: new Map() }, T0 + 7000);
      assert.match(alone, /<strong>u-child<\/strong>[^]*?<div>Autres dossiers : aucun<\/div>/);
      assert.match(fr, /<span class="age declared">âge déclaré : 13<\/span>/);
      assert.equal(v.enforcement.get('u-child'), undefined);
      assert.equal((await loadCaseView(s.db, 'e-a', T0 + 2 * DAY))?.enforcement.size, 0, 'an enforcement past its end is not shown');
      await s.write({ actions: [modAction('a-2', { action: 'lift', issuedAt: T0 + 8000 })] }, T0 + 8000);
      assert.equal((await loadCaseView(s.db, 'e-a', T0 + 9000))?.enforcement.size, 0, 'lifted');
      assert.equal(await loadCaseView(s.db, 'nope', T0), null);
    }));

    it('accounts: add, authenticate, refuse duplicates and bad roles, disable', () => withStore(b, async (s) => {
      await addUser(s.db, 'ana', 'moderator', 'password-ana-1', T0);
      assert.equal(await accountActive(s.db, 'ana', 'moderator'), true);
      assert.equal(await accountActive(s.db, 'ana', 'admin'), false, 'a session with another role than the account\'s');
      assert.equal(await accountActive(s.db, 'nobody', 'moderator'), false);
      await assert.rejects(addUser(s.db, 'ana', 'admin', 'password-ana-2', T0), /already exists/);
      await assert.rejects(addUser(s.db, 'bob', 'boss', 'password-bob-1', T0), /role 'boss'/);
      await assert.rejects(addUser(s.db, 'bob', 'admin', 'short', T0), /at least 10/);
      assert.equal((await authenticate(s.db, 'ana', 'password-ana-1'))?.role, 'moderator');
      assert.equal(await authenticate(s.db, 'ana', 'password-ana-2'), null);
      assert.equal(await authenticate(s.db, 'nobody', 'password-ana-1'), null);
      await disableUser(s.db, 'ana', 'cli');
      assert.equal(await authenticate(s.db, 'ana', 'password-ana-1'), null);
      assert.equal(await accountActive(s.db, 'ana', 'moderator'), false, 'a disabled account\'s sessions end');
      assert.deepEqual((await listUsers(s.db)).map((u) => [u.name, u.disabled]), [['ana', true]]);
    }));

    it('accounts: the console enables again only what the console disabled, never an admin; the command line enables any', () => withStore(b, async (s) => {
      for (const [name, role] of [['cm', 'moderator'], ['lm', 'moderator'], ['old', 'moderator'], ['ca', 'admin'], ['la', 'admin']] as const) {
        await addUser(s.db, name, role, 'password-xx-1', T0);
      }
      for (const name of ['cm', 'ca']) assert.equal(await disableUser(s.db, name, 'console'), true);
      for (const name of ['lm', 'la']) assert.equal(await disableUser(s.db, name, 'cli'), true);
      assert.equal(await disableUser(s.db, 'lm', 'console'), false, 'already disabled: nothing changes, not even who disabled it');
      // The command line disabling an account the console disabled takes it over: the console may no longer enable it.
      await addUser(s.db, 'tk', 'moderator', 'password-xx-1', T0);
      assert.equal(await disableUser(s.db, 'tk', 'console'), true);
      assert.equal(await disableUser(s.db, 'tk', 'cli'), true, 'taken over by the command line');
      assert.equal(await disableUser(s.db, 'tk', 'cli'), false, 'then already so');
      await assert.rejects(enableUser(s.db, 'tk', 'console'), (e) => e instanceof EnableRefused && e.why === 'cli');
      assert.equal(await enableUser(s.db, 'tk', 'cli'), true);
      await s.db.query("DELETE FROM console_users WHERE name = 'tk'");
      // Disabled before the store recorded who (migration 4): origin unknown, treated as the command line.
      await s.db.query("UPDATE console_users SET disabled = 1, disabled_by = NULL WHERE name = 'old'");
      assert.deepEqual((await listUsers(s.db)).map((u) => [u.name, u.disabledBy]),
        [['ca', 'console'], ['cm', 'console'], ['la', 'cli'], ['lm', 'cli'], ['old', 'cli']]);
      for (const [name, why] of [['lm', 'cli'], ['old', 'cli'], ['la', 'cli'], ['ca', 'admin']] as const) {
        await assert.rejects(enableUser(s.db, name, 'console'), (e) => e instanceof EnableRefused && e.why === why, name);
        assert.equal(await accountActive(s.db, name, name.endsWith('a') ? 'admin' : 'moderator'), false, `${name} stays disabled`);
      }
      assert.equal(await enableUser(s.db, 'cm', 'console'), true);
      assert.equal(await enableUser(s.db, 'cm', 'console'), false, 'already active');
      for (const name of ['lm', 'old', 'la', 'ca']) assert.equal(await enableUser(s.db, name, 'cli'), true, name);
      assert.ok((await listUsers(s.db)).every((u) => !u.disabled && u.disabledBy === null));
      await assert.rejects(enableUser(s.db, 'nobody', 'console'), /no user 'nobody'/);
    }));

    it('access log: chained entries, export needs a reference, append-only, an edit is found by verify', () => withStore(b, async (s) => {
      await logAccess(s.db, { operator: 'ana', role: 'moderator', what: 'view-case', caseId: 'e-1', reference: null, detail: 'console' }, T0);
      await logAccess(s.db, { operator: 'ivan', role: 'investigator', what: 'export-evidence', caseId: 'e-1', reference: 'REQ-1', detail: null }, T0 + 1);
      await assert.rejects(logAccess(s.db, { operator: 'ivan', role: null, what: 'export-evidence', caseId: 'e-1', reference: ' ', detail: null }, T0), AccessLogError);
      await logAccess(s.db, { operator: 'ana', role: 'moderator', what: 'view-case', caseId: 'e-2', reference: null, detail: null }, T0 + 2);
      assert.deepEqual((await listAccess(s.db, { caseId: 'e-1' })).map((e) => [e.seq, e.operator, e.what, e.reference]), [[2, 'ivan', 'export-evidence', 'REQ-1'], [1, 'ana', 'view-case', null]]);
      assert.deepEqual(await verifyAccessLog(s.db), { ok: true, rows: 3, firstBreak: null });
      await assert.rejects(s.db.query("UPDATE access_log SET operator = 'mallory' WHERE seq = 2"), /append-only/);
      await assert.rejects(s.db.query('DELETE FROM access_log WHERE seq = 3'), /append-only/);
      // Someone with owner rights switches the guard off and edits: the chain names the entry.
      await s.db.query(b.name === 'sqlite' ? 'DROP TRIGGER access_log_no_update' : 'ALTER TABLE access_log DISABLE TRIGGER access_log_no_change');
      await s.db.query("UPDATE access_log SET reference = 'REQ-2' WHERE seq = 2");
      const v = await verifyAccessLog(s.db);
      assert.deepEqual([v.ok, v.rows, v.firstBreak?.seq], [false, 1, 2]);
      assert.match(v.firstBreak!.detail, /edited/);
    }));
  });
}
