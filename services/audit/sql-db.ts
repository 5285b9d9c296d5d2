import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { StoreError, VigieError } from '../contracts/errors.js';
import type { Logger } from '../common/logger.js';

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

export async function openPostgres(url: string, schema: string, log: Logger): Promise<SqlDb> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: 5000,
    // search_path is set per connection by the server, so every pooled client sees the same schema.
    options: `-c search_path=${schema}`,
  });
  // An idle client whose server goes away emits 'error'; without a listener that would crash the process.
  pool.on('error', (err) => log.warn({ err: err.message }, 'postgres idle client error'));
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

export function openSqlite(path: string): SqlDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    throw new StoreError(`cannot open SQLite store ${path}: ${(err as Error).message}`, { retriable: false, cause: err });
  }
  const run = <T extends Row>(sql: string, params: SqlValue[] = []): T[] => {
    try {
      const st = db.prepare(sql);
      const flat = params as SqlScalar[]; // the store never sends arrays to SQLite
      if (st.reader) return st.all(...flat) as T[];
      st.run(...flat);
      return [];
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      throw new StoreError(`sqlite query failed: ${(err as Error).message}`, { retriable: code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED', cause: err });
    }
  };
  // One connection: transactions are queued so two async callers never interleave inside one.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    dialect: 'sqlite',
    query: async (sql, params) => run(sql, params),
    transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      const next = queue.then(async () => {
        run('BEGIN IMMEDIATE');
        try {
          const out = await fn({ query: async (sql, params) => run(sql, params) });
          run('COMMIT');
          return out;
        } catch (err) {
          if (db.inTransaction) run('ROLLBACK');
          throw err;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
    close: async () => { await queue; db.close(); },
  };
}
