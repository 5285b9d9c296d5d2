/**
 * `vigie eval`: scores verdicts (given, or from the engine run as `vigie classify` runs it) against a
 * labelled set in the dev-set format. The figures come from services/tools/eval-metrics.ts; this file
 * only reads, runs and writes.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, UsageError, type Command } from '../command.js';
import { createCodecs } from '../../contracts/index.js';
import { ConfigError } from '../../contracts/errors.js';
import { createEngine } from '../../engine/engine.js';
import { classifyStream } from '../../engine/classify-stream.js';
import { readConversationSet, type LabelledSet } from '../../tools/labelled-set.js';
import { evaluate, type EvalVerdict } from '../../tools/eval-metrics.js';
import { evalSummary, evalText, writeEvalReport, type EvalMeta } from '../../tools/eval-report.js';

const HELP = `usage: vigie eval --messages FILE --labels FILE [--verdicts FILE] [--report DIR] [--json]
                  [--model DIR|none] [--window-model DIR|none] [--rules DIR] [--policy FILE]
                  [--resamples N] [--seed N]

Scores detection against your labelled conversations: per category precision, recall and F1 with 95%
bootstrap intervals over conversations, median and p90 detection delay, micro and macro recall, benign
false alarms (hard: hold/block/escalation; soft: flags only), P0 escalations on benign conversations,
confusions between categories, and every miss and false alarm with its messages and verdicts.

A category is raised in a conversation when some verdict of it lists the category and acts (action
other than allow) or escalates; delay = position of the first such message - position of the labelled
evident message. These are the definitions of the dev-set scorer eval/score.mjs.

options:
  --messages FILE   ChatMessage JSONL, in stream order (conversations may interleave)
  --labels FILE     one line per conversation: {"conversationId", "categories": [...], "evidentAt":
                    {category: messageId}}; categories [] = benign. Other keys (minors, notes) are ignored.
  --verdicts FILE   Verdict JSONL (as written by vigie classify or the chat.verdicts topic). Without it,
                    the engine runs over every message of --messages, in order, as vigie classify does.
  --model DIR       model directory, or "none" (engine run only). Default: <repo>/models/vigie-fasttext-v1
  --window-model DIR  conversation-window model directory, or "none" to turn it off (engine run only).
                    Default: <repo>/models/vigie-window-v1
  --rules DIR       rule directory (engine run only). Default: <repo>/rules
  --policy FILE     policy file (engine run only). Default: <repo>/policies/default.json
  --report DIR      write DIR/report.html (self-contained: no scripts, no external resources) and
                    DIR/summary.json
  --json            print one JSON object (the summary.json content) on stdout instead of the table
  --resamples N     bootstrap resamples. Default: 1000
  --seed N          bootstrap seed (same data + seed = same intervals). Default: 1

Conversations in --messages without a label, and labels naming no message, are left out of the
figures with a warning on stderr (how many, and the first ids); so are verdicts for unknown messages.
A bad line in any file is an error naming file:line (every bad line at once). Progress of the engine
run goes to stderr every 2 s.

exit codes: 0 done; 1 unreadable or bad data, or the engine could not start; 2 usage error.
environment: none (all settings are options).
`;

const first = (ids: readonly string[]): string => `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`;

function readVerdicts(file: string): { verdicts: Map<string, EvalVerdict>; versions: Map<string, number> } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`cannot read ${file}: ${(err as Error).message}`]);
  }
  const codecs = createCodecs();
  const verdicts = new Map<string, EvalVerdict>();
  const versions = new Map<string, number>();
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const v = codecs.Verdict.decodeJson(line);
      verdicts.set(v.messageId, v);
      const k = `${v.modelVersion} / ${v.rulesVersion} / ${v.policyVersion}`;
      versions.set(k, (versions.get(k) ?? 0) + 1);
    } catch (err) {
      problems.push(`${file}:${i + 1}: ${(err as Error).message}`);
    }
  });
  if (problems.length) throw new ConfigError(problems.slice(0, 50).concat(problems.length > 50 ? [`... and ${problems.length - 50} more`] : []));
  return { verdicts, versions };
}

/** Runs the engine over every message (context needs them all, labelled or not), keeping what the figures read. */
async function engineVerdicts(
  set: LabelledSet,
  opts: Record<string, string | boolean | undefined>,
): Promise<{ verdicts: Map<string, EvalVerdict>; versions: Record<string, string> }> {
  const engine = await createEngine({
    rulesDir: opts.rules as string | undefined, policyFile: opts.policy as string | undefined, modelDir: opts.model as string | undefined,
    windowModelDir: opts['window-model'] as string | undefined,
  });
  const { model, rules, policy } = engine.versions;
  const verdicts = new Map<string, EvalVerdict>();
  const total = set.messages.length, started = Date.now();
  let lastReport = started;
  process.stderr.write(`eval: classifying ${total} messages (model ${model}, rules ${rules}, policy ${policy})\n`);
  try {
    await classifyStream(engine, set.messages, {
      batchSize: 256,
      onVerdicts(vs) {
        for (const v of vs) verdicts.set(v.messageId, { action: v.action, escalation: v.escalation, categories: v.categories, reasons: v.reasons });
        if (Date.now() - lastReport > 2000) {
          lastReport = Date.now();
          process.stderr.write(`eval: ${verdicts.size}/${total} messages classified, ${Math.round(verdicts.size / ((lastReport - started) / 1000))} msg/s\n`);
        }
      },
    });
  } finally {
    await engine.close();
  }
  process.stderr.write(`eval: classified ${total} messages in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return { verdicts, versions: { model, rules, policy } };
}

function intOption(opts: Record<string, string | boolean | undefined>, name: string, dflt: number, min: number): number {
  if (opts[name] === undefined) return dflt;
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < min || n > 1_000_000) throw new UsageError(`--${name} must be an integer in ${min}..1000000, got "${String(opts[name])}"`);
  return n;
}

const command: Command = {
  help: HELP,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, {
      strings: ['messages', 'labels', 'verdicts', 'report', 'model', 'window-model', 'rules', 'policy', 'resamples', 'seed'], booleans: ['json'],
    });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (typeof opts.messages !== 'string') throw new UsageError('--messages is required');
    if (typeof opts.labels !== 'string') throw new UsageError('--labels is required');
    const engineOpts = ['model', 'rules', 'policy'].filter((k) => opts[k] !== undefined);
    if (typeof opts.verdicts === 'string' && engineOpts.length) throw new UsageError(`--${engineOpts[0]} runs the engine: it cannot go with --verdicts`);
    const resamples = intOption(opts, 'resamples', 1000, 1), seed = intOption(opts, 'seed', 1, 0);

    const set = readConversationSet(opts.messages, opts.labels);
    const warnings: string[] = [];
    const unlabelled = [...new Set(set.messages.map((m) => m.conversationId))].filter((c) => !set.labels.has(c));
    if (unlabelled.length) {
      const n = set.messages.filter((m) => !set.labels.has(m.conversationId)).length;
      warnings.push(`${unlabelled.length} conversations (${n} messages) have no label and are not scored: ${first(unlabelled)}`);
    }
    if (set.unmatchedLabels.length) {
      warnings.push(`${set.unmatchedLabels.length} labels name a conversation with no message and are not scored: ${first(set.unmatchedLabels)}`);
    }

    let verdicts: Map<string, EvalVerdict>, versions: Record<string, string>;
    if (typeof opts.verdicts === 'string') {
      const read = readVerdicts(opts.verdicts);
      verdicts = read.verdicts;
      versions = Object.fromEntries([...read.versions].map(([k, n], i) =>
        [read.versions.size > 1 ? `versions ${i + 1} (${n} verdicts)` : 'model / rules / policy', k]));
      const known = new Set(set.messages.map((m) => m.messageId));
      const unknown = [...verdicts.keys()].filter((id) => !known.has(id));
      if (unknown.length) warnings.push(`${unknown.length} verdicts are for messages not in ${opts.messages}: ${first(unknown)}`);
    } else {
      ({ verdicts, versions } = await engineVerdicts(set, opts));
    }

    const result = evaluate({ messages: set.messages, labels: set.labels, verdicts }, { resamples, seed, level: 0.95 });
    if (result.missingVerdicts) warnings.push(`${result.missingVerdicts} messages of labelled conversations have no verdict (they count as allowed)`);
    for (const w of warnings) process.stderr.write(`eval: warning: ${w}\n`);

    const meta: EvalMeta = { messagesFile: opts.messages, labelsFile: opts.labels, verdictsFile: typeof opts.verdicts === 'string' ? opts.verdicts : null,
      versions, warnings, generatedAt: new Date().toISOString() };
    if (typeof opts.report === 'string') {
      writeEvalReport(opts.report, result, meta);
      process.stderr.write(`eval: report written to ${opts.report}/report.html and ${opts.report}/summary.json\n`);
    }
    process.stdout.write(opts.json === true ? JSON.stringify(evalSummary(result, meta)) + '\n' : evalText(result, meta));
    return 0;
  },
};
export default command;
