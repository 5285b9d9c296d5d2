/**
 * `vigie feedback export`: reviewer decisions (+ labelled files) → a `vigie train --data` file.
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../../common/config.js';
import { createPrivateWriteStream } from '../../common/private-files.js';
import { once } from 'node:events';
import { parseArgs, UsageError, type Command } from '../command.js';
import { cliLogger, kafkaFromEnv, withStore } from '../../audit/cli-support.js';
import { KAFKA_ENV_HELP, STORE_ENV_HELP } from '../../audit/env.js';
import { createCodecs } from '../../contracts/index.js';
import { ExampleCollector, latestPerCase, type ReviewDecision } from '../../tools/feedback-export.js';
import { readFeedbackTopic, storeDecisions, storedTexts, withEvidence } from '../../tools/feedback-sources.js';
import { readConversationSet } from '../../tools/labelled-set.js';

const HELP = `usage: vigie feedback export --out FILE [--from-topic T] [--store] [--labels FILE --messages FILE] [--force]

Turns reviewer decisions into training data in the format \`vigie train --data\` reads: one JSON
line {"text", "labels", "source"} per distinct text.
  confirmed case  → each evidence message labelled with the case's confirmed categories
  dismissed case  → each evidence message as a negative (labels [])
  labelled files  → the message a category is evident at gets it; benign conversations give
                    negatives; other messages of positive conversations are left out
Texts come from the audit store (kept for every message acted on or escalated); evidence whose text
is gone (retention, tombstone) is counted and skipped. The latest decision per case wins. A text met
twice keeps the union of its labels; positive-vs-negative clashes are counted as conflicts.

options:
  --out FILE          output JSONL (required; refused if it exists, unless --force)
  --from-topic T      read Feedback records from topic T (whole topic, read_committed, throwaway
                      consumer group); evidence ids come from the case in the audit store.
                      Default when neither --store nor --labels is given: moderation.feedback
                      (or VIGIE_TOPIC_FEEDBACK)
  --store             take resolved cases straight from the audit store (no Kafka)
  --labels FILE       conversation labels (dev-set format), with --messages
  --messages FILE     ChatMessage JSONL of the labelled conversations
  --force             overwrite --out

Then: vigie train --data corpus/generated.jsonl,corpus/handwritten.jsonl,FILE --out models/<name>

${STORE_ENV_HELP}
${KAFKA_ENV_HELP}
  VIGIE_TOPIC_FEEDBACK             feedback topic (default moderation.feedback)
exit codes: 0 written; 1 failure; 2 usage error.`;

const command: Command = {
  help: HELP,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { strings: ['out', 'from-topic', 'labels', 'messages'], booleans: ['store', 'force'] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (typeof opts.out !== 'string') throw new UsageError('--out is required');
    if (existsSync(opts.out) && opts.force !== true) throw new UsageError(`${opts.out} exists; pass --force to overwrite`);
    if ((opts.labels === undefined) !== (opts.messages === undefined)) throw new UsageError('--labels and --messages go together');
    const topic = typeof opts['from-topic'] === 'string' ? opts['from-topic']
      : opts.store !== true && opts.labels === undefined ? loadConfig(process.env).kafka.topics.feedback : null;
    const log = cliLogger(process.env, 'feedback-export');
    const collector = new ExampleCollector();
    const notes: string[] = [];
    if (topic !== null || opts.store === true) {
      await withStore(process.env, log, async (store) => {
        const decisions: ReviewDecision[] = [];
        if (topic !== null) {
          const kafka = await kafkaFromEnv(process.env, 'vigie-feedback-export', log);
          const { records, undecodable } = await readFeedbackTopic(kafka, topic, createCodecs()).finally(() => kafka.close());
          const { decisions: d, unknownCases } = await withEvidence(store.db, records);
          decisions.push(...d);
          notes.push(`${topic}: ${records.length} feedback records, ${undecodable} undecodable, ${unknownCases.length} for cases not in the audit store`);
        }
        if (opts.store === true) decisions.push(...await storeDecisions(store.db));
        const { latest, superseded } = latestPerCase(decisions);
        collector.stats.cases.superseded = superseded;
        collector.addDecisions(latest, await storedTexts(store.db, latest.flatMap((d) => d.evidenceMessageIds)));
      });
    }
    if (typeof opts.labels === 'string') collector.addLabelledSet(readConversationSet(opts.messages as string, opts.labels), `labels:${opts.labels}`);
    const examples = collector.examples();
    // Examples hold the texts of flagged messages: owner-only, as the audit store they come from.
    const out = createPrivateWriteStream(opts.out);
    for (const e of examples) if (!out.write(JSON.stringify(e) + '\n')) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    const st = collector.stats;
    for (const n of notes) process.stderr.write(`feedback export: ${n}\n`);
    process.stdout.write(`feedback export: ${st.examples} examples (${st.positives} positive, ${st.negatives} negative) to ${opts.out}; cases ${st.cases.confirmed} confirmed, `
      + `${st.cases.dismissed} dismissed (${st.cases.superseded} superseded decisions); evidence with text ${st.evidence.withText}, without ${st.evidence.withoutText}; `
      + `labelled files ${st.fromLabels.positives} positive, ${st.fromLabels.negatives} negative, ${st.fromLabels.skipped} left out; ${st.conflicts} conflicts, ${st.duplicates} duplicates\n`);
    return 0;
  },
};
export default command;
