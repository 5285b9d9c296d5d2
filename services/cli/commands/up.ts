import { parseArgs, UsageError, type Command } from '../command.js';
import { loadConfig, envHelp, kafkaSecurityHelp, loggingHelp, type VigieConfig } from '../../common/config.js';
import { STORE_ENV_HELP } from '../../audit/env.js';
import { LOCAL_BROKER_ENV } from '../../kafka/local-broker-options.js';
import { topicCatalogue } from '../../kafka/topics.js';
import { ensureTopics } from '../../kafka/admin.js';
import { brokersForCommand, withAdmin } from '../../kafka/connect.js';
import { classifierStep, consoleStep, simulatorStep } from '../up-steps.js';
import { cleanUp as cleanUpAll, haltAll, type UpContext, type UpStep } from '../up-step.js';

/**
 * `vigie up`: bring the pipeline up on this machine, one step after another. Each step gets the
 * context left by the previous ones and returns a one-line summary. Later steps (classifier worker,
 * traffic simulator) are added to UP_STEPS; a step may add a `stop` to `ctx.cleanups` and return
 * `{ keepRunning: true }` when it leaves something running in this process.
 */
export const UP_STEPS: UpStep[] = [
  {
    name: 'broker',
    async run(ctx) {
      const r = await brokersForCommand(ctx.cfg, process.env, { startLocal: true, report: (m) => ctx.say(`  ${m}`) });
      ctx.brokers = r.brokers;
      return { summary: r.description };
    },
  },
  {
    name: 'topics',
    async run(ctx) {
      const plans = topicCatalogue(ctx.cfg.kafka);
      const r = await withAdmin(ctx.brokers, `${ctx.cfg.kafka.clientId}-up`, (admin) => ensureTopics(admin, plans), ctx.cfg.kafka.security);
      for (const d of r.drift) ctx.say(`  drift: ${d.topic} ${d.setting} is ${d.actual}, expected ${d.expected} (left unchanged)`);
      return { summary: `${r.created.length} created, ${r.existing.length} already there (${plans.length} topics${r.drift.length ? `, ${r.drift.length} drift` : ''})` };
    },
  },
  classifierStep,
  consoleStep,
  simulatorStep,
];

const help = `usage: vigie up [--simulate [messages/s]]

Brings Vigie up on this machine, step by step, printing what each step did:
${UP_STEPS.map((s) => `  - ${s.name}`).join('\n')}
broker: uses KAFKA_BROKERS if set, else starts the local Apache Kafka broker (jars fetched with Maven once).
topics: creates every Vigie topic that is missing (see vigie topics describe).
classifier: runs \`vigie run classifier\` as a child process (see its --help) and shows live progress
  (messages/s, verdicts by action and category, dead letters) from its /metrics.
console: the review console (\`vigie console\`, see its --help) on VIGIE_CONSOLE_PORT (default 8080).
simulator: with --simulate [rate] (default 50 messages/s), generated FR/EN conversations into the input topic.
A child (worker, console) that exits on its own after its start-up is started again (\`up.restart\` line with the
  service, exit code or signal, and attempt), at once after a run of a minute or more since it was ready (worker:
  /readyz; console: listening), else after 1, 2, 4, then 8 s; after 5 exits in a row before or within a minute of
  being ready it is not (\`up.gave_up\`): everything stops, exit 1. The first worker must answer /readyz within
  120 s (else up fails); a restarted one not ready within 10 min is stopped (counts as an exit before being ready).
The worker gets VIGIE_CLASSIFIER_INSTANCE=up-<host>-<8 random hex drawn once per vigie up> unless worker.instance
  is configured: a restarted worker fences the transaction its predecessor left open at once.
Ctrl-C (or SIGTERM), at any moment, start-up included, stops everything started so far and waits for it:
  simulator, console, then the worker (batch finished, group left; SIGKILL if it has not exited 15 s after SIGTERM).

environment:
${envHelp(['KAFKA_BROKERS', 'VIGIE_KAFKA_CLIENT_ID', 'VIGIE_TOPIC_PREFIX', 'VIGIE_TOPIC_PARTITIONS', 'VIGIE_TOPIC_REPLICATION', 'VIGIE_TOPIC_RETENTION_MS',
  'VIGIE_TOPIC_DLQ_RETENTION_MS', 'topics'])}
${LOCAL_BROKER_ENV.map((v) => `  ${v.name.padEnd(30)} ${v.meaning} (default ${v.default})`).join('\n')}
  VIGIE_CONFIG                   optional JSON config file (environment wins)
${envHelp(['VIGIE_CLASSIFIER_INSTANCE'])}
${kafkaSecurityHelp()}
${STORE_ENV_HELP}
  (the console step runs the review console over this store)
${loggingHelp()}`;

