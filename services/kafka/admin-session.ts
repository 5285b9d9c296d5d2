/**
 * One admin request session for a CLI command: a client of the one factory (TLS/SASL from the
 * configuration), its admin handed to `fn`, everything closed afterwards. A failure names the brokers.
 */
import type { Admin } from '@platformatic/kafka';
import type { VigieConfig } from '../common/config.js';
import { createLogger } from '../common/logger.js';
import { KafkaIoError, VigieError } from '../contracts/errors.js';
import { errorChain } from './client-options.js';
import { KafkaClient } from './client.js';

export async function withClientAdmin<T>(cfg: VigieConfig, brokers: string[], clientId: string, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const log = createLogger({ name: clientId, level: 'error', redact: cfg.logging.redact });
  const kafka = new KafkaClient({ brokers, clientId, security: cfg.kafka.security, retries: 3 }, log);
  try {
    return await fn(kafka.admin());
  } catch (err) {
    if (err instanceof VigieError) throw err;
    throw new KafkaIoError(`Kafka at ${brokers.join(',')}: ${errorChain(err).join(' <- ')}`, { cause: err });
  } finally {
    await kafka.close();
  }
}
