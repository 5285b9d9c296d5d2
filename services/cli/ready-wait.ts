/**
 * `vigie up`'s wait for a child's readiness, bounded by a clock deadline (monotonic ms), not by a count of polls: each
 * poll may itself take its request timeout (a port that accepts and never answers), so 600 polls of 200 ms could last
 * half an hour. The clock and the sleep are injectable for tests.
 */

import { setTimeout as delay } from 'node:timers/promises';

export type ReadyOutcome = 'ready' | 'exited' | 'timeout';

export interface ReadyWaitOptions {
  /** Monotonic ms (as `now()`) after which the wait gives up. */
  deadline: number;
  /** Pause between two polls. */
  intervalMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Polls `check` until it answers true ('ready'), the child is no longer `alive` ('exited') or the deadline passes ('timeout'). */
export async function waitReady(check: () => Promise<boolean>, alive: () => boolean, o: ReadyWaitOptions): Promise<ReadyOutcome> {
  const now = o.now ?? (() => performance.now());
  const sleep = o.sleep ?? delay;
  for (;;) {
    if (await check()) return 'ready';
    if (!alive()) return 'exited';
    const left = o.deadline - now();
    if (left <= 0) return 'timeout';
    await sleep(Math.min(o.intervalMs, left));
  }
}

/** `p`'s value, or 'timeout' if the deadline (monotonic ms, as performance.now()) passes first; a rejection passes through. */
export async function beforeDeadline<T>(p: Promise<T>, deadline: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((res) => { timer = setTimeout(() => res('timeout'), Math.max(0, deadline - performance.now())); });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}
