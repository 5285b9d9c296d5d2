/**
 * The classifier worker's liveness, for /livez: not live while the exactly-once loop waits on one step past the stall
 * warning (stall.ts), or input has been pending without a commit past the progress warning (progress.ts). An
 * orchestrator's liveness probe (Kubernetes) then restarts the process, before the worker's own fatal bound would;
 * the reason says which check and since when. Pure: the caller passes the (monotonic) time.
 */
import type { LoopStage } from '../kafka/exactly-once-loop.js';
import type { Liveness } from './http-server.js';
import { progressVerdict, type ProgressLimits } from './progress.js';
import { stallVerdict, type StallLimits } from './stall.js';

export interface LoopHealth {
  stage: LoopStage;
  /** Since when input taken has not been committed (null: nothing pending). */
  pendingSince: number | null;
  abortsSinceCommit: number;
}

export function loopLiveness(h: LoopHealth, now: number, stall: StallLimits, progress: ProgressLimits): Liveness {
  if (stallVerdict(h.stage, now, stall) !== 'ok') {
    return { live: false, reason: { check: 'stall', step: h.stage.what, seconds: Math.round((now - h.stage.since) / 1000), warnMs: stall.warnMs } };
  }
  if (h.pendingSince !== null && progressVerdict(h.pendingSince, now, progress) !== 'ok') {
    return { live: false, reason: { check: 'no progress', seconds: Math.round((now - h.pendingSince) / 1000), warnMs: progress.warnMs, abortsSinceCommit: h.abortsSinceCommit } };
  }
  return { live: true };
}
