import type { VigieConfig } from '../common/config.js';

/**
 * One step of `vigie up` (services/cli/commands/up.ts): it gets the context left by the previous steps
 * and returns a one-line summary. A step may add a `stop` to `ctx.cleanups` and return
 * `{ keepRunning: true }` when it leaves something running in this process.
 */
export interface UpContext {
  cfg: VigieConfig;
  argv: Record<string, string | boolean | undefined>;
  brokers: string[];
  say(line: string): void;
  cleanups: (() => Promise<void>)[];
  /**
   * Called synchronously, all of them, as soon as `vigie up` stops for any reason (SIGINT/SIGTERM, a child given up),
   * before any clean-up: a supervisor then restarts nothing (e.g. a worker that ends its own Ctrl-C stop, exit 0,
   * while the console is being stopped).
   */
  halts: (() => void)[];
  /** A running part failed for good (a child given up after quick failures): `vigie up` stops everything, exits 1. */
  fail(err: Error): void;
}

export interface UpStep {
  name: string;
  run(ctx: UpContext): Promise<{ summary: string; keepRunning?: boolean }>;
}

/** Stops restarts everywhere at once (ctx.halts), synchronously: call it on a signal, before any clean-up. */
export function haltAll(ctx: Pick<UpContext, 'halts'>): void {
  for (const h of ctx.halts) h();
}

/** Halts every supervisor first, then runs the clean-ups in reverse order (last started, first stopped). */
export async function cleanUp(ctx: Pick<UpContext, 'halts' | 'cleanups' | 'say'>): Promise<void> {
  haltAll(ctx);
  for (const c of ctx.cleanups.splice(0).reverse()) await c().catch((err: unknown) => ctx.say(`vigie up: clean-up failed: ${(err as Error).message}`));
}
