import { parseArgs, UsageError, type Command } from '../command.js';
import { loadConfig, envHelp, kafkaSecurityHelp, localBrokerHelp } from '../../common/config.js';
import { topicCatalogue, topicDrift, formatTable } from '../../kafka/topics.js';
import { readTopicStates } from '../../kafka/admin.js';
import { brokersForCommand, withAdmin } from '../../kafka/connect.js';

const help = `usage: vigie topics describe [--json]

Shows every topic Vigie uses as the broker has it: partitions, replication, cleanup.policy,
retention.ms, and whether it matches the plan (ok), differs (drift: setting=actual) or is missing.
Exit code 0 when all exist and match, 3 otherwise.

options:
  --json    print one JSON object per topic, one per line

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
    const states = await withAdmin(brokers, `${cfg.kafka.clientId}-topics`, (admin) => readTopicStates(admin, plans), cfg.kafka.security);
    let bad = 0;
    const rows = plans.map((p) => {
      const st = states.get(p.name);
      if (!st) { bad++; return { topic: p.name, partitions: '-', replication: '-', cleanupPolicy: '-', retentionMs: '-', status: 'missing' }; }
      const drift = topicDrift(p, st);
      if (drift.length) bad++;
      return {
        topic: p.name,
        partitions: String(st.partitions),
        replication: String(st.replication),
        cleanupPolicy: st.config['cleanup.policy'] ?? '?',
        retentionMs: st.config['retention.ms'] ?? '?',
        status: drift.length ? `drift: ${drift.map((d) => `${d.setting}=${d.actual}`).join(', ')}` : 'ok',
      };
    });
    if (opts.json) process.stdout.write(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    else {
      const header = ['topic', 'partitions', 'replication', 'cleanup.policy', 'retention.ms', 'status'];
      process.stdout.write(`${formatTable(header, rows.map((r) => [r.topic, r.partitions, r.replication, r.cleanupPolicy, r.retentionMs, r.status]))}\n`);
    }
    return bad ? 3 : 0;
  },
};
export default command;
