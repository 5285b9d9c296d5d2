/**
 * Kafka TLS and SASL from the one configuration (cfg.kafka.security, services/common/config.ts) in the
 * shape kafkajs takes (the audit sink and some CLI commands still use kafkajs; the one client factory,
 * client.ts, takes cfg.kafka.security itself). Secrets are revealed only in these objects, handed
 * straight to a client.
 */
import { readFileSync } from 'node:fs';
import type { SASLOptions } from 'kafkajs';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { Secret, type KafkaSecurityConfig } from '../common/config.js';
import type { BrokerSecurity } from './server-properties.js';

export const PLAINTEXT: KafkaSecurityConfig = { tls: null, sasl: null };

/**
 * kafkajs `ssl` and `sasl` options; empty for plaintext. The same mapping as the one client factory's
 * (`securityOptions` in client-options.ts), written here so the probe and the local broker, which
 * client-options reaches through brokers.ts, do not import it back.
 */
export function kafkajsSecurity(sec: KafkaSecurityConfig = PLAINTEXT): { ssl?: TlsOptions; sasl?: SASLOptions } {
  const out: { ssl?: TlsOptions; sasl?: SASLOptions } = {};
  const t = sec.tls;
  if (t) out.ssl = { ...(t.ca !== null ? { ca: t.ca } : {}), ...(t.cert !== null ? { cert: t.cert } : {}), ...(t.key !== null ? { key: t.key.reveal() } : {}) };
  if (sec.sasl) {
    const { username } = sec.sasl;
    const password = sec.sasl.password.reveal();
    out.sasl = sec.sasl.mechanism === 'PLAIN' ? { mechanism: 'plain', username, password }
      : sec.sasl.mechanism === 'SCRAM-SHA-256' ? { mechanism: 'scram-sha-256', username, password }
        : { mechanism: 'scram-sha-512', username, password };
  }
  return out;
}

/** How the local broker's own tools (start-up probe, status) reach a SASL_SSL broker: as its admin, over TLS with its CA. */
export function brokerAdminSecurity(s: BrokerSecurity | undefined): KafkaSecurityConfig {
  if (!s) return PLAINTEXT;
  return {
    tls: { ca: readFileSync(s.caFile, 'utf8'), cert: null, key: null, files: { ca: s.caFile, cert: null, key: null } },
    sasl: { mechanism: 'PLAIN', username: s.admin.username, password: new Secret(s.admin.password) },
  };
}
