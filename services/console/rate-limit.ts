/**
 * Login rate limit: failures are counted per key (the user name tried, and the client address) in a
 * sliding window; past `maxFailures` in `windowMs` every login for that key is refused, right password
 * or not, until the oldest failure leaves the window. A success clears the user name's failures.
 *
 * `attempt` checks and counts in one synchronous step, before the (slow, asynchronous) password check:
 * an attempt counts as a failure until `succeeded` takes it back. Checking first and counting after the
 * scrypt let any number of concurrent logins pass the check before the first failure was recorded, so a
 * burst of parallel guesses was not limited at all.
 *
 * Bounded memory: keys whose failures all left the window are dropped (a sweep at most once per window, or
 * per minute), and at most `maxKeys` keys are kept: past that, the key that failed longest ago is forgotten
 * first. Without either, every user name and address ever tried stayed in the map for the life of the process.
 */
export class LoginLimiter {
  /** Key → failure times; in the order of each key's latest failure (the oldest first: the first evicted). */
  private readonly failures = new Map<string, number[]>();
  private lastSweep = 0;
  constructor(private readonly maxFailures: number, private readonly windowMs: number, private readonly maxKeys = 100_000) {}

  /** Keys held (tests, metrics). */
  get size(): number { return this.failures.size; }

  /** Drops the keys with no failure left in the window. */
  private sweep(now: number): void {
    if (now - this.lastSweep < Math.min(this.windowMs, 60_000)) return;
    this.lastSweep = now;
    const cutoff = now - this.windowMs;
    for (const [k, list] of this.failures) if (!(list[list.length - 1]! > cutoff)) this.failures.delete(k);
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length) this.failures.set(key, list); else this.failures.delete(key);
    return list;
  }

  /** Milliseconds until a login for any of these keys is allowed again; 0 = allowed now. */
  retryAfterMs(keys: string[], now: number): number {
    let wait = 0;
    for (const k of keys) {
      const list = this.recent(k, now);
      if (list.length >= this.maxFailures) wait = Math.max(wait, list[list.length - this.maxFailures]! + this.windowMs - now);
    }
    return wait;
  }

  fail(keys: string[], now: number): void {
    this.sweep(now);
    for (const k of keys) {
      const list = this.recent(k, now);
      list.push(now);
      // Re-inserted: the map stays in the order of latest failure, so the first key is the one to evict.
      this.failures.delete(k);
      this.failures.set(k, list);
      while (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
    }
  }

  /** Refuses (milliseconds to wait) when any key is at its limit; else counts this attempt as a failure of every key and returns 0. */
  attempt(keys: string[], now: number): number {
    const wait = this.retryAfterMs(keys, now);
    if (wait === 0) this.fail(keys, now);
    return wait;
  }

  /** The attempt counted at `at` succeeded: the first key's (the user name's) failures are cleared, the others lose that one count. */
  succeeded(keys: string[], at: number): void {
    const [user, ...others] = keys;
    if (user !== undefined) this.failures.delete(user);
    for (const k of others) {
      const list = this.failures.get(k);
      const i = list?.lastIndexOf(at) ?? -1;
      if (list && i >= 0) { list.splice(i, 1); if (!list.length) this.failures.delete(k); }
    }
  }
}
