import { cpus, totalmem, platform, release } from 'node:os';
import type { MachineFacts } from './report.js';

/** Facts about this machine that a reader needs to compare two bench runs. */
export function machineFacts(kafkaVersion: string | null): MachineFacts {
  const cpuList = cpus();
  return {
    cores: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    totalMemoryBytes: totalmem(),
    node: process.version,
    kafkaVersion,
    platform: `${platform()} ${release()}`,
  };
}
