/**
 * Keeps one child service of `vigie up` running: an unexpected exit is logged (`up.restart`, with the service, its exit
 * code and the attempt) and the child started again after the back-off of up-restart.ts; past the quick-failure limit
 * it is not restarted and `onGiveUp` gets a clear error (`vigie up` then stops everything and exits 1). `stop()`
 * (SIGINT/SIGTERM) stops the current child and any pending restart.
 */
import type { ChildProcess } from 'node:child_process';
import { EVENTS } from '../common/events.js';
import { VigieError } from '../contracts/errors.js';
import { DEFAULT_RESTART_POLICY, restartDecision, type RestartHistory, type RestartPolicy } from './up-restart.js';

/** How long a child (worker, console) gets after SIGTERM before `vigie up` sends SIGKILL. */
export const CHILD_STOP_GRACE_MS = 15_000;

/**
 * Stops a child process and waits for it: SIGTERM (it finishes its batch and leaves its group), then
 * SIGKILL after `graceMs` (e.g. a worker whose broker is gone and retries its goodbye). Returns how it ended.
 */
export async function stopChild(child: ChildProcess, exited: Promise<number | null>, graceMs: number): Promise<string> {
  if (child.exitCode !== null || child.signalCode !== null) return `had exited (${child.exitCode ?? child.signalCode})`;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((r) => { timer = setTimeout(() => r('late'), graceMs); });
  const first = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (first !== 'late') return `exited with ${first}`;
  child.kill('SIGKILL');
  await exited;
  return `did not stop within ${graceMs / 1000} s of SIGTERM: killed`;
}

export interface SupervisedChild { child: ChildProcess; exited: Promise<number | null> }

export interface SupervisorOptions {
  service: string;
  /** Starts the child again (after an unexpected exit). */
  spawn: () => SupervisedChild;
  say: (line: string) => void;
  onGiveUp: (err: Error) => void;
  /** Called with every child started again (e.g. to read its new HTTP port). */
  onRestart?: (c: SupervisedChild) => void;
  /**
   * Resolves once a child started again is through its start-up (the worker's /readyz, the console's address). Its run
   * counts from then: a child that exits before, however long its start-up (an engine load of minutes, then a port
   * taken), is a quick failure and backs off. Without it the run counts from the spawn.
   */
  ready?: (c: SupervisedChild) => Promise<unknown>;
  policy?: RestartPolicy;
  stopGraceMs: number;
}

/** A started child with an `exited` promise that resolves with the exit code (null: killed by a signal). */
export function supervised(child: ChildProcess): SupervisedChild {
  return { child, exited: new Promise<number | null>((r) => child.once('exit', (c) => r(c))) };
}

export class ChildSupervisor {
  #current: SupervisedChild | null = null;
  /** When the current child got through its start-up (null: not yet, an exit now is a quick failure). */
  #readyAt: number | null = null;
  #stopping = false;
  #timer: NodeJS.Timeout | undefined;
  #history: RestartHistory = { quickFailures: 0, restarts: 0 };
  readonly #policy: RestartPolicy;

  constructor(private readonly o: SupervisorOptions) {
    this.#policy = o.policy ?? DEFAULT_RESTART_POLICY;
  }

  get restarts(): number { return this.#history.restarts; }

  /**
   * Watches `c`: its exit, unless stop() was called, restarts it. `ready` (the default: `c` is already through its
   * start-up) is when its run starts counting.
   */
  adopt(c: SupervisedChild, ready: Promise<unknown> = Promise.resolve()): void {
    this.#current = c;
    this.#readyAt = null;
    void c.exited.then((code) => { if (this.#current === c) this.#exited(code, c.child.signalCode); });
    ready.then(() => { if (this.#current === c && c.child.exitCode === null && c.child.signalCode === null) this.#readyAt = performance.now(); }, () => undefined);
  }

  /**
   * From now on nothing is restarted (a pending restart is dropped); synchronous. `vigie up` calls it on every
   * supervisor as soon as it stops, before stopping any child: a child that ends on its own meanwhile (a worker that
   * got the terminal's Ctrl-C too and finished its orderly stop, exit 0) is not started again.
   */
  halt(): void {
    this.#stopping = true;
    clearTimeout(this.#timer);
  }

  #exited(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#stopping) return;
    // Exited before its start-up was through: a run of 0, a quick failure.
    const d = restartDecision(this.#history, this.#readyAt === null ? 0 : performance.now() - this.#readyAt, this.#policy);
    this.#history = d.history;
    const how = code === null ? `killed by ${signal ?? 'a signal'}` : `exit code ${code}`;
    const exit = code === null ? `exitCode=null signal=${signal ?? 'unknown'}` : `exitCode=${code}`;
    if (!d.restart) {
      this.o.say(`vigie up: ${EVENTS.UP_GAVE_UP} service=${this.o.service} ${exit} restarts=${d.history.restarts}: not restarting it (${d.reason})`);
      this.o.onGiveUp(new VigieError(`the ${this.o.service} exited (${how}) ${d.reason}; not restarting it: see its log above`, { retriable: false }));
      return;
    }
    this.o.say(`vigie up: ${EVENTS.UP_RESTART} service=${this.o.service} ${exit} attempt=${d.attempt} delayMs=${d.delayMs}: it exited (${how}), starting it again`);
    this.#timer = setTimeout(() => {
      if (this.#stopping) return;
      const c = this.o.spawn();
      this.adopt(c, this.o.ready ? this.o.ready(c) : Promise.resolve());
      this.o.onRestart?.(c);
    }, d.delayMs);
  }

  /** Stops the child (SIGTERM, SIGKILL after the grace) and any pending restart; says how it ended. */
  async stop(): Promise<string> {
    this.halt();
    const c = this.#current;
    return c ? stopChild(c.child, c.exited, this.o.stopGraceMs) : 'not running';
  }
}
