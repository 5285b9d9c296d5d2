import { join } from 'node:path';
import { ConfigError } from '../contracts/errors.js';
import type { PgConnectionConfig } from '../common/config.js';

const DAY_MS = 86_400_000;

/** Where the audit store lives and how long it keeps what. */
export interface AuditStoreOptions {
  /** PostgreSQL connection URL. Default: none, i.e. the embedded SQLite store. */
  databaseUrl?: string | null;
  /** PostgreSQL schema to use (created if missing). Default 'public'. */
  pgSchema?: string;
  /** SQLite file. Default `<dataDir>/audit.sqlite`. */
  sqlitePath?: string;
  /** Data folder for the SQLite file. Default `.data`. */
  dataDir?: string;
  /**
   * Days the technical data of every message (ids, IP, timestamps, verdict, versions, source
   * position) are kept. Default 365: the one-year period for identification data (France,
   * décret n° 2011-219 / LCEN art. 6-II); after it the row becomes a tombstone that keeps only its hashes.
   */
  technicalRetentionDays?: number;
  /**
   * Days the text (and context window) of flagged/escalated messages is kept. Default 180: long enough
   * for review and a lawful request, shorter than the technical data because text is the most intrusive
   * part. A legal hold keeps it longer.
   */
  textRetentionDays?: number;
  /** Max rows per INSERT statement inside a batch transaction. Default 500. */
  insertChunk?: number;
  /** PostgreSQL password and TLS (common/config.ts compiles them). Default: as the URL says. */
  pgConnection?: PgConnectionConfig;
}

export interface CompiledAuditStoreOptions {
  backend: 'postgres' | 'sqlite';
  databaseUrl: string | null;
  pgSchema: string;
  sqlitePath: string;
  technicalRetentionMs: number;
  textRetentionMs: number;
  insertChunk: number;
  pgConnection: PgConnectionConfig;
}

export function compileAuditStoreOptions(raw: AuditStoreOptions = {}): CompiledAuditStoreOptions {
  const problems: string[] = [];
  const days = (name: string, v: number | undefined, dflt: number): number => {
    const d = v ?? dflt;
    if (!Number.isFinite(d) || d <= 0) problems.push(`${name} must be a positive number of days (got ${String(v)})`);
    return d * DAY_MS;
  };
  const technicalRetentionMs = days('technicalRetentionDays', raw.technicalRetentionDays, 365);
  const textRetentionMs = days('textRetentionDays', raw.textRetentionDays, 180);
  const pgSchema = raw.pgSchema ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(pgSchema)) problems.push(`pgSchema must be a lower-case SQL identifier (got '${pgSchema}')`);
  const insertChunk = raw.insertChunk ?? 500;
  if (!Number.isInteger(insertChunk) || insertChunk < 1 || insertChunk > 2000) problems.push(`insertChunk must be an integer in 1..2000 (got ${insertChunk})`);
  const databaseUrl = raw.databaseUrl ? raw.databaseUrl : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push(`databaseUrl must start with postgres:// (got '${databaseUrl.replace(/:[^:@/]*@/, ':***@')}')`);
  if (problems.length) throw new ConfigError(problems);
  return {
    backend: databaseUrl ? 'postgres' : 'sqlite',
    databaseUrl,
    pgSchema,
    sqlitePath: raw.sqlitePath ?? join(raw.dataDir ?? '.data', 'audit.sqlite'),
    technicalRetentionMs,
    textRetentionMs,
    insertChunk,
    pgConnection: raw.pgConnection ?? { password: null, ssl: null },
  };
}
