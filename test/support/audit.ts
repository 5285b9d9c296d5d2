/**
 * Shared by the audit unit and integration tests (not shipped behaviour): the two store back ends,
 * each test on a fresh database (SQLite temp file, or a fresh PostgreSQL schema), and record factories.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createLogger } from '../../services/common/logger.js';
import { sha256Hex } from '../../services/audit/canonical.js';
import { compileAuditStoreOptions, type AuditStoreOptions } from '../../services/audit/options.js';
import { AuditStore } from '../../services/audit/store.js';
import type { AuditRecordIn, EscalationIn, ModerationActionIn } from '../../services/audit/types.js';

/** PostgreSQL used by tests: VIGIE_TEST_DATABASE_URL, else the local server's `test` database as root. */
export const TEST_PG_URL = process.env.VIGIE_TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

export const silentLog = createLogger({ level: 'silent' });

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty database location (no store opened yet); `drop` removes it. */
  blank(): { where: AuditStoreOptions; drop: () => Promise<void> };
  /** Opens a store on a fresh database; `cleanup` drops it. */
  fresh(opts?: AuditStoreOptions): Promise<{ store: AuditStore; cleanup: () => Promise<void>; where: AuditStoreOptions }>;
}

export function randomSchema(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); } finally { await c.end(); }
}

export const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    blank() {
      const dir = mkdtempSync(join(tmpdir(), 'vigie-audit-'));
      return { where: { sqlitePath: join(dir, 'audit.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
    async fresh(opts = {}) {
      const { where: at, drop } = this.blank();
      const where = { ...opts, ...at };
      const store = await AuditStore.open(compileAuditStoreOptions(where), silentLog);
      return { store, where, cleanup: async () => { await store.close(); await drop(); } };
    },
  },
  {
    name: 'postgres',
    blank() {
      const schema = randomSchema();
      return { where: { databaseUrl: TEST_PG_URL, pgSchema: schema }, drop: () => dropSchema(TEST_PG_URL, schema) };
    },
    async fresh(opts = {}) {
      const { where: at, drop } = this.blank();
      const where = { ...opts, ...at };
      const store = await AuditStore.open(compileAuditStoreOptions(where), silentLog);
      return { store, where, cleanup: async () => { await store.close(); await drop(); } };
    },
  },
];

export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 0, 1);

/** An audit record; `flagged` gives it text and a context window, as the worker does for action != allow. */
export function auditRecord(i: number, o: Partial<AuditRecordIn> & { flagged?: boolean; benignText?: string } = {}): AuditRecordIn {
  const { flagged, benignText, ...over } = o;
  const text = flagged ? `message ${i}: tu as quel âge ? on se voit où ?` : (benignText ?? `hello ${i}`);
  const base: AuditRecordIn = {
    recordId: `m-${i}`, messageId: `m-${i}`, tenantId: 't1', conversationId: 'c-1', roomId: null,
    senderId: 'u-adult', recipientId: 'u-child', senderIp: `203.0.113.${i % 250}`, sentAt: T0 + i * 1000, decidedAt: T0 + i * 1000 + 5,
    action: flagged ? 'flag' : 'allow',
    categories: flagged ? [{ category: 'child_grooming', score: 0.91, sources: ['rule:fr.age-question', 'model:model@1', 'context:grooming'] }] : [],
    escalationPriority: null, signals: flagged ? [{ signal: 'age_inquiry', score: 0.8, sources: ['rule:fr.age-question'] }] : [],
    reasons: flagged ? ['u-child: stated age 13', 'grooming: age question then meeting request'] : [],
    senderDeclaredAge: 34, participantAges: flagged ? [{ userId: 'u-adult', declaredAge: 34, statedAge: null }, { userId: 'u-child', declaredAge: 13, statedAge: 13 }] : [],
    modelVersion: 'model@1', rulesVersion: 'rules@1', policyVersion: 'policy@1',
    text: flagged ? text : null, textSha256: sha256Hex(text), textRepaired: false,
    context: flagged ? [{ messageId: `m-${i - 1}`, senderId: 'u-child', sentAt: T0 + (i - 1) * 1000, text: 'salut' }] : [],
    sourceTopic: 'chat.messages', sourcePartition: 0, sourceOffset: String(i),
  };
  return { ...base, ...over };
}

export function escalation(id: string, o: Partial<EscalationIn> = {}): EscalationIn {
  return {
    escalationId: id, priority: 'P1', category: 'child_grooming', categories: ['child_grooming'], conversationId: 'c-1',
    messageId: 'm-3', senderId: 'u-adult', recipientId: 'u-child', reason: 'age inquiry then meetup request',
    evidenceMessageIds: ['m-1', 'm-2', 'm-3'], createdAt: T0 + 3000, ...o,
  };
}

export function modAction(id: string, o: Partial<ModerationActionIn> = {}): ModerationActionIn {
  return {
    actionId: id, messageId: 'm-3', conversationId: 'c-1', targetUserId: 'u-adult', action: 'mute', durationMs: DAY,
    reason: 'grooming pattern', categories: ['child_grooming'], issuedAt: T0, ...o,
  };
}
