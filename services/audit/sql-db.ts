import { DatabaseSync } from 'node:sqlite';
import { closeExistingToOthers, ensurePrivateFile } from '../common/private-files.js';
import { SerialQueue } from '../common/serial-queue.js';
import pg from 'pg';
import { StoreError, VigieError } from '../contracts/errors.js';
import type { Logger } from '../common/logger.js';
import { EVENTS } from '../common/events.js';
import type { PgConnectionConfig } from '../common/config.js';

/** A parameter value both drivers accept (arrays: PostgreSQL only, for `unnest` bulk inserts). */
export type SqlScalar = string | number | null;
export type SqlValue = SqlScalar | SqlScalar[];
export type Row = Record<string, unknown>;

/** What the store needs from a connection: `?` placeholders, rows as plain objects. */
export interface SqlRunner {
  query<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T[]>;
}

export interface SqlDb extends SqlRunner {
  readonly dialect: 'postgres' | 'sqlite';
  /** Runs `fn` in one database transaction; commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Error codes after which the same statement can succeed later (server gone, restarting, overloaded, lock conflict). */
const PG_RETRIABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300', '40001', '40P01']);
/** The event of the line said when a pooled idle connection fails (the server restarted or went away). */
export const PG_IDLE_CLIENT_ERROR = EVENTS.POSTGRES_IDLE_CLIENT_ERROR;

export function pgErrorToStoreError(err: unknown, what: string): StoreError {
  if (err instanceof StoreError) return err;
  const e = err as { code?: string; message?: string };
  const code = e.code ?? '';
  const msg = e.message ?? String(err);
  const connectionLost = /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(msg)
    || /the database system is (starting up|shutting down)/i.test(msg);
  const retriable = PG_RETRIABLE.has(code) || code.startsWith('08') || connectionLost;
  return new StoreError(`${what}: ${msg}${code ? ` (${code})` : ''}`, { retriable, cause: err });
}

function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export async function openPostgres(url: string, schema: string, log: Logger, conn: PgConnectionConfig = { password: null, ssl: null }): Promise<SqlDb> {
  const pool = new pg.Pool({
    connectionString: url,
    // An sslmode in the URL wins over these (node-postgres parses the URL last).
    ...(conn.password ? { password: conn.password.reveal() } : {}),
    ...(conn.ssl !== null ? { ssl: conn.ssl } : {}),
    max: 4,
    connectionTimeoutMillis: 5000,
    // search_path is set per connection by the server, so every pooled client sees the same schema.
    options: `-c search_path=${schema}`,
  });
  // An idle client whose server goes away emits 'error'; without a listener that would crash the process.
  pool.on('error', (err) => log.warn({ event: PG_IDLE_CLIENT_ERROR, err: err.message }, 'postgres idle client error'));
  const run = async <T extends Row>(c: pg.Pool | pg.PoolClient, sql: string, params: SqlValue[] = []): Promise<T[]> => {
    try {
      const r = await c.query(toPgPlaceholders(sql), params);
      return r.rows as T[];
    } catch (err) {
      throw pgErrorToStoreError(err, 'postgres query failed');
    }
  };
  if (schema !== 'public') await run(pool, `CREATE SCHEMA IF NOT EXISTS ${schema}`);
  return {
    dialect: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(fn) {
      let client: pg.PoolClient;
      try { client = await pool.connect(); } catch (err) { throw pgErrorToStoreError(err, 'postgres connect failed'); }
      let broken = false;
      try {
        await run(client, 'BEGIN');
        const tx: SqlRunner = { query: (sql, params) => run(client, sql, params) };
        const out = await fn(tx);
        await run(client, 'COMMIT');
        return out;
      } catch (err) {
        try { await client.query('ROLLBACK'); } catch { broken = true; }
        // Errors of our own (a refused case resolution, a bad record) pass through unchanged.
        throw err instanceof VigieError ? err : pgErrorToStoreError(err, 'postgres transaction failed');
      } finally {
        // A client whose connection broke must not go back to the pool.
        client.release(broken ? true : undefined);
      }
    },
    close: () => pool.end(),
  };
}

/** SQLite primary result codes (the low byte of an extended code) after which the statement can succeed later. */
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
/** How long a statement waits for another process's lock on the SQLite file before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * The embedded store on Node's built-in SQLite (node:sqlite, Node >= 22.5): nothing to compile at install,
 * unlike better-sqlite3 which it replaced (see docs/audit.md "Back ends").
 */
export function openSqlite(path: string): SqlDb {
  let db: DatabaseSync;
  try {
    // Chat text, IP addresses and console password hashes: owner-only (0600, a new folder 0700), whatever the umask.
    // Inside the try: a read-only or full data folder is a StoreError naming the file, not a stack trace.
    if (path !== ':memory:') ensurePrivateFile(path);
    // The busy timeout is set when the file is opened, before the switch to WAL: that switch takes a write lock, and the
    // audit sink and the console started together on one new file (as a deployment starts them) failed at once with
    // "database is locked" when the timeout came after it.
    db = new DatabaseSync(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    db.exec(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    // SQLite gives -wal and -shm the main file's mode; ones left by an older version lose their "other" bits.
    if (path !== ':memory:') closeExistingToOthers([`${path}-wal`, `${path}-shm`]);
  } catch (err) {
    throw new StoreError(`cannot open SQLite store ${path} (VIGIE_DATA_DIR, VIGIE_AUDIT_SQLITE): ${(err as Error).message}`, { retriable: false, cause: err });
  }
  const run = <T extends Row>(sql: string, params: SqlValue[] = []): T[] => {
    try {
      const st = db.prepare(sql);
      const flat = params as SqlScalar[]; // the store never sends arrays to SQLite
      if (st.columns().length === 0) {
        st.run(...flat);
        return [];
      }
      // node:sqlite rows have a null prototype; the store and its callers expect plain objects.
      return st.all(...flat).map((r) => ({ ...r }) as T);
    } catch (err) {
      const primary = ((err as { errcode?: number }).errcode ?? 0) & 0xff;
      throw new StoreError(`sqlite query failed: ${(err as Error).message}`, { retriable: primary === SQLITE_BUSY || primary === SQLITE_LOCKED, cause: err });
    }
  };
  // One connection: transactions are queued so two async callers never interleave inside one.
  const queue = new SerialQueue();
  return {
    dialect: 'sqlite',
    query: async (sql, params) => run(sql, params),
    transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      return queue.run(async () => {
        run('BEGIN IMMEDIATE');
        try {
          const out = await fn({ query: async (sql, params) => run(sql, params) });
          run('COMMIT');
          return out;
        } catch (err) {
          if (db.isTransaction) run('ROLLBACK');
          throw err;
        }
      });
    },
    close: async () => { await queue.idle(); db.close(); },
  };
}
