/**
 * Input available to the worker that it neither fetches nor commits: the part of the progress check (progress.ts) that
 * sees a stream that stopped fetching after a clean commit. Such a worker has taken nothing, so nothing is pending in
 * the loop's own count (kafka/loop-progress.ts), while its partitions hold records: /livez stayed 200 and the worker
 * never exited. Every `backlogCheckMs` the worker asks the broker for the end of its assigned partitions (one
 * ListOffsets request, read_committed: the last stable offset) and compares it with the input's fetch positions
 * (kafka-input.ts `fetchPositions`, past control records and aborted transactions, so a transactional or idle input shows
 * no backlog); records fetched and not taken yet count as available too.
 *
 * An episode starts at the first probe that sees records available with no progress since the previous probe, and
 * ends at a probe that sees none available, or sees progress: a commit, a record delivered by the stream, or another
 * assignment. Its start is the `since` the progress check judges beside the loop's own pending input. A partition that
 * lags at the same fetch position at two probes in a row, the stream not paused, is stuck since the first of them even
 * while the others progress (a partial stall); `since` is then the older of the two. Pure: the caller passes the probe
 * and the (monotonic) time.
 */

export interface BacklogProbe {
  /** Monotonic ms. */
  now: number;
  /** The assigned input partitions. */
  partitions: readonly number[];
  /** End (last stable offset) of each assigned partition. */
  ends: ReadonlyMap<number, bigint>;
  /** Where the input fetches next on each assigned partition (absent: unknown, not compared). */
  positions: ReadonlyMap<number, bigint>;
  /** Records fetched and not taken by the loop yet. */
  undelivered: number;
  /** Changes whenever the worker progresses: commits plus records delivered by the stream. */
  progressMark: number;
  /** The stream is paused (read-ahead full): positions that do not move are not a stall. */
  paused: boolean;
}

/** A lagging partition's fetch position and since when (monotonic ms) it has been at it. */
export interface PartitionAt { position: bigint; since: number }

export interface BacklogLag { partition: number; position: string; end: string }

export interface BacklogState {
  /** Since when (monotonic ms) input has been available without progress, or one partition has not moved; null: none. */
  since: number | null;
  /** The part of `since` from the worker's progress as a whole (commits, deliveries, assignment). */
  wholeSince: number | null;
  /** Lagging partitions with their position when the stream was not paused, at the last probe. */
  at: ReadonlyMap<number, PartitionAt>;
  mark: number;
  partitions: string;
  /** The partitions whose end is past their fetch position, at the last probe. */
  lagging: BacklogLag[];
  undelivered: number;
}

export const NO_BACKLOG: BacklogState = { since: null, wholeSince: null, at: new Map(), mark: Number.NaN, partitions: '', lagging: [], undelivered: 0 };

export function backlogStep(prev: BacklogState, probe: BacklogProbe): BacklogState {
  const lagging: BacklogLag[] = [];
  for (const p of probe.partitions) {
    const end = probe.ends.get(p);
    const at = probe.positions.get(p);
    if (end !== undefined && at !== undefined && end > at) lagging.push({ partition: p, position: String(at), end: String(end) });
  }
  const partitions = probe.partitions.join(',');
  const available = lagging.length > 0 || probe.undelivered > 0;
  const progressed = prev.mark !== probe.progressMark || prev.partitions !== partitions;
  const wholeSince = !available ? null : prev.wholeSince === null || progressed ? probe.now : prev.wholeSince;
  // A partial stall (one partition's fetch never completes while the others move): a lagging partition at the same
  // position at two probes in a row, the stream not paused at either, is stuck since the first of them.
  const at = new Map<number, PartitionAt>();
  let stuckSince: number | null = null;
  for (const l of probe.paused ? [] : lagging) {
    const position = probe.positions.get(l.partition)!;
    const before = prev.partitions === partitions ? prev.at.get(l.partition) : undefined;
    const since = before?.position === position ? before.since : probe.now;
    at.set(l.partition, { position, since });
    if (since < probe.now) stuckSince = oldest(stuckSince, since);
  }
  return { since: oldest(wholeSince, stuckSince), wholeSince, at, mark: probe.progressMark, partitions, lagging, undelivered: probe.undelivered };
}

/**
 * A probe that could not read the ends (ListOffsets failed): an episode is kept only while nothing moved (same progress
 * mark, same assignment). A worker that commits or delivers while its probes fail is not stuck, and keeping the `since`
 * of its last successful probe would age it into /livez 503 and the fatal exit.
 */
export function backlogUnknown(prev: BacklogState, progressMark: number, partitions: readonly number[]): BacklogState {
  return prev.mark === progressMark && prev.partitions === partitions.join(',') ? prev : NO_BACKLOG;
}

/** The older of two `since` times (null: none): what the progress check judges. */
export function oldest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}
