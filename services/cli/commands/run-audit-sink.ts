import { parseArgs, UsageError, type Command } from '../command.js';
import { AuditSink } from '../../audit/audit-sink.js';
import { kafkaFromEnv } from '../../audit/cli-support.js';
import { explainSecurityError } from '../../kafka/security-errors.js';
import { KAFKA_ENV_HELP, SINK_ENV_HELP, sinkOptionsFromConfig, storeOptionsFromConfig, STORE_ENV_HELP } from '../../audit/env.js';
import { loadConfig } from '../../common/config.js';
import { createLogger } from '../../common/logger.js';
import { AuditStore } from '../../audit/store.js';
import { createCodecs } from '../../contracts/index.js';

const help = `usage: vigie run audit-sink

Runs the audit sink: a Kafka consumer group (read_committed, manual offset commits) on the audit,
escalation and moderation-action topics. Each fetched batch is written to the audit store in one
database transaction, then its offsets are committed: a crash re-delivers, idempotent writes drop
the repeats. While the database is unavailable the sink pauses and retries with backoff, then
catches up. Moderation actions update each user's enforcement, published to the compacted blocklist
topic (tombstone when it expires). Stops cleanly on SIGTERM/SIGINT. Logs are JSON on stderr, with
chat text and IP addresses redacted.

${SINK_ENV_HELP}
${STORE_ENV_HELP}
${KAFKA_ENV_HELP}
  VIGIE_LOG_LEVEL                  pino level (default info)`;

const command: Command = {
  help,
  async run(argv) {
    const { positionals } = parseArgs(argv, {});
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const env = process.env;
    const cfg = loadConfig(env);
    const sinkOpts = sinkOptionsFromConfig(cfg);
    const storeOpts = storeOptionsFromConfig(cfg);
    const log = createLogger({ name: 'audit-sink', level: cfg.logging.level, redact: cfg.logging.redact, file: cfg.logging.file });
    const codecs = createCodecs();
    // The first connection may fail while the database is still starting: wait for it rather than exit.
    let store: AuditStore | null = null;
    for (let wait = 200; !store; wait = Math.min(wait * 2, sinkOpts.retryMaxMs)) {
      try { store = await AuditStore.open(storeOpts, log); } catch (err) {
        if (!(err as { retriable?: boolean }).retriable) throw err;
        log.warn({ err: (err as Error).message }, 'audit store unavailable at start; retrying');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
    const sink = new AuditSink(await kafkaFromEnv(env, 'vigie-audit-sink', log), store, codecs, sinkOpts, log);
    let stopping: Promise<void> | null = null;
    const stop = (signal: string) => {
      log.info({ signal }, 'stopping audit sink');
      stopping ??= sink.stop();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    try {
      // A failed start (refused login, missing ACL) closes what was opened, so the process exits non-zero.
      const { done } = await sink.start().catch((err: unknown) => { throw explainSecurityError(err, 'the audit sink could not start', cfg.kafka.security); });
      await done;
    } finally {
      await (stopping ?? sink.stop());
      await store.close();
    }
    return 0;
  },
};
export default command;
