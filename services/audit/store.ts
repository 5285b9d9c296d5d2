import { isRetriable, RecordError } from '../contracts/errors.js';
import type { Logger } from '../common/logger.js';
import { contentHash, contentOfRecord, GENESIS_HASH, rowHash, type VerifyReport } from './chain.js';
import { migrate } from './migrations.js';
import type { CompiledAuditStoreOptions } from './options.js';
import { retainedParts } from './retained.js';
import { openPostgres, openSqlite, type SqlDb, type SqlRunner, type SqlValue } from './sql-db.js';
import { appendEscalations, applyModerationActions } from './store-cases.js';
import { runRetention, type RetentionReport } from './store-retention.js';
import { verifyStore } from './store-verify.js';
import type { AuditRecordIn, EscalationIn, ModerationActionIn } from './types.js';
import { EVENTS } from '../common/events.js';

const AUDIT_ROW_COLUMNS = ['seq', 'record_id', 'message_id', 'tenant_id', 'conversation_id', 'room_id', 'sender_id', 'recipient_id',
  'sender_ip', 'sent_at', 'decided_at', 'action', 'categories', 'escalation_priority', 'model_version', 'rules_version', 'policy_version',
  'text_sha256', 'kept_text_sha256', 'text_truncated_from', 'context_sha256', 'source_topic', 'source_partition', 'source_offset', 'stored_at', 'content_hash', 'prev_hash', 'row_hash',
  'content_version', 'signals', 'reasons', 'sender_declared_age', 'participant_ages'];
const INTEGER_COLUMNS = ['source_partition', 'content_version', 'sender_declared_age'];
const AUDIT_ROW_TYPES = AUDIT_ROW_COLUMNS.map((c) => (['seq', 'sent_at', 'decided_at', 'stored_at', 'text_truncated_from'].includes(c) ? 'bigint' : INTEGER_COLUMNS.includes(c) ? 'integer' : 'text'));

/** A record the sink could not decode or that contradicts itself; kept (not lost) with its position. */
export interface RejectIn { sourceTopic: string; sourcePartition: number; sourceOffset: string; error: string; rawSha256: string | null; rawBytes: number | null }

export interface WriteBatch {
  audit?: AuditRecordIn[];
  escalations?: EscalationIn[];
  actions?: ModerationActionIn[];
  rejects?: RejectIn[];
}

export interface WriteResult {
  inserted: number;
  duplicates: number;
  rejected: number;
  casesOpened: number;
  casesUpdated: number;
  actionsApplied: number;
  enforcementChanged: string[];
}

export interface ChainHead { seq: number; hash: string }

/**
 * The audit store over one SQL connection (PostgreSQL or SQLite): migrations at open, one transaction
 * per written batch, idempotent on record/escalation/action id. Other modules add reads (store-*.ts).
 */
export class AuditStore {
  private constructor(readonly db: SqlDb, readonly opts: CompiledAuditStoreOptions, private readonly log: Logger) {}

  static async open(opts: CompiledAuditStoreOptions, log: Logger, now = Date.now()): Promise<AuditStore> {
    const db = opts.backend === 'postgres' ? await openPostgres(opts.databaseUrl!, opts.pgSchema, log, opts.pgConnection) : openSqlite(opts.sqlitePath);
    try {
      const applied = await migrate(db, now);
      if (applied.length) log.info({ event: EVENTS.AUDIT_STORE_MIGRATED, applied, backend: opts.backend }, 'audit store migrated');
    } catch (err) {
      await db.close().catch(() => undefined);
      throw err;
    }
    return new AuditStore(db, opts, log);
  }

  /** Writes everything in one transaction. Throws StoreError (retriable when the database is away). */
  async write(batch: WriteBatch, now: number): Promise<WriteResult> {
    return this.db.transaction(async (tx) => {
      const res: WriteResult = { inserted: 0, duplicates: 0, rejected: 0, casesOpened: 0, casesUpdated: 0, actionsApplied: 0, enforcementChanged: [] };
      const rejects = [...(batch.rejects ?? [])];
      if (batch.audit?.length) {
        const a = await this.appendAudit(tx, batch.audit, now, rejects);
        res.inserted = a.inserted; res.duplicates = a.duplicates;
      }
      if (batch.escalations?.length) {
        const e = await appendEscalations(tx, batch.escalations, now);
        res.casesOpened = e.opened; res.casesUpdated = e.updated; res.duplicates += e.duplicates;
      }
      if (batch.actions?.length) {
        const a = await applyModerationActions(tx, batch.actions, now);
        res.actionsApplied = a.applied; res.enforcementChanged = a.changedUsers; res.duplicates += a.duplicates;
      }
      for (const r of rejects) {
        await tx.query(`INSERT INTO audit_rejects (source_topic, source_partition, source_offset, error, raw_sha256, raw_bytes, received_at)
          VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_topic, source_partition, source_offset) DO NOTHING`,
        [r.sourceTopic, r.sourcePartition, r.sourceOffset, r.error, r.rawSha256, r.rawBytes, now]);
      }
      res.rejected = rejects.length;
      return res;
    });
  }

