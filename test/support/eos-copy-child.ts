/**
 * A child process for the exactly-once crash and rebalance tests: copies EOS_IN to EOS_OUT with the
 * exactly-once loop (value `out:<input value>`), as group EOS_GROUP with transactional id EOS_TXID.
 * EOS_PROCESS_DELAY_MS adds simulated engine time per window. SIGTERM stops it cleanly; tests also SIGKILL it. Prints `eos-copy ready` once positioned.
 */
import { createLogger } from '../../services/common/logger.js';
import { KafkaClient } from '../../services/kafka/client.js';
import { ExactlyOnceLoop } from '../../services/kafka/exactly-once-loop.js';
import { KafkaInput } from '../../services/kafka/kafka-input.js';
import { TransactionalOutput } from '../../services/kafka/kafka-output.js';

const env = process.env;
const need = (k: string): string => {
  const v = env[k];
  if (!v) throw new Error(`${k} is required`);
  return v;
};
const log = createLogger({ level: env.VIGIE_LOG_LEVEL ?? 'info', name: 'eos-copy' });
const client = new KafkaClient({ brokers: need('KAFKA_BROKERS'), clientId: 'eos-copy' }, log);
const input = new KafkaInput(client, { topic: need('EOS_IN'), groupId: need('EOS_GROUP'), sessionTimeoutMs: 6000, heartbeatIntervalMs: 500, stableOffsetTimeoutMs: 60_000 }, log);
const output = new TransactionalOutput(client, { transactionalId: need('EOS_TXID'), transactionTimeoutMs: Number(env.EOS_TXN_TIMEOUT_MS ?? 10_000) }, log);
const outTopic = need('EOS_OUT');
/** Simulated engine time per window, so that a kill often lands while a transaction is open. */
const delayMs = Number(env.EOS_PROCESS_DELAY_MS ?? 0);
let ready = false;
const loop = new ExactlyOnceLoop(input, output, {
  process: async (records) => {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    return records.map((m) => ({ topic: outTopic, key: m.key ?? null, value: Buffer.from(`out:${m.value?.toString() ?? ''}`) }));
  },
  rewound: () => {
    if (!ready) { ready = true; process.stdout.write('eos-copy ready\n'); }
  },
}, { windowMaxMessages: Number(env.EOS_WINDOW ?? 1000), commitIntervalMs: Number(env.EOS_INTERVAL_MS ?? 100) }, log);

process.once('SIGTERM', () => loop.stop());
try {
  await loop.run();
  log.info({ event: 'eos-copy.stopped', commits: loop.commits, aborts: loop.aborts }, 'stopped');
} finally {
  await input.close();
  await output.close();
  await client.close();
}
