// PostgreSQL over TLS as the one configuration sets it up (DATABASE_SSLMODE, DATABASE_SSL_CA_FILE): a
// private server with ssl=on and a certificate made by openssl for the test; the connection the audit
// store opens is encrypted and checked against the CA; another CA is refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../services/common/config.js';
import { openPostgres } from '../../services/audit/sql-db.js';
import { createLogger } from '../../services/common/logger.js';
import { makeTestCertificates, type TestCertificates } from '../support/tls-certs.js';
import { PrivatePostgres } from './helpers.js';

describe('PostgreSQL TLS: sslmode and CA file', () => {
  const root = mkdtempSync(join(tmpdir(), 'vigie-pg-tls-'));
  let certs: TestCertificates;
  let other: TestCertificates;
  let pgs: PrivatePostgres;
  const log = createLogger({ name: 'pg-tls-test', level: 'silent' });
  before(async () => {
    certs = makeTestCertificates(join(root, 'ca'));
    other = makeTestCertificates(join(root, 'other-ca'));
    // The server runs as its own user (postgres when the tests run as root): it must reach its certificate.
    for (const d of [root, certs.dir]) chmodSync(d, 0o755);
    pgs = await PrivatePostgres.create({ ssl: { certFile: certs.certFile, keyFile: certs.keyFile } });
  });
  after(() => { pgs?.destroy(); rmSync(root, { recursive: true, force: true }); });

  /** Opens the store's connection pool as the configuration says, and asks the server whether this session is TLS. */
  async function sessionTls(env: Record<string, string>): Promise<{ ssl: boolean; version: string | null }> {
    const db = await openPostgres(pgs.url, 'public', log, loadConfig({ DATABASE_URL: pgs.url, ...env }).database.pg);
    try {
      const [r] = await db.query<{ ssl: boolean; version: string | null }>('SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      return r!;
    } finally { await db.close(); }
  }

  it('verify-full with the CA file: the session is encrypted', async () => {
    const r = await sessionTls({ DATABASE_SSLMODE: 'verify-full', DATABASE_SSL_CA_FILE: certs.caFile });
    assert.equal(r.ssl, true);
    assert.match(r.version ?? '', /^TLSv1\.[23]$/);
  });

  it('verify-ca and require are encrypted too; disable is not', async () => {
    assert.equal((await sessionTls({ DATABASE_SSLMODE: 'verify-ca', DATABASE_SSL_CA_FILE: certs.caFile })).ssl, true);
    assert.equal((await sessionTls({ DATABASE_SSLMODE: 'require' })).ssl, true);
    assert.equal((await sessionTls({ DATABASE_SSLMODE: 'disable' })).ssl, false);
  });

  it('a server certificate from another CA is refused under verify-full', async () => {
    await assert.rejects(sessionTls({ DATABASE_SSLMODE: 'verify-full', DATABASE_SSL_CA_FILE: other.caFile }), /certificate/i);
  });
});
