/** Small helpers shared by the audit/cases/evidence commands (main-level code: env passed in). */
import { Kafka, logLevel } from 'kafkajs';
import { createLogger, type Logger } from '../common/logger.js';
import { brokersFromEnv, storeOptionsFromEnv } from './env.js';
import { AuditStore } from './store.js';

type Env = Record<string, string | undefined>;

export function cliLogger(env: Env, name: string): Logger {
  return createLogger({ name, level: env.VIGIE_LOG_LEVEL ?? 'warn', redact: env.VIGIE_LOG_REDACT !== 'false' });
}

export async function withStore<T>(env: Env, log: Logger, fn: (s: AuditStore) => Promise<T>): Promise<T> {
  const store = await AuditStore.open(storeOptionsFromEnv(env), log);
  try { return await fn(store); } finally { await store.close(); }
}

export function kafkaFromEnv(env: Env, clientId: string): Kafka {
  return new Kafka({ clientId, brokers: brokersFromEnv(env), logLevel: logLevel.NOTHING, retry: { retries: 5 } });
}

/** Parses an ISO-8601 instant for `--now`; a bad value is a usage problem, named. */
export function parseInstant(v: string, opt: string): number {
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(t)) throw new Error(`${opt}: not an ISO-8601 date/time: '${v}'`);
  return t;
}

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
