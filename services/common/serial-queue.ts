/**
 * Runs async work one piece at a time, in the order asked: a piece starts when the previous one has settled. A failure
 * goes to its own caller only; the next piece still runs. (The engine's batches, the audit store's transactions, the
 * blocklist's flushes: each must never interleave with the one before.)
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => T | Promise<T>): Promise<T> {
    const call = this.#tail.then(fn);
    this.#tail = call.catch(() => undefined);
    return call;
  }

  /** Settles once every piece asked for so far has settled (never rejects). */
  async idle(): Promise<void> {
    await this.#tail;
  }
}
