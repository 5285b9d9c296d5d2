/**
 * The audit store is PostgreSQL when DATABASE_URL is set, else a SQLite file. PostgreSQL settings given without the URL
 * (DATABASE_SSLMODE, DATABASE_SSL_CA_FILE, DATABASE_PASSWORD or its _FILE) would be ignored: the service would write chat
 * text and IP addresses to a local SQLite file while the operator believes them in PostgreSQL over TLS (a secret not
 * mounted, a URL set for one service and not another). Refused instead, naming the variables. Likewise DATABASE_SSLMODE or
 * DATABASE_SSL_CA_FILE next to a URL that carries its own `sslmode` or `ssl` parameter: node-postgres reads the URL last,
 * so `verify-full` set by the operator would silently become the URL's `require` (no server check) or `disable`. Pure.
 */
import type { VigieConfig } from '../common/config.js';

export function pgSettingsWithoutUrl(db: Pick<VigieConfig['database'], 'url' | 'sslMode' | 'sslCaFile' | 'password' | 'sqlitePath'>): string[] {
  if (db.url) return urlOverridesTls(db.url, db);
  const set = [
    db.sslMode !== null ? 'DATABASE_SSLMODE' : null,
    db.sslCaFile !== null ? 'DATABASE_SSL_CA_FILE' : null,
    db.password !== null ? 'DATABASE_PASSWORD (or DATABASE_PASSWORD_FILE)' : null,
  ].filter((s): s is string => s !== null);
  if (!set.length) return [];
  return [`${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} set but DATABASE_URL is not: the audit store would be the SQLite file ${db.sqlitePath}, `
    + 'these PostgreSQL settings ignored; set DATABASE_URL (PostgreSQL), or unset them to use SQLite'];
}

/** URL parameters from which pg-connection-string builds its own `ssl` (an object or boolean that replaces ours whole). */
const URL_TLS_KEYS = new Set(['sslmode', 'ssl', 'sslrootcert', 'sslcert', 'sslkey', 'sslnegotiation']);

/** DATABASE_SSLMODE / DATABASE_SSL_CA_FILE that the URL's own TLS parameters would override. The URL is never quoted (it may hold a password). */
function urlOverridesTls(url: string, db: Pick<VigieConfig['database'], 'sslMode' | 'sslCaFile'>): string[] {
  const set = [db.sslMode !== null ? 'DATABASE_SSLMODE' : null, db.sslCaFile !== null ? 'DATABASE_SSL_CA_FILE' : null].filter((s): s is string => s !== null);
  if (!set.length) return [];
  // The query string read as text, not through `new URL(url)`: node-postgres also parses URLs that WHATWG refuses
  // (`postgres://user@/db?host=...`, retried with a dummy host), and a parse failure here must not let them through.
  const q = url.indexOf('?');
  const params = q < 0 ? [] : [...new URLSearchParams(url.slice(q + 1).split('#')[0]).keys()].map((k) => k.toLowerCase());
  const inUrl = [...new Set(params.filter((k) => URL_TLS_KEYS.has(k)))];
  if (!inUrl.length) return [];
  return [`${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set but DATABASE_URL carries its own ${inUrl.join(', ')}, which node-postgres applies last `
    + `(the TLS settings asked for would be silently replaced): remove ${inUrl.join(', ')} from the URL, or unset ${set.join(' and ')}`];
}
