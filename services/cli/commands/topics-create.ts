import { parseArgs, UsageError, type Command } from '../command.js';
import { loadConfig, envHelp, kafkaSecurityHelp, localBrokerHelp } from '../../common/config.js';
import { topicCatalogue, formatTable } from '../../kafka/topics.js';
import { ensureTopics } from '../../kafka/admin.js';
import { brokersForCommand, withAdmin } from '../../kafka/connect.js';

const help = `usage: vigie topics create [--json]

Creates every topic Vigie uses that does not exist yet (idempotent), with the configured partitions,
replication and cleanup policy (compacted: blocklist and classifier state; time retention: the rest).
Topics that already exist are left alone and listed; any difference from the plan (partitions,
replication, cleanup.policy, retention.ms, ...) is reported as drift, exit code 3.
The broker must be running: KAFKA_BROKERS, else the local broker (npm run kafka:up).

options:
  --json    print the result as one JSON object

environment:
${envHelp(['KAFKA_BROKERS', 'VIGIE_KAFKA_CLIENT_ID', 'VIGIE_TOPIC_PREFIX', 'VIGIE_TOPIC_PARTITIONS', 'VIGIE_TOPIC_REPLICATION', 'VIGIE_TOPIC_RETENTION_MS', 'VIGIE_TOPIC_DLQ_RETENTION_MS', 'topics'])}
  VIGIE_CONFIG                   optional JSON config file (environment wins)
${kafkaSecurityHelp()}
${localBrokerHelp()}`;

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { booleans: ['json'] });
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const cfg = loadConfig(process.env);
    const { brokers } = await brokersForCommand(cfg, process.env, { startLocal: false });
    const plans = topicCatalogue(cfg.kafka);
    const r = await withAdmin(brokers, `${cfg.kafka.clientId}-topics`, (admin) => ensureTopics(admin, plans), cfg.kafka.security);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ brokers, ...r })}\n`);
    } else {
      process.stdout.write(`${formatTable(['topic', 'status'], plans.map((p) => [p.name, r.created.includes(p.name) ? 'created' : 'existed']))}\n`);
      process.stdout.write(`${r.created.length} created, ${r.existing.length} existed, on ${brokers.join(',')}\n`);
      if (r.drift.length) {
        const table = formatTable(['topic', 'setting', 'expected', 'actual'], r.drift.map((d) => [d.topic, d.setting, d.expected, d.actual]));
        process.stdout.write(`\nconfig drift (not changed; fix by hand or recreate):\n${table}\n`);
      }
    }
    return r.drift.length ? 3 : 0;
  },
};
export default command;
