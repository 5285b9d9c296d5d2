/**
 * What `vigie console` opens once its port is bound, in order: the audit store (waited for), then the Kafka client and
 * the publisher. While each is awaited the 503 page says which (`waiting`). A failure at any step closes what was
 * opened before it, the listening server included (review of stop 52: a Kafka client made before a failing step was
 * never closed; the port, or an open store, would keep the process up).
 */

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
    if (kafka !== null) await steps.closeKafka(kafka).catch(() => undefined);
    await steps.closeServer();
    if (store !== null) await steps.closeStore(store);
    throw err;
  }
}
