/**
 * The worker's window pipeline wired to the exactly-once loop's progress (loop-progress.ts `progressed`): a record
 * learned to kill its engine thread (dead-lettered from the next try on) is progress without a commit, so a burst of
 * them, one abort each, does not add up to a no-progress exit that would lose what was learned. Apart from worker.ts
 * so that the wiring itself is tested (progressing-pipeline.test.ts); the loop is created after the pipeline, hence
 * the getter.
 */
import { WindowPipeline, type WindowPipelineDeps } from './window-pipeline.js';

export interface ProgressSink { progressed(now: number): void }

export function progressingPipeline(deps: Omit<WindowPipelineDeps, 'onLearned'>, progress: () => ProgressSink | undefined,
  now: () => number = () => performance.now()): WindowPipeline {
  return new WindowPipeline({ ...deps, onLearned: () => progress()?.progressed(now()) });
}
