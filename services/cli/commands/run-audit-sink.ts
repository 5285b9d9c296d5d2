import { parseArgs, UsageError, type Command } from '../command.js';
import { AuditSink } from '../../audit/audit-sink.js';
import { kafkaFromEnv } from '../../audit/cli-support.js';
import { explainSecurityError } from '../../kafka/security-errors.js';
import { openStoreWaiting } from '../../audit/store-wait.js';
import { KAFKA_ENV_HELP, SINK_ENV_HELP, sinkOptionsFromConfig, storeOptionsFromConfig, STORE_ENV_HELP } from '../../audit/env.js';
import { loadConfig, loggingHelp } from '../../common/config.js';
import { createLogger } from '../../common/logger.js';
import { AuditStore } from '../../audit/store.js';
import { AuditSinkMetrics } from '../../audit/sink-metrics.js';
import { startHttpServer } from '../../classifier-worker/http-server.js';
import { EVENTS } from '../../common/events.js';
import { handleHangup } from '../../common/hangup.js';
import { createCodecs } from '../../contracts/index.js';
import { VigieError } from '../../contracts/errors.js';

const help = `usage: vigie run audit-sink

Runs the audit sink: a Kafka consumer group (read_committed, manual offset commits) on the audit,
escalation and moderation-action topics. It starts in any order: it waits, with backoff and a log
line, for the database, the broker and its topics. /livez, /readyz (consuming and the store reachable)
and /metrics are served on VIGIE_AUDIT_HTTP_PORT; its port is printed as \`vigie-audit-sink http PORT\`.
A fatal error (bad configuration, Kafka authentication or authorization refused, a store error that is
not transient) exits non-zero; a failed Kafka input is reopened at the committed offsets. Each fetched batch is written to the audit store in one
database transaction, then its offsets are committed: a crash re-delivers, idempotent writes drop
the repeats. While the database is unavailable the sink pauses and retries with backoff, then
catches up. Moderation actions update each user's enforcement, published to the compacted blocklist
topic (tombstone when it expires). Stops cleanly on SIGTERM/SIGINT (at once while still waiting). Logs go to stderr, readable on a
terminal and JSON otherwise (VIGIE_LOG_FORMAT), with chat text and IP addresses redacted.

${SINK_ENV_HELP}
${STORE_ENV_HELP}
${KAFKA_ENV_HELP}
  VIGIE_AUDIT_HTTP_PORT            health and metrics port (default 9465; 0 = random, -1 = off)
  VIGIE_AUDIT_HTTP_HOST            address of that port (default 127.0.0.1; no authentication)
${loggingHelp()}`;

const command: Command = {
  help,
  async run(argv) {
    const { positionals } = parseArgs(argv, {});
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const env = process.env;
    const cfg = loadConfig(env);
    const sinkOpts = sinkOptionsFromConfig(cfg);
    const storeOpts = storeOptionsFromConfig(cfg);
    const log = createLogger({ name: 'audit-sink', level: cfg.logging.level, redact: cfg.logging.redact, file: cfg.logging.file, format: cfg.logging.format });
    const codecs = createCodecs();
    const metrics = new AuditSinkMetrics();
    let sink: AuditSink | null = null;
    let fatal: unknown;
    let stopRequested = false;
    let http: Awaited<ReturnType<typeof startHttpServer>> | undefined;
    if (cfg.audit.httpPort >= 0) {
      http = await startHttpServer(cfg.audit.httpHost, cfg.audit.httpPort, {
        live: () => fatal === undefined,
        ready: () => sink?.readiness() ?? { ready: false, detail: { consuming: false, storeReachable: false, state: 'starting' } },
      }, metrics.registry, { host: 'VIGIE_AUDIT_HTTP_HOST', port: 'VIGIE_AUDIT_HTTP_PORT' });
      process.stdout.write(`vigie-audit-sink http ${http.port}\n`);
    }
    let stopping: Promise<void> | null = null;
    const startAbort = new AbortController();
    const stop = (signal: string) => {
      log.info({ event: EVENTS.SIGNAL, signal }, 'stopping audit sink');
      stopRequested = true;
      startAbort.abort();
      stopping ??= sink?.stop() ?? Promise.resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    handleHangup(log, 'the audit sink');
    // The first connection may fail while the database is still starting: wait for it rather than exit.
    const store = await openStoreWaiting(() => AuditStore.open(storeOpts, log), log, { initialMs: sinkOpts.retryInitialMs, maxMs: sinkOpts.retryMaxMs, signal: startAbort.signal, who: 'the audit sink' })
      .catch((err: unknown) => { http?.server.close(); throw err; });
    if (!store) { log.info({ event: EVENTS.AUDIT_SINK_STOPPED }, 'stopped while waiting for the audit store: nothing consumed'); http?.server.close(); return 0; }
    const kafka = await kafkaFromEnv(env, 'vigie-audit-sink', log);
    sink = new AuditSink(kafka, store, codecs, sinkOpts, log, metrics);
    if (stopRequested) stopping = sink.stop();
    try {
      // A failed start (refused login, missing ACL) is explained and fatal: the process exits non-zero.
      const { done } = await sink.start().catch((err: unknown) => { throw explainSecurityError(err, 'the audit sink could not start', cfg.kafka.security); });
      await done;
    } catch (err) {
      fatal = err;
      log.error({ err: (err as Error).message }, 'audit sink failed');
    } finally {
      await (stopping ?? sink.stop());
      await store.close();
      await kafka.close();
      http?.server.close();
    }
    // Everything is committed and closed; do not let a stray client-library timer keep the process up.
    setTimeout(() => process.exit(fatal === undefined ? 0 : 1), 3000).unref();
    if (fatal !== undefined) throw new VigieError(`audit sink stopped: ${(fatal as Error)?.message ?? String(fatal)}`, { cause: fatal });
    return 0;
  },
};
export default command;
