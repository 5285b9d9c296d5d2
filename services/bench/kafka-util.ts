/**
 * Small Kafka plumbing the bench phases share: a client of the one factory whose log lines are
 * counted, not printed, the bench's own topics (random names, created fresh, deleted at the end), and
 * a deadline around a phase.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Admin } from '@platformatic/kafka';
import { createLogger } from '../common/logger.js';
import { VigieError } from '../contracts/errors.js';
import { createTopic, deleteTopics, listTopics } from '../kafka/admin.js';
import { KafkaClient } from '../kafka/client.js';

/** What the client logged (warnings and errors) during a run, kept out of the progress output. */
export interface ClientLogStats {
  /** Kept for the report's shape; the raw-eos phase counts its aborted windows itself. */
  concurrentTransactionRetries: number;
  /** Warning and error lines (most recent last, at most 20). */
  errors: string[];
}

/** A client of the one factory whose warnings are counted, not printed: the bench's own progress goes to stderr and must stay readable. */
export function benchClient(brokers: string[], clientId: string, stats: ClientLogStats): KafkaClient {
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        try { const j = JSON.parse(line) as { msg?: string; err?: { message?: string } }; stats.errors.push(`${j.msg ?? ''}${j.err?.message ? `: ${j.err.message}` : ''}`); } catch { stats.errors.push(line); }
        if (stats.errors.length > 20) stats.errors.shift();
      }
      cb();
    },
  });
  return new KafkaClient({ brokers, clientId }, createLogger({ level: 'warn', name: 'bench', destination: sink }));
}

/** A unique name for this run's topics and groups: `<prefix>-<yyyymmddhhmmss>-<hex>`. */
export function runId(prefix: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${prefix}-${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Topics created by this run, so the end of the run can delete exactly those. */
export class BenchTopics {
  readonly created: string[] = [];
  private readonly adopted: string[] = [];
  constructor(private readonly admin: Admin, private readonly partitions: number) {}

  async create(names: string[], config: Record<string, string> = {}): Promise<void> {
    const existing = new Set(await listTopics(this.admin));
    const clash = names.filter((n) => existing.has(n));
    if (clash.length) throw new VigieError(`topics already exist: ${clash.join(', ')} (the bench needs fresh topics)`);
    // createTopic waits until every partition has a leader (a fresh KRaft topic can answer UNKNOWN_TOPIC_OR_PARTITION for a moment).
    for (const n of names) {
      await createTopic(this.admin, n, this.partitions, 1, config);
      this.created.push(n);
    }
  }

  /** A topic someone else (the worker) creates during the run, to delete at the end if it exists. */
  adopt(name: string): void {
    this.adopted.push(name);
  }

  async deleteAll(): Promise<string[]> {
    const existing = new Set(await listTopics(this.admin));
    const names = [...this.created, ...this.adopted].filter((t) => existing.has(t));
    this.adopted.length = 0;
    if (names.length === 0) return [];
    await deleteTopics(this.admin, names);
    this.created.length = 0;
    return names;
  }
}

/**
 * Rejects with a clear error when `work` has not settled within `ms`. `what` may be a function, so the message can say
 * how far the phase got when the deadline passed.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string | (() => string)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new VigieError(`${typeof what === 'function' ? what() : what}: not finished after ${Math.round(ms / 1000)} s`, { retriable: true })), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A promise with its resolve/reject exposed, for "done when the count is reached" in consumer callbacks. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}
