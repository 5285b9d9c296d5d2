/**
 * Periodic checkpoints + deterministic replay: the decision logic, no I/O.
 *
 * The worker writes p's engine state to the changelog (inside a batch transaction) only every
 * `checkpointIntervalMs`, and always on the first batch after a restore; the checkpoint records the
 * next input offset C it covers. The committed input offset O moves with every transaction, so
 * C <= O. On assignment the worker restores the checkpoint, then rebuilds the state of [C, O) by
 * running those input records through the engine again — no output, no commit — which is exact
 * because the engine is deterministic (time comes from `sentAt`).
 */

export interface ReplayInput {
  /** Next input offset covered by the restored checkpoint; null: no checkpoint (empty state). */
  checkpointOffset: bigint | null;
  /** Committed offset of the group for p; < 0: none. */
  committed: bigint;
  /** Earliest offset still in p's log (retention). */
  logStart: bigint;
}

export type ReplayPlan =
  | { kind: 'none'; mismatch: boolean }
  /** Re-run [from, until) through the engine without output, then process from `until`. */
  | { kind: 'replay'; from: bigint; until: bigint; lostBelowLogStart: boolean };

export function planReplay({ checkpointOffset, committed, logStart }: ReplayInput): ReplayPlan {
  if (committed < 0n) return { kind: 'none', mismatch: checkpointOffset !== null && checkpointOffset > 0n };
  // No checkpoint: the state is the empty state before the first record of the partition (offset 0).
  const c = checkpointOffset ?? 0n;
  if (c > committed) return { kind: 'none', mismatch: true };
  if (c === committed) return { kind: 'none', mismatch: false };
  const from = c < logStart ? logStart : c;
  if (from >= committed) return { kind: 'none', mismatch: c < logStart };
  return { kind: 'replay', from, until: committed, lostBelowLogStart: c < logStart };
}

/** Whether the batch about to commit carries a checkpoint. */
export function checkpointDue(args: { now: number; lastCheckpointAt: number | null; intervalMs: number }): boolean {
  return args.lastCheckpointAt === null || args.intervalMs === 0 || args.now - args.lastCheckpointAt >= args.intervalMs;
}
