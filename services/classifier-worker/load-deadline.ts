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
