/**
 * Environment → options for the audit commands. Called only from command modules (main level), with
 * `process.env` passed in, so the components themselves never read the environment.
 */
import { compileAuditStoreOptions, type CompiledAuditStoreOptions } from './options.js';
import { compileAuditSinkOptions, type CompiledAuditSinkOptions } from './audit-sink.js';
import { ConfigError } from '../contracts/errors.js';
import type { WireFormat } from '../contracts/index.js';

type Env = Record<string, string | undefined>;

export const STORE_ENV_HELP = `environment (audit store):
  DATABASE_URL                     PostgreSQL URL; when unset the embedded SQLite store is used
  VIGIE_AUDIT_PG_SCHEMA            PostgreSQL schema (default public; created if missing)
  VIGIE_DATA_DIR                   data folder (default .data); SQLite file <dir>/audit.sqlite
  VIGIE_AUDIT_SQLITE               SQLite file path (overrides VIGIE_DATA_DIR)
  VIGIE_AUDIT_RETENTION_DAYS       days technical data are kept (default 365)
  VIGIE_AUDIT_TEXT_RETENTION_DAYS  days text of flagged messages is kept (default 180)`;

export const KAFKA_ENV_HELP = `environment (Kafka):
  KAFKA_BROKERS                    comma-separated host:port list (default: testcontainers if Docker answers, else the local broker)`;

function numOrUndefined(env: Env, name: string, problems: string[]): number | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) problems.push(`${name} must be a number (got '${v}')`);
  return n;
}

export function storeOptionsFromEnv(env: Env): CompiledAuditStoreOptions {
  const problems: string[] = [];
  const technicalRetentionDays = numOrUndefined(env, 'VIGIE_AUDIT_RETENTION_DAYS', problems);
  const textRetentionDays = numOrUndefined(env, 'VIGIE_AUDIT_TEXT_RETENTION_DAYS', problems);
  if (problems.length) throw new ConfigError(problems);
  return compileAuditStoreOptions({
    databaseUrl: env.DATABASE_URL || null,
    ...(env.VIGIE_AUDIT_PG_SCHEMA ? { pgSchema: env.VIGIE_AUDIT_PG_SCHEMA } : {}),
    ...(env.VIGIE_AUDIT_SQLITE ? { sqlitePath: env.VIGIE_AUDIT_SQLITE } : {}),
    ...(env.VIGIE_DATA_DIR ? { dataDir: env.VIGIE_DATA_DIR } : {}),
    ...(technicalRetentionDays !== undefined ? { technicalRetentionDays } : {}),
    ...(textRetentionDays !== undefined ? { textRetentionDays } : {}),
  });
}

export const SINK_ENV_HELP = `environment (audit sink):
  VIGIE_AUDIT_GROUP                consumer group (default vigie-audit-sink)
  VIGIE_TOPIC_AUDIT                audit records in (default moderation.audit)
  VIGIE_TOPIC_ESCALATIONS          escalations in (default moderation.escalations; empty = off)
  VIGIE_TOPIC_ACTIONS              moderation actions in (default moderation.actions; empty = off)
  VIGIE_TOPIC_BLOCKLIST            compacted enforcement topic out (default moderation.blocklist)
  VIGIE_INPUT_FORMAT               avro | json | auto (default auto)
  VIGIE_AUDIT_RETRY_MAX_MS         longest wait between store retries (default 10000)
  VIGIE_BLOCKLIST_INTERVAL_MS      enforcement expiry check period (default 15000)
  VIGIE_AUDIT_SESSION_TIMEOUT_MS   consumer session timeout, how long a dead sink holds its partitions (default 30000)
  VIGIE_AUDIT_FAULT_CRASH_AFTER_WRITES  tests only: exit right after the N-th store write, before its offset commit (default 0 = off)`;

export function sinkOptionsFromEnv(env: Env): CompiledAuditSinkOptions {
  const problems: string[] = [];
  const retryMaxMs = numOrUndefined(env, 'VIGIE_AUDIT_RETRY_MAX_MS', problems);
  const blocklistIntervalMs = numOrUndefined(env, 'VIGIE_BLOCKLIST_INTERVAL_MS', problems);
  const sessionTimeoutMs = numOrUndefined(env, 'VIGIE_AUDIT_SESSION_TIMEOUT_MS', problems);
  const crashAfterWrites = numOrUndefined(env, 'VIGIE_AUDIT_FAULT_CRASH_AFTER_WRITES', problems);
  if (problems.length) throw new ConfigError(problems);
  const pick = (name: string) => (env[name] !== undefined ? env[name] : undefined);
  return compileAuditSinkOptions({
    ...(pick('VIGIE_AUDIT_GROUP') !== undefined ? { groupId: pick('VIGIE_AUDIT_GROUP')! } : {}),
    ...(pick('VIGIE_TOPIC_AUDIT') !== undefined ? { auditTopic: pick('VIGIE_TOPIC_AUDIT')! } : {}),
    ...(pick('VIGIE_TOPIC_ESCALATIONS') !== undefined ? { escalationsTopic: pick('VIGIE_TOPIC_ESCALATIONS')! } : {}),
    ...(pick('VIGIE_TOPIC_ACTIONS') !== undefined ? { actionsTopic: pick('VIGIE_TOPIC_ACTIONS')! } : {}),
    ...(pick('VIGIE_TOPIC_BLOCKLIST') !== undefined ? { blocklistTopic: pick('VIGIE_TOPIC_BLOCKLIST')! } : {}),
    ...(pick('VIGIE_INPUT_FORMAT') !== undefined ? { inputFormat: pick('VIGIE_INPUT_FORMAT') as WireFormat } : {}),
    ...(retryMaxMs !== undefined ? { retryMaxMs, retryInitialMs: Math.min(200, retryMaxMs) } : {}),
    ...(blocklistIntervalMs !== undefined ? { blocklistIntervalMs } : {}),
    ...(sessionTimeoutMs !== undefined ? { sessionTimeoutMs } : {}),
    ...(crashAfterWrites !== undefined ? { crashAfterWrites } : {}),
  });
}
