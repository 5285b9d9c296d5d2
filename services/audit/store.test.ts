// One suite, run against both back ends: whatever SQLite accepts, PostgreSQL must accept the same way.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sha256Hex } from './canonical.js';
import { migrate, MIGRATIONS } from './migrations.js';
import { expireEnforcements, getCase, listCases, markPublished, pendingEnforcement, resolveCase, countRows, CaseError } from './store-cases.js';
import { listHolds, placeHold, releaseHold } from './store-retention.js';
import { readRows } from './store-reads.js';
import { auditRecord, BACKENDS, DAY, escalation, modAction, T0 } from '../../test/support/audit.js';
import { AuditStore } from './store.js';
import { contentHash, contentOfRecord, GENESIS_HASH, rowHash } from './chain.js';
import { compileAuditStoreOptions } from './options.js';
import { openPostgres, openSqlite } from './sql-db.js';
import { silentLog } from '../../test/support/audit.js';

async function withStore(b: (typeof BACKENDS)[number], fn: (s: AuditStore) => Promise<void>, opts = {}): Promise<void> {
  const { store, cleanup } = await b.fresh(opts);
  try { await fn(store); } finally { await cleanup(); }
}

const rec = (n: number, from = 1, flaggedEvery = 3) => Array.from({ length: n }, (_, k) => auditRecord(from + k, { flagged: (from + k) % flaggedEvery === 0 }));

