/**
 * The worker's window pipeline wired to the exactly-once loop's progress (loop-progress.ts `progressed`): a record
 * learned to kill its engine thread (dead-lettered from the next try on) is progress without a commit, so a burst of
 * them, one abort each, does not add up to a no-progress exit that would lose what was learned. Apart from worker.ts
 * so that the wiring itself is tested (progressing-pipeline.test.ts); the loop is created after the pipeline, hence
 * the getter.
 */
import { WindowPipeline, type WindowPipelineDeps } from './window-pipeline.js';
import type { Logger } from '../common/logger.js';
import { ExactlyOnceLoop, type ExactlyOnceLoopOptions } from '../kafka/exactly-once-loop.js';
import type { Assignment, KafkaInput } from '../kafka/kafka-input.js';
import type { TransactionalOutput } from '../kafka/kafka-output.js';

export interface ProgressSink { progressed(now: number): void }

export function progressingPipeline(deps: Omit<WindowPipelineDeps, 'onLearned'>, progress: () => ProgressSink | undefined,
  now: () => number = () => performance.now()): WindowPipeline {
  return new WindowPipeline({ ...deps, onLearned: () => progress()?.progressed(now()) });
}

/** What workerLoop builds: the pipeline, the input and output it was given, and the loop over them. */
export interface WorkerLoop { pipeline: WindowPipeline; input: KafkaInput; output: TransactionalOutput; loop: ExactlyOnceLoop }

/**
 * The worker's exactly-once loop over the pipeline, in the order each needs the other: the pipeline first (the
 * input's start offsets come from it), then the input and the output (made by the caller), then the loop, whose
 * progress tracker the pipeline tells about learned thread killers. worker.ts calls this; tested apart
 * (progressing-pipeline.test.ts) so that the loop's tracker reaching the pipeline is checked, not only the pipeline.
 */
export function workerLoop(deps: Omit<WindowPipelineDeps, 'onLearned'>, make: {
  input(startOffsets: (a: Assignment, committed: Map<number, bigint>) => Promise<Map<number, bigint>>): KafkaInput;
  output(): TransactionalOutput;
}, loopOpts: ExactlyOnceLoopOptions, onAborted: () => void, log: Logger, now?: () => number): WorkerLoop {
  let loop: ExactlyOnceLoop | undefined;
  const pipeline = progressingPipeline(deps, () => loop?.progress, now);
  const input = make.input((a, committed) => pipeline.startOffsets(a, committed));
  const output = make.output();
  loop = new ExactlyOnceLoop(input, output, {
    process: (records) => pipeline.process(records),
    committed: () => pipeline.committed(),
    aborted: () => { onAborted(); pipeline.aborted(); },
    rewound: (a) => pipeline.rewound(a),
  }, loopOpts, log);
  return { pipeline, input, output, loop };
}
