/**
 * Kafka TLS and SASL from the one configuration (cfg.kafka.security, services/common/config.ts) in the
 * shapes the clients take: kafkajs's `ssl`/`sasl` here (the audit sink, CLI admin commands and the
 * probe still use kafkajs). Secrets are revealed only in these objects, handed straight to a client.
 */
import { readFileSync } from 'node:fs';
import type { SASLOptions } from 'kafkajs';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { Secret, type KafkaSecurityConfig } from '../common/config.js';
import type { BrokerSecurity } from './server-properties.js';

export const PLAINTEXT: KafkaSecurityConfig = { tls: null, sasl: null };

/** kafkajs `ssl` and `sasl` options; empty for plaintext. */
export function kafkajsSecurity(sec: KafkaSecurityConfig = PLAINTEXT): { ssl?: TlsOptions; sasl?: SASLOptions } {
  const out: { ssl?: TlsOptions; sasl?: SASLOptions } = {};
  if (sec.tls) {
    out.ssl = {
      ...(sec.tls.ca !== null ? { ca: sec.tls.ca } : {}),
      ...(sec.tls.cert !== null ? { cert: sec.tls.cert } : {}),
      ...(sec.tls.key !== null ? { key: sec.tls.key.reveal() } : {}),
    };
  }
  if (sec.sasl) {
    const { username } = sec.sasl;
    const password = sec.sasl.password.reveal();
    const m = sec.sasl.mechanism;
    out.sasl = m === 'PLAIN' ? { mechanism: 'plain', username, password }
      : m === 'SCRAM-SHA-256' ? { mechanism: 'scram-sha-256', username, password }
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
