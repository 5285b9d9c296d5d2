/**
 * The console's HTTP(S) server, apart from its pages: TLS or not, slow-client limits, connections per address (a trusted
 * proxy's not capped), and the security headers every answer carries. `startingConsole` binds the port before the
 * audit store is open (stop 52: a taken port was learnt only after the database work), answering 503 until the pages
 * are served.
 */
import { createServer as createHttp, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { HTTP_MAX_CONNECTIONS_PER_ADDRESS, httpServerOptions, httpsServerOptions, limitConnections } from '../common/http-limits.js';
import { addressKey, plainAddress, type TrustedProxies } from './client-address.js';
import type { CompiledConsoleOptions } from './options.js';

export const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    + "frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY', 'Cache-Control': 'no-store',
};

/** Whether a TCP peer is one of the trusted reverse proxies (VIGIE_CONSOLE_TRUSTED_PROXIES, compiled once: `CompiledConsoleOptions.trusted`). */
export function trustedProxyCheck(trusted: TrustedProxies | null): (remote: string | undefined) => boolean {
  return (remote) => { const p = plainAddress(remote ?? ''); return trusted !== null && p !== null && trusted.has(p); };
}

/** Slow clients: headers, whole request and connection count bounded (common/http-limits.ts); a trusted proxy's connections are not capped per address. */
export function consoleServer(opts: CompiledConsoleOptions, handler: RequestListener): Server {
  const given = { headersTimeoutMs: opts.headersTimeoutMs, requestTimeoutMs: opts.requestTimeoutMs };
  return limitConnections(opts.tls
    ? createHttps({ ...httpsServerOptions(given), cert: opts.tls.cert, key: opts.tls.key }, handler)
    : createHttp(httpServerOptions(given), handler), HTTP_MAX_CONNECTIONS_PER_ADDRESS, trustedProxyCheck(opts.trusted),
  (remote) => addressKey(plainAddress(remote) ?? remote));
}

/**
 * A console server to bind before its pages exist: every request is answered 503 (`/healthz` included), naming what
 * the start waits for (`waiting`: the audit store, then the Kafka brokers), until `serve` gives it the console's handler.
 */
export function startingConsole(opts: CompiledConsoleOptions): { server: Server; serve(handler: RequestListener): void; waiting(what: string): void } {
  let pages: RequestListener | null = null;
  let waitingFor = 'the audit store';
  const starting = (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(503, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '5' }).end(`the console is starting (waiting for ${waitingFor})\n`);
  };
  const server = consoleServer(opts, (req, res) => (pages ?? starting)(req, res));
  return { server, serve: (handler) => { pages = handler; }, waiting: (what) => { waitingFor = what; } };
}
