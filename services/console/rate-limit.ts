/**
 * Login rate limit: failures are counted per key (the user name tried, and the client address) in a
 * sliding window; past `maxFailures` in `windowMs` every login for that key is refused, right password
 * or not, until the oldest failure leaves the window. A success clears the user name's failures.
 *
 * `attempt` checks and counts in one synchronous step, before the (slow, asynchronous) password check:
 * an attempt counts as a failure until `succeeded` takes it back. Checking first and counting after the
 * scrypt let any number of concurrent logins pass the check before the first failure was recorded, so a
 * burst of parallel guesses was not limited at all.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly maxFailures: number, private readonly windowMs: number) {}

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
    for (const k of keys) { const list = this.recent(k, now); list.push(now); this.failures.set(k, list); }
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
