import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';

/**
 * Runs kcat (librdkafka: an independent Kafka client, with the Java client's read_committed algorithm)
 * against the test brokers and returns its stdout; fails the test with kcat's stderr on a non-zero exit.
 */
export function kcat(brokers: readonly string[], args: string[], input?: string, timeoutMs = 30_000): string {
  const r = spawnSync('kcat', ['-b', brokers.join(','), ...args], { input, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new Error(`kcat could not run (apt-get install -y kcat): ${r.error.message}`);
  assert.equal(r.status, 0, `kcat ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Records of a whole topic as kcat reads them under read_committed: one `partition:offset` per record. */
export function kcatCommittedPositions(brokers: readonly string[], topic: string, timeoutMs = 120_000): string[] {
  const out = kcat(brokers, ['-q', '-C', '-t', topic, '-o', 'beginning', '-e', '-X', 'isolation.level=read_committed', '-f', '%p:%o\\n'], undefined, timeoutMs);
  return out.split('\n').filter(Boolean);
}
