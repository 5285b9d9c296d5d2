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

/** How the bench hears SIGINT / SIGTERM and exits: the process's own, replaced in tests. */
export interface SignalHooks {
  on(signal: NodeJS.Signals, fn: () => void): void;
  off(signal: NodeJS.Signals, fn: () => void): void;
  exit(code: number): void;
}

const PROCESS_SIGNALS: SignalHooks = {
  on: (signal, fn) => { process.on(signal, fn); },
  off: (signal, fn) => { process.off(signal, fn); },
  exit: (code) => process.exit(code),
};

/** Exit codes after a signal, as a shell reports a process it ended: 128 + the signal number. */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * SIGINT and SIGTERM handlers: the first signal calls `first`; a second one says `again(signal)` and exits at once with
 * that signal's code. `release` removes them (not called once a signal came: a second one must still exit).
 */
function onSignals(signals: SignalHooks, progress: (msg: string) => void, again: (signal: NodeJS.Signals) => string,
  first: (signal: NodeJS.Signals) => void): { release(): void } {
  let seen = false;
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const fn = (): void => {
      if (seen) {
        progress(again(signal));
        signals.exit(SIGNAL_EXIT[signal]!);
        return;
      }
      seen = true;
      first(signal);
    };
    signals.on(signal, fn);
    return [signal, fn] as const;
  });
  return { release: () => { for (const [signal, fn] of handlers) signals.off(signal, fn); } };
}

/** Stops the broker this bench started, saying so on `progress`; a failure names the command that stops it. */
async function stopStartedBroker(stop: () => Promise<unknown>, progress: (msg: string) => void, stopCommand: string): Promise<void> {
  progress('stopping the local Kafka broker this bench started (a broker already running is left running)');
  try {
    await stop();
    progress('local Kafka broker stopped');
  } catch (err) {
    progress(`could not stop the local Kafka broker this bench started (${(err as Error)?.message ?? String(err)}); stop it with: ${stopCommand}`);
  }
}

/**
 * Resolves the bench's brokers with SIGINT / SIGTERM held: the local broker's start (jars, storage format, up to
 * KAFKA_START_TIMEOUT_MS until it answers) runs as a detached process, so a signal that ended the bench there left
 * that broker running. A signal during `resolve` waits for it to end, stops the broker if this bench started it, then
 * exits 130 / 143; a second signal exits at once, naming the command that stops the broker.
 */
export async function resolveBenchBroker<R extends Pick<ResolvedBrokers, 'source' | 'startedHere'>>(resolve: () => Promise<R>,
  stop: () => Promise<unknown>, progress: (msg: string) => void, stopCommand = 'npm run kafka:down', signals: SignalHooks = PROCESS_SIGNALS): Promise<R> {
  let signalled: NodeJS.Signals | null = null;
  const handlers = onSignals(signals, progress, (signal) => `${signal} again: exiting without waiting for the local broker's start; stop it with: ${stopCommand}`, (signal) => {
    signalled = signal;
    progress(`${signal}: interrupted; the local broker's start is awaited, then the broker is stopped if this bench started it`);
  });
  let resolved: R;
  try {
    resolved = await resolve();
  } finally {
    if (!signalled) handlers.release();
  }
  if (signalled) {
    if (benchStartedBroker(resolved)) await stopStartedBroker(stop, progress, stopCommand);
    signals.exit(SIGNAL_EXIT[signalled]!);
  }
  return resolved;
}

/**
 * Runs `run`, then stops the broker the bench started (also when `run` throws), saying so on `progress`. While it runs,
 * SIGINT (Ctrl-C) and SIGTERM stop that broker too, then exit 130 / 143: an interrupted bench leaves no broker of its
 * own running. A second signal during that stop exits at once, naming the command that stops the broker. No handler is
 * installed when the bench did not start the broker (Node's default, exit at once, stays).
 */
export async function withBenchBroker<T>(resolved: Pick<ResolvedBrokers, 'source' | 'startedHere'>, stop: () => Promise<unknown>,
  progress: (msg: string) => void, run: () => Promise<T>, stopCommand = 'npm run kafka:down', signals: SignalHooks = PROCESS_SIGNALS): Promise<T> {
  if (!benchStartedBroker(resolved)) return run();
  let stopping: Promise<void> | null = null;
  const stopBroker = (): Promise<void> => stopping ??= stopStartedBroker(stop, progress, stopCommand);
  let interrupted = false;
  const handlers = onSignals(signals, progress, (signal) => `${signal} again: exiting without waiting for the broker to stop; stop it with: ${stopCommand}`, (signal) => {
    interrupted = true;
    progress(`${signal}: interrupted`);
    void stopBroker().finally(() => signals.exit(SIGNAL_EXIT[signal]!));
  });
  try {
    return await run();
  } finally {
    if (!interrupted) handlers.release();
    await stopBroker();
  }
}
