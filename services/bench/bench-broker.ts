/**
 * The broker a bench run started is stopped when the run ends (issue 11, round 40): `npm run bench` without
 * KAFKA_BROKERS starts the local broker when none runs, and one left running on 9092 blocked CI's own broker start
 * later. A broker that was already running (or given by KAFKA_BROKERS, or a testcontainers one, which ends with the
 * process) is left as it was. I/O is passed in (cli.ts gives stopLocalBroker).
 */
import type { ResolvedBrokers } from '../kafka/brokers.js';

/** Whether the bench must stop the broker when it ends: it started the local broker itself. */
export function benchStartedBroker(resolved: Pick<ResolvedBrokers, 'source' | 'startedHere'>): boolean {
  return resolved.source === 'local' && resolved.startedHere === true;
}

/** Runs `run`, then stops the broker the bench started (also when `run` throws), saying so on `progress`. */
export async function withBenchBroker<T>(resolved: Pick<ResolvedBrokers, 'source' | 'startedHere'>, stop: () => Promise<unknown>,
  progress: (msg: string) => void, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    if (benchStartedBroker(resolved)) {
      progress('stopping the local Kafka broker this bench started (a broker already running is left running)');
      try {
        await stop();
        progress('local Kafka broker stopped');
      } catch (err) {
        progress(`could not stop the local Kafka broker this bench started (${(err as Error)?.message ?? String(err)}); stop it with: npm run kafka:down`);
      }
    }
  }
}
