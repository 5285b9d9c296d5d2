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

/**
 * The command that stops the local broker this environment selects: `npm run kafka:down` alone would stop the default one
 * (port 9092, <repo>/.data/kafka), not a broker the bench started on KAFKA_PORT / VIGIE_KAFKA_DATA_DIR.
 */
export function kafkaDownCommand(env: NodeJS.ProcessEnv): string {
  const vars = ['KAFKA_PORT', 'KAFKA_CONTROLLER_PORT', 'VIGIE_KAFKA_DATA_DIR'].filter((k) => env[k]).map((k) => `${k}=${env[k]}`);
  return [...vars, 'npm run kafka:down'].join(' ');
}

/** Runs `run`, then stops the broker the bench started (also when `run` throws), saying so on `progress`. */
export async function withBenchBroker<T>(resolved: Pick<ResolvedBrokers, 'source' | 'startedHere'>, stop: () => Promise<unknown>,
  progress: (msg: string) => void, run: () => Promise<T>, stopCommand = 'npm run kafka:down'): Promise<T> {
  try {
    return await run();
  } finally {
    if (benchStartedBroker(resolved)) {
      progress('stopping the local Kafka broker this bench started (a broker already running is left running)');
      try {
        await stop();
        progress('local Kafka broker stopped');
      } catch (err) {
        progress(`could not stop the local Kafka broker this bench started (${(err as Error)?.message ?? String(err)}); stop it with: ${stopCommand}`);
      }
    }
  }
}
