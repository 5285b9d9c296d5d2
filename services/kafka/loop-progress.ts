/**
 * Input the exactly-once loop has taken and not committed yet, and since when: what the classifier worker's progress
 * check judges (classifier-worker/progress.ts says why). Pure bookkeeping; the loop passes the (monotonic) time.
 */

/** What the exactly-once loop tells about its windows; read by the worker's progress check. */
export class ProgressTracker {
  /** Take time of every window taken and not committed yet, oldest first (commits are in order). */
  #open: number[] = [];
  #pendingSince: number | null = null;
  #partitions: readonly number[] | null = null;
  /** Windows aborted since the last commit. */
  abortsSinceCommit = 0;
  commits = 0;

  /** Since when (monotonic ms) input taken has not been committed; null: nothing pending. */
  get pendingSince(): number | null { return this.#pendingSince; }

  /** A window of at least one record was taken. */
  taken(now: number): void {
    this.#open.push(now);
    this.#pendingSince ??= now;
  }

  /** The oldest open window committed. */
  committed(): void {
    this.#open.shift();
    this.#pendingSince = this.#open[0] ?? null;
    this.abortsSinceCommit = 0;
    this.commits++;
  }

  /** The open windows are void (an abort, or a rebalance before their commit); their records are still to do. */
  voided(aborted: boolean): void {
    this.#open = [];
    if (aborted) this.abortsSinceCommit++;
  }

  /**
   * Work that the next try will not have to repeat, without a commit (the worker learned a record that kills its engine
   * thread: it is dead-lettered next time). A pending episode starts again from `now`, so a burst of such records, one
   * abort each, does not add up to a no-progress exit that would lose what was learned.
   */
  progressed(now: number): void {
    if (this.#pendingSince !== null) this.#pendingSince = now;
  }

  /** The input was positioned at the committed offsets of `partitions`. */
  rewound(partitions: readonly number[]): void {
    const before = this.#partitions;
    this.#partitions = [...partitions];
    const same = before !== null && before.length === partitions.length && before.every((p, i) => p === partitions[i]);
    if (!same && this.#open.length === 0) this.#pendingSince = null;
  }
}
