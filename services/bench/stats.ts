/**
 * Pure arithmetic of the benchmark: throughput over a timed window and latency percentiles.
 * No clock is read here; callers pass the timestamps they observed.
 */

/** Throughput of one phase, as reported in the table and the JSON line. */
export interface Throughput {
  /** Messages the phase handled. */
  messages: number;
  /** Bytes of those messages as stored on the input topic (key + value). */
  bytes: number;
  /** Length of the timed window, seconds. */
  seconds: number;
  msgsPerSec: number;
  /** Mebibytes (2^20 bytes, as Kafka's perf tools count) per second. */
  mbPerSec: number;
}

const MIB = 1024 * 1024;

/** Throughput from a count, a byte total and a window in milliseconds. The window must be > 0. */
export function throughput(messages: number, bytes: number, windowMs: number): Throughput {
  if (!(windowMs > 0)) throw new RangeError(`throughput: window must be > 0 ms, got ${windowMs}`);
  if (!(messages >= 0) || !(bytes >= 0)) throw new RangeError(`throughput: negative count (messages ${messages}, bytes ${bytes})`);
  const seconds = windowMs / 1000;
  return { messages, bytes, seconds, msgsPerSec: messages / seconds, mbPerSec: bytes / MIB / seconds };
}

/**
 * Throughput of a stream observed only when whole batches arrive: the window opens when the first
 * batch is seen, so that batch's messages (and bytes) are not counted, since their fetch happened
 * before the window. This keeps every client-observed phase on the same footing and never
 * flatters a phase by counting work done before its clock started.
 */
export function throughputAfterFirst(
  total: { messages: number; bytes: number },
  first: { messages: number; bytes: number; atMs: number },
  lastAtMs: number,
): Throughput {
  const messages = total.messages - first.messages;
  const bytes = total.bytes - first.bytes;
  if (messages <= 0 || lastAtMs <= first.atMs) {
    throw new RangeError(`throughput: everything arrived in the first batch (${total.messages} messages); use more messages to measure a rate`);
  }
  return throughput(messages, bytes, lastAtMs - first.atMs);
}

/**
 * Nearest-rank percentile (p in [0, 100]) of an ascending-sorted array: the smallest value such that
 * at least p% of the values are ≤ it. p = 0 gives the minimum, p = 100 the maximum.
 */
export function percentileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of an empty set');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${p}`);
  // The small epsilon keeps decimal p (99.9 × 1000 / 100 = 999.0000000000001) from rounding a rank up.
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100 - 1e-9));
  return sorted[rank - 1]!;
}

/** The median of `xs` (the mean of the two middle values of an even count); the array is not reordered. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('median of an empty set');
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/** Summarises latencies in milliseconds (any order; the input is not modified). */
export function summariseLatencies(values: readonly number[]): LatencySummary {
  if (values.length === 0) throw new RangeError('no latencies to summarise');
  const sorted = Float64Array.from(values).sort();
  const arr = Array.from(sorted);
  let sum = 0;
  for (const v of arr) sum += v;
  return {
    count: arr.length,
    p50Ms: percentileSorted(arr, 50),
    p95Ms: percentileSorted(arr, 95),
    p99Ms: percentileSorted(arr, 99),
    maxMs: arr[arr.length - 1]!,
    meanMs: sum / arr.length,
  };
}

/** a / b, or null when either is missing or b is not positive (a ratio of nothing is not 0). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !(b > 0) || !Number.isFinite(a)) return null;
  return a / b;
}
