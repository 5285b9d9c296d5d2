/**
 * Options of the one Kafka client factory (client.ts): brokers, client id, TLS/SASL, timeouts and
 * retries, compiled once. Every Vigie process that talks to Kafka gets its clients from there.
 */
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { ConfigError } from '../contracts/errors.js';
import type { KafkaSecurityConfig } from '../common/config.js';
import { parseBrokerList } from './broker-list.js';
import { errorTree } from './error-tree.js';

export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

export interface KafkaClientOptions {
  /** Bootstrap brokers, host:port. Required. */
  brokers: string[] | string;
  /** Client id of every connection (a suffix per role is added: `-producer`, `-consumer`, `-admin`). Default 'vigie'. */
  clientId?: string;
  /** TLS options (node:tls), or true for TLS with the system CAs. Default: plaintext. */
  tls?: TlsOptions | boolean;
  /** SASL credentials. Default: none. */
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  /**
   * TLS and SASL of the one configuration (cfg.kafka.security, PEM files already read); fills `tls` and
   * `sasl` when those are not given.
   */
  security?: KafkaSecurityConfig;
  /** Time to open a connection. Default 5000 ms. */
  connectTimeoutMs?: number;
  /** Time for one request; also the transaction timeout of transactional producers. Default 30000 ms. */
  requestTimeoutMs?: number;
  /** Attempts after a retriable failure. Default 8. */
  retries?: number;
  /** First backoff, doubled per attempt up to `maxRetryDelayMs`. Default 100 ms. */
  retryDelayMs?: number;
  /** Longest backoff. Default 2000 ms. */
  maxRetryDelayMs?: number;
  /**
   * Backoff for CONCURRENT_TRANSACTIONS (the coordinator is still writing the previous transaction's
   * markers) and UNSTABLE_OFFSET_COMMIT (a transaction holding offsets is still open): a few ms,
   * as the Java client does (20 ms). Default 20 ms.
   */
  transactionRetryDelayMs?: number;
}

export interface CompiledKafkaClientOptions {
  brokers: string[];
  clientId: string;
  tls: TlsOptions | undefined;
  sasl: { mechanism: SaslMechanism; username: string; password: string } | undefined;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  retries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  transactionRetryDelayMs: number;
}

const MECHANISMS: readonly SaslMechanism[] = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'];

export function compileKafkaClientOptions(raw: KafkaClientOptions): CompiledKafkaClientOptions {
  const problems: string[] = [];
  let brokers: string[] = [];
  try {
    brokers = parseBrokerList(Array.isArray(raw.brokers) ? raw.brokers.join(',') : String(raw.brokers ?? ''));
  } catch (err) {
    problems.push((err as Error).message);
  }
  const num = (name: string, v: number | undefined, dflt: number, min: number): number => {
    const n = v ?? dflt;
    if (!Number.isInteger(n) || n < min) problems.push(`kafka ${name} must be an integer >= ${min}, got ${String(v)}`);
    return n;
  };
  const clientId = raw.clientId ?? 'vigie';
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(clientId)) problems.push(`kafka clientId ${JSON.stringify(clientId)}: letters, digits, . _ - only`);
  if (raw.sasl && !MECHANISMS.includes(raw.sasl.mechanism)) problems.push(`kafka sasl.mechanism ${JSON.stringify(raw.sasl.mechanism)}: one of ${MECHANISMS.join(', ')}`);
  const fromConfig = raw.security ? securityOptions(raw.security) : {};
  const tls = raw.tls ?? fromConfig.tls;
  const o: CompiledKafkaClientOptions = {
    brokers,
    clientId,
    tls: tls === true ? {} : tls || undefined,
    sasl: raw.sasl ?? fromConfig.sasl,
    connectTimeoutMs: num('connectTimeoutMs', raw.connectTimeoutMs, 5000, 1),
    requestTimeoutMs: num('requestTimeoutMs', raw.requestTimeoutMs, 30_000, 1),
    retries: num('retries', raw.retries, 8, 0),
    retryDelayMs: num('retryDelayMs', raw.retryDelayMs, 100, 0),
    maxRetryDelayMs: num('maxRetryDelayMs', raw.maxRetryDelayMs, 2000, 0),
    transactionRetryDelayMs: num('transactionRetryDelayMs', raw.transactionRetryDelayMs, 20, 0),
  };
  if (problems.length) throw new ConfigError(problems);
  return o;
}

