import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs, UsageError, type Command } from '../command.js';
import { generateConversations } from '../../training/scenario-generator.js';
import { fromGenerated, readLabelledConversations, windowExamples, type LabelledConversation } from '../../training/window-corpus.js';
import { compileWindowTrainerOptions, recipeFromFlags, RECIPE_FLAGS, trainWindows, type WindowTrainerOptions } from '../../training/window-trainer.js';
import { exportModel } from '../../training/model-export.js';
import { CATEGORIES } from '../../contracts/taxonomy.js';

const help = `usage: vigie train-window --writers DIR --out models/<name> [options]

Trains the conversation-window model (input kind window-hashed-bag: the last K messages of the
conversation, marked current / same sender / others; 8 category outputs) on conversations labelled at
conversation level (dev-set format) and writes <out>/model.onnx and <out>/manifest.json. A window is
positive for a category from the category's evidentAt message on, negative before it; benign
conversations give negative windows only. Leave-one-writer-out validation:
node dist/services/training/window-lowo.js (models/README.md). Deterministic for a given seed and data.

options:
  --writers DIR       folder with one sub-folder per writer holding messages.jsonl + labels.jsonl (required)
  --out DIR           output model directory (required)
  --name NAME         model name (default: last path element of --out)
  --version V         model version (default 1.0.0)
  --generated N       scripted conversations from the scenario generator added to the writers' (default 3000)
  --generator-seed N  generator seed (default 2001)
  --k N               messages per window, the current one included (default 6)
  --epochs N          passes over the data (default 5)
  --dim N             embedding size (default 24)
  --buckets N         hash buckets per segment; the table has 3 x N + 1 rows (default 32768)
  --writer-weight X   loss weight of a writer's window relative to a generated one (default 3)
  --benign-weight X   extra weight (times --writer-weight) of a window from a writer's benign conversation,
                      the hard negatives (default 1)
  --min-threshold X   lowest per-category threshold the calibration may pick (default 0.5); min = max fixes them all
  --max-threshold X   highest per-category threshold the calibration may pick (default 0.9)
  --hidden N          hidden Relu layer width, 0 = linear (default 0)
  --id-dropout X      share of a window's ids dropped at random at each training step (default 0)
  --positive-spans X  share of harmful windows that also give a 1-2 word window labelled with no category (default 0)
  --char-ngrams A,B   character n-gram lengths, 0,0 = none (default 3,5)
  --lr X              initial SGD learning rate (default 0.3)
  --grad-clip X       cap on an example's output-gradient norm, 0 = none (default 0; use with --hidden)
  --direct 1          direct linear model: the output layer fixed to the identity, the table as wide as the labels
                      (logistic regression over hashed features; default 0: a learned table of --dim times a learned output layer)
  --adagrad 1         AdaGrad steps (per parameter) instead of plain SGD; linear models only (default 0)
  --repeats once      a feature repeated within one message counts once in the window (default count)
  --corroboration A,B also pick stricter per-category thresholds in [A, B] (same search): the score corroborates
                      other evidence only from them on; from the thresholds above it only adds flag-level evidence
  --seed N            seed for split, init and order (default 1)
  --bag K             train K models (member 0 = the model of --seed, member k seed*1000+k; same held-out
                      conversations) and write the mean of their logits as one linear bag, embedding dim 8
                      (default 1; linear models only)
  --bag-writer-fraction F  share of the writers each bag member trains on, drawn per member (default 1)
  --external FILE     JSON (e.g. window-lowo.js --json output) stored in the manifest as metrics.external

environment: none.`;

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, {
      strings: ['writers', 'out', 'name', 'version', 'generated', 'generator-seed', 'k', 'epochs', 'dim', 'buckets', 'writer-weight', 'seed', 'external', ...RECIPE_FLAGS],
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (typeof opts.writers !== 'string') throw new UsageError('--writers is required');
    if (typeof opts.out !== 'string') throw new UsageError('--out is required');
    const n = (k: string, def?: number): number | undefined => {
      const v = opts[k];
      if (typeof v !== 'string') return def;
      const x = Number(v);
      if (!Number.isFinite(x)) throw new UsageError(`--${k} must be a number, got "${v}"`);
      return x;
    };
    let o: WindowTrainerOptions;
    try {
      const k = n('k');
      o = compileWindowTrainerOptions({
        epochs: n('epochs'), dim: n('dim'), buckets: n('buckets'), seed: n('seed'), writerWeight: n('writer-weight'),
        ...recipeFromFlags((f) => n(f), (f) => (typeof opts[f] === 'string' ? opts[f] : undefined)),
        ...(k === undefined ? {} : { window: { messages: k, maxChars: 500, maxIdsPerMessage: 256, speakers: 'current-me-them' } }),
      });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const dir = resolve(opts.writers);
    const writers = readdirSync(dir).filter((w) => existsSync(join(dir, w, 'labels.jsonl'))).sort();
    if (!writers.length) throw new UsageError(`no <writer>/labels.jsonl under ${dir}`);
    const sources: { writer: string; conversations: number; sha256: string }[] = [];
    const convs: LabelledConversation[] = [];
    for (const w of writers) {
      const m = join(dir, w, 'messages.jsonl'), l = join(dir, w, 'labels.jsonl');
      const list = readLabelledConversations(m, l, w);
      convs.push(...list);
      sources.push({ writer: w, conversations: list.length, sha256: createHash('sha256').update(readFileSync(m)).update(readFileSync(l)).digest('hex') });
    }
    const generated = { count: n('generated', 3000)!, seed: n('generator-seed', 2001)!, noiseRate: 0.6, benignWeight: 2 };
    convs.push(...[...generateConversations({ ...generated, idPrefix: 'gw' })].map(fromGenerated));
    const examples = convs.flatMap((c) => windowExamples(c, o.window.messages));
    const perCategory = Object.fromEntries(CATEGORIES.map((c) => [c, convs.filter((x) => x.categories.includes(c)).length]));
    process.stderr.write(`train-window: ${convs.length} conversations (${writers.join(', ')} + ${generated.count} generated), ${examples.length} windows\n`);
    const result = trainWindows(examples, o, (line) => process.stderr.write(line + '\n'));
    const name = typeof opts.name === 'string' ? opts.name : opts.out.replace(/\/+$/, '').split('/').pop()!;
    const external = typeof opts.external === 'string' ? JSON.parse(readFileSync(opts.external, 'utf8')) as unknown : undefined;
    const { onnxBytes } = exportModel(opts.out, result, {
      name,
      version: typeof opts.version === 'string' ? opts.version : '1.0.0',
      training: {
        conversations: convs.length, windows: examples.length, writers: sources, generated, conversationsPerCategory: perCategory,
        benignConversations: convs.filter((c) => c.categories.length === 0).length, options: o,
        thresholds: 'per category, F-beta on "some window of the conversation reaches it" over the writers\' calibration conversations',
      },
      external,
      createdBy: 'vigie train-window (services/training/window-trainer.ts)',
      createdAt: new Date().toISOString(),
    });
    process.stderr.write(`train-window: wrote ${opts.out}/model.onnx (${(onnxBytes / 1e6).toFixed(2)} MB) and manifest.json in ${result.durationMs} ms\n`);
    return 0;
  },
};
export default command;
