import type { KafkaClient } from '../kafka/client.js';
import { VigieError } from '../contracts/errors.js';
import { throughput, throughputAfterFirst } from './stats.js';
import { withDeadline } from './kafka-util.js';
import { TopicWatch } from './topic-watch.js';
import { metricSum, WorkerProcess, type WorkerLaunch } from './worker-process.js';
import type { PipelineFigures } from './report.js';

export interface PipelineRun {
  verdictTopic: string;
  watchGroupId: string;
  expected: number;
  /** Key + value bytes of the expected input messages. */
  inputBytes: number;
  timeoutMs: number;
  launch: WorkerLaunch;
}

/**
 * The real pipeline: one classifier worker process with default settings, a fresh group and fresh
 * output topics, on the pre-loaded input. Measured from spawn to the N-th committed verdict seen by a
 * read_committed consumer. The rate is taken from the first committed verdicts to the last (the first
 * commit's verdicts left out), like the other phases; start-up is reported apart.
 */
export async function runPipeline(kafka: KafkaClient, r: PipelineRun, progress: (msg: string) => void): Promise<PipelineFigures> {
  const watch = await TopicWatch.start(kafka, r.verdictTopic, r.watchGroupId);
  let worker: WorkerProcess | undefined;
  try {
    worker = WorkerProcess.start(r.launch);
    const w = worker;
    const ticker = setInterval(() => progress(`  pipeline: ${watch.count.toLocaleString('en-US')} / ${r.expected.toLocaleString('en-US')} verdicts committed`), 5000);
    try {
      await withDeadline(Promise.race([watch.waitFor(r.expected), exitWatch(w)]), r.timeoutMs,
        () => `pipeline (${watch.count} of ${r.expected} verdicts committed; worker log tail:\n${w.logTail()})`);
    } finally {
      clearInterval(ticker);
    }
    if (watch.count > r.expected) {
      throw new VigieError(`pipeline: ${watch.count} verdicts for ${r.expected} input messages (duplicates under exactly-once?)`);
    }
    const end = watch.lastAt!;
    const metrics = await w.metrics();
    const peak = w.peakRssBytes();
    // A small input (--quick: 5 000 messages, windows of up to 5 000 / 100 ms) commits in a handful of
    // windows: the time between the first and the last commit says nothing; then the rate includes start-up.
    const t = watch.marks.length < 8
      ? throughput(r.expected, r.inputBytes, end - w.spawnedAt)
      : throughputAfterFirst(
        { messages: r.expected, bytes: r.inputBytes },
        { messages: watch.firstCount, bytes: Math.round((r.inputBytes * watch.firstCount) / r.expected), atMs: watch.firstAt! },
        end,
      );
    const quarter = (from: number, to: number, fromAt: number | null) => {
      const toAt = watch.reachedAt(to);
      return fromAt != null && toAt != null && toAt > fromAt ? (to - from) / ((toAt - fromAt) / 1000) : null;
    };
    const q = Math.round(r.expected / 4);
    const firstQuarterMsgsPerSec = quarter(watch.firstCount, q, watch.firstAt);
    const lastQuarterMsgsPerSec = quarter(r.expected - q, r.expected, watch.reachedAt(r.expected - q));
    const code = await w.stop();
    worker = undefined;
    if (code !== 0) progress(`  note: the worker exited with code ${code} after SIGTERM`);
    return {
      ...t,
      startupSeconds: (watch.firstAt! - w.spawnedAt) / 1000,
      wallMsgsPerSec: r.expected / ((end - w.spawnedAt) / 1000),
      peakRssBytes: peak,
      stateBytes: metrics == null ? null : metricSum(metrics, 'vigie_classifier_state_bytes'),
      stateJsonBytes: metrics == null ? null : metricSum(metrics, 'vigie_classifier_state_json_bytes'),
      firstQuarterMsgsPerSec, lastQuarterMsgsPerSec,
    };
  } finally {
    await worker?.stop();
    await watch.stop();
  }
}

/** Rejects as soon as the worker process exits, so a crash fails the phase at once instead of at the deadline. */
export function exitWatch(w: WorkerProcess): Promise<never> {
  return new Promise((_, reject) => {
    const t = setInterval(() => {
      if (!w.running) {
        clearInterval(t);
        reject(new VigieError(`the classifier worker exited early: ${w.lastLine()}\nits last log lines:\n${w.logTail()}`));
      }
    }, 200);
    t.unref();
  });
}
