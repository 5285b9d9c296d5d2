/**
 * `vigie replay`: re-run the engine over a range of the input topic and compare with the recorded
 * verdicts, writing a report; nothing is written to Vigie's topics.
 */
import { parseArgs, UsageError, type Command } from '../command.js';
import { VigieError } from '../../contracts/errors.js';
import { envHelp, kafkaSecurityHelp, loadConfig, localBrokerHelp } from '../../common/config.js';
import { createLogger } from '../../common/logger.js';
import { createCodecs } from '../../contracts/index.js';
import { KafkaIoError } from '../../contracts/errors.js';
import { createEngine } from '../../engine/engine.js';
import { resolveBrokersFromEnv } from '../../kafka/brokers.js';
import { topicCatalogue } from '../../kafka/topics.js';
import { KafkaClient } from '../../kafka/client.js';
import { listTopics } from '../../kafka/admin.js';
import { compileReplayOptions, replay } from '../../tools/replay.js';
import { parseDuration, parseRangeSpec } from '../../tools/replay-range.js';
import { writeReplayReport } from '../../tools/replay-report.js';

const DEFAULT_PRODUCTION = ['chat.messages', 'chat.messages.dlq', 'chat.verdicts', 'chat.verdicts.shadow', 'moderation.actions', 'moderation.escalations',
  'moderation.audit', 'moderation.feedback', 'moderation.blocklist', 'vigie.classifier.state'];

const HELP = `usage: vigie replay --from WHEN --report DIR [--to WHEN] [--topic T] [--verdicts-topic T]
                    [--model DIR|none] [--rules DIR] [--policy FILE] [--warmup DURATION]
                    [--sandbox-topic T] [--max-changed N] [--context N] [--brokers LIST]
       vigie replay --compare-shadow --from WHEN --report DIR [--to WHEN] [--shadow-topic T]

Re-runs the detection engine with the given model, rules and policy over a range of the input
topic and compares every decision with the verdict recorded for the same message id in the
verdicts topic (read_committed). Context is rebuilt from the start of the range (one engine state
per input partition, as in the worker); a warm-up window before it feeds context but is not
compared. Writes a report (report.html, summary.json, charts/*.svg); progress on stderr.

Nothing is written to Vigie's topics and no offsets are committed for any real consumer group: the
topics are read with throwaway group ids (autoCommit off), deleted at the end.

options:
  --from WHEN            start of the range (required): ISO-8601 time (first message with a Kafka
                         timestamp at or after it, per partition), ms:<epoch ms>, earliest, an offset
                         for every partition (e.g. 1200) or per partition (0:1200,1:1180)
  --to WHEN              end of the range, exclusive, same forms. Default: latest (the end offsets
                         when replay starts; later messages are not read)
  --topic T              input topic. Default: VIGIE_TOPIC_MESSAGES or chat.messages
  --verdicts-topic T     recorded verdicts. Default: VIGIE_TOPIC_VERDICTS or chat.verdicts
  --model DIR|none       model to replay with. Default: <repo>/models/vigie-fasttext-v1
  --rules DIR            rules to replay with. Default: <repo>/rules
  --policy FILE          policy to replay with. Default: <repo>/policies/default.json
  --warmup DURATION      context-only window before --from (needs a time --from), e.g. 30m, 2h.
                         Default 0
  --sandbox-topic T      also write the new verdicts (Avro) to T; refused when T is one of Vigie's
                         production topics (as configured, or their default names). Default: none
  --max-changed N        changed decisions shown in full (all are counted). Default 1000
  --context N            earlier messages shown with each changed decision. Default 3
  --max-scoring-chars N  as the worker (VIGIE_CLASSIFIER_MAX_SCORING_CHARS). Default 20000
  --idle-timeout-ms N    fail when a partition makes no progress this long. Default 30000
  --brokers LIST         bootstrap brokers (else KAFKA_BROKERS, else the local broker)
  --report DIR           output directory (required)
  --compare-shadow       run no engine: compare the live verdicts (--verdicts-topic) with the shadow
                         verdicts of the same messages (the worker's shadow mode) over the range,
                         which is then read on the shadow topic
  --shadow-topic T       shadow verdicts topic. Default: VIGIE_TOPIC_VERDICTS_SHADOW or chat.verdicts.shadow

A decision changed when the action, escalation priority, enforcement or set of asserted categories
differs. Memory: about 24 bytes per recorded verdict indexed, plus the caps above.

environment (--brokers and the topic flags win over them):
${envHelp(['KAFKA_BROKERS', 'VIGIE_KAFKA_CLIENT_ID', 'VIGIE_INPUT_FORMAT', 'VIGIE_TOPIC_PREFIX', 'VIGIE_TOPIC_PARTITIONS', 'VIGIE_TOPIC_REPLICATION',
  'VIGIE_TOPIC_RETENTION_MS', 'VIGIE_TOPIC_DLQ_RETENTION_MS', 'topics'])}
  VIGIE_CONFIG                   optional JSON config file (environment wins)
${kafkaSecurityHelp()}
${localBrokerHelp()}
exit codes: 0 done; 1 failure (broker, engine, a partition stuck); 2 usage error.
`;

