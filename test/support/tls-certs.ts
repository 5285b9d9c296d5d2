import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A throw-away certificate authority and a server certificate it signs, made with openssl for TLS tests
 * (Kafka SASL_SSL, PostgreSQL ssl=on). The server certificate names localhost and 127.0.0.1, so clients
 * check it fully (chain and host). Keys are P-256 (fast to make).
 */
export interface TestCertificates {
  dir: string;
  /** PEM of the CA: what clients trust. */
  caFile: string;
  /** PEM server certificate and its unencrypted PKCS#8 key (mode 0600, as PostgreSQL requires). */
  certFile: string;
  keyFile: string;
  /** The same key and certificate in a PKCS12 key store, for a Java server (Kafka). */
  keystore: { path: string; password: string };
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

export function makeTestCertificates(dir: string, commonName = 'localhost'): TestCertificates {
  mkdirSync(dir, { recursive: true });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=vigie-test-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  openssl(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${commonName}`], dir);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n');
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext'], dir);
  const password = randomBytes(12).toString('hex');
  openssl(['pkcs12', '-export', '-in', 'server.pem', '-inkey', 'server.key', '-out', 'server.p12', '-name', 'server', '-passout', `pass:${password}`], dir);
  openssl(['pkcs8', '-topk8', '-nocrypt', '-in', 'server.key', '-out', 'server.pk8'], dir);
  for (const f of ['server.pk8', 'server.key', 'ca.key']) chmodSync(join(dir, f), 0o600);
  return { dir, caFile: join(dir, 'ca.pem'), certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server.pk8'), keystore: { path: join(dir, 'server.p12'), password } };
}
