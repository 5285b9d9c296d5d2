/**
 * One hot reload at a time, and one more after it (engine-holder.ts and engine-pool.ts): a reload asked for while one
 * runs (a file change, SIGHUP) may find the running load already past the files it changed, so it loads once more after
 * that one ends and the newest files win; several such asks share that one follow-up (review of ops54, stop 54).
 */
export class ReloadQueue {
  #running: Promise<void> | undefined;
  #queued: Promise<void> | undefined;

  /** `closed()`: a follow-up is dropped once the owner is closed. */
  constructor(private readonly closed: () => boolean) {}

  /** Runs `load` now, or once after the running one (the first queued caller's `load`). */
  run(load: () => Promise<void>): Promise<void> {
    if (this.#running) {
      return this.#queued ??= this.#running.then(() => { this.#queued = undefined; return this.closed() ? undefined : this.run(load); });
    }
    this.#running = load().finally(() => { this.#running = undefined; });
    return this.#running;
  }
}
