/** /livez, /readyz and /metrics for the classifier worker. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { httpServerOptions, limitConnections } from '../common/http-limits.js';
import { listenOn, type ListenSettings } from '../common/listen.js';

/** Not live: why, shown as JSON in the 503's body (e.g. the step that stalls, or the input pending without commit). */
export interface Liveness { live: boolean; reason?: unknown }

export interface Probe {
  /** Live, or not (with a reason): an orchestrator's liveness probe restarts a process that is not. */
  live(): boolean | Liveness;
  /** Ready: group joined, every assigned partition restored. `detail` is shown in the body. */
  ready(): { ready: boolean; detail: unknown };
}

/** `settings` names the variables that chose host and port, for the one-line error when the port cannot be had. */
export async function startHttpServer(host: string, port: number, probe: Probe, registry: Registry, settings: ListenSettings): Promise<{ server: Server; port: number }> {
  const server = limitConnections(createServer(httpServerOptions(), (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/livez') {
      const l = probe.live();
      const { live, reason } = typeof l === 'boolean' ? { live: l, reason: undefined } : l;
      if (live) res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      else res.writeHead(503, { 'content-type': 'application/json' }).end(`${JSON.stringify({ live: false, reason: reason ?? 'stopped on a fatal error' })}\n`);
    } else if (path === '/readyz') {
      const r = probe.ready();
      res.writeHead(r.ready ? 200 : 503, { 'content-type': 'application/json' }).end(`${JSON.stringify({ ready: r.ready, ...(r.detail as object) })}\n`);
    } else if (path === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (err: unknown) => res.writeHead(500).end(String(err)),
      );
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('try /livez, /readyz or /metrics\n');
    }
  }));
  await listenOn(server, port, host, settings);
  return { server, port: (server.address() as AddressInfo).port };
}
