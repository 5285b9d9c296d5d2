/**
 * When `vigie up` restarts a child service (the classifier worker, the console) that exited on its own: at once
 * after a run that lasted (a worker stopping itself on a stall or on no progress, for its supervisor to restart it),
 * with a doubling back-off after quick failures, and not any more after `maxQuickFailures` quick failures in a row
 * (a configuration error or a broken install: restarting cannot help, and the operator must see it). Pure decision.
 */

export interface RestartPolicy {
  /** Back-off after the first quick failure, doubled per quick failure in a row. Default 1000 ms. */
  baseDelayMs: number;
  /** Longest back-off. Default 30000 ms: with the default 5 quick failures the delays are 1, 2, 4 and 8 s (then given up), so it only bounds a larger maxQuickFailures. */
  maxDelayMs: number;
  /** A run shorter than this is a quick failure, counted from the child's readiness (an exit before it: a run of 0). Default 60000 ms. */
  quickRunMs: number;
  /** Quick failures in a row after which the child is not restarted. Default 5. */
  maxQuickFailures: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { baseDelayMs: 1000, maxDelayMs: 30_000, quickRunMs: 60_000, maxQuickFailures: 5 };

/** Quick failures in a row, and restarts so far. */
export interface RestartHistory { quickFailures: number; restarts: number }

export type RestartDecision =
  | { restart: true; delayMs: number; attempt: number; history: RestartHistory }
  | { restart: false; reason: string; history: RestartHistory };

/** What to do after the child exited on its own, having run `runMs`. */
export function restartDecision(h: RestartHistory, runMs: number, p: RestartPolicy): RestartDecision {
  const quickFailures = runMs < p.quickRunMs ? h.quickFailures + 1 : 0;
  if (quickFailures >= p.maxQuickFailures) {
    return { restart: false, reason: `${quickFailures} exits in a row before or within ${p.quickRunMs / 1000} s of being ready`, history: { quickFailures, restarts: h.restarts } };
  }
  const delayMs = quickFailures === 0 ? 0 : Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (quickFailures - 1));
  const history = { quickFailures, restarts: h.restarts + 1 };
  return { restart: true, delayMs, attempt: history.restarts, history };
}
