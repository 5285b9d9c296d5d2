/**
 * The deadline of an engine load (VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS), at start and on a hot reload (a rule, policy or
 * model change, SIGHUP): a load from a mount that does not answer never ends, and nothing said so (stop 53: reloads had
 * no deadline). `onOverdue` runs once the load has lasted `timeoutMs` (0 = never); `done()`, called when the load
 * settles, clears the timer and says whether the deadline had passed (the caller then logs the late end: at start
 * /livez answers 200 again; a late reload is discarded, the previous engine kept as the overdue line said).
 */
export interface LoadDeadline {
  /** Clears the timer; true when the load outlasted the deadline. */
  done(): boolean;
}

export function loadDeadline(timeoutMs: number, onOverdue: () => void): LoadDeadline {
  let overdue = false;
  const timer = timeoutMs > 0 ? setTimeout(() => { overdue = true; onOverdue(); }, timeoutMs) : undefined;
  timer?.unref();
  return { done: () => { clearTimeout(timer); return overdue; } };
}

/** The error line of a hot reload past its deadline (engine-holder.ts and engine-pool.ts say the same). */
export const reloadOverdueMessage = (seconds: number, kept: unknown): string =>
  `the engine reload has lasted ${seconds} s, past VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS: keeping the previous engine ${JSON.stringify(kept)} (are the rule, policy and model files on a mount that does not answer?)`;

/** The warn line of a hot reload that ended after its deadline (discarded), `failed` when the late load failed. */
export const reloadLateMessage = (failed = false): string =>
  `the engine reload ended after VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS${failed ? ' and failed' : ''}: discarded, the previous engine still runs (change a file or send SIGHUP to load again)`;
