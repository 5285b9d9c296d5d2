import { connect } from 'node:net';
import type { KafkaSecurityConfig } from '../common/config.js';
import { createLogger } from '../common/logger.js';
import { KafkaClient } from './client.js';

/** True if something accepts a TCP connection on host:port within timeoutMs. Cheap first check. */
export function tcpOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    const done = (ok: boolean) => { sock.destroy(); resolve(ok); };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

/**
 * Asks the brokers for cluster metadata (one Metadata request through the client factory, no retry).
 * TLS/SASL as `security` says. Returns the cluster id and broker count, or undefined if no Kafka answers. Silent: the probe logs nothing.
 */
export async function describeCluster(brokers: string[], timeoutMs = 3000, security?: KafkaSecurityConfig): Promise<{ clusterId: string; brokers: number } | undefined> {
  const client = new KafkaClient({
    brokers, clientId: 'vigie-probe', connectTimeoutMs: Math.min(timeoutMs, 3000), requestTimeoutMs: timeoutMs, retries: 0,
    ...(security ? { security } : {}),
  }, createLogger({ level: 'silent' }));
  try {
    const meta = await client.admin().metadata({ topics: [] });
    return { clusterId: meta.id, brokers: meta.brokers.size };
  } catch {
    return undefined;
  } finally {
    await client.close();
  }
}
