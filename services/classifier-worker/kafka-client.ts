/** A kafkajs client whose log lines go to the pino logger (kafkajs's own logger writes to stdout). */
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { Logger } from '../common/logger.js';
import type { KafkaSecurityConfig } from '../common/config.js';
import { kafkajsSecurity } from '../kafka/security.js';
import { isTransientClientMessage } from '../common/log-format.js';

export function createKafka(clientId: string, brokers: string[], log: Logger, security?: KafkaSecurityConfig): Kafka {
  const klog = log.child({ component: 'kafkajs' });
  return new Kafka({
    clientId, brokers, logLevel: logLevel.WARN, ...kafkajsSecurity(security),
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 },
    logCreator: () => ({ namespace, level, log: entry }: LogEntry) => {
      const { message, ...rest } = entry;
      const fields = { ns: namespace, ...rest };
      // A coordinator still loading or a leader moving is retried by the client: not an error for the operator.
      if (level <= logLevel.WARN && isTransientClientMessage(message, String(rest.error ?? ''))) klog.debug(fields, message);
      else if (level === logLevel.ERROR) klog.error(fields, message);
      else if (level === logLevel.WARN) klog.warn(fields, message);
      else klog.debug(fields, message);
    },
  });
}
