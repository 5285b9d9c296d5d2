import { readFileSync } from 'node:fs';
import { EVENTS } from '../../common/events.js';
import { parseArgs, UsageError, type Command } from '../command.js';
import { cliLogger, kafkaFromEnv } from '../../audit/cli-support.js';
import { KAFKA_ENV_HELP, STORE_ENV_HELP, storeOptionsFromConfig } from '../../audit/env.js';
import { loadConfig, loggingHelp } from '../../common/config.js';
import { urlHost } from '../../common/listen-host.js';
import { listenOn } from '../../common/listen.js';
import { AuditStore } from '../../audit/store.js';
import type { KafkaClient } from '../../kafka/client.js';
import { openStoreWaiting } from '../../audit/store-wait.js';
import { createCodecs } from '../../contracts/index.js';
import { ConfigError } from '../../contracts/errors.js';
import { listUsers } from '../../console/accounts.js';
import { compileConsoleOptions, type ConsoleOptions } from '../../console/options.js';
import { kafkaPublisher } from '../../console/publisher.js';
import { consoleHandler } from '../../console/server.js';
import { startingConsole } from '../../console/http-server.js';
import { closingOnFailure, openConsoleBackends } from '../../console/start-steps.js';
import { handleHangup } from '../../common/hangup.js';
import { waitForTopics } from '../../kafka/startup-wait.js';

const help = `usage: vigie console

Serves the review console: the queue of escalation cases (most urgent first), each case's conversation
with its flagged messages, reasons and sources, decisions (feedback to the feedback topic), legal holds,
mute/suspend/lift (to the actions topic), and evidence packages for investigators. Accounts:
\`vigie console user add NAME --role moderator|investigator|admin\` (password on stdin).
Binds its port first (a taken port: exit 1 at once, naming VIGIE_CONSOLE_PORT), answers 503 while it waits for the
audit store and then the Kafka brokers (the answer says which), and prints "vigie-console http://HOST:PORT" on stdout once it serves. Docs: docs/console.md.

environment:
  VIGIE_CONSOLE_PORT               port (default 8080; 0 = any free port)
  VIGIE_CONSOLE_HOST               address to listen on (default 127.0.0.1; IPv6 with or without brackets: ::1 or [::1])
  VIGIE_CONSOLE_TLS_CERT, VIGIE_CONSOLE_TLS_KEY  PEM files: serve HTTPS (cookies then marked Secure)
  VIGIE_CONSOLE_TLS_PROXY          true = a reverse proxy in front terminates TLS: cookies marked Secure, plain HTTP
                                   allowed on a non-loopback VIGIE_CONSOLE_HOST (refused otherwise)
  VIGIE_CONSOLE_TRUSTED_PROXIES    comma-separated addresses or CIDR ranges of the reverse proxies in front: their
                                   X-Forwarded-For gives the client address the login limit counts (default none:
                                   the header is ignored)
  VIGIE_CONSOLE_TARGET_P0_MIN, _P1_MIN, _P2_MIN  review targets in minutes (default 15, 240, 1440)
  VIGIE_CONSOLE_PAGE_SIZE          cases per queue page (default 50)
  VIGIE_CONSOLE_LOGIN_MAX_FAILURES failed logins per user name or address before refusal (default 5 per 15 min)
  VIGIE_TOPIC_FEEDBACK             feedback topic (default moderation.feedback; VIGIE_TOPIC_PREFIX applies)
  VIGIE_TOPIC_ACTIONS              moderation actions topic (default moderation.actions; VIGIE_TOPIC_PREFIX applies)
${STORE_ENV_HELP}
${KAFKA_ENV_HELP}
${loggingHelp()}`;

function optionsFromEnv(env: NodeJS.ProcessEnv): ConsoleOptions {
  const problems: string[] = [];
  const n = (name: string): number | undefined => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    const x = Number(v);
    if (!Number.isFinite(x)) problems.push(`${name} must be a number (got '${v}')`);
    return x;
  };
  const minutes = (p: string) => { const v = n(`VIGIE_CONSOLE_TARGET_${p}_MIN`); return v === undefined ? {} : { [p]: v * 60_000 }; };
  const o: ConsoleOptions = {
    ...(n('VIGIE_CONSOLE_PORT') !== undefined ? { port: n('VIGIE_CONSOLE_PORT')! } : {}),
    ...(env.VIGIE_CONSOLE_HOST ? { host: env.VIGIE_CONSOLE_HOST } : {}),
    targetsMs: { ...minutes('P0'), ...minutes('P1'), ...minutes('P2') },
    ...(n('VIGIE_CONSOLE_PAGE_SIZE') !== undefined ? { pageSize: n('VIGIE_CONSOLE_PAGE_SIZE')! } : {}),
    ...(n('VIGIE_CONSOLE_LOGIN_MAX_FAILURES') !== undefined ? { loginMaxFailures: n('VIGIE_CONSOLE_LOGIN_MAX_FAILURES')! } : {}),
  };
  const trusted = (env.VIGIE_CONSOLE_TRUSTED_PROXIES ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  if (trusted.length) o.trustedProxies = trusted;
  const proxy = (env.VIGIE_CONSOLE_TLS_PROXY ?? '').trim();
  if (proxy === 'true') o.tlsProxy = true;
  else if (proxy !== '' && proxy !== 'false') problems.push(`VIGIE_CONSOLE_TLS_PROXY must be true or false (got '${proxy}')`);
  if (!!env.VIGIE_CONSOLE_TLS_CERT !== !!env.VIGIE_CONSOLE_TLS_KEY) problems.push('VIGIE_CONSOLE_TLS_CERT and VIGIE_CONSOLE_TLS_KEY go together');
  if (problems.length) throw new ConfigError(problems);
  if (env.VIGIE_CONSOLE_TLS_CERT) o.tls = { cert: readFileSync(env.VIGIE_CONSOLE_TLS_CERT, 'utf8'), key: readFileSync(env.VIGIE_CONSOLE_TLS_KEY!, 'utf8') };
  return o;
}