for (const b of BACKENDS) {
  describe(`audit store on ${b.name}`, () => {
    it('runs migrations once; running them again changes nothing', () => withStore(b, async (s) => {
      assert.deepEqual(await migrate(s.db, T0), []);
      const rows = await s.db.query('SELECT version FROM audit_migrations');
      assert.equal(rows.length, MIGRATIONS.length);
    }));

    it('keeps text only for flagged or escalated messages; benign text is never stored, only its hash', () => withStore(b, async (s) => {
      const benignWithText = auditRecord(1, { text: 'hello 1', benignText: 'hello 1' }); // a producer bug: text on an allowed message
      const escalatedAllow = auditRecord(2, { escalationPriority: 'P2', text: 'hello 2', context: [{ messageId: 'm-1', senderId: 'u-adult', sentAt: T0, text: 'hello 1' }] });
      const flagged = auditRecord(3, { flagged: true });
      const r = await s.write({ audit: [benignWithText, escalatedAllow, flagged] }, T0 + DAY);
      assert.equal(r.inserted, 3);
      const rows = await readRows(s.db, { conversationId: 'c-1' });
      assert.deepEqual(rows.map((x) => [x.recordId, x.text]), [['m-1', null], ['m-2', 'hello 2'], ['m-3', flagged.text]]);
      assert.equal(rows[0]!.textSha256, sha256Hex('hello 1'));
      assert.equal(rows[0]!.context, null);
      assert.equal(rows[2]!.context?.[0]?.text, 'salut');
      assert.equal(rows[2]!.senderIp, '203.0.113.3');
      assert.equal(await countRows(s.db, 'audit_texts'), 2);
      const raw = await s.db.query("SELECT COUNT(*) AS n FROM audit_texts WHERE text = 'hello 1' OR context LIKE '%hello 1%' AND record_id = 'm-1'");
      assert.equal(Number(raw[0]!.n), 0);
    }));

    it('is idempotent on the record id, inside a batch and across batches', () => withStore(b, async (s) => {
      const batch = rec(50);
      const first = await s.write({ audit: [...batch, batch[0]!] }, T0);
      assert.deepEqual([first.inserted, first.duplicates], [50, 1]);
      const again = await s.write({ audit: batch.slice(10, 60) }, T0);
      assert.deepEqual([again.inserted, again.duplicates], [0, 40]);
      assert.equal(await countRows(s.db, 'audit_rows'), 50);
      assert.equal((await s.verify()).ok, true);
      assert.equal((await s.head()).seq, 50);
    }));

    it('accepts a text the worker cut to fit a record (header), chains the hash of the kept part, and detects an edit of it', () => withStore(b, async (s) => {
      const full = 'x'.repeat(50) + ' tu as quel âge ?';
      const cut = auditRecord(1, { flagged: true, text: full.slice(0, 20), textSha256: sha256Hex(full), textTruncatedFrom: Buffer.byteLength(full) });
      const lying = auditRecord(2, { flagged: true, text: full, textSha256: sha256Hex(full), textTruncatedFrom: 10 });
      const r = await s.write({ audit: [cut, lying] }, T0);
      assert.deepEqual([r.inserted, r.rejected], [1, 1]);
      const [row] = await readRows(s.db, { messageIds: ['m-1'] });
      assert.deepEqual([row?.text, row?.textSha256, row?.keptTextSha256, row?.textTruncatedFrom], [full.slice(0, 20), sha256Hex(full), sha256Hex(full.slice(0, 20)), Buffer.byteLength(full)]);
      assert.equal((await s.verify()).ok, true);
      await s.db.query("UPDATE audit_texts SET text = 'yyyyyyyyyyyyyyyyyyyy' WHERE record_id = 'm-1'");
      assert.equal((await s.verify()).firstBreak?.kind, 'edited');
    }));

    it('rejects a record whose text does not match its hash, keeps its position, and writes the rest', () => withStore(b, async (s) => {
      const bad = auditRecord(2, { flagged: true, textSha256: sha256Hex('something else') });
      const r = await s.write({ audit: [auditRecord(1), bad, auditRecord(3)] }, T0);
      assert.deepEqual([r.inserted, r.rejected], [2, 1]);
      const rej = await s.db.query('SELECT source_offset, error FROM audit_rejects');
      assert.equal(rej[0]!.source_offset, '2');
      assert.match(String(rej[0]!.error), /text does not match textSha256/);
      assert.equal((await s.verify()).ok, true);
    }));

    const tamper: { name: string; sql: string; kind: string; seq: number }[] = [
      { name: 'an edited IP', sql: "UPDATE audit_rows SET sender_ip = '198.51.100.7' WHERE seq = 7", kind: 'edited', seq: 7 },
      { name: 'an edited action', sql: "UPDATE audit_rows SET action = 'allow' WHERE seq = 9", kind: 'edited', seq: 9 },
      { name: 'an edited text', sql: "UPDATE audit_texts SET text = 'nothing to see' WHERE record_id = 'm-6'", kind: 'edited', seq: 6 },
      { name: 'a deleted row', sql: 'DELETE FROM audit_rows WHERE seq = 12', kind: 'deleted', seq: 12 },
      { name: 'a deleted last row', sql: 'DELETE FROM audit_rows WHERE seq = 20', kind: 'deleted', seq: 20 },
      { name: 'a deleted row with renumbering', sql: 'DELETE FROM audit_rows WHERE seq = 5; UPDATE audit_rows SET seq = seq - 1 WHERE seq > 5', kind: 'deleted', seq: 5 },
      {
        name: 'two swapped rows',
        sql: 'UPDATE audit_rows SET seq = -1 WHERE seq = 4; UPDATE audit_rows SET seq = 4 WHERE seq = 5; UPDATE audit_rows SET seq = 5 WHERE seq = -1',
        kind: 'reordered',
        seq: 4
      },
      { name: 'an edited signal source', sql: `UPDATE audit_rows SET signals = '[]' WHERE seq = 3`, kind: 'edited', seq: 3 },
      { name: 'edited reasons', sql: `UPDATE audit_rows SET reasons = '["nothing"]' WHERE seq = 9`, kind: 'edited', seq: 9 },
      { name: 'an edited declared age', sql: 'UPDATE audit_rows SET sender_declared_age = 17 WHERE seq = 8', kind: 'edited', seq: 8 },
      { name: 'edited participant ages', sql: `UPDATE audit_rows SET participant_ages = '[]' WHERE seq = 6`, kind: 'edited', seq: 6 },
      { name: 'an edited source', sql: `UPDATE audit_rows SET categories = replace(categories, 'rule:fr.age-question', 'rule:other') WHERE seq = 12`, kind: 'edited', seq: 12 },
      { name: 'a row relabelled as content version 1', sql: 'UPDATE audit_rows SET content_version = 1 WHERE seq = 15', kind: 'edited', seq: 15 },
      { name: 'a row emptied as if expired', sql: `UPDATE audit_rows SET sender_ip = NULL, sender_id = NULL, tombstoned_at = ${T0 + DAY} WHERE seq = 3`, kind: 'early-tombstone', seq: 3 },
    ];
    for (const t of tamper) {
      it(`verify passes on an untouched chain and names the row after ${t.name}`, () => withStore(b, async (s) => {
        await s.write({ audit: rec(10) }, T0);
        await s.write({ audit: rec(10, 11) }, T0);
        const ok = await s.verify();
        assert.deepEqual([ok.ok, ok.rows, ok.firstBreak], [true, 20, null]);
        for (const stmt of t.sql.split(';')) await s.db.query(stmt);
        const bad = await s.verify();
        assert.equal(bad.ok, false);
        assert.equal(bad.firstBreak?.kind, t.kind, JSON.stringify(bad.firstBreak));
        assert.equal(bad.firstBreak?.seq, t.seq, JSON.stringify(bad.firstBreak));
      }));
    }

    it('rows stored before AuditRecord v3 (content version 1) still verify after migration 3; new rows carry reasons, sources and ages', async () => {
      const { where, drop } = b.blank();
      const o = compileAuditStoreOptions(where);
      const db = b.name === 'sqlite' ? openSqlite(o.sqlitePath) : await openPostgres(o.databaseUrl!, o.pgSchema, silentLog);
      let store: AuditStore | null = null;
      try {
        assert.deepEqual(await migrate(db, T0, 2), [1, 2]);
        // Written as the previous release wrote them: no v3 columns, content hashed without v (version 1).
        let prev = GENESIS_HASH;
        for (let i = 1; i <= 4; i++) {
          const r = auditRecord(i, { flagged: i % 2 === 0 });
          const { v: _v, signals: _g, reasons: _r, senderDeclaredAge: _a, participantAges: _p, ...rest } = contentOfRecord(r, r.text, r.context.length ? r.context : null);
          const ch = contentHash({ ...rest, categories: rest.categories.map(({ sources: _s, ...c }) => c) });
          const rh = rowHash(prev, ch);
          await db.query(`INSERT INTO audit_rows (seq, record_id, message_id, tenant_id, conversation_id, room_id, sender_id, recipient_id, sender_ip, sent_at,
            decided_at, action, categories, escalation_priority, model_version, rules_version, policy_version, text_sha256, kept_text_sha256, text_truncated_from,
            context_sha256, source_topic, source_partition, source_offset, stored_at, content_hash, prev_hash, row_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [i, r.recordId, r.messageId, r.tenantId, r.conversationId, r.roomId, r.senderId, r.recipientId, r.senderIp, r.sentAt, r.decidedAt, r.action,
            JSON.stringify(rest.categories.map((c) => ({ category: c.category, score: c.score }))), r.escalationPriority, r.modelVersion, r.rulesVersion, r.policyVersion,
            r.textSha256, rest.keptTextSha256, null, rest.contextSha256, r.sourceTopic, r.sourcePartition, r.sourceOffset, T0, ch, prev, rh]);
          if (r.text !== null) await db.query('INSERT INTO audit_texts (record_id, text, context) VALUES (?, ?, ?)', [r.recordId, r.text, JSON.stringify(r.context)]);
          prev = rh;
        }
        await db.query('INSERT INTO audit_chain_head (id, seq, hash, updated_at) VALUES (1, ?, ?, ?)', [4, prev, T0]);
        await db.close();
        store = await AuditStore.open(o, silentLog);
        assert.equal((await store.db.query('SELECT version FROM audit_migrations WHERE version = 3')).length, 1);
        assert.equal((await store.verify()).ok, true);
        await store.write({ audit: rec(4, 5, 2) }, T0 + DAY);
        const ok = await store.verify();
        assert.deepEqual([ok.ok, ok.rows], [true, 8], JSON.stringify(ok.firstBreak));
        const rows = await readRows(store.db, { conversationId: 'c-1' });
        assert.deepEqual(rows.map((r) => r.contentVersion), [1, 1, 1, 1, 2, 2, 2, 2]);
        assert.deepEqual(rows.map((r) => r.senderDeclaredAge), [null, null, null, null, 34, 34, 34, 34]);
        assert.equal(rows[1]!.reasons, null);
        assert.deepEqual(rows[1]!.categories, [{ category: 'child_grooming', score: 0.91 }]);
        assert.deepEqual(rows[5]!.reasons, ['u-child: stated age 13', 'grooming: age question then meeting request']);
        assert.deepEqual(rows[5]!.categories?.[0]?.sources, ['rule:fr.age-question', 'model:model@1', 'context:grooming']);
        assert.deepEqual(rows[5]!.participantAges?.map((p) => [p.userId, p.declaredAge, p.statedAge]), [['u-adult', 34, null], ['u-child', 13, 13]]);
        assert.deepEqual(rows[4]!.participantAges, []);
        // A version-1 row cannot be given reasons it was never hashed with.
        await store.db.query(`UPDATE audit_rows SET reasons = '["forged"]' WHERE seq = 2`);
        const bad = await store.verify();
        assert.deepEqual([bad.ok, bad.firstBreak?.kind, bad.firstBreak?.seq], [false, 'edited', 2]);
      } finally {
        if (store) await store.close(); else await db.close().catch(() => undefined);
        await drop();
      }
    });

    it('retention deletes text after the text period and technical data after the legal period; the chain still verifies', () => withStore(b, async (s) => {
      await s.write({ audit: rec(9) }, T0);
      const r1 = await s.retention(T0 + 181 * DAY);
      assert.deepEqual([r1.textsDeleted, r1.rowsTombstoned], [3, 0]);
      assert.equal((await readRows(s.db, { conversationId: 'c-1' })).filter((x) => x.text !== null).length, 0);
      assert.equal((await s.verify()).ok, true);
      const r2 = await s.retention(T0 + 366 * DAY);
      assert.deepEqual([r2.textsDeleted, r2.rowsTombstoned], [0, 9]);
      const left = await s.db.query('SELECT COUNT(*) AS n FROM audit_rows WHERE sender_ip IS NOT NULL OR sender_id IS NOT NULL');
      assert.equal(Number(left[0]!.n), 0);
      const v = await s.verify();
      assert.deepEqual([v.ok, v.rows, v.tombstones], [true, 9, 9]);
      await s.write({ audit: rec(3, 100) }, T0 + 366 * DAY);
      assert.equal((await s.verify()).ok, true, 'appending after tombstones keeps the chain valid');
    }));

    it('a legal hold on a user, conversation or case suspends deletion until it is released', () => withStore(b, async (s) => {
      await s.write({
        audit: [auditRecord(1, { flagged: true }), auditRecord(2, { conversationId: 'c-2', senderId: 'u-x', recipientId: 'u-y' }),
          auditRecord(3, { conversationId: 'c-3', senderId: 'u-z', recipientId: 'u-w' }), auditRecord(4, { conversationId: 'c-4', senderId: 'u-q', recipientId: 'u-r' })],
        escalations: [escalation('e-1', { conversationId: 'c-3' })],
      }, T0);
      await placeHold(s.db, 'user', 'u-child', 'request 2026-17', T0);
      await placeHold(s.db, 'conversation', 'c-2', 'request 2026-18', T0);
      await placeHold(s.db, 'case', 'e-1', 'request 2026-19', T0);
      assert.equal((await listHolds(s.db)).length, 3);
      const r = await s.retention(T0 + 400 * DAY);
      assert.deepEqual([r.rowsTombstoned, r.heldRows, r.textsDeleted], [1, 3, 0]);
      const live = await s.db.query('SELECT record_id FROM audit_rows WHERE tombstoned_at IS NULL ORDER BY record_id');
      assert.deepEqual(live.map((x) => x.record_id), ['m-1', 'm-2', 'm-3']);
      await releaseHold(s.db, 'user', 'u-child', 'request closed', T0 + 401 * DAY);
      await assert.rejects(releaseHold(s.db, 'user', 'u-child', 'again', T0), /no active legal hold/);
      const r2 = await s.retention(T0 + 401 * DAY);
      assert.deepEqual([r2.rowsTombstoned, r2.textsDeleted, r2.heldRows], [1, 1, 2]);
      assert.equal((await s.verify()).ok, true);
    }));

    it('escalations become cases, merged per conversation and category, listed, resolved once', () => withStore(b, async (s) => {
      const w = await s.write({ escalations: [escalation('e-1'), escalation('e-2', { priority: 'P0', messageId: 'm-5', evidenceMessageIds: ['m-4'] }),
        escalation('e-3', { conversationId: 'c-9', category: 'drug_trafficking', priority: 'P2' }), escalation('e-1')] }, T0 + 10_000);
      assert.deepEqual([w.casesOpened, w.casesUpdated, w.duplicates], [2, 1, 1]);
      const c = await getCase(s.db, 'e-1');
      assert.equal(c?.priority, 'P0');
      assert.deepEqual(c?.evidenceMessageIds, ['m-1', 'm-2', 'm-3', 'm-4', 'm-5']);
      assert.deepEqual(c?.users, ['u-adult', 'u-child']);
      assert.deepEqual((await listCases(s.db, { priority: 'P2' })).map((x) => x.caseId), ['e-3']);
      const done = await resolveCase(s.db, 'e-1', 'confirmed', 'grooming confirmed', 'analyst-1', T0 + 20_000);
      assert.deepEqual([done.status, done.reviewer], ['confirmed', 'analyst-1']);
      assert.deepEqual((await listCases(s.db, { status: 'open' })).map((x) => x.caseId), ['e-3']);
      await assert.rejects(resolveCase(s.db, 'e-1', 'dismissed', 'x', null, T0), CaseError);
      await assert.rejects(resolveCase(s.db, 'nope', 'dismissed', 'x', null, T0), /no case with id 'nope'/);
      // A new escalation on a conversation whose case is closed opens a new case.
      const w2 = await s.write({ escalations: [escalation('e-4')] }, T0 + 30_000);
      assert.equal(w2.casesOpened, 1);
    }));

    it('moderation actions drive the enforcement outbox: new state, stronger measure, expiry as tombstone', () => withStore(b, async (s) => {
      const now = T0 + 1000;
      const w = await s.write({ actions: [modAction('a-1'), modAction('a-2', { action: 'block_message' }), modAction('a-1')] }, now);
      assert.deepEqual([w.actionsApplied, w.duplicates, w.enforcementChanged], [2, 1, ['u-adult']]);
      let pending = await pendingEnforcement(s.db);
      assert.deepEqual(pending.map((p) => [p.userId, p.action, p.until, p.expired]), [['u-adult', 'mute', T0 + DAY, false]]);
      await markPublished(s.db, pending);
      assert.equal((await pendingEnforcement(s.db)).length, 0);
      await s.write({ actions: [modAction('a-3', { action: 'suspend', durationMs: 2 * DAY })] }, now);
      pending = await pendingEnforcement(s.db);
      assert.deepEqual(pending.map((p) => [p.action, p.until]), [['suspend', T0 + 2 * DAY]]);
      await markPublished(s.db, pending);
      assert.deepEqual(await expireEnforcements(s.db, T0 + DAY), []);
      assert.deepEqual(await expireEnforcements(s.db, T0 + 2 * DAY), ['u-adult']);
      pending = await pendingEnforcement(s.db);
      assert.deepEqual(pending.map((p) => p.expired), [true]);
    }));
  });
}
