import { parseArgs, UsageError, type Command } from '../command.js';
import { loadConfig } from '../../common/config.js';
import { cliLogger, kafkaFromEnv, osAccountName, withStore } from '../../audit/cli-support.js';
import { reviewerName } from '../../audit/operator.js';
import { KAFKA_ENV_HELP, STORE_ENV_HELP } from '../../audit/env.js';
import { publishFeedback } from '../../audit/feedback-publisher.js';
import { resolveCase } from '../../audit/store-cases.js';
import { createCodecs } from '../../contracts/index.js';
import { KafkaIoError } from '../../contracts/errors.js';

const help = `usage: vigie cases resolve ID --decision confirmed|dismissed --reason TEXT [--reviewer NAME]

Resolves an open case in the audit store, then publishes a Feedback record (Avro) to the feedback
topic so the decision can become training data. The resolution is saved first; if Kafka is
unreachable the feedback stays pending and the next \`vigie cases resolve\` publishes it (the command
publishes every pending feedback each time). Resolving again with the same decision is a no-op;
a different decision for a resolved case is refused.

options:
  --decision D     confirmed (abuse took place) or dismissed (false positive)
  --reason TEXT    required: why
  --reviewer NAME  who decided (default: VIGIE_OPERATOR, else $USER or $LOGNAME, else the OS account; at most
                   64 characters, no control or invisible character)

${STORE_ENV_HELP}
${KAFKA_ENV_HELP}
  VIGIE_TOPIC_FEEDBACK             feedback topic (default moderation.feedback)`;

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { strings: ['decision', 'reason', 'reviewer'] });
    const id = positionals[0];
    if (!id || positionals.length > 1) throw new UsageError('give exactly one case id');
    if (opts.decision !== 'confirmed' && opts.decision !== 'dismissed') throw new UsageError('--decision must be confirmed or dismissed');
    if (typeof opts.reason !== 'string' || !opts.reason.trim()) throw new UsageError('--reason is required');
    const decision = opts.decision;
    const reason = opts.reason;
    const reviewer = reviewerName(typeof opts.reviewer === 'string' ? opts.reviewer : undefined, process.env, osAccountName);
    const topic = loadConfig(process.env).kafka.topics.feedback;
    const log = cliLogger(process.env, 'cases-resolve');
    const codecs = createCodecs();
    return withStore(process.env, log, async (s) => {
      const c = await resolveCase(s.db, id, decision, reason, reviewer, Date.now());
      process.stdout.write(`case ${c.caseId} ${c.status} by ${c.reviewer}\n`);
      const kafka = await kafkaFromEnv(process.env, 'vigie-cases-resolve', log);
      try {
        const sent = await publishFeedback(s, kafka.producer(), codecs, topic, Date.now());
        process.stdout.write(`feedback published to ${topic}: ${sent.length ? sent.join(', ') : 'nothing pending'}\n`);
      } catch (err) {
        throw new KafkaIoError(`case resolved, but its feedback could not be published to ${topic} (it stays pending; run the command again): ${(err as Error).message}`, { cause: err });
      } finally {
        await kafka.close();
      }
      return 0;
    });
  },
};
export default command;
