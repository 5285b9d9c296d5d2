/**
 * The classifier worker's progress check, beside the stall check (stall.ts): the stall check sees one await that
 * lasts, not a loop that keeps moving without ever committing (take → process → commit fails → abort → back off →
 * rewind → take the same records again, every step short). Such a loop resets the outage tolerance at every
 * successful rewind, and the member keeps heartbeating, so its partitions make no progress for ever.
 *
 * Progress is judged from input the loop has taken and not yet committed: `pendingSince` is when the oldest such
 * window was taken. A commit clears it (or moves it to the next window taken meanwhile); a failure voids the open
 * windows but keeps `pendingSince`, since their records must still be processed; a rewind onto another set of
 * partitions drops it (those records now belong to another member). A worker with no input never has pending
 * input, so it never trips the check. The loop keeps that time (kafka/loop-progress.ts); this file judges it. Pure: the
 * caller passes the (monotonic) time.
 */
import { ageVerdict, type StallLimits, type StallVerdict } from './stall.js';

/**
 * Input pending this long without a commit is logged (once per episode) and /livez reports not live (`warnMs`); this
 * long stops the worker, exit 1, restarted by its supervisor (`fatalMs`, 0 = never).
 */
export type ProgressLimits = StallLimits;

export type ProgressVerdict = StallVerdict;

export function progressVerdict(pendingSince: number | null, now: number, limits: ProgressLimits): ProgressVerdict {
  return pendingSince === null ? 'ok' : ageVerdict(now - pendingSince, limits);
}

/**
 * Runs `progressVerdict` on every tick: `warn` once per episode of pending input (a commit ends it), `fatal` once.
 * The caller owns the timer.
 */
export class ProgressWatch {
  #warned: number | null = null;
  #fatal = false;

  constructor(private readonly pendingSince: () => number | null, private readonly limits: ProgressLimits,
    private readonly onWarn: (ageMs: number) => void, private readonly onFatal: (ageMs: number) => void) {}

  tick(now = performance.now()): ProgressVerdict {
    if (this.#fatal) return 'fatal';
    const since = this.pendingSince();
    const v = progressVerdict(since, now, this.limits);
    if (since === null) return v;
    if (v === 'fatal') {
      this.#fatal = true;
      this.onFatal(now - since);
    } else if (v === 'warn' && this.#warned !== since) {
      this.#warned = since;
      this.onWarn(now - since);
    }
    return v;
  }
}
