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
import { KafkaIoError } from '../contracts/errors.js';
import type { BrokerSecurity } from './server-properties.js';
import { brokerErrorIds, errorChain, securityOptions } from './client-options.js';

export const PLAINTEXT: KafkaSecurityConfig = { tls: null, sasl: null };

/** kafkajs `ssl` and `sasl` options (the same as the one client factory's, client-options.ts); empty for plaintext. */
export function kafkajsSecurity(sec: KafkaSecurityConfig = PLAINTEXT): { ssl?: TlsOptions; sasl?: SASLOptions } {
  const { tls, sasl } = securityOptions(sec);
  const out: { ssl?: TlsOptions; sasl?: SASLOptions } = {};
  if (tls) out.ssl = tls === true ? {} : tls;
  if (sasl) {
    const { username, password } = sasl;
    out.sasl = sasl.mechanism === 'PLAIN' ? { mechanism: 'plain', username, password }
      : sasl.mechanism === 'SCRAM-SHA-256' ? { mechanism: 'scram-sha-256', username, password }
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

/**
 * A start-up failure caused by Kafka security, explained: a refused login (SASL) or a missing ACL
 * names the user and where the needed ACLs are listed. Such an error is fatal (not retriable): the
 * caller exits non-zero. Other errors are returned unchanged.
 */
export function explainSecurityError(err: unknown, what: string, sec: KafkaSecurityConfig = PLAINTEXT): unknown {
  // The client library nests its causes: look at the whole chain.
  const msg = err instanceof Error ? errorChain(err).join('; ') || err.message : String(err);
  const user = sec.sasl ? `Kafka user ${sec.sasl.username} (${sec.sasl.mechanism})` : 'the Kafka client (no SASL user)';
  if (/authentication failed|SaslAuthenticate|invalid credentials/i.test(msg)) {
    return new KafkaIoError(`${what}: the broker refused the login of ${user}: ${msg}`, { cause: err, retriable: false });
  }
  if (/authorization failed|not authorized|AUTHORIZATION_FAILED/i.test(msg)) {
    return new KafkaIoError(`${what}: ${user} is not authorized (${msg}); docs/security.md lists the ACLs each service needs`, { cause: err, retriable: false });
  }
  return err;
}

/**
 * True for errors that retrying cannot cure: the broker refused the login or an ACL is missing
 * (…_AUTHORIZATION_FAILED, SASL_AUTHENTICATION_FAILED). A service stops on them and exits non-zero.
 */
export function isSecurityRefusal(err: unknown): boolean {
  return brokerErrorIds(err).some((id) => id.endsWith('_AUTHORIZATION_FAILED') || id === 'SASL_AUTHENTICATION_FAILED');
}