/** After a failure or a signal, once everything is stopped: exit 1 within 2 s even if a timer or socket is left. */
const exitSoon = () => { setTimeout(() => process.exit(1), 2000).unref(); };

const command: Command = {
  help,
  async run(argv) {
    // --simulate takes an optional rate: "--simulate", "--simulate 200" or "--simulate=200".
    const args: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a !== '--simulate') { args.push(a); continue; }
      const next = argv[i + 1];
      if (next !== undefined && /^\d+(\.\d+)?$/.test(next)) { args.push(`--simulate=${next}`); i++; } else args.push('--simulate=50');
    }
    const { opts, positionals } = parseArgs(args, { strings: ['simulate'] });
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
    let failed: Error | null = null;
    let onFailed: () => void = () => undefined;
    const failure = new Promise<void>((r) => { onFailed = r; });
    const ctx: UpContext = {
      cfg: loadConfig(process.env), argv: opts, brokers: [], say: (l) => process.stdout.write(`${l}\n`), cleanups: [], halts: [],
      fail: (err) => { failed ??= err; haltAll(ctx); onFailed(); },
    };
    // Signals are ours from the first step on: SIGINT or SIGTERM at any moment (start-up included) stops and
    // awaits every child started so far, instead of killing this process and leaving them running.
    let signalled: string | null = null;
    const stop = new Promise<string>((resolve) => {
      const on = (sig: string) => () => { signalled ??= sig; haltAll(ctx); resolve(sig); };
      process.once('SIGINT', on('SIGINT'));
      process.once('SIGTERM', on('SIGTERM'));
    });
    const cleanUp = () => cleanUpAll(ctx);
    let keepRunning = false;
    try {
      for (const step of UP_STEPS) {
        const t0 = Date.now();
        ctx.say(`vigie up: ${step.name}...`);
        const r = await Promise.race([step.run(ctx), stop.then(() => null), failure.then(() => null)]);
        if (r === null) break;
        keepRunning ||= r.keepRunning === true;
        ctx.say(`vigie up: ${step.name}: ${r.summary} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
      }
    } catch (err) {
      await cleanUp();
      exitSoon();
      throw err;
    }
    if (failed) {
      // A child given up during start-up (or a step's failure): as below, the interrupted step may still hold a socket.
      await cleanUp();
      exitSoon();
      throw failed;
    }
    if (signalled) {
      ctx.say(`vigie up: ${signalled} during start-up: stopping what was started`);
      await cleanUp();
      // The interrupted step may still hold a timer or socket: it must not keep this process up.
      exitSoon();
      return 1;
    }
    if (!keepRunning) {
      ctx.say(`vigie up: done. Kafka at ${ctx.brokers.join(',')}; stop the local broker with \`npm run kafka:down\`.`);
      return 0;
    }
    await Promise.race([stop, failure]);
    await cleanUp();
    if (failed) {
      // As after a signal during start-up: a request or socket still pending must not keep this process up.
      exitSoon();
      throw failed;
    }
    return 0;
  },
};
export default command;
