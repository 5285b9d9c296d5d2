/**
 * Which input records a window may commit past. A stateful handler starts a partition below its
 * committed offset O to replay [C, O) into its state (checkpoint-plan.ts); those replayed records
 * must not move the committed offset: committing past one of them would set the partition's offset
 * back below O, and the next owner would process [that offset, O) again with output (duplicates).
 * Decision only, no I/O.
 */
export interface OffsetRecord {
  partition: number;
  offset: bigint;
}

/**
 * The records at or past their partition's committed offset (`committed`: per partition, -1n or
 * absent when none), in order.
 */
export function recordsToCommit<R extends OffsetRecord>(records: readonly R[], committed: ReadonlyMap<number, bigint>): R[] {
  return records.filter((r) => r.offset >= (committed.get(r.partition) ?? -1n));
}
