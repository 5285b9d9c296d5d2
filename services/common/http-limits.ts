/**
 * Limits of every HTTP server Vigie runs (the review console; the health and metrics ports of the classifier
 * and the audit sink) against slow or greedy clients. Node's own defaults let a client take 60 s to send its
 * headers and 300 s to send a body, with no cap on connections: a few thousand sockets trickling one byte at
 * a time held the console for five minutes each. Here: headers within 10 s, the whole request within 30 s,
 * idle keep-alive 5 s (a TLS handshake within the headers limit too), headers at most 16 KiB, at most 256
 * connections at once from one address (more from it are closed at accept; no global cap, which one client
 * could fill to lock everyone else out).
 * Request bodies are capped by the handlers (the console reads forms of at most 64 KiB).
 */
import type { ServerOptions } from 'node:http';
import type { Server as NetServer, Socket } from 'node:net';

export interface HttpLimits {
  /** Milliseconds to receive the request headers (slowloris). */
  headersTimeoutMs: number;
  /** Milliseconds to receive the whole request, body included (slow body). */
  requestTimeoutMs: number;
}

export const HTTP_LIMITS: HttpLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 };
/** Connections open at once from one remote address (a reverse proxy counts as one address). */
export const HTTP_MAX_CONNECTIONS_PER_ADDRESS = 256;

/** Options for http.createServer / https.createServer. */
export function httpServerOptions(limits: HttpLimits = HTTP_LIMITS): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: 5000,
    maxHeaderSize: 16 * 1024,
    // How often Node checks the two timeouts above (default 30 s, which would let a slow client live up to 30 s longer).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  };
}

/** Options for https.createServer: the same, and the TLS handshake bounded by the headers limit (default 120 s). */
export function httpsServerOptions(limits: HttpLimits = HTTP_LIMITS): ServerOptions & { handshakeTimeout: number } {
  return { ...httpServerOptions(limits), handshakeTimeout: limits.headersTimeoutMs };
}

/**
 * What cannot be given at creation: at most `perAddress` connections open at once from one remote address
 * (counted at accept, before any TLS handshake; the extra socket is destroyed). `exempt` peers (the console's
 * trusted reverse proxies, which carry many clients and limit them themselves) are not counted. `keyOf` names the
 * group a remote address is counted in (the console counts an IPv6 address by its /64, as its login limit does).
 * Returns the server.
 */
export function limitConnections<S extends NetServer>(server: S, perAddress = HTTP_MAX_CONNECTIONS_PER_ADDRESS, exempt: (remoteAddress: string) => boolean = () => false, keyOf: (remoteAddress: string) => string = (a) => a): S {
  const open = new SlotsPerKey(perAddress);
  server.on('connection', (socket: Socket) => {
    const remote = socket.remoteAddress ?? '';
    if (exempt(remote)) return;
    const key = keyOf(remote);
    if (!open.take(key)) {
      socket.destroy();
      return;
    }
    socket.once('close', () => open.release(key));
  });
  return server;
}

/** At most `max` things in use at once per key (connections per address, requests per client): take, then release. */
export class SlotsPerKey {
  private readonly used = new Map<string, number>();
  constructor(private readonly max: number) {}

  /** Takes one of the key's slots; false (nothing taken) when all `max` are in use. */
  take(key: string): boolean {
    const n = (this.used.get(key) ?? 0) + 1;
    if (n > this.max) return false;
    this.used.set(key, n);
    return true;
  }

  /** Gives back one slot the key took. */
  release(key: string): void {
    const left = (this.used.get(key) ?? 1) - 1;
    if (left <= 0) this.used.delete(key);
    else this.used.set(key, left);
  }
}
