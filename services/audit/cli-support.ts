/** Small helpers shared by the audit/cases/evidence commands (main-level code: env passed in). */
import { createLogger, type Logger } from '../common/logger.js';
import { storeOptionsFromConfig } from './env.js';
import { loadConfig } from '../common/config.js';
import { resolveBrokersFromEnv } from '../kafka/brokers.js';
import { KafkaClient } from '../kafka/client.js';
import { AuditStore } from './store.js';
import { userInfo } from 'node:os';

type Env = Record<string, string | undefined>;

/** Level warn unless VIGIE_LOG_LEVEL says otherwise; redaction, VIGIE_LOG_FILE and VIGIE_LOG_FORMAT from the configuration (validated there). */
export function cliLogger(env: Env, name: string): Logger {
  const l = loadConfig(env).logging;
  return createLogger({ name, level: env.VIGIE_LOG_LEVEL ? l.level : 'warn', redact: l.redact, format: l.format, file: l.file });
}

export async function withStore<T>(env: Env, log: Logger, fn: (s: AuditStore) => Promise<T>): Promise<T> {
  const store = await AuditStore.open(storeOptionsFromConfig(loadConfig(env)), log);
  try { return await fn(store); } finally { await store.close(); }
}

/**
 * A client of the one Kafka factory: brokers from KAFKA_BROKERS, else testcontainers, else the local
 * broker (services/kafka/brokers.ts); TLS/SASL from the configuration. The caller closes it.
 */
export async function kafkaFromEnv(env: NodeJS.ProcessEnv, clientId: string, log: Logger): Promise<KafkaClient> {
  const r = await resolveBrokersFromEnv(env, (m) => log.info(m));
  log.info({ brokers: r.brokers, source: r.source }, 'kafka brokers');
  return new KafkaClient({ brokers: r.brokers, clientId, security: loadConfig(env).kafka.security }, log);
}

/** Parses an ISO-8601 instant for `--now`; a bad value is a usage problem, named. */
export function parseInstant(v: string, opt: string): number {
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(t)) throw new Error(`${opt}: not an ISO-8601 date/time: '${v}'`);
  return t;
}

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The OS account running this process (`os.userInfo()`: the effective user, whatever USER says), else `uid N`. */
export function osAccountName(): string {
  try { return userInfo().username; } catch { return `uid ${process.getuid?.() ?? '?'}`; }
}
