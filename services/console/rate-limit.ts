/**
 * Login rate limit: failures are counted per key (the user name tried, and the client address) in a
 * sliding window; past `maxFailures` in `windowMs` every login for that key is refused, right password
 * or not, until the oldest failure leaves the window. A success clears the user name's failures.
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

  succeed(key: string): void { this.failures.delete(key); }
}
