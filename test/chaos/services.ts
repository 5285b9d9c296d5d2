/**
 * The services under test as child processes of the chaos run: `node dist/services/cli/main.js run ...`
 * spawned with process.execPath directly, so a SIGKILL reaches the service's own process (no npx or shell
 * wrapper in between). A service that exits on its own is recorded (a fault) and restarted, as a
 * supervisor would; stdout and stderr go to one log file per service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';

const MAIN = resolve('dist/services/cli/main.js');

export interface ExitRecord { service: string; atS: number; code: number | null; signal: string | null; byUs: boolean; upS: number }

export class Service {
  private child: ChildProcess | null = null;
  private startedAt = 0;
  private killing = false;
  private stopping = false;
  private readonly log: WriteStream;
  starts = 0;
  kills = 0;

  constructor(readonly name: string, private readonly args: string[], private readonly env: NodeJS.ProcessEnv, logFile: string,
    private readonly t0: number, private readonly onExit: (e: ExitRecord) => void) {
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  get pid(): number | undefined { return this.child?.pid; }
  get running(): boolean { return this.child !== null; }

  start(): void {
    if (this.child || this.stopping) return;
    const child = spawn(process.execPath, [MAIN, ...this.args], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts++;
    this.startedAt = Date.now();
    this.log.write(`--- chaos: start #${this.starts} pid ${child.pid} at t=${this.now()}s\n`);
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    child.once('exit', (code, signal) => {
      const byUs = this.killing || this.stopping;
      this.log.write(`--- chaos: pid ${child.pid} exited code=${code} signal=${signal} (${byUs ? 'by the chaos run' : 'ON ITS OWN'}) at t=${this.now()}s\n`);
      this.onExit({ service: this.name, atS: this.now(), code, signal, byUs, upS: Math.round((Date.now() - this.startedAt) / 100) / 10 });
      this.child = null;
      this.killing = false;
      // A service that died by itself is restarted after a second, as a supervisor would.
      if (!byUs) setTimeout(() => this.start(), 1000).unref();
    });
  }

  /** SIGKILL to the service's process; resolves once it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.killing = true;
    this.kills++;
    const gone = once(child, 'exit');
    child.kill('SIGKILL');
    await gone;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; how long it took and whether it had to be killed. */
  async stop(graceMs: number): Promise<{ service: string; code: number | null; signal: string | null; ms: number; killed: boolean } | null> {
    this.stopping = true;
    const child = this.child;
    if (!child) return null;
    const t = Date.now();
    const gone = once(child, 'exit') as Promise<[number | null, string | null]>;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const [code, signal] = await gone;
    clearTimeout(timer);
    return { service: this.name, code, signal, ms: Date.now() - t, killed: signal === 'SIGKILL' };
  }

  close(): void { this.log.end(); }

  private now(): number { return Math.round((Date.now() - this.t0) / 100) / 10; }
}
