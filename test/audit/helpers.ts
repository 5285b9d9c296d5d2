/**
 * Audit integration-test helpers: the sink as a child process, audit records on the wire, waiting on
 * store rows, and a private PostgreSQL server that a test may stop and start.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { freePort } from '../support/net.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProducer } from '../support/kafka-client.js';
import { createCodecs, type AuditRecord, type Codecs } from '../../services/contracts/index.js';
import type { AuditRecordIn } from '../../services/audit/types.js';

export const MAIN = join(process.cwd(), 'dist/services/cli/main.js');
export const codecs: Codecs = createCodecs();

export function toWire(r: AuditRecordIn): AuditRecord {
  return {
    ...r, sourceOffset: Number(r.sourceOffset), categories: r.categories.map((c) => ({ ...c, sources: c.sources ?? [] })) as AuditRecord['categories'],
    signals: (r.signals ?? []) as AuditRecord['signals'], reasons: r.reasons ?? [], senderDeclaredAge: r.senderDeclaredAge ?? null, participantAges: r.participantAges ?? [],
  };
}

export async function produceAudit(producer: TestProducer, topic: string, records: AuditRecordIn[]): Promise<void> {
  for (let i = 0; i < records.length; i += 500) {
    await producer.send({ topic, messages: records.slice(i, i + 500).map((r) => ({ key: r.conversationId, value: codecs.AuditRecord.encodeAvro(toWire(r)) })) });
  }
}

export interface SinkProcess { child: ChildProcess; log: () => string; exited: Promise<number | null> }

/**
 * Starts `vigie run audit-sink` as a child process with `env` on top of the current environment; its
 * health port is random (VIGIE_AUDIT_HTTP_PORT 0) unless `env` sets one: `httpPort()` reads it from the log.
 */
export function startSink(env: Record<string, string>): SinkProcess {
  const child = spawn(process.execPath, [MAIN, 'run', 'audit-sink'], { env: { ...process.env, VIGIE_LOG_LEVEL: 'info', VIGIE_AUDIT_HTTP_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  child.stdout!.on('data', (d: Buffer) => { log += d.toString(); });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, log: () => log, exited };
}

/** The sink's health port, once it printed `vigie-audit-sink http PORT`. */
export async function sinkHttpPort(sink: SinkProcess, timeoutMs = 30_000): Promise<number> {
  return waitFor('the audit sink health port', async () => {
    const m = /vigie-audit-sink http (\d+)/.exec(sink.log());
    return m ? Number(m[1]) : null;
  }, timeoutMs, 100);
}

/** GET /readyz of a running sink: its status and body. */
export async function readyz(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== null && v !== false) return v;
    } catch (err) { last = err; }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Runs a vigie command to completion. */
export function vigie(args: string[], env: Record<string, string>): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export async function pgQuery(url: string, schema: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await c.connect();
  try { return (await c.query(sql, params)).rows as Record<string, unknown>[]; } finally { await c.end(); }
}


/**
 * A throw-away PostgreSQL server: initdb into a temp folder and pg_ctl on a free port. initdb refuses
 * to run as root, so as root it runs as the `postgres` system user (runuser).
 */
export class PrivatePostgres {
  private constructor(readonly dir: string, readonly port: number, private readonly bin: string, private readonly asUser: string | null,
    private readonly ssl: { certFile: string; keyFile: string } | null = null) {}

  get url(): string { return `postgres://vigie@127.0.0.1:${this.port}/postgres`; }

  /** With `ssl`, the server also accepts TLS with that certificate and key (the key file is handed to the server's user). */
  static async create(opts: { ssl?: { certFile: string; keyFile: string } } = {}): Promise<PrivatePostgres> {
    const root = '/usr/lib/postgresql';
    const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin/initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
    if (!versions.length) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql/*/bin');
    const bin = join(root, versions[0]!, 'bin');
    const dir = mkdtempSync(join(tmpdir(), 'vigie-pg-'));
    const asUser = process.getuid?.() === 0 ? 'postgres' : null;
    if (asUser) {
      const id = spawnSync('id', ['-u', asUser], { encoding: 'utf8' });
      const gid = spawnSync('id', ['-g', asUser], { encoding: 'utf8' });
      chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
    }
    if (asUser && opts.ssl) {
      const uid = Number(spawnSync('id', ['-u', asUser], { encoding: 'utf8' }).stdout.trim());
      const gid = Number(spawnSync('id', ['-g', asUser], { encoding: 'utf8' }).stdout.trim());
      for (const f of [opts.ssl.certFile, opts.ssl.keyFile]) chownSync(f, uid, gid);
    }
    const p = new PrivatePostgres(dir, await freePort(), bin, asUser, opts.ssl ?? null);
    p.run('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'vigie', '--no-sync']);
    p.start();
    return p;
  }

  private run(tool: string, args: string[]): void {
    const cmd = this.asUser ? 'runuser' : join(this.bin, tool);
    const full = this.asUser ? ['-u', this.asUser, '--', join(this.bin, tool), ...args] : args;
    const r = spawnSync(cmd, full, { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  }

  start(): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'server.log'), '-w', '-t', '30',
      '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off${
        this.ssl ? ` -c ssl=on -c ssl_cert_file=${this.ssl.certFile} -c ssl_key_file=${this.ssl.keyFile}` : ''}`, 'start']);
  }

  stop(): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', '-t', '30', 'stop']);
  }

  destroy(): void {
    try { this.stop(); } catch { /* already stopped */ }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