const command: Command = {
  help: HELP,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, {
      strings: ['from', 'to', 'topic', 'verdicts-topic', 'model', 'rules', 'policy', 'warmup', 'sandbox-topic', 'max-changed', 'context',
        'max-scoring-chars', 'idle-timeout-ms', 'brokers', 'report', 'shadow-topic'],
      booleans: ['compare-shadow'],
    });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (typeof opts.from !== 'string') throw new UsageError('--from is required');
    if (typeof opts.report !== 'string') throw new UsageError('--report is required');
    const s = (k: string): string | undefined => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
    const int = (k: string): number | undefined => {
      const v = s(k);
      if (v === undefined) return undefined;
      if (!/^\d+$/.test(v)) throw new UsageError(`--${k} must be a non-negative integer, got "${v}"`);
      return Number(v);
    };
    const cfg = loadConfig();
    const production = [...new Set([...DEFAULT_PRODUCTION, ...topicCatalogue(cfg.kafka).map((t) => t.name)])];
    let o;
    try {
      o = compileReplayOptions({
        topic: s('topic') ?? cfg.kafka.topics.chatMessages, verdictsTopic: s('verdicts-topic') ?? cfg.kafka.topics.verdicts,
        from: parseRangeSpec(opts.from, '--from'), to: parseRangeSpec(s('to') ?? 'latest', '--to'),
        warmupMs: s('warmup') === undefined ? 0 : parseDuration(s('warmup')!, '--warmup'),
        sandboxTopic: s('sandbox-topic') ?? null, maxChanged: int('max-changed'), contextMessages: int('context'), maxScoringChars: int('max-scoring-chars'),
        idleTimeoutMs: int('idle-timeout-ms'), inputFormat: cfg.formats.input, productionTopics: production,
        compareShadowTopic: opts['compare-shadow'] === true ? (s('shadow-topic') ?? cfg.kafka.topics.verdictsShadow) : null,
      });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const log = createLogger({ name: 'replay', level: 'warn', redact: true });
    const brokers = (await resolveBrokersFromEnv({ ...process.env, KAFKA_BROKERS: s('brokers') ?? process.env.KAFKA_BROKERS })).brokers;
    if (o.compareShadowTopic && (s('model') ?? s('rules') ?? s('policy')) !== undefined) throw new UsageError('--compare-shadow runs no engine: drop --model/--rules/--policy');
    // Before loading the engine and reading anything: a missing topic is a usage problem that names the topic.
    const kafka = new KafkaClient({ brokers, clientId: `${cfg.kafka.clientId}-replay`, security: cfg.kafka.security }, log);
    let existing: Set<string>;
    try {
      existing = new Set(await listTopics(kafka.admin()));
    } catch (err) {
      await kafka.close();
      throw new KafkaIoError(`cannot list topics on ${brokers.join(',')}: ${(err as Error).message}`, { cause: err });
    }
    // --compare-shadow reads recorded verdicts only, not the input topic.
    const named: [string | null, string][] = [[o.compareShadowTopic ? null : o.topic, '--topic'], [o.verdictsTopic, '--verdicts-topic'], [o.sandboxTopic, '--sandbox-topic'], [o.compareShadowTopic, '--shadow-topic']];
    const missing = named.filter((x): x is [string, string] => x[0] !== null && !existing.has(x[0]));
    if (missing.length) {
      await kafka.close();
      throw new UsageError(missing.map(([t, flag]) => `${flag} "${t}" does not exist on ${brokers.join(',')}${flag === '--sandbox-topic' ? ' (create it first; replay never creates topics)' : ''}`).join('; '));
    }
    const engine = o.compareShadowTopic ? null : await createEngine({ modelDir: s('model'), rulesDir: s('rules'), policyFile: s('policy') }).catch(async (err: unknown) => {
      await kafka.close();
      throw err;
    });
    try {
      process.stderr.write(engine ? `replay: ${o.topic} → engine ${engine.versions.model} / ${engine.versions.rules} / ${engine.versions.policy}, compared with ${o.verdictsTopic}\n`
        : `replay: live verdicts ${o.verdictsTopic} compared with shadow verdicts ${o.compareShadowTopic}\n`);
      // A signal ends the read in progress cleanly, so its throwaway consumer group is deleted rather than left behind.
      const abort = new AbortController();
      const onSignal = (sig: string) => () => abort.abort(new VigieError(`interrupted by ${sig}: no report written; the temporary consumer group was deleted`));
      process.once('SIGINT', onSignal('SIGINT'));
      process.once('SIGTERM', onSignal('SIGTERM'));
      const r = await replay(kafka, engine, createCodecs(), o, (line) => process.stderr.write(`${line}\n`), abort.signal);
      writeReplayReport(opts.report, r, {
        title: engine ? `vigie replay — ${o.topic}` : `vigie replay --compare-shadow — ${o.verdictsTopic} vs ${o.compareShadowTopic}`,
        ...(engine ? {} : { beforeLabel: 'live', afterLabel: 'shadow' }), generatedAt: new Date().toISOString(), topic: o.topic, verdictsTopic: o.verdictsTopic,
        from: opts.from, to: s('to') ?? 'latest', warmup: s('warmup') ?? '0', sandboxTopic: o.sandboxTopic,
      });
      const a = r.aggregates;
      process.stdout.write(`replay: ${a.compared} compared, ${a.changedTotal} changed (${Object.entries(a.changeKinds).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}), `
        + `${a.unmatched} without a recorded verdict, ${a.warmup} warm-up, ${r.undecodable} undecodable; ${Math.round(r.throughput)} msg/s; report: ${opts.report}/report.html\n`);
      if (!r.groupsDeleted) process.stderr.write('replay: warning: a throwaway consumer group could not be deleted (it holds no committed offsets)\n');
      return 0;
    } finally {
      await engine?.close();
      await kafka.close();
    }
  },
};
export default command;
