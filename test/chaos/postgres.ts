/**
 * A PostgreSQL server of the chaos run's own (initdb + pg_ctl, own port and data folder, trust auth on
 * 127.0.0.1), so stopping it never touches a shared server. Run as the `postgres` user when we are root
 * (initdb refuses root).
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** initdb/pg_ctl on PATH, else the newest /usr/lib/postgresql/<version>/bin (Debian's layout). */
function pgBin(tool: string): string {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0) return tool;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', tool))) return join(root, v, 'bin', tool);
  throw new Error(`${tool} not found on PATH nor in ${root}/*/bin: install PostgreSQL's server package`);
}

export class OwnPostgres {
  readonly url: string;
  private readonly data: string;
  private readonly asRoot = process.getuid?.() === 0;

  constructor(private readonly dir: string, readonly port: number) {
    this.data = join(dir, 'data');
    this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }

  private run(tool: string, args: string[]): void {
    const bin = pgBin(tool);
    const r = this.asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8', cwd: this.dir })
      : spawnSync(bin, args, { encoding: 'utf8', cwd: this.dir });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status}): ${(r.stderr || r.stdout || String(r.error)).trim().slice(-800)}`);
  }

  init(): void {
    mkdirSync(this.dir, { recursive: true });
    if (this.asRoot) {
      const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
      const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
      chownSync(this.dir, uid, gid);
    }
    this.run('initdb', ['-D', this.data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  }

  start(): void {
    this.run('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'server.log'), '-w', '-t', '60', '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`, 'start']);
  }

  /** Fast shutdown: open connections are cut, as in a database crash seen from the clients. */
  stop(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  stopQuietly(): void {
    try { this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', '-t', '30', 'stop']); } catch { /* not running */ }
  }
}
