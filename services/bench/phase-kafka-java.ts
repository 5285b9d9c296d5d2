import { spawn } from 'node:child_process';
import { VigieError } from '../contracts/errors.js';
import { throughput, type Throughput } from './stats.js';

/**
 * The broker-side ceiling: Apache Kafka's own `org.apache.kafka.tools.ConsumerPerformance` (the class
 * behind kafka-consumer-perf-test.sh) reading the same topic. Its fetch.* figures exclude the group
 * join (rebalance) time, so they are timed from the first fetch to the last message like the other phases.
 */
export async function kafkaJavaConsume(
  javaCommand: (mainClass: string, args: string[]) => { command: string; args: string[] },
  o: { brokers: string[]; topic: string; groupId: string; expected: number; timeoutMs: number },
): Promise<Throughput> {
  // `--name=value`, one argument each: a topic or group made from a user's --topic-prefix may start with '-'
  // (a legal topic name) and must not be read as an option.
  const cmd = javaCommand('org.apache.kafka.tools.ConsumerPerformance', [
    `--bootstrap-server=${o.brokers.join(',')}`,
    `--topic=${o.topic}`,
    `--group=${o.groupId}`,
    `--messages=${o.expected}`,
    // Longest gap between two polls that return records before the tool gives up (ms).
    '--timeout=30000',
  ]);
  const { stdout, stderr, code } = await run(cmd.command, cmd.args, o.timeoutMs);
  if (code !== 0) throw new VigieError(`ConsumerPerformance exited with ${code}: ${tail(stderr || stdout)}`);
  const r = parseConsumerPerformance(stdout);
  if (r.messages < o.expected) {
    throw new VigieError(`ConsumerPerformance read ${r.messages} of ${o.expected} messages: ${tail(stderr || stdout)}`);
  }
  return throughput(r.messages, r.bytes, r.fetchMs);
}

export interface ConsumerPerformanceResult {
  messages: number;
  /** data.consumed.in.MB × 2^20 (the tool counts key + value bytes in MiB). */
  bytes: number;
  rebalanceMs: number;
  fetchMs: number;
}

/**
 * Parses the tool's CSV-ish output: a header line naming the columns, then one data line. Columns are
 * found by name, so a reordering between Kafka versions is caught rather than misread.
 */
export function parseConsumerPerformance(stdout: string): ConsumerPerformanceResult {
  const lines = stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const h = lines.findIndex((l) => l.startsWith('start.time'));
  const data = h >= 0 ? lines[h + 1] : undefined;
  if (h < 0 || data === undefined) throw new VigieError(`ConsumerPerformance printed no result table:\n${tail(stdout)}`);
  const names = lines[h]!.split(',').map((s) => s.trim());
  const values = data.split(',').map((s) => s.trim());
  const col = (name: string): number => {
    const i = names.indexOf(name);
    const v = i >= 0 ? Number(values[i]) : NaN;
    if (!Number.isFinite(v)) throw new VigieError(`ConsumerPerformance output has no numeric ${name} column:\n${lines[h]}\n${data}`);
    return v;
  };
  return {
    messages: col('data.consumed.in.nMsg'),
    bytes: Math.round(col('data.consumed.in.MB') * 1024 * 1024),
    rebalanceMs: col('rebalance.time.ms'),
    fetchMs: col('fetch.time.ms'),
  };
}

function tail(s: string): string {
  return s.trim().split('\n').slice(-12).join('\n');
}

function run(command: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new VigieError(`ConsumerPerformance did not finish within ${Math.round(timeoutMs / 1000)} s: ${tail(stderr || stdout)}`));
    }, timeoutMs);
    child.once('error', (err) => { clearTimeout(timer); reject(new VigieError(`could not run ${command}: ${err.message}`, { cause: err })); });
    child.once('close', (code) => { clearTimeout(timer); resolve({ stdout, stderr, code }); });
  });
}
