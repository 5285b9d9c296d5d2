import { connect } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import type { KafkaSecurityConfig } from '../common/config.js';
import { kafkajsSecurity } from './security.js';

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
 * Asks the brokers for cluster metadata (kafkajs admin describeCluster). Returns the cluster id and
 * broker count, or undefined if no Kafka answers. Silent: kafkajs logging is off for the probe.
 */
export async function describeCluster(brokers: string[], timeoutMs = 3000, security?: KafkaSecurityConfig): Promise<{ clusterId: string; brokers: number } | undefined> {
  const kafka = new Kafka({
    clientId: 'vigie-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(timeoutMs, 3000),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    ...kafkajsSecurity(security),
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const c = await admin.describeCluster();
    return { clusterId: c.clusterId, brokers: c.brokers.length };
  } catch {
    return undefined;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
