import { createLogger } from '../common/logger.js';
import { KafkaClient } from '../kafka/client.js';
import { ExactlyOnceLoop } from '../kafka/exactly-once-loop.js';
import { KafkaInput } from '../kafka/kafka-input.js';
import { TransactionalOutput } from '../kafka/kafka-output.js';
import { throughput, type Throughput } from './stats.js';
import { deferred, withDeadline } from './kafka-util.js';
import type { EosFigures } from './report.js';

export interface RawEosOptions {
  brokers: string[];
  inputTopic: string;
  outputTopic: string;
  groupId: string;
  transactionalId: string;
  expected: number;
  timeoutMs: number;
  /** The worker's commit window: most records per transaction and its time bound. */
  windowMaxMessages: number;
  commitIntervalMs: number;
  progress: (msg: string) => void;
}

/**
 * The exactly-once ceiling of the worker's client: the worker's loop (kafka/exactly-once-loop.ts: one
 * transactional producer, one transaction per commit window over every partition, the next window
 * read while the commit is in flight) with the worker's window settings, copying each message
 * unchanged. Timed from the first window read to the commit that covers the last input message.
 */
export async function rawEos(o: RawEosOptions): Promise<EosFigures> {
  const log = createLogger({ level: 'warn', name: 'bench-raw-eos' });
  const client = new KafkaClient({ brokers: o.brokers, clientId: `${o.groupId}-client` }, log);
  let retries = 0;
  const input = new KafkaInput(client, { topic: o.inputTopic, groupId: o.groupId, maxWaitTimeMs: 100 }, log);
  const output = new TransactionalOutput(client, { transactionalId: o.transactionalId }, log);
  const done = deferred<Throughput>();
  let messages = 0;
  let bytes = 0;
  let firstAt: number | null = null;
  const loop = new ExactlyOnceLoop(input, output, {
    process: (records) => {
      firstAt ??= performance.now();
      return records.map((m) => ({ topic: o.outputTopic, key: m.key ?? null, value: m.value ?? null }));
    },
    committed: (records) => {
      messages += records.length;
      for (const m of records) bytes += (m.key?.length ?? 0) + (m.value?.length ?? 0);
      if (messages >= o.expected) {
        const now = performance.now();
        try { done.resolve(throughput(messages, bytes, now - (firstAt ?? now))); } catch (err) { done.reject(err); }
      }
    },
    aborted: (err) => { if (err) retries++; },
  }, { windowMaxMessages: o.windowMaxMessages, commitIntervalMs: o.commitIntervalMs }, log);
  const running = loop.run().catch((err: unknown) => done.reject(err));
  const ticker = setInterval(() => o.progress(`  raw-eos: ${messages.toLocaleString('en-US')} / ${o.expected.toLocaleString('en-US')} committed`), 10_000);
  try {
    const t = await withDeadline(done.promise, o.timeoutMs, () => `raw-eos (${messages} of ${o.expected} messages committed)`);
    // concurrentTransactionRetries: aborted windows (the library retries CONCURRENT_TRANSACTIONS itself, after 20 ms).
    return { ...t, transactions: loop.commits, concurrentTransactionRetries: retries };
  } finally {
    clearInterval(ticker);
    loop.stop();
    await running;
    await input.close();
    await output.close();
    await client.close();
  }
}
