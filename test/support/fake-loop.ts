/**
 * The real exactly-once loop over a fake input and output, for unit tests of the worker's checks (stall, progress):
 * the input holds `records` records, given again after every rewind until a flush succeeds; `flush` decides what each
 * commit does (settle, fail, never settle).
 */
import { ExactlyOnceLoop } from '../../services/kafka/exactly-once-loop.js';
import type { InputMessage, KafkaInput } from '../../services/kafka/kafka-input.js';
import type { TransactionalOutput } from '../../services/kafka/kafka-output.js';
import { silentLog } from './audit.js';

const rec = (offset: number) => ({ topic: 'in', partition: 0, offset: BigInt(offset) }) as unknown as InputMessage;
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function fakeLoop(records: number, flush: () => Promise<void>): { loop: ExactlyOnceLoop; flushes: () => number } {
  const all = Array.from({ length: records }, (_, i) => rec(i));
  let queue = [...all];
  let flushes = 0;
  const input = {
    assignment: { generation: 1, partitions: [0] }, rewindNeeded: false, committedAtRewind: new Map(), consumer: {},
    get buffered() { return queue.length; },
    async start() {}, requestRewind() {},
    async rewind() { queue = [...all]; },
    async take(n: number, ms: number) {
      if (!queue.length) { await tick(Math.min(ms, 5)); return []; }
      const out = queue.slice(0, n);
      queue = queue.slice(n);
      return out;
    },
  } as unknown as KafkaInput;
  const output = {
    fenced: false, async init() {}, async push() {}, consumed() {}, async abort() {},
    flush() {
      flushes++;
      // Committed: nothing to give again after a rewind.
      return flush().then(() => { all.splice(0); });
    },
  } as unknown as TransactionalOutput;
  const loop = new ExactlyOnceLoop(input, output, { process: () => [] }, { commitIntervalMs: 20, minWindowGapMs: 0, failureBackoffMs: 1 }, silentLog);
  return { loop, flushes: () => flushes };
}
