/**
 * The deadline of an engine load (VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS), at start and on a hot reload (a rule, policy or
 * model change, SIGHUP): a load from a mount that does not answer never ends, and nothing said so (stop 53: reloads had
 * no deadline). `onOverdue` runs once the load has lasted `timeoutMs` (0 = never); `done()`, called when the load
 * settles, clears the timer and says whether the deadline had passed (the caller then logs the late end: at start
 * /livez answers 200 again; a late reload that loads is applied then, one that fails keeps the previous engine).
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
  `the engine reload has lasted ${seconds} s, past VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS: the previous engine ${JSON.stringify(kept)} still runs, and the reload is applied if it ends and loads (are the rule, policy and model files on a mount that does not answer?)`;

/**
 * The warn line of a hot reload that ended after its deadline: `applied` when it loaded (the operator's change is not
 * lost: stop 54; before, a healthy late load was discarded until the next change or SIGHUP), else it failed and the
 * previous engine still runs.
 */
export const reloadLateMessage = (applied: boolean): string => applied
  ? 'the engine reload ended after VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS and loaded: the new engine is applied now (a deadline too short for this busy host, or a slow mount?)'
  : 'the engine reload ended after VIGIE_CLASSIFIER_LOAD_TIMEOUT_MS and failed: the previous engine still runs (fix the files, then change one or send SIGHUP to load again)';
