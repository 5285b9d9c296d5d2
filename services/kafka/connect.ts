import type { Admin } from '@platformatic/kafka';
import { KafkaIoError } from '../contracts/errors.js';
import type { KafkaSecurityConfig, VigieConfig } from '../common/config.js';
import { createLogger } from '../common/logger.js';
import { KafkaClient } from './client.js';
import { compileLocalBrokerOptions, localBrokerRawFromConfig } from './local-broker-options.js';
import { resolveBrokers, type ResolvedBrokers } from './brokers.js';
import { bootstrapAddress, type Report } from './local-broker.js';
import { describeCluster } from './probe.js';

/**
 * Brokers for a CLI command: KAFKA_BROKERS (config) if set, else the local broker — started when
 * `startLocal` (vigie up), otherwise required to be running already (topics commands must not start
 * a broker as a side effect). No testcontainers here: a container would die with the command.
 */
export async function brokersForCommand(cfg: VigieConfig, env: NodeJS.ProcessEnv, opts: { startLocal: boolean; report?: Report }): Promise<ResolvedBrokers> {
  // The local broker's settings are read only when it is used (KAFKA_BROKERS unset): `--help` lists what a command reads.
  const local = () => compileLocalBrokerOptions(localBrokerRawFromConfig(cfg.localBroker));
  if (cfg.kafka.brokers || opts.startLocal) {
    return resolveBrokers({
      brokersList: cfg.kafka.brokers?.join(','),
      useTestcontainers: false,
      localBroker: local,
      ...(opts.report ? { report: opts.report } : {}),
    });
  }
  const bootstrap = bootstrapAddress(local());
  if (!(await describeCluster([bootstrap], 3000, cfg.kafka.security))) {
    throw new KafkaIoError(`no Kafka broker answers on ${bootstrap}: start the local one with \`npm run kafka:up\` (or \`vigie up\`), or set KAFKA_BROKERS`);
  }
  return { brokers: [bootstrap], source: 'local', description: `local broker at ${bootstrap}` };
}

/**
 * Runs fn with an admin client of the one client factory (with the configuration's TLS/SASL when given),
 * closing it afterwards. A broker that does not answer is a KafkaIoError naming the brokers.
 */
export async function withAdmin<T>(brokers: string[], clientId: string, fn: (admin: Admin) => Promise<T>, security?: KafkaSecurityConfig): Promise<T> {
  const client = new KafkaClient({ brokers, clientId, retries: 3, ...(security ? { security } : {}) }, createLogger({ level: 'error' }));
  const admin = client.admin();
  try {
    await admin.metadata({ topics: [] });
  } catch (err) {
    await client.close();
    throw new KafkaIoError(`cannot connect to Kafka at ${brokers.join(',')}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return await fn(admin);
  } finally {
    await client.close();
  }
}
