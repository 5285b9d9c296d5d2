/**
 * What `vigie console` opens once its port is bound, in order: the audit store (waited for), then the Kafka client and
 * the publisher. While each is awaited the 503 page says which (`waiting`). A failure at any step closes what was
 * opened before it, the listening server included (review of stop 52: a Kafka client made before a failing step was
 * never closed; the port, or an open store, would keep the process up). `closingOnFailure` does the same for what runs
 * once the pages are served (stop 54: a failing `listUsers` there closed nothing, and the process stayed up with its
 * first SIGTERM swallowed).
 */
import { VigieError } from '../contracts/errors.js';

/** The steps, the closers, and where the 503 page is told what the console waits for. */
export interface ConsoleStartSteps<S, K, P> {
  /** The audit store; null when the start was stopped while waiting for it. */
  openStore(): Promise<S | null>;
  openKafka(): Promise<K>;
  publisher(kafka: K): P;
  closeStore(store: S): Promise<void>;
  closeKafka(kafka: K): Promise<void>;
  closeServer(): Promise<void>;
  /** What the starting console now waits for, for its 503 answer ("the audit store"). */
  waiting(what: string): void;
}

/** What the 503 page names while each step runs. */
export const WAITING_FOR = { store: 'the audit store', kafka: 'the Kafka brokers (finding them, setting up the client)' } as const;

/**
 * Runs the steps; null when stopped while waiting for the store (the server is then closed). On a failure, closes
 * what was opened (the Kafka client, the store, the server) and throws the failure.
 */
export async function openConsoleBackends<S, K, P>(steps: ConsoleStartSteps<S, K, P>): Promise<{ store: S; kafka: K; publisher: P } | null> {
  let store: S | null = null;
  let kafka: K | null = null;
  try {
    steps.waiting(WAITING_FOR.store);
    store = await steps.openStore();
    if (store === null) {
      await steps.closeServer();
      return null;
    }
    steps.waiting(WAITING_FOR.kafka);
    kafka = await steps.openKafka();
    return { store, kafka, publisher: steps.publisher(kafka) };
  } catch (err) {
    await closeOpened(steps, store, kafka);
    throw err;
  }
}

type Closers<S, K> = Pick<ConsoleStartSteps<S, K, unknown>, 'closeStore' | 'closeKafka' | 'closeServer'>;

/**
 * Closes the Kafka client, the server and the store (those opened: null = not), each one even when an earlier close
 * rejected (stop 54: a rejected `closeServer` skipped the store); the close failures are returned, in that order.
 */
export async function closeOpened<S, K>(steps: Closers<S, K>, store: S | null, kafka: K | null): Promise<unknown[]> {
  const failures: unknown[] = [];
  const attempt = async (close: () => Promise<void>) => { try { await close(); } catch (err) { failures.push(err); } };
  if (kafka !== null) await attempt(() => steps.closeKafka(kafka));
  await attempt(() => steps.closeServer());
  if (store !== null) await attempt(() => steps.closeStore(store));
  return failures;
}

/** A failure once the console serves: everything is closed and the command ends with this error (exit 1). */
export class ConsoleServeError extends VigieError {}

/**
 * Runs what follows the start once the pages are served (the first-account hint reads the store); a failure closes
 * the Kafka client, the server and the store (`closeOpened`) and throws a ConsoleServeError naming it, so that the
 * process ends (exit 1) instead of staying up half started.
 */
export async function closingOnFailure<S, K, T>(steps: Closers<S, K>, store: S, kafka: K, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const failures = await closeOpened(steps, store, kafka);
    const why = err instanceof Error ? err.message : String(err);
    const closing = failures.length ? ` (closing also failed: ${failures.map((f) => (f instanceof Error ? f.message : String(f))).join('; ')})` : '';
    throw new ConsoleServeError(`the console failed once it served its pages: ${why}; the server, the Kafka client and the audit store are closed${closing}`, { cause: err });
  }
}
