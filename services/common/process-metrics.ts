/**
 * prom-client's default process metrics (CPU, memory, event loop, GC, handles) for a service's registry, minus
 * `nodejs_version_info`: /metrics has no authentication (127.0.0.1 by default, but VIGIE_*_HTTP_HOST can open it to a
 * network), and the exact Node version only helps someone matching it against known vulnerabilities.
 */
import { collectDefaultMetrics, type Registry } from 'prom-client';

export function collectProcessMetrics(registry: Registry, prefix: string): void {
  collectDefaultMetrics({ register: registry, prefix });
  registry.removeSingleMetric(`${prefix}nodejs_version_info`);
}