  private async appendAudit(tx: SqlRunner, records: AuditRecordIn[], now: number, rejects: RejectIn[]): Promise<{ inserted: number; duplicates: number }> {
    // The chain is one sequence: concurrent writers (several sink instances) take turns on it.
    if (this.db.dialect === 'postgres') await tx.query("SELECT pg_advisory_xact_lock(hashtext('vigie.audit.chain'))");
    const unique = new Map<string, AuditRecordIn>();
    for (const r of records) if (!unique.has(r.recordId)) unique.set(r.recordId, r);
    const ids = [...unique.keys()];
    const existing = new Set<string>();
    for (let i = 0; i < ids.length; i += this.opts.insertChunk) {
      const part = ids.slice(i, i + this.opts.insertChunk);
      const rows = await tx.query<{ record_id: string }>(`SELECT record_id FROM audit_rows WHERE record_id IN (${part.map(() => '?').join(',')})`, part);
      for (const r of rows) existing.add(r.record_id);
    }
    const head = await this.headIn(tx);
    let seq = head.seq;
    let prev = head.hash;
    const rowParams: SqlValue[][] = [];
    const textParams: SqlValue[][] = [];
    let rejectedHere = 0;
    for (const r of unique.values()) {
      if (existing.has(r.recordId)) continue;
      let kept;
      try {
        kept = retainedParts(r);
      } catch (err) {
        if (!(err instanceof RecordError)) throw err;
        rejects.push({ sourceTopic: r.sourceTopic, sourcePartition: r.sourcePartition, sourceOffset: r.sourceOffset, error: err.message, rawSha256: null, rawBytes: null });
        rejectedHere++;
        continue;
      }
      const content = contentOfRecord(r, kept.text, kept.context);
      const ch = contentHash(content);
      const rh = rowHash(prev, ch);
      seq++;
      rowParams.push([seq, r.recordId, r.messageId, r.tenantId, r.conversationId, r.roomId, r.senderId, r.recipientId, r.senderIp,
        r.sentAt, r.decidedAt, r.action, JSON.stringify(content.categories), r.escalationPriority, r.modelVersion, r.rulesVersion,
        r.policyVersion, r.textSha256, content.keptTextSha256, content.textTruncatedFrom, content.contextSha256, r.sourceTopic, r.sourcePartition, r.sourceOffset, now, ch, prev, rh,
        content.v!, JSON.stringify(content.signals), JSON.stringify(content.reasons), content.senderDeclaredAge ?? null, JSON.stringify(content.participantAges)]);
      if (kept.keepText && (kept.text !== null || kept.context !== null)) {
        textParams.push([r.recordId, kept.text, kept.context ? JSON.stringify(kept.context) : null]);
      }
      prev = rh;
    }
    await this.insertChunked(tx, 'audit_rows', AUDIT_ROW_COLUMNS, AUDIT_ROW_TYPES, rowParams, 'ON CONFLICT (record_id) DO NOTHING');
    await this.insertChunked(tx, 'audit_texts', ['record_id', 'text', 'context'], ['text', 'text', 'text'], textParams, 'ON CONFLICT (record_id) DO NOTHING');
    if (rowParams.length) {
      await tx.query(`INSERT INTO audit_chain_head (id, seq, hash, updated_at) VALUES (1, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, updated_at = excluded.updated_at`, [seq, prev, now]);
    }
    return { inserted: rowParams.length, duplicates: records.length - rowParams.length - rejectedHere };
  }

  /**
   * Multi-row insert. PostgreSQL gets one statement of column arrays (`unnest`), whose text does not grow
   * with the batch, which the server parses far faster than thousands of placeholders; SQLite gets
   * multi-row VALUES in chunks.
   */
  private async insertChunked(tx: SqlRunner, table: string, columns: string[], pgTypes: string[], rows: SqlValue[][], tail: string): Promise<void> {
    if (!rows.length) return;
    if (this.db.dialect === 'postgres') {
      const arrays = columns.map((_, c) => rows.map((r) => r[c] as string | number | null));
      await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${pgTypes.map((t) => `?::${t}[]`).join(', ')}) ${tail}`, arrays);
      return;
    }
    for (let i = 0; i < rows.length; i += this.opts.insertChunk) {
      const part = rows.slice(i, i + this.opts.insertChunk);
      const one = `(${part[0]!.map(() => '?').join(',')})`;
      await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => one).join(',')} ${tail}`, part.flat());
    }
  }

  private async headIn(tx: SqlRunner): Promise<ChainHead> {
    const rows = await tx.query<{ seq: unknown; hash: string }>('SELECT seq, hash FROM audit_chain_head WHERE id = 1');
    const r = rows[0];
    return r ? { seq: Number(r.seq), hash: r.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  head(): Promise<ChainHead> { return this.headIn(this.db); }

  verify(): Promise<VerifyReport> { return verifyStore(this.db, this.opts.technicalRetentionMs); }

  retention(now: number): Promise<RetentionReport> { return runRetention(this.db, this.opts, now); }

  /** Cheap liveness probe used by the sink while it waits for the database to come back. */
  async ping(): Promise<boolean> {
    try { await this.db.query('SELECT 1'); return true; } catch (err) { if (isRetriable(err)) return false; throw err; }
  }

  close(): Promise<void> { return this.db.close(); }
}
