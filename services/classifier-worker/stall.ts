/**
 * The classifier worker's stall check: the exactly-once loop says what it awaits and since when
 * (ExactlyOnceLoop.stage); every await of a healthy loop ends within its own bound (a take within the commit
 * interval, a commit or a rewind within the client's retries and timeouts), so a stage that lasts far longer
 * means a promise that will never settle. The member keeps heartbeating meanwhile (the client library does it
 * on its own timers), so the group never moves its partitions to a live member: they would stay unprocessed
 * forever. The check says so once (a warning with every stage) and, past the fatal bound, stops the process
 * (exit 1) so that its supervisor restarts it; the restart fences the open transaction and the partitions are
 * processed again from their committed offsets. Pure decision; the worker runs it on a timer.
 */
import type { LoopStage } from '../kafka/exactly-once-loop.js';

export interface StallLimits {
  /** A stage lasting this long is logged (once per stage), with what every part awaits. */
  warnMs: number;
  /** A stage lasting this long stops the worker (exit 1, restarted by its supervisor). 0 = never. */
  fatalMs: number;
}

export type StallVerdict = 'ok' | 'warn' | 'fatal';

/** Stages where the loop is waiting for nothing: it ended, or was never started. */
export const AT_REST = new Set(['created', 'stopped']);

export function stallVerdict(stage: LoopStage, now: number, limits: StallLimits): StallVerdict {
  return AT_REST.has(stage.what) ? 'ok' : ageVerdict(now - stage.since, limits);
}

/** A wait of `age` ms against warn and fatal bounds (fatal 0 = never): shared by the stall and progress checks. */
export function ageVerdict(age: number, limits: StallLimits): StallVerdict {
  if (limits.fatalMs > 0 && age >= limits.fatalMs) return 'fatal';
  if (age >= limits.warnMs) return 'warn';
  return 'ok';
}

/**
 * Runs `stallVerdict` on every tick: `warn` once per stage (a new stage may warn again), `fatal` once. The caller
 * owns the timer (`tick` on an interval) so that tests drive it.
 */
export class StallWatch {
  #warned: LoopStage | null = null;
  #fatal = false;

  constructor(private readonly stage: () => LoopStage, private readonly limits: StallLimits,
    private readonly onWarn: (stage: LoopStage, ageMs: number) => void, private readonly onFatal: (stage: LoopStage, ageMs: number) => void) {}

  tick(now = performance.now()): StallVerdict {
    if (this.#fatal) return 'fatal';
    const stage = this.stage();
    const v = stallVerdict(stage, now, this.limits);
    if (v === 'fatal') {
      this.#fatal = true;
      this.onFatal(stage, now - stage.since);
    } else if (v === 'warn' && this.#warned !== stage) {
      this.#warned = stage;
      this.onWarn(stage, now - stage.since);
    }
    return v;
  }
}

/**
 * The step a sequence of awaits is at (a stop: the loop, the input's close, the changelog, the clients...), for the
 * report of a stop that does not finish: which await is still pending.
 */
export class StepRecorder {
  current: LoopStage | null = null;

  /** Marks `what` as the step awaited now and returns `p` unchanged. */
  at<T>(what: string, p: Promise<T>): Promise<T> {
    this.current = { what, since: performance.now() };
    return p;
  }

  /** The last step has settled: nothing pending. */
  done(): void {
    this.current = { what: 'done', since: performance.now() };
  }
}

/**
 * Runs `stop` and waits for it at most `timeoutMs`: `onLate` runs if it has not settled by then (the caller logs what
 * was awaited and exits). The timer does not keep the process alive once the stop finished.
 */
export async function stopWithin(stop: () => Promise<void>, timeoutMs: number, onLate: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((r) => { timer = setTimeout(() => r('late'), timeoutMs); });
  try {
    if ((await Promise.race([stop().then(() => 'done' as const), late])) === 'late') onLate();
  } finally {
    clearTimeout(timer);
  }
}
