import type { SqlDb } from './sql-db.js';

/** A statement both back ends share, or one per dialect where their SQL differs (JSON, triggers). */
type Statement = string | { sqlite: string; postgres: string };

/**
 * Versioned schema migrations, applied in order at start inside one transaction each and recorded in
 * `audit_migrations`; running them again is a no-op. Never edit a released migration: add the next one.
 * `{BIG}` and `{AUTO}` are replaced per dialect so both back ends share one definition.
 */
export const MIGRATIONS: { version: number; name: string; statements: Statement[] }[] = [
  {
    version: 1,
    name: 'audit rows, texts, chain head, cases, holds, actions, enforcement, rejects',
    statements: [
      `CREATE TABLE audit_rows (
        seq {BIG} PRIMARY KEY,
        record_id TEXT NOT NULL UNIQUE,
        message_id TEXT, tenant_id TEXT, conversation_id TEXT, room_id TEXT,
        sender_id TEXT, recipient_id TEXT, sender_ip TEXT,
        sent_at {BIG} NOT NULL, decided_at {BIG},
        action TEXT, categories TEXT, escalation_priority TEXT,
        model_version TEXT, rules_version TEXT, policy_version TEXT,
        text_sha256 TEXT, kept_text_sha256 TEXT, text_truncated_from {BIG}, context_sha256 TEXT,
        source_topic TEXT, source_partition INTEGER, source_offset TEXT,
        stored_at {BIG} NOT NULL,
        content_hash TEXT NOT NULL, prev_hash TEXT NOT NULL, row_hash TEXT NOT NULL,
        tombstoned_at {BIG}
      )`,
      'CREATE INDEX audit_rows_conversation ON audit_rows (conversation_id, sent_at)',
      'CREATE INDEX audit_rows_sender ON audit_rows (sender_id)',
      'CREATE INDEX audit_rows_recipient ON audit_rows (recipient_id)',
      'CREATE INDEX audit_rows_sent_at ON audit_rows (sent_at)',
      'CREATE INDEX audit_rows_row_hash ON audit_rows (row_hash)',
      `CREATE TABLE audit_texts (
        record_id TEXT PRIMARY KEY, text TEXT, context TEXT, deleted_at {BIG}
      )`,
      `CREATE TABLE audit_chain_head (
        id INTEGER PRIMARY KEY CHECK (id = 1), seq {BIG} NOT NULL, hash TEXT NOT NULL, updated_at {BIG} NOT NULL
      )`,
      `CREATE TABLE cases (
        case_id TEXT PRIMARY KEY, priority TEXT NOT NULL, status TEXT NOT NULL, category TEXT NOT NULL,
        categories TEXT NOT NULL, conversation_id TEXT NOT NULL, users TEXT NOT NULL,
        evidence_message_ids TEXT NOT NULL, reasons TEXT NOT NULL,
        created_at {BIG} NOT NULL, updated_at {BIG} NOT NULL, resolved_at {BIG},
        resolution_reason TEXT, reviewer TEXT, feedback_published_at {BIG}
      )`,
      'CREATE INDEX cases_open ON cases (conversation_id, category, status)',
      'CREATE TABLE case_escalations (escalation_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, received_at {BIG} NOT NULL)',
      `CREATE TABLE legal_holds (
        hold_id {AUTO}, kind TEXT NOT NULL, target TEXT NOT NULL, reason TEXT NOT NULL,
        placed_at {BIG} NOT NULL, released_at {BIG}, release_reason TEXT
      )`,
      `CREATE TABLE moderation_actions (
        action_id TEXT PRIMARY KEY, message_id TEXT, conversation_id TEXT, target_user_id TEXT NOT NULL,
        action TEXT NOT NULL, duration_ms {BIG}, reason TEXT, categories TEXT, issued_at {BIG} NOT NULL,
        received_at {BIG} NOT NULL
      )`,
      `CREATE TABLE enforcement (
        user_id TEXT PRIMARY KEY, action TEXT NOT NULL, until_at {BIG}, reason TEXT NOT NULL, categories TEXT NOT NULL,
        action_id TEXT NOT NULL, issued_at {BIG} NOT NULL, expired INTEGER NOT NULL,
        version INTEGER NOT NULL, published_version INTEGER NOT NULL
      )`,
      `CREATE TABLE audit_rejects (
        reject_id {AUTO}, source_topic TEXT NOT NULL, source_partition INTEGER NOT NULL, source_offset TEXT NOT NULL,
        error TEXT NOT NULL, raw_sha256 TEXT, raw_bytes INTEGER, received_at {BIG} NOT NULL,
        UNIQUE (source_topic, source_partition, source_offset)
      )`,
    ],
  },
  {
    version: 2,
    name: 'review console: queue index, case users, access log (hash-chained, append-only), console users',
    statements: [
      // The queue reads cases most urgent first, then oldest, then by id (the keyset): one index per filter shape
      // (status or all; with or without category) serves both the order and the paging without a sort.
      'CREATE INDEX cases_queue ON cases (status, priority, created_at, case_id)',
      'CREATE INDEX cases_category ON cases (category, status, priority, created_at, case_id)',
      'CREATE INDEX cases_all ON cases (priority, created_at, case_id)',
      'CREATE INDEX cases_category_all ON cases (category, priority, created_at, case_id)',
      // A case page lists the participants' other cases; users is JSON text, so they get a table of their own.
      'CREATE TABLE case_users (user_id TEXT NOT NULL, case_id TEXT NOT NULL, PRIMARY KEY (user_id, case_id))',
      {
        sqlite: 'INSERT INTO case_users (user_id, case_id) SELECT DISTINCT j.value, c.case_id FROM cases c, json_each(c.users) j WHERE true ON CONFLICT DO NOTHING',
        postgres: 'INSERT INTO case_users (user_id, case_id) SELECT DISTINCT j, c.case_id FROM cases c, json_array_elements_text(c.users::json) j WHERE true ON CONFLICT DO NOTHING',
      },
      'CREATE INDEX moderation_actions_target ON moderation_actions (target_user_id, issued_at)',
      `CREATE TABLE access_log (
        seq {BIG} PRIMARY KEY, operator TEXT NOT NULL, role TEXT, what TEXT NOT NULL, case_id TEXT, reference TEXT,
        detail TEXT, at {BIG} NOT NULL, content_hash TEXT NOT NULL, prev_hash TEXT NOT NULL, row_hash TEXT NOT NULL
      )`,
      'CREATE INDEX access_log_case ON access_log (case_id, seq)',
      {
        sqlite: `CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END`,
        postgres: `CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN RAISE EXCEPTION 'access_log is append-only'; END $$`,
      },
      {
        sqlite: `CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END`,
        postgres: 'CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_append_only()',
      },
      `CREATE TABLE console_users (
        name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, disabled INTEGER NOT NULL, created_at {BIG} NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    name: 'AuditRecord v3: signals, reasons, per-category sources (in categories), declared and stated ages; content version per row',
    statements: [
      // Rows already stored were hashed as content version 1 and keep verifying as such; new rows are version 2 (chain.ts).
      'ALTER TABLE audit_rows ADD COLUMN content_version INTEGER NOT NULL DEFAULT 1',
      'ALTER TABLE audit_rows ADD COLUMN signals TEXT',
      'ALTER TABLE audit_rows ADD COLUMN reasons TEXT',
      'ALTER TABLE audit_rows ADD COLUMN sender_declared_age INTEGER',
      'ALTER TABLE audit_rows ADD COLUMN participant_ages TEXT',
    ],
  },
  {
    version: 4,
    name: 'console accounts: who disabled an account (cli or console), so the console re-enables only what it disabled',
    // NULL for accounts active, and for accounts disabled before this version (origin unknown: treated as the command line).
    statements: ['ALTER TABLE console_users ADD COLUMN disabled_by TEXT'],
  },
  {
    version: 5,
    name: 'access log by kind: the Accounts page lists the latest account changes without reading every case view',
    // Without it, `WHERE what = 'account-change' ORDER BY seq DESC LIMIT 50` walks the whole log backwards (a year of case
    // views: millions of rows) on every Accounts page (review of ops47: 0.3 s on SQLite, 0.6-1.2 s on PostgreSQL at 1M rows).
    statements: ['CREATE INDEX access_log_what ON access_log (what, seq)'],
  },
];

/** Applies every migration not yet applied (up to `upTo`, which tests use to build a store as an older release left it). */
export async function migrate(db: SqlDb, now: number, upTo = Infinity): Promise<number[]> {
  const big = db.dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
  const auto = db.dialect === 'postgres' ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
  await db.query(`CREATE TABLE IF NOT EXISTS audit_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ${big} NOT NULL)`);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version > upTo) break;
    const done = await db.transaction(async (tx) => {
      // Two processes starting together must not both apply a migration.
      if (db.dialect === 'postgres') await tx.query("SELECT pg_advisory_xact_lock(hashtext('vigie.audit.migrations'))");
      const have = await tx.query('SELECT version FROM audit_migrations WHERE version = ?', [m.version]);
      if (have.length) return false;
      for (const st of m.statements) {
        const s = typeof st === 'string' ? st : st[db.dialect];
        await tx.query(s.replaceAll('{BIG}', big).replaceAll('{AUTO}', auto));
      }
      await tx.query('INSERT INTO audit_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, now]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
