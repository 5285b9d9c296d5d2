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
  /** A running part failed for good (a child given up after quick failures): `vigie up` stops everything, exits 1. */
  fail(err: Error): void;
}

export interface UpStep {
  name: string;
  run(ctx: UpContext): Promise<{ summary: string; keepRunning?: boolean }>;
}
