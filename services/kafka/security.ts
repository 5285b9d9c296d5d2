/**
 * Kafka TLS and SASL settings (KafkaSecurityConfig, from cfg.kafka.security in services/common/config.ts)
 * that are not read from the configuration: plaintext, and the local broker's own admin login. The one
 * client factory (client.ts, securityOptions in client-options.ts) maps them to the client's options.
 */
import { readFileSync } from 'node:fs';
import { Secret, type KafkaSecurityConfig } from '../common/config.js';
import type { BrokerSecurity } from './server-properties.js';

export const PLAINTEXT: KafkaSecurityConfig = { tls: null, sasl: null };

/** How the local broker's own tools (start-up probe, status) reach a SASL_SSL broker: as its admin, over TLS with its CA. */
export function brokerAdminSecurity(s: BrokerSecurity | undefined): KafkaSecurityConfig {
  if (!s) return PLAINTEXT;
  return {
    tls: { ca: readFileSync(s.caFile, 'utf8'), cert: null, key: null, files: { ca: s.caFile, cert: null, key: null } },
    sasl: { mechanism: 'PLAIN', username: s.admin.username, password: new Secret(s.admin.password) },
  };
}
