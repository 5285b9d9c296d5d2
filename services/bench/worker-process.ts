/**
 * The classifier worker as a child process, the way an operator runs it
 * (`node dist/services/cli/main.js run classifier`, configured by environment variables): spawn,
 * watch its peak memory, read its /metrics, stop it with SIGTERM (which also makes `--cpu-prof`
 * write its profile).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { VigieError } from '../contracts/errors.js';
import { CLASSIFIER_ENV, CLASSIFIER_NODE_FLAGS } from '../classifier-worker/node-flags.js';

export interface WorkerLaunch {
  /** Path of the compiled CLI entry (dist/services/cli/main.js). */
  cliPath: string;
  /** Environment of the worker (on top of the bench's own environment). */
  env: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof (after CLASSIFIER_NODE_FLAGS, the flags every classifier process is started with). */
  nodeFlags: string[];
  /** The worker's HTTP port (/metrics). */
  httpPort: number;
}

export class WorkerProcess {
  private peakKb = 0;
  private readonly poll: NodeJS.Timeout;
  private readonly exited: Promise<number | null>;
  private stderrTail: string[] = [];
  readonly spawnedAt = performance.now();

  private constructor(private readonly child: ChildProcess, private readonly httpPort: number) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      this.stderrTail.push(...d.split('\n').filter(Boolean));
      if (this.stderrTail.length > 30) this.stderrTail = this.stderrTail.slice(-30);
    });
    child.stdout?.resume();
    // VmHWM is the kernel's own peak; polling it (not VmRSS) means no peak is missed between polls.
    this.poll = setInterval(() => this.readPeak(), 500);
    this.poll.unref();
  }

  static start(l: WorkerLaunch): WorkerProcess {
    if (!existsSync(l.cliPath)) throw new VigieError(`the worker cannot run: ${l.cliPath} is missing (run npm run build)`);
    const child = spawn(process.execPath, [...CLASSIFIER_NODE_FLAGS, ...l.nodeFlags, l.cliPath, 'run', 'classifier'], {
      env: { ...CLASSIFIER_ENV, ...process.env, ...l.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new WorkerProcess(child, l.httpPort);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True while the process runs; a phase checks it so a crashed worker fails the phase at once. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the worker wrote to stderr (its logs), for error messages. */
  logTail(lines = 5): string {
    return this.stderrTail.slice(-lines).join('\n');
  }

  /** The last line the worker wrote to stderr: after a crash, its own one-line reason. */
  lastLine(): string {
    return this.stderrTail[this.stderrTail.length - 1] ?? '(no output)';
  }

  /** Throws a clear error if the worker has exited. */
  assertRunning(what: string): void {
    if (!this.running) {
      throw new VigieError(`${what}: the classifier worker exited (code ${this.child.exitCode ?? this.child.signalCode}); its last log lines:\n${this.logTail()}`);
    }
  }

  private readPeak(): void {
    if (!this.child.pid || !this.running) return;
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      if (m) this.peakKb = Math.max(this.peakKb, Number(m[1]));
    } catch { /* not Linux, or the process just exited */ }
  }

  /** Peak resident set size so far in bytes, or null where /proc is not available. */
  peakRssBytes(): number | null {
    this.readPeak();
    return this.peakKb > 0 ? this.peakKb * 1024 : null;
  }

  /** The worker's Prometheus text, or null if its HTTP server does not answer. */
  async metrics(): Promise<string | null> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.httpPort}/metrics`, { signal: AbortSignal.timeout(3000) });
      return res.ok ? await res.text() : null;
    } catch {
      return null;
    }
  }

  /** SIGTERM, then SIGKILL after `graceMs`. Resolves with the exit code. */
  async stop(graceMs = 20_000): Promise<number | null> {
    clearInterval(this.poll);
    if (this.running) this.child.kill('SIGTERM');
    const timer = setTimeout(() => { if (this.running) this.child.kill('SIGKILL'); }, graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Sum of the samples of one metric (all label sets) in Prometheus text format, or null if absent. */
export function metricSum(text: string, name: string): number | null {
  let found = false;
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m && m[1] === name) {
      const v = Number(m[3]);
      if (Number.isFinite(v)) { sum += v; found = true; }
    }
  }
  return found ? sum : null;
}

/** A TCP port free right now on 127.0.0.1, for the worker's HTTP server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
