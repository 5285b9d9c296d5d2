import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Secret, type KafkaSecurityConfig } from '../../services/common/config.js';
import { compileLocalBrokerOptions, localBrokerRawFromEnv, type LocalBrokerOptions } from '../../services/kafka/local-broker-options.js';
import { ensureLocalBroker, stopLocalBroker } from '../../services/kafka/local-broker.js';
import type { SaslMechanism } from '../../services/kafka/server-properties.js';
import { freePort } from './net.js';
import { makeTestCertificates, type TestCertificates } from './tls-certs.js';

/**
 * A second local broker (own ports, own data folder; the shared broker is untouched) with a SASL_SSL
 * client listener: certificates made by openssl for the test, SCRAM users written at storage format,
 * PLAIN users in the listener's JAAS settings, and optionally the StandardAuthorizer (only `admin` is a
 * super user). `stop()` stops it and deletes everything.
 */
export interface TestUser { username: string; password: string; mechanism: SaslMechanism }

export interface SecureBroker {
  bootstrap: string;
  certs: TestCertificates;
  admin: TestUser;
  users: Record<string, TestUser>;
  options: LocalBrokerOptions;
  /** KafkaSecurityConfig of a user (as common/config.ts compiles it from VIGIE_KAFKA_* variables). */
  security(user: TestUser): KafkaSecurityConfig;
  /** The environment a Vigie process needs to connect as that user (the password through a *_FILE is tested elsewhere). */
  env(user: TestUser): Record<string, string>;
  stop(): Promise<void>;
}

const pw = () => randomBytes(9).toString('base64url');

export async function startSecureBroker(opts: { users: Omit<TestUser, 'password'>[]; authorizer?: boolean }): Promise<SecureBroker> {
  const root = mkdtempSync(join(tmpdir(), 'vigie-sasl-broker-'));
  const certs = makeTestCertificates(join(root, 'certs'));
  const admin: TestUser = { username: 'admin', password: pw(), mechanism: 'PLAIN' };
  const users = Object.fromEntries(opts.users.map((u) => [u.username, { ...u, password: pw() }]));
  const port = await freePort();
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  const base = localBrokerRawFromEnv(process.env);
  const all = Object.values(users);
  const options = compileLocalBrokerOptions({
    ...base, port, controllerPort, dataDir: join(root, 'data'), heapOpts: '-Xms128m -Xmx512m',
    security: {
      keystore: certs.keystore,
      caFile: certs.caFile,
      mechanisms: [...new Set(all.map((u) => u.mechanism))],
      admin: { username: admin.username, password: admin.password },
      plainUsers: Object.fromEntries(all.filter((u) => u.mechanism === 'PLAIN').map((u) => [u.username, u.password])),
      scramUsers: all.filter((u) => u.mechanism !== 'PLAIN').map((u) => ({ mechanism: u.mechanism as Exclude<SaslMechanism, 'PLAIN'>, username: u.username, password: u.password })),
      authorizer: opts.authorizer ?? false,
    },
  });
  const { bootstrap } = await ensureLocalBroker(options, (m) => process.stderr.write(`secure broker: ${m}\n`));
  const ca = readFileSync(certs.caFile, 'utf8');
  return {
    bootstrap, certs, admin, users, options,
    security: (u) => ({ tls: { ca, cert: null, key: null, files: { ca: certs.caFile, cert: null, key: null } }, sasl: { mechanism: u.mechanism, username: u.username, password: new Secret(u.password) } }),
    env: (u) => ({ KAFKA_BROKERS: bootstrap, VIGIE_KAFKA_TLS_CA_FILE: certs.caFile, VIGIE_KAFKA_SASL_MECHANISM: u.mechanism, VIGIE_KAFKA_SASL_USERNAME: u.username, VIGIE_KAFKA_SASL_PASSWORD: u.password }),
    stop: async () => {
      await stopLocalBroker(options, { wipe: true });
      rmSync(root, { recursive: true, force: true });
    },
  };
}
