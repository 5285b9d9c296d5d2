/**
 * The one output contract. Verdicts, moderation actions, escalations, audit records and dead letters
 * all leave a Vigie process through a `Sink`: `push(batch)`, `flush()`, `close()`.
 *
 * Acknowledgement rule (unlike Osprey's BaseOutputSink, which acknowledges failed messages): a caller
 * may treat an input as done — commit its offset — only after `flush()` resolved on EVERY sink that
 * must hold that input's results. A sink that cannot deliver throws; it never swallows a failure.
 *
 * `withSinkPolicy` adds the cross-cutting parts every sink needs: a timeout per call, bounded retries
 * of retriable failures (see errors.ts `isRetriable`), and counters labelled by the sink's `tag`.
 * Transactional sinks (the classifier worker's Kafka outputs) set `retries: 0`: a failed transaction
 * is retried as a whole, from the last committed input offset, never record by record.
 */
import { isRetriable, VigieError } from '../contracts/errors.js';

export interface Sink<T> {
  /** Metrics/log label, e.g. `kafka:chat.verdicts` or `audit:postgres`. */
  readonly tag: string;
  /** Hands a batch to the sink. May buffer; delivery is only guaranteed once `flush()` resolves. */
  push(batch: readonly T[]): Promise<void>;
  /** Resolves when everything pushed so far is durably delivered; throws otherwise. */
  flush(): Promise<void>;
  /** Releases resources. Does not flush: callers flush first when they mean to deliver. */
  close(): Promise<void>;
}

export interface SinkPolicyOptions {
  /** Longest a single push/flush may take before it fails with a retriable SinkTimeoutError. Default 30000 ms. */
  timeoutMs?: number;
  /** Extra attempts for a retriable failure of push/flush. Default 3; 0 for transactional sinks. */
  retries?: number;
  /** First backoff between attempts, doubled each time. Default 200 ms. */
  retryBackoffMs?: number;
}

export interface CompiledSinkPolicy {
  timeoutMs: number;
  retries: number;
  retryBackoffMs: number;
}

export function compileSinkPolicy(raw: SinkPolicyOptions = {}): CompiledSinkPolicy {
  const o = { timeoutMs: raw.timeoutMs ?? 30_000, retries: raw.retries ?? 3, retryBackoffMs: raw.retryBackoffMs ?? 200 };
  const problems: string[] = [];
  if (!(Number.isFinite(o.timeoutMs) && o.timeoutMs > 0)) problems.push(`sink timeoutMs must be > 0, got ${o.timeoutMs}`);
  if (!(Number.isInteger(o.retries) && o.retries >= 0)) problems.push(`sink retries must be an integer >= 0, got ${o.retries}`);
  if (!(Number.isFinite(o.retryBackoffMs) && o.retryBackoffMs >= 0)) problems.push(`sink retryBackoffMs must be >= 0, got ${o.retryBackoffMs}`);
  if (problems.length) throw new VigieError(`invalid sink policy: ${problems.join('; ')}`);
  return o;
}

/** A push or flush took longer than the policy allows. Retriable. */
export class SinkTimeoutError extends VigieError {
  constructor(tag: string, op: string, ms: number) {
    super(`sink ${tag}: ${op} did not finish within ${ms} ms`, { retriable: true });
  }
}

/** What a sink reports, so one metrics module can count every sink the same way. */
export interface SinkObserver {
  onResult(tag: string, op: 'push' | 'flush', outcome: 'ok' | 'retry' | 'error', records: number, seconds: number): void;
}

async function withTimeout<R>(p: Promise<R>, ms: number, onTimeout: () => Error): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(onTimeout()), ms); });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Wraps a sink with timeout, retry of retriable failures and observation. */
export function withSinkPolicy<T>(sink: Sink<T>, raw: SinkPolicyOptions = {}, observer?: SinkObserver): Sink<T> {
  const policy = compileSinkPolicy(raw);
  async function run(op: 'push' | 'flush', n: number, fn: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const t0 = process.hrtime.bigint();
      try {
        await withTimeout(fn(), policy.timeoutMs, () => new SinkTimeoutError(sink.tag, op, policy.timeoutMs));
        observer?.onResult(sink.tag, op, 'ok', n, Number(process.hrtime.bigint() - t0) / 1e9);
        return;
      } catch (err) {
        const again = attempt < policy.retries && isRetriable(err);
        observer?.onResult(sink.tag, op, again ? 'retry' : 'error', n, Number(process.hrtime.bigint() - t0) / 1e9);
        if (!again) throw err;
        await sleep(policy.retryBackoffMs * 2 ** attempt);
      }
    }
  }
  return {
    tag: sink.tag,
    push: (batch) => run('push', batch.length, () => sink.push(batch)),
    flush: () => run('flush', 0, () => sink.flush()),
    close: () => sink.close(),
  };
}
