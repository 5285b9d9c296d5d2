import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { parseArgs, UsageError, type Command } from '../command.js';
import { parseExamples, summarise, type TrainingExample } from '../../training/corpus.js';
import { train, evaluate, compileTrainerOptions, type TrainerOptions } from '../../training/trainer.js';
import { exportModel } from '../../training/model-export.js';
import type { LabelMetrics } from '../../training/metrics.js';

const help = `usage: vigie train --data FILE[,FILE...] --out models/<name> [options]

Trains the hashed n-gram embedding-bag classifier (16 labels: 8 categories + 8 signals) on
message-level JSONL examples {"text": "...", "labels": ["off_platform_contact", ...]} and writes
<out>/model.onnx and <out>/manifest.json (labels, featuriser, per-label thresholds, data summary,
held-out metrics). Progress goes to stderr. Deterministic for a given seed and data.

options:
  --data FILES        comma-separated JSONL files (required), e.g. corpus/generated.jsonl,corpus/handwritten.jsonl
  --out DIR           output model directory (required)
  --name NAME         model name (default: last path element of --out)
  --version V         model version (default 1.0.0)
  --epochs N          passes over the data (default 6)
  --dim N             embedding size (default 24)
  --hidden N          hidden layer width, 0 = linear (default 0)
  --buckets N         hash buckets (default 65536)
  --lr X              initial learning rate, linear decay (default 0.3)
  --seed N            seed for split, init and order (default 1)
  --holdout X         held-out share, half for thresholds, half for metrics (default 0.15)
  --max-len N         max feature ids per text (default 384)
  --threshold-beta X  F-beta for choosing thresholds (<1 favours precision; default 1)
  --min-threshold X   lowest threshold the search may pick (default 0.3)
  --max-threshold X   highest threshold the search may pick (default 0.5)
  --eval FILES        comma-separated JSONL files scored after training (not trained on); metrics
                      printed and stored in the manifest as metrics.external

environment: none.`;

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, {
      strings: ['data', 'out', 'name', 'version', 'epochs', 'dim', 'hidden', 'buckets', 'lr', 'seed', 'holdout', 'max-len', 'threshold-beta', 'min-threshold', 'max-threshold', 'eval'],
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (typeof opts.data !== 'string') throw new UsageError('--data is required');
    if (typeof opts.out !== 'string') throw new UsageError('--out is required');
    const n = (k: string): number | undefined => {
      const v = opts[k];
      if (typeof v !== 'string') return undefined;
      const x = Number(v);
      if (!Number.isFinite(x)) throw new UsageError(`--${k} must be a number, got "${v}"`);
      return x;
    };
    let o: TrainerOptions;
    try {
      o = compileTrainerOptions({
        epochs: n('epochs'),
        dim: n('dim'),
        hidden: n('hidden'),
        buckets: n('buckets'),
        lr: n('lr'),
        seed: n('seed'),
        holdout: n('holdout'),
        maxLen: n('max-len'),
        thresholdBeta: n('threshold-beta'),
        minThreshold: n('min-threshold'),
        maxThreshold: n('max-threshold')
      });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const files = opts.data.split(',').map((s) => s.trim()).filter(Boolean);
    const { examples, sources } = load(files);
    const evalFiles = typeof opts.eval === 'string' ? opts.eval.split(',').map((s) => s.trim()).filter(Boolean) : [];
    const evalSet = load(evalFiles);
    const summary = summarise(examples);
    process.stderr.write(`train: ${summary.total} examples from ${files.length} file(s); per label ${JSON.stringify(summary.perLabel)}\n`);
    const result = train(examples, o, (line) => process.stderr.write(line + '\n'));
    const external = evalFiles.length ? { files: evalSet.sources, ...evaluate(result, evalSet.examples) } : undefined;
    const name = typeof opts.name === 'string' ? opts.name : opts.out.replace(/\/+$/, '').split('/').pop()!;
    const { onnxBytes } = exportModel(opts.out, result, {
      name,
      version: typeof opts.version === 'string' ? opts.version : '1.0.0',
      training: { examples: summary.total, negatives: summary.negatives, perLabel: summary.perLabel, perLanguage: summary.perLang, sources, options: o },
      external,
      createdBy: 'vigie train (services/training/trainer.ts)',
      createdAt: new Date().toISOString(),
    });
    process.stderr.write(`train: wrote ${opts.out}/model.onnx (${(onnxBytes / 1e6).toFixed(2)} MB) and manifest.json in ${result.durationMs} ms\n`);
    printMetrics('held-out (test half)', result.metrics);
    if (external) printMetrics(`external (${evalFiles.join(', ')})`, external);
    return 0;
  },
};

function printMetrics(title: string, m: { perLabel: Record<string, LabelMetrics>; macroAuc: number; macroF1: number }): void {
  process.stderr.write(`${title}:\n`);
  for (const [label, x] of Object.entries(m.perLabel)) {
    const figures = `P ${x.precision.toFixed(3)}  R ${x.recall.toFixed(3)}  F1 ${x.f1.toFixed(3)}  AUC ${x.auc.toFixed(3)}`;
    process.stderr.write(`  ${label.padEnd(26)} thr ${x.threshold.toFixed(2)}  ${figures}  (+${x.positives})\n`);
  }
  process.stderr.write(`  macro AUC ${m.macroAuc}  macro F1 ${m.macroF1}\n`);
}

function load(files: string[]): { examples: TrainingExample[]; sources: { file: string; examples: number; sha256: string }[] } {
    const examples: TrainingExample[] = [];
    const sources: { file: string; examples: number; sha256: string }[] = [];
    for (const f of files) {
      let content: string;
      try {
        content = readFileSync(f, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read --data file ${f}: ${(err as Error).message}`);
      }
      const ex = parseExamples(content, f);
      examples.push(...ex);
      sources.push({ file: f, examples: ex.length, sha256: createHash('sha256').update(content).digest('hex') });
    }
    return { examples, sources };
}
export default command;
