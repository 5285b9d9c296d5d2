/**
 * The classifier worker's liveness, for /livez: not live while the exactly-once loop waits on one step longer than
 * `stallMs` (stall.ts), or input has been pending without a commit longer than `progressMs` (progress.ts). An
 * orchestrator's liveness probe (Kubernetes) then restarts the process, before the worker's own fatal bound would;
 * the reason says which check and since when. These thresholds are not the warnings (logs): they sit above what a
 * healthy worker can take in a broker outage it rides out (a commit plus its abort, a rewind), or every outage
 * would restart every worker at once. Pure: the caller passes the (monotonic) time.
 */
import type { LoopStage } from '../kafka/exactly-once-loop.js';
import type { Liveness } from './http-server.js';
import { AT_REST } from './stall.js';

/** After how long (ms) a step in progress, or input pending without a commit, makes the worker not live. */
export interface LivenessLimits { stallMs: number; progressMs: number }

export interface LoopHealth {
  stage: LoopStage;
  /** Since when input taken has not been committed (null: nothing pending). */
  pendingSince: number | null;
  abortsSinceCommit: number;
}

export function loopLiveness(h: LoopHealth, now: number, limits: LivenessLimits): Liveness {
  if (!AT_REST.has(h.stage.what) && now - h.stage.since >= limits.stallMs) {
    return { live: false, reason: { check: 'stall', step: h.stage.what, seconds: Math.round((now - h.stage.since) / 1000), livezMs: limits.stallMs } };
  }
  if (h.pendingSince !== null && now - h.pendingSince >= limits.progressMs) {
    return { live: false, reason: { check: 'no progress', seconds: Math.round((now - h.pendingSince) / 1000), livezMs: limits.progressMs, abortsSinceCommit: h.abortsSinceCommit } };
  }
  return { live: true };
}

/**
 * The /livez answer with the worker's context: the assigned partitions, and the lagging partitions of a backlog
 * episode (backlog.ts) only when the no-progress check is what failed (a stall is a step that never ends: a backlog
 * then is its consequence, not its reason).
 */
export function livenessWithContext(l: Liveness, assigned: readonly number[], backlog: unknown): Liveness {
  if (l.live) return l;
  const reason = l.reason as { check?: string };
  const lagging = backlog !== null && reason.check === 'no progress' ? { backlog } : {};
  return { live: false, reason: { ...reason, assigned, ...lagging } };
}

/**
 * /livez while the engine loads at start (rules, policy, models): live until the load has lasted `timeoutMs` (0 =
 * never), then not, with the reason (stop 52: a load that hangs, e.g. a model directory on a stuck mount, answered 200
 * for ever, so no liveness probe ever restarted it). Pure: `startedAt` and `now` on the same monotonic clock.
 */
export function loadLiveness(startedAt: number, now: number, timeoutMs: number): Liveness {
  if (timeoutMs <= 0 || now - startedAt < timeoutMs) return { live: true };
  return {
    live: false,
    reason: { check: 'engine load', seconds: Math.round((now - startedAt) / 1000), loadTimeoutMs: timeoutMs,
      hint: 'the rule, policy or model files may be on a mount that does not answer (VIGIE_RULES_DIR, VIGIE_POLICY_FILE, VIGIE_MODEL_DIR, VIGIE_WINDOW_MODEL_DIR)' },
  };
}
