/**
 * Reads bounded offset ranges of one topic, read_committed, without touching any real consumer
 * group: a throwaway group id (never committed to), deleted when done. Each partition's records
 * arrive in offset order, and `onRecords` is called for one chunk at a time, never concurrently.
 * A partition is done when its records up to the end offset were handled, or when the consumer's
 * fetch position has passed its end offset (transaction markers count, so a range ending on a commit
 * marker completes) and nothing of it is left in hand.
 */
import { randomUUID } from 'node:crypto';
import { MessagesStreamFallbackModes, MessagesStreamModes, type Message } from '@platformatic/kafka';
import { VigieError } from '../contracts/errors.js';
import { deleteGroups } from '../kafka/admin.js';
import type { KafkaClient } from '../kafka/client.js';

export interface ReadRange { start: bigint; end: bigint }

export interface ReadResult { groupId: string; records: number; groupDeleted: boolean }

/** One record as the readers see it: offset as a decimal string. */
export interface TopicRecord { offset: string; key: Buffer | null; value: Buffer | null; headers: Map<Buffer, Buffer> }

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const MAX_BUFFERED = 5000;

export async function readRanges(kafka: KafkaClient, topic: string, ranges: Map<number, ReadRange>,
  onRecords: (partition: number, records: TopicRecord[]) => Promise<void>,
  opts: { groupPrefix: string; idleTimeoutMs: number; chunk?: number; signal?: AbortSignal }): Promise<ReadResult> {
  const todo = [...ranges].filter(([, r]) => r.start < r.end);
  const groupId = `${opts.groupPrefix}-${randomUUID()}`;
  if (!todo.length) return { groupId, records: 0, groupDeleted: true };
  const chunk = opts.chunk ?? 256;
  const reached = new Map<number, bigint>(todo.map(([p, r]) => [p, r.start]));
  let records = 0;
  let progressAt = Date.now();
  const consumer = kafka.consumer({ groupId, sessionTimeoutMs: 60_000, rebalanceTimeoutMs: 60_000, heartbeatIntervalMs: 3000, maxWaitTimeMs: 250 });
  const admin = kafka.admin();
  const queue: Message<Buffer, Buffer, Buffer, Buffer>[] = [];
  let failure: unknown;
  let wake: () => void = () => undefined;
  let deleted = false;
  try {
    const stream = await consumer.consume({
      topics: [topic], mode: MessagesStreamModes.MANUAL, fallbackMode: MessagesStreamFallbackModes.LATEST, autocommit: false, maxWaitTime: 250,
      offsets: [...ranges].map(([partition, r]) => ({ topic, partition, offset: r.start < r.end ? r.start : r.end })),
    });
    stream.on('data', (m: Message<Buffer, Buffer, Buffer, Buffer>) => {
      queue.push(m);
      if (queue.length >= MAX_BUFFERED) stream.pause();
      wake();
    });
    stream.on('error', (err: unknown) => { failure ??= err; wake(); });
    const fetched = (p: number) => stream.offsetsToFetch.get(`${topic}:${p}`) ?? 0n;
    const done = (p: number) => {
      const r = ranges.get(p)!;
      return reached.get(p)! >= r.end || (fetched(p) >= r.end && stream.readableLength === 0 && !queue.some((m) => m.partition === p));
    };
    const behind = () => todo.map(([p]) => p).filter((p) => !done(p));
    const lastFetched = new Map<number, bigint>();
    try {
      while (behind().length && !failure) {
        // Interrupted (SIGINT/SIGTERM to the command): stop here; the finally blocks below delete the group.
        opts.signal?.throwIfAborted();
        if (!queue.length) {
          for (const [p] of todo) if (fetched(p) !== lastFetched.get(p)) { lastFetched.set(p, fetched(p)); progressAt = Date.now(); }
          if (Date.now() - progressAt > opts.idleTimeoutMs) {
            throw new VigieError(`${topic}: partitions ${behind().join(',')} made no progress for ${opts.idleTimeoutMs} ms before their end offsets (an open transaction?)`, { retriable: true });
          }
          await new Promise<void>((res) => { wake = res; setTimeout(res, 200); });
          continue;
        }
        // The next run of records of one partition, at most `chunk` long.
        const p = queue[0]!.partition;
        let n = 1;
        while (n < queue.length && n < chunk && queue[n]!.partition === p) n++;
        const taken = queue.splice(0, n);
        if (stream.isPaused() && queue.length < MAX_BUFFERED / 2) stream.resume();
        const r = ranges.get(p);
        if (!r) continue;
        const inRange = taken.filter((m) => m.offset >= r.start && m.offset < r.end);
        if (inRange.length) {
          await onRecords(p, inRange.map((m) => ({ offset: String(m.offset), key: m.key ?? null, value: m.value ?? null, headers: m.headers })));
          records += inRange.length;
        }
        const next = taken[taken.length - 1]!.offset + 1n;
        if (next > reached.get(p)!) reached.set(p, next);
        progressAt = Date.now();
      }
      if (failure) throw failure;
    } finally {
      await stream.close().catch(() => undefined);
    }
  } finally {
    await consumer.close(true).catch(() => undefined);
    // Right after the member left, the coordinator may still see the group as non-empty for a moment.
    for (let i = 0; i < 5 && !deleted; i++) {
      deleted = await deleteGroups(admin, [groupId]).then(() => true, () => false);
      if (!deleted) await sleep(200 * (i + 1));
    }
    await admin.close().catch(() => undefined);
  }
  return { groupId, records, groupDeleted: deleted };
}
