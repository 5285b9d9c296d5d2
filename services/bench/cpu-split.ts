/**
 * Where a timed run's CPU went: the whole process (`process.cpuUsage`) against the main thread alone
 * (`process.threadCpuUsage`). The difference is V8's background threads (concurrent JIT compilation, parallel GC)
 * and onnxruntime's threads: in the engine bench's first 20,000 messages most of it is JIT compilation (round 15,
 * docs/benchmarks.md), which a `--cpu-prof` profile does not show (it samples the main thread only).
 * Pure arithmetic: callers pass the usages they read.
 */

export interface CpuUsage { user: number; system: number }

export interface CpuSplit {
  cpuSeconds: number;
  messagesPerCpuSecond: number;
  mainThreadCpuSeconds: number;
  /** Process CPU less the main thread's (never negative: the two clocks are read a moment apart). */
  otherThreadsCpuSeconds: number;
}

const secs = (u: CpuUsage): number => (u.user + u.system) / 1e6;

/** The split of a run of `messages` messages from the process and main-thread usages over it (microseconds). */
export function cpuSplit(messages: number, processUsage: CpuUsage, threadUsage: CpuUsage): CpuSplit {
  const cpu = secs(processUsage);
  const main = Math.min(secs(threadUsage), cpu);
  return {
    cpuSeconds: +cpu.toFixed(3),
    messagesPerCpuSecond: cpu > 0 ? Math.round(messages / cpu) : 0,
    mainThreadCpuSeconds: +main.toFixed(3),
    otherThreadsCpuSeconds: +(cpu - main).toFixed(3),
  };
}

/** Messages [from, to) of pass `k` of `passes` over `perPass` messages each (the passes read distinct messages). */
export function passRange(k: number, perPass: number, total: number): [number, number] {
  const from = Math.min(k * perPass, total);
  return [from, Math.min(from + perPass, total)];
}
