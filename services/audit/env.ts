/**
 * Configuration → options for the audit commands. The configuration is read once, by
 * common/config.ts (environment, VIGIE_CONFIG file, flags); command modules pass it here, so the
 * components themselves never read the environment.
 */
import { compileAuditStoreOptions, type CompiledAuditStoreOptions } from './options.js';
import { compileAuditSinkOptions, type CompiledAuditSinkOptions } from './audit-sink.js';
import { envHelp, kafkaSecurityHelp, type VigieConfig } from '../common/config.js';
import { ConfigError } from '../contracts/errors.js';
import { pgSettingsWithoutUrl } from './store-backend-check.js';

export const STORE_ENV_HELP = `environment (audit store):
${envHelp(['DATABASE_URL', 'DATABASE_PASSWORD', 'DATABASE_SSLMODE', 'DATABASE_SSL_CA_FILE', 'VIGIE_AUDIT_PG_SCHEMA', 'VIGIE_DATA_DIR', 'VIGIE_AUDIT_SQLITE',
    'VIGIE_AUDIT_RETENTION_DAYS', 'VIGIE_AUDIT_TEXT_RETENTION_DAYS'])}`;

export const KAFKA_ENV_HELP = `environment (Kafka):
${envHelp(['KAFKA_BROKERS', 'VIGIE_TOPIC_PREFIX'])}
${kafkaSecurityHelp()}`;

export function storeOptionsFromConfig(cfg: VigieConfig): CompiledAuditStoreOptions {
  const ignored = pgSettingsWithoutUrl(cfg.database);
  if (ignored.length) throw new ConfigError(ignored);
  return compileAuditStoreOptions({
    databaseUrl: cfg.database.url,
    pgSchema: cfg.audit.pgSchema,
    sqlitePath: cfg.database.sqlitePath,
    technicalRetentionDays: cfg.audit.retentionDays,
    textRetentionDays: cfg.audit.textRetentionDays,
    pgConnection: cfg.database.pg,
  });
}

export const SINK_ENV_HELP = `environment (audit sink):
${envHelp(['VIGIE_AUDIT_GROUP', 'VIGIE_TOPIC_AUDIT', 'VIGIE_TOPIC_ESCALATIONS', 'VIGIE_TOPIC_ACTIONS', 'VIGIE_TOPIC_BLOCKLIST', 'VIGIE_AUDIT_ESCALATIONS',
    'VIGIE_AUDIT_ACTIONS', 'VIGIE_AUDIT_RETRY_MAX_MS', 'VIGIE_BLOCKLIST_INTERVAL_MS', 'VIGIE_AUDIT_SESSION_TIMEOUT_MS',
    'VIGIE_AUDIT_FAULT_CRASH_AFTER_WRITES'])}
  Topic names carry VIGIE_TOPIC_PREFIX, as every other command's do.`;

/** The sink's topics are the configuration's, so VIGIE_TOPIC_PREFIX applies to them as to every other service. */
export function sinkOptionsFromConfig(cfg: VigieConfig): CompiledAuditSinkOptions {
  const t = cfg.kafka.topics, a = cfg.audit;
  return compileAuditSinkOptions({
    groupId: a.groupId,
    auditTopic: t.audit,
    escalationsTopic: a.consumeEscalations ? t.escalations : '',
    actionsTopic: a.consumeActions ? t.actions : '',
    blocklistTopic: t.blocklist,
    // The sink reads Vigie's own records (what the classifier writes: VIGIE_OUTPUT_FORMAT, Avro by default), never the
    // platform's chat messages: VIGIE_INPUT_FORMAT (the chat messages' format) does not apply. Read by their first byte,
    // so records written before an output-format change still decode (stop 41: with VIGIE_INPUT_FORMAT=json in one
    // environment file for every service, the sink rejected every Avro audit record as not UTF-8).
    inputFormat: 'auto',
    retryMaxMs: a.retryMaxMs,
    retryInitialMs: Math.min(200, a.retryMaxMs),
    blocklistIntervalMs: a.blocklistIntervalMs,
    sessionTimeoutMs: a.sessionTimeoutMs,
    crashAfterWrites: a.crashAfterWrites,
  });
}
