import { parseArgs, UsageError, type Command } from '../command.js';
import { loadConfig, envHelp, type VigieConfig } from '../../common/config.js';
import { LOCAL_BROKER_ENV } from '../../kafka/local-broker-options.js';
import { topicCatalogue } from '../../kafka/topics.js';
import { ensureTopics } from '../../kafka/topic-admin.js';
import { brokersForCommand, withAdmin } from '../../kafka/connect.js';
import { classifierStep, consoleStep, simulatorStep } from '../up-steps.js';
import type { UpContext, UpStep } from '../up-step.js';

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
Ctrl-C stops everything cleanly: simulator, then the worker (batch finished, group left).

environment:
${envHelp(['KAFKA_BROKERS', 'VIGIE_KAFKA_CLIENT_ID', 'VIGIE_TOPIC_PREFIX', 'VIGIE_TOPIC_PARTITIONS', 'VIGIE_TOPIC_REPLICATION', 'VIGIE_TOPIC_RETENTION_MS'])}
${LOCAL_BROKER_ENV.map((v) => `  ${v.name.padEnd(30)} ${v.meaning} (default ${v.default})`).join('\n')}
  VIGIE_CONFIG                   optional JSON config file (environment wins)`;

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
    const ctx: UpContext = { cfg: loadConfig(process.env), argv: opts, brokers: [], say: (l) => process.stdout.write(`${l}\n`), cleanups: [] };
    let keepRunning = false;
    for (const step of UP_STEPS) {
      const t0 = Date.now();
      ctx.say(`vigie up: ${step.name}...`);
      const r = await step.run(ctx);
      keepRunning ||= r.keepRunning === true;
      ctx.say(`vigie up: ${step.name}: ${r.summary} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    }
    if (!keepRunning) {
      ctx.say(`vigie up: done. Kafka at ${ctx.brokers.join(',')}; stop the local broker with \`npm run kafka:down\`.`);
      return 0;
    }
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    for (const c of ctx.cleanups.reverse()) await c();
    return 0;
  },
};
export default command;
