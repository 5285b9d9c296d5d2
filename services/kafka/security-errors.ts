/** Kafka security failures (refused login, missing ACL) told apart and explained, for the services' start and loop. */
import type { KafkaSecurityConfig } from '../common/config.js';
import { KafkaIoError } from '../contracts/errors.js';
import { brokerErrorIds, errorChain } from './client-options.js';
import { PLAINTEXT } from './security.js';

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
