/**
 * `vigie tune`: per-category threshold suggestions from a labelled set, with a report, and a new
 * model manifest version when asked.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, UsageError, type Command } from '../command.js';
import { compileEngineOptions, loadPolicy } from '../../engine/engine.js';
import { loadRuleSet } from '../../engine/rules/index.js';
import { loadTextClassifier } from '../../engine/model/onnx-classifier.js';
import { readConversationSet, readMessageSet } from '../../tools/labelled-set.js';
import { recordedModel } from '../../tools/recorded-model.js';
import { compileTuneOptions, tune, type TuneTarget } from '../../tools/tune.js';
import { writeTuneReport } from '../../tools/tune-report.js';
import { tunedManifest, writeTunedManifest } from '../../tools/manifest-version.js';

const HELP = `usage: vigie tune --data FILE [--messages FILE] --report DIR [--model DIR] [--window-model DIR|none] [--rules DIR] [--policy FILE]
                  [--target-precision X | --max-false-alarm-rate X] [--grid-step X] [--write [--out DIR]]

Runs the whole engine (rules, model, context, policy) over a labelled set, sweeps each category's
model threshold, and suggests per category the threshold with the best recall that meets the target.
Figures are per labelled conversation: a category is detected when a verdict of the conversation lists
it and acts (action other than allow) or escalates; delay = messages after the labelled evident point.

options:
  --data FILE                labels. With --messages: conversation-level labels.jsonl
                             ({conversationId, categories, evidentAt}), as in the dev set. Without:
                             message-level JSONL {"text", "labels"} as read by vigie train (each line is
                             its own conversation).
  --messages FILE            ChatMessage JSONL of the labelled conversations (in stream order)
  --model DIR                model directory to tune. Default: <repo>/models/vigie-fasttext-v1
  --window-model DIR|none    conversation-window model run with it, as vigie classify does (not tuned).
                             Default: <repo>/models/vigie-window-v1; none turns it off
  --rules DIR                rule directory. Default: <repo>/rules
  --policy FILE              policy file. Default: <repo>/policies/default.json
  --target-precision X       per-category precision to reach (default 0.95 when no target is given)
  --max-false-alarm-rate X   alternative target: per-category false-alarm rate at most X (false
                             positives / conversations not labelled with the category)
  --grid-step X              threshold grid step over [0.05, 0.95]. Default 0.025
  --report DIR               where report.html, summary.json and charts/*.svg go (required)
  --write                    write a new manifest version with the suggested thresholds: in the model
                             directory, after saving the current one as manifest.<old version>.json
  --out DIR                  with --write: write the new model (manifest + copied ONNX file) to DIR
                             instead, leaving --model untouched

Categories with no positives in the data, or where no threshold meets the target, keep their current
threshold (the report says which). Signal thresholds are never changed.

exit codes: 0 done; 1 bad data/model/rules; 2 usage error.
environment: none (all settings are options).
`;

const command: Command = {
  help: HELP,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, {
      strings: ['data', 'messages', 'model', 'window-model', 'rules', 'policy', 'target-precision', 'max-false-alarm-rate', 'grid-step', 'report', 'out'],
      booleans: ['write'],
    });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (typeof opts.data !== 'string') throw new UsageError('--data is required');
    if (typeof opts.report !== 'string') throw new UsageError('--report is required');
    if (opts.out !== undefined && opts.write !== true) throw new UsageError('--out only makes sense with --write');
    if (opts['target-precision'] !== undefined && opts['max-false-alarm-rate'] !== undefined) throw new UsageError('give --target-precision or --max-false-alarm-rate, not both');
    const num = (k: string): number | undefined => {
      if (typeof opts[k] !== 'string') return undefined;
      const x = Number(opts[k]);
      if (!Number.isFinite(x)) throw new UsageError(`--${k} must be a number, got "${String(opts[k])}"`);
      return x;
    };
    const fa = num('max-false-alarm-rate');
    const target: TuneTarget = fa !== undefined ? { kind: 'falseAlarmRate', value: fa } : { kind: 'precision', value: num('target-precision') ?? 0.95 };
    let o;
    try {
      o = compileTuneOptions({ target, gridStep: num('grid-step') });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (typeof opts.messages !== 'string') {
      const first = readFileSync(opts.data, 'utf8').split('\n').find((l) => l.trim());
      if (first && /"conversationId"/.test(first) && !/"text"/.test(first)) throw new UsageError(`${opts.data} holds conversation labels: give the messages with --messages`);
    }
    const set = typeof opts.messages === 'string' ? readConversationSet(opts.messages, opts.data) : readMessageSet(opts.data);
    const eo = compileEngineOptions({ rulesDir: opts.rules as string | undefined, policyFile: opts.policy as string | undefined, modelDir: opts.model as string | undefined, windowModelDir: opts['window-model'] as string | undefined });
    if (!eo.modelDir) throw new UsageError('tune needs a model (--model none has no thresholds)');
    const real = await loadTextClassifier(eo.modelDir);
    const model = recordedModel(real);
    // The window model is not tuned, but the engine runs it by default: the operating point must be the one vigie classify gets.
    const windowModel = eo.windowModelDir ? await loadTextClassifier(eo.windowModelDir) : null;
    const started = Date.now();
    try {
      const parts = { rules: await loadRuleSet(eo.rulesDir), policy: await loadPolicy(eo.policyFile), model, windowModel, options: eo };
      process.stderr.write(`tune: ${set.messages.length} messages, ${set.labels.size} labelled conversations, model ${model.id}\n`);
      const r = await tune(parts, set, o, (s) => process.stderr.write(`${s}\n`));
      let written: string | null = null;
      if (opts.write === true) {
        const thresholds = Object.fromEntries(r.suggestions.map((s) => [s.category, s.suggested]));
        const m = tunedManifest(real.manifest, thresholds, {
          target: r.target, data: opts.data, messages: opts.messages ?? null, rules: parts.rules.version, policy: parts.policy.version,
          tunedAt: new Date().toISOString(), operatingPoint: Object.fromEntries(Object.values(r.chosen.perCategory).map((c) => [
            c.category,
            { precision: c.precision, recall: c.recall, falseAlarmRate: c.falseAlarmRate }
          ])),
        });
        const w = writeTunedManifest(eo.modelDir, typeof opts.out === 'string' ? opts.out : null, m, real.manifest.version);
        written = w.manifestPath;
        process.stderr.write(`tune: wrote ${m.name}@${m.version} to ${w.manifestPath}${w.backupPath ? ` (previous manifest saved as ${w.backupPath})` : ''}\n`);
      }
      writeTuneReport(opts.report, r, { data: opts.data, generatedAt: new Date().toISOString(), manifestWritten: written });
      const f = (x: number | null): string => (x === null ? '  n/a' : x.toFixed(3));
      process.stdout.write(`category                  pos  current suggested  precision  recall  false-alarms  median-delay\n`);
      for (const s of r.suggestions) {
        const c = r.chosen.perCategory[s.category];
        const thresholds = `${s.current.toFixed(3)}   ${s.suggested.toFixed(3)}${s.met ? ' ' : '*'}`;
        const figures = `${f(c.precision)}   ${f(c.recall)}   ${f(c.falseAlarmRate)}        ${c.medianDelay ?? 'n/a'}`;
        process.stdout.write(`${s.category.padEnd(25)} ${String(c.positives).padStart(3)}  ${thresholds}    ${figures}\n`);
      }
      process.stdout.write(`(* target not met: kept)  ${r.engineRuns} engine runs in ${((Date.now() - started) / 1000).toFixed(1)} s; report: ${opts.report}/report.html\n`);
      return 0;
    } finally {
      await windowModel?.close();
      await model.close();
    }
  },
};
export default command;
