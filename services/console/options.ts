import { ConfigError } from '../contracts/errors.js';
import type { Priority } from '../audit/types.js';
import { HTTP_LIMITS } from '../common/http-limits.js';
import { LISTEN_HOST_EXPECTED, parseListenHost } from '../common/listen-host.js';
import { compileTrustedProxies, type TrustedProxies } from './client-address.js';

/** Options of the review console (`vigie console`). Every field has a documented default. */
export interface ConsoleOptions {
  /** TCP port. Default 8080 (`VIGIE_CONSOLE_PORT`); 0 picks a free one. */
  port?: number;
  /** Address to listen on. Default 127.0.0.1 (`VIGIE_CONSOLE_HOST`); an IPv6 address with or without brackets. */
  host?: string;
  /** Time since escalation within which a case should be reviewed, per priority. Default P0 15 min, P1 4 h, P2 24 h. */
  targetsMs?: Partial<Record<Priority, number>>;
  /** Cases per queue page. Default 50. */
  pageSize?: number;
  /** How long the queue header's open-case counts may be reused. Default 5 s (0 = every page). */
  headerCacheMs?: number;
  /** Idle session lifetime. Default 8 h. */
  sessionTtlMs?: number;
  /** Failed logins per user name (and per client address) within the window before logins are refused. Default 5 in 15 min. */
  loginMaxFailures?: number;
  loginWindowMs?: number;
  /** Milliseconds a client has to send its request headers, and its whole request. Default 10 s and 30 s (common/http-limits.ts). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /**
   * The console sits behind a reverse proxy that terminates TLS (browsers reach it over HTTPS): cookies get
   * `Secure`, and plain HTTP on a non-loopback address is accepted. Default false (VIGIE_CONSOLE_TLS_PROXY).
   */
  tlsProxy?: boolean;
  /**
   * Addresses or CIDR ranges of the reverse proxies in front (VIGIE_CONSOLE_TRUSTED_PROXIES). A request whose TCP
   * peer is one of them is counted (login rate limit, requests at once) against the client address its
   * X-Forwarded-For gives (rightmost untrusted entry), and the proxy's own connections are not capped per
   * address. Default none: X-Forwarded-For is never read.
   */
  trustedProxies?: string[];
  /** PEM certificate and key: served over HTTPS, cookies get `Secure`. Default none (plain HTTP on loopback). */
  tls?: { cert: string; key: string } | null;
}

export type CompiledConsoleOptions = Required<Omit<ConsoleOptions, 'targetsMs' | 'tls'>>
  & {
    targetsMs: Record<Priority, number>; tls: { cert: string; key: string } | null;
    /**
     * `trustedProxies` compiled, here only (stop 54: it was compiled again by the server and by the login limiter's
     * handler): the connection cap and the client address read the same list. Null = no trusted proxy.
     */
    trusted: TrustedProxies | null;
  };

const MIN = 60_000;

export function compileConsoleOptions(raw: ConsoleOptions = {}): CompiledConsoleOptions {
  const o: CompiledConsoleOptions = {
    port: raw.port ?? 8080,
    host: raw.host ?? '127.0.0.1',
    targetsMs: { P0: 15 * MIN, P1: 4 * 60 * MIN, P2: 24 * 60 * MIN, ...raw.targetsMs },
    pageSize: raw.pageSize ?? 50,
    headerCacheMs: raw.headerCacheMs ?? 5000,
    sessionTtlMs: raw.sessionTtlMs ?? 8 * 60 * MIN,
    loginMaxFailures: raw.loginMaxFailures ?? 5,
    loginWindowMs: raw.loginWindowMs ?? 15 * MIN,
    headersTimeoutMs: raw.headersTimeoutMs ?? HTTP_LIMITS.headersTimeoutMs,
    requestTimeoutMs: raw.requestTimeoutMs ?? HTTP_LIMITS.requestTimeoutMs,
    tlsProxy: raw.tlsProxy ?? false,
    trustedProxies: raw.trustedProxies ?? [],
    tls: raw.tls ?? null,
    trusted: null,
  };
  const problems: string[] = [];
  const host = parseListenHost(o.host);
  if (host === null) problems.push(`console host (VIGIE_CONSOLE_HOST) must be ${LISTEN_HOST_EXPECTED} (got '${o.host}')`);
  else o.host = host;
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) problems.push(`console port must be 0..65535 (got ${o.port})`);
  if (!Number.isInteger(o.pageSize) || o.pageSize < 1 || o.pageSize > 500) problems.push(`console page size must be 1..500 (got ${o.pageSize})`);
  for (const [p, ms] of Object.entries(o.targetsMs)) if (!(ms > 0)) problems.push(`review target for ${p} must be > 0 ms (got ${ms})`);
  if (!(o.sessionTtlMs >= MIN)) problems.push('console session lifetime must be at least one minute');
  if (!(o.loginMaxFailures >= 1) || !(o.loginWindowMs >= 1000)) problems.push('login rate limit: at least 1 failure in at least 1 s');
  if (!(o.headersTimeoutMs >= 100) || !(o.requestTimeoutMs >= o.headersTimeoutMs)) problems.push('console timeouts: headers at least 100 ms, the request at least as long as the headers');
  const trusted = compileTrustedProxies(o.trustedProxies);
  problems.push(...trusted.problems);
  o.trusted = trusted.proxies;
  // Passwords and session cookies in clear on a network: refused unless TLS is served here or by a proxy in front.
  if (host !== null && !o.tls && !o.tlsProxy && !isLoopback(o.host)) {
    problems.push(`console on ${o.host} over plain HTTP would send passwords and session cookies in clear: set VIGIE_CONSOLE_TLS_CERT and VIGIE_CONSOLE_TLS_KEY, `
      + 'or VIGIE_CONSOLE_TLS_PROXY=true behind a reverse proxy that terminates TLS, or listen on 127.0.0.1');
  }
  if (problems.length) throw new ConfigError(problems);
  return o;
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only (an address as parseListenHost returns it, no brackets). */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\./.test(h);
}