/** Backoff while the audit store is unreachable at start (the audit sink's defaults). */
const STORE_WAIT = { initialMs: 200, maxMs: 10_000 };

const command: Command = {
  help,
  async run(argv) {
    const { positionals } = parseArgs(argv, {});
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}' (accounts: vigie console user --help)`);
    const opts = compileConsoleOptions(optionsFromEnv(process.env));
    const log = cliLogger({ ...process.env, VIGIE_LOG_LEVEL: process.env.VIGIE_LOG_LEVEL ?? 'info' }, 'console');
    // A SIGHUP (logrotate, a closed terminal) would otherwise end the console and every moderator's session.
    handleHangup(log, 'the console');
    // A stop signal is taken from here on: during the wait for the audit store it ends the start (exit 0, nothing
    // served); later, once the console listens, the sessions end and the console stops.
    const startAbort = new AbortController();
    const stopSignal = new Promise<string>((res) => {
      const on = (signal: string) => { startAbort.abort(); res(signal); };
      process.once('SIGTERM', () => on('SIGTERM'));
      process.once('SIGINT', () => on('SIGINT'));
    });
    const cfg = loadConfig(process.env);
    // The port first, before the audit store and the brokers (stop 52: a taken port was learnt only after the database
    // work, or never while the database was away): a taken port exits 1 at once, in one line naming VIGIE_CONSOLE_PORT.
    // Until the pages are served, every request (/healthz too) is answered 503 "starting".
    const { server, serve, waiting } = startingConsole(opts);
    await listenOn(server, opts.port, opts.host, { host: 'VIGIE_CONSOLE_HOST', port: 'VIGIE_CONSOLE_PORT' });
    const closeServer = () => new Promise<void>((res) => { server.close(() => res()); server.closeAllConnections(); });
    // The audit store (waited for, as the audit sink does: started with the database, all at once), then the Kafka
    // client; a failure closes what was opened, the listening port included (it would keep the process up).
    const closers = {
      closeStore: (store: AuditStore) => store.close(),
      closeKafka: (kafka: KafkaClient) => kafka.close(),
      closeServer,
    };
    const opened = await openConsoleBackends({
      openStore: () => openStoreWaiting(() => AuditStore.open(storeOptionsFromConfig(cfg), log), log, { ...STORE_WAIT, signal: startAbort.signal, who: 'the console' }),
      openKafka: () => kafkaFromEnv(process.env, 'vigie-console', log),
      // Topic names from the configuration: VIGIE_TOPIC_PREFIX applies, as in every other service.
      publisher: (kafka) => kafkaPublisher(kafka, createCodecs(), cfg),
      ...closers,
      waiting,
    });
    if (!opened) {
      log.info({ event: EVENTS.CONSOLE_STOPPED }, 'console stopped while waiting for the audit store: nothing served');
      return 0;
    }
    const { store, kafka, publisher } = opened;
    // A failure from here on (the store unreadable for the first-account hint) closes the server, the Kafka client and
    // the store, and ends the command with exit 1 (stop 54: nothing was closed and the process stayed up).
    await closingOnFailure(closers, store, kafka, async () => {
      serve(consoleHandler({ store, opts, log, publisher }).handler);
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : opts.port;
      process.stdout.write(`vigie-console ${opts.tls ? 'https' : 'http'}://${urlHost(opts.host)}:${port}\n`);
      if (!(await listUsers(store.db)).length) process.stdout.write('no console account yet: vigie console user add NAME --role admin (password on stdin); that admin adds the others on the Accounts page\n');
      log.info({ event: EVENTS.CONSOLE_STARTED, host: opts.host, port, tls: opts.tls ? 'on' : opts.tlsProxy ? 'proxy' : 'off' }, 'console listening');
    });
    // The console serves at once; its two topics are checked meanwhile, as the other services do at start (kafka.waiting
    // until they exist, then kafka.ready): a console started before `vigie topics create`, or with another
    // VIGIE_TOPIC_PREFIX, says so at start, not at the first sanction.
    const topicsChecked = new AbortController();
    const topicsCheck = waitForTopics(kafka.admin(), [publisher.topics.feedback, publisher.topics.actions], log, { signal: topicsChecked.signal })
      .catch((err: unknown) => log.error({ event: EVENTS.KAFKA_BROKER_FAILED, err: (err as Error).message }, `the console's topics could not be checked: ${(err as Error).message}`));
    const signal = await stopSignal;
    log.info({ event: EVENTS.SIGNAL, signal }, 'stopping the console (sessions end)');
    topicsChecked.abort();
    await topicsCheck;
    await closeServer();
    await publisher.close();
    await store.close();
    log.info({ event: EVENTS.CONSOLE_STOPPED }, 'console stopped');
    return 0;
  },
};
export default command;
