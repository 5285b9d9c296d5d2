import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../common/config.js';
import { ConfigError } from '../contracts/errors.js';
import { storeOptionsFromConfig } from './env.js';
import { pgSettingsWithoutUrl } from './store-backend-check.js';

test('PostgreSQL settings without DATABASE_URL are refused, not silently ignored for SQLite', () => {
  const base = { VIGIE_DATA_DIR: '/tmp/vigie-x' };
  assert.deepEqual(pgSettingsWithoutUrl(loadConfig(base).database), [], 'plain SQLite');
  assert.deepEqual(pgSettingsWithoutUrl(loadConfig({ ...base, DATABASE_URL: 'postgres://h/db', DATABASE_SSLMODE: 'verify-full', DATABASE_PASSWORD: 'x' }).database), []);
  const [p] = pgSettingsWithoutUrl(loadConfig({ ...base, DATABASE_SSLMODE: 'verify-full', DATABASE_PASSWORD: 'S3cret-pw' }).database);
  assert.match(p!, /DATABASE_SSLMODE, DATABASE_PASSWORD .* are set but DATABASE_URL is not: the audit store would be the SQLite file \/tmp\/vigie-x\/audit\.sqlite/);
  assert.doesNotMatch(p!, /S3cret/, 'never the secret itself');
  assert.throws(() => storeOptionsFromConfig(loadConfig({ ...base, DATABASE_SSLMODE: 'require' })), ConfigError);
  assert.doesNotThrow(() => storeOptionsFromConfig(loadConfig(base)));
});

test('DATABASE_SSLMODE next to a URL with its own sslmode is refused: node-postgres would apply the URL\'s', () => {
  const url = 'postgres://vigie:Pw-S3cret@db.example:5432/vigie?sslmode=require';
  const [p] = pgSettingsWithoutUrl(loadConfig({ DATABASE_URL: url, DATABASE_SSLMODE: 'verify-full' }).database);
  assert.match(p!, /DATABASE_SSLMODE is set but DATABASE_URL carries its own sslmode/);
  assert.doesNotMatch(p!, /S3cret|db\.example/, 'the URL is not quoted');
  assert.deepEqual(pgSettingsWithoutUrl(loadConfig({ DATABASE_URL: url }).database), [], 'the URL alone is fine');
  assert.deepEqual(pgSettingsWithoutUrl(loadConfig({ DATABASE_URL: 'postgres://db.example/vigie', DATABASE_SSLMODE: 'verify-full' }).database), []);
  for (const u of ['postgres://vigie@/vigie?host=db.example&sslmode=disable', 'postgres://vigie:p w@db.example/vigie?ssl=0&ssl=0',
    'postgres://db.example/vigie?sslcert=/c.pem&sslkey=/k.pem', 'postgres://db.example/vigie?sslnegotiation=direct']) {
    assert.equal(pgSettingsWithoutUrl(loadConfig({ DATABASE_URL: u, DATABASE_SSLMODE: 'verify-full' }).database).length, 1, `${u}: node-postgres would replace the ssl settings (a URL WHATWG cannot parse included)`);
  }
});
