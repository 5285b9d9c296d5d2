/**
 * Limits of every HTTP server Vigie runs (the review console; the health and metrics ports of the classifier
 * and the audit sink) against slow or greedy clients. Node's own defaults let a client take 60 s to send its
 * headers and 300 s to send a body, with no cap on connections: a few thousand sockets trickling one byte at
 * a time held the console for five minutes each. Here: headers within 10 s, the whole request within 30 s,
 * idle keep-alive 5 s, headers at most 16 KiB, 1,000 connections at once (more are refused at accept).
 * Request bodies are capped by the handlers (the console reads forms of at most 64 KiB).
 */
import type { Server, ServerOptions } from 'node:http';

export interface HttpLimits {
  /** Milliseconds to receive the request headers (slowloris). */
  headersTimeoutMs: number;
  /** Milliseconds to receive the whole request, body included (slow body). */
  requestTimeoutMs: number;
}

export const HTTP_LIMITS: HttpLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 };
export const HTTP_MAX_CONNECTIONS = 1000;

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

/** What cannot be given at creation: the connection cap. Returns the server. */
export function limitConnections<S extends Server>(server: S): S {
  server.maxConnections = HTTP_MAX_CONNECTIONS;
  return server;
}