/** node:tls options and SASL credentials from the configuration's KafkaSecurityConfig (secrets revealed only here). */
export function securityOptions(sec: KafkaSecurityConfig): Pick<KafkaClientOptions, 'tls' | 'sasl'> {
  const out: Pick<KafkaClientOptions, 'tls' | 'sasl'> = {};
  if (sec.tls) {
    out.tls = {
      ...(sec.tls.ca !== null ? { ca: sec.tls.ca } : {}),
      ...(sec.tls.cert !== null ? { cert: sec.tls.cert } : {}),
      ...(sec.tls.key !== null ? { key: sec.tls.key.reveal() } : {}),
    };
  }
  if (sec.sasl) out.sasl = { mechanism: sec.sasl.mechanism, username: sec.sasl.username, password: sec.sasl.password.reveal() };
  return out;
}

/** Broker error codes that clear within milliseconds once a transaction's markers are written. */
const FAST_RETRY = new Set(['CONCURRENT_TRANSACTIONS', 'UNSTABLE_OFFSET_COMMIT']);

/** The broker error ids (e.g. 'CONCURRENT_TRANSACTIONS') of an error and of every error it aggregates or wraps. */
export function brokerErrorIds(err: unknown): string[] {
  const out: string[] = [];
  for (const e of errorTree(err)) if (typeof e.apiId === 'string') out.push(e.apiId);
  return out;
}

/** Delay before retry number `attempt` (1-based) of an operation that failed with `err`. */
export function retryDelayFor(o: CompiledKafkaClientOptions, attempt: number, err: unknown): number {
  if (brokerErrorIds(err).some((id) => FAST_RETRY.has(id))) return o.transactionRetryDelayMs;
  return Math.min(o.maxRetryDelayMs, o.retryDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** Client-library codes of a broker away or failing (network, timeout, a broker's error answer, several of them). */
const BROKER_FAILURE_CODES = new Set(['PLT_KFK_NETWORK', 'PLT_KFK_TIMEOUT', 'PLT_KFK_MULTIPLE', 'PLT_KFK_RESPONSE']);

/** The `code`s of an error, of its `errors` (an aggregate) and of its causes, in that order. */
export function errorCodes(err: unknown): string[] {
  const out: string[] = [];
  for (const e of errorTree(err)) if (typeof e.code === 'string') out.push(e.code);
  return out;
}

const isBrokerFailure = (err: unknown): boolean => errorCodes(err).some((c) => BROKER_FAILURE_CODES.has(c));

/**
 * What a log line keeps of a failed Kafka operation: when the broker is away or failing (the client library's network,
 * timeout or broker-answer errors, anywhere in the chain), the one-line chain (`fetch failed 9 times. <- Connection
 * closed <- connect ECONNREFUSED …`): an outage is expected, and a 10-line library stack per warning hid what happened;
 * any other error as it is (its stack: a bug).
 */
export const logErr = (err: unknown): unknown => (isBrokerFailure(err) ? errorChain(err).join(' <- ') || String(err) : err);

/** Messages of an error and of every error it aggregates or wraps, for logs: the library nests its causes. */
export function errorChain(err: unknown): string[] {
  const out: string[] = [];
  for (const e of errorTree(err)) {
    const msg = `${typeof e.apiId === 'string' ? `${e.apiId}: ` : ''}${String(e.message ?? '')}`;
    if (msg && !out.includes(msg)) out.push(msg);
  }
  return out;
}
