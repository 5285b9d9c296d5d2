/**
 * Leave-one-writer-out validation of the conversation-window model, re-runnable:
 *   node dist/services/training/window-lowo.js --writers DIR [--folds W1,W2] [--dev DIR] [--generated N] [--engine] [--json FILE]
 * DIR holds one folder per writer with messages.jsonl + labels.jsonl (dev-set format). For each writer W:
 * train the window model on every other writer plus N generated conversations, then score W's conversations
 * with the engine's definitions: a category is detected when raised on some message of a conversation
 * labelled with it; a benign conversation where any category is raised is a false alarm. Three detectors:
 * the message model (the shipped one, never trained on any writer), the window model, and both (either).
 * Options: --k (window messages, 6), --epochs (5), --dim (24), --hidden (0), --writer-weight (3), --min-threshold (0.5), --threshold-beta (0.5),
 * --seed / --generated (the generator's seed and count). `--engine` also runs the whole engine (rules, context, policy) without and with the fold's window model and
 * scores it as the dev-set scorer does (a category counts when a verdict lists it and acts or escalates;
 * a benign conversation with a hold/block/escalation is a hard false alarm). `--dev` scores the dev set with
 * a model trained on all writers (the dev set is never trained on). `--test D1,D2` (leave-writers-out): train once on
 * all --writers and score only these writer folders (never trained on; with --folds the folds run too);
 * `--baseline-window DIR` adds an engine row with that window model (e.g. the shipped one). Recipe options:
 * --benign-weight, --max-threshold, --negative-spans, --positive-spans, --train-seed, --id-dropout, --lr, --grad-clip, --direct 1, --adagrad 1, --repeats once, --char-ngrams MIN,MAX,
 * --bag K, --bag-writer-fraction F (window-trainer.ts, trainer.ts; with a bag, "window-m0" / "engine+m0" score its
 * member 0 alone, the single model of the same seed); --gate-floor sets the engine's
 * windowGateFloor (engine-options.ts; 0 = window model on every message).
 */
import { readdirSync, existsSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from '../cli/command.js';
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import { REPO_ROOT } from '../engine/engine-options.js';
import { loadTextClassifier } from '../engine/model/onnx-classifier.js';
import { forward } from './fasttext-model.js';
import { generateConversations } from './scenario-generator.js';
import { fromGenerated, readLabelledConversations, windowExamples, type LabelledConversation } from './window-corpus.js';
import { recipeFromFlags, RECIPE_FLAGS, trainWindows, windowIds, type WindowTrainResult } from './window-trainer.js';
import { exportModel } from './model-export.js';
import { scoreEngine, type EngineScore } from './engine-score.js';

interface DetectorScore { recall: Partial<Record<Category, { positives: number; detected: number }>>; benign: number; benignAlarms: number }

/** Per conversation: the set of categories raised on some message. */
type Raised = Set<Category>[];

function score(convs: readonly LabelledConversation[], raised: Raised): DetectorScore {
  const s: DetectorScore = { recall: {}, benign: 0, benignAlarms: 0 };
  convs.forEach((c, i) => {
    if (c.categories.length === 0) { s.benign++; if (raised[i]!.size) s.benignAlarms++; return; }
    for (const cat of c.categories) {
      const r = (s.recall[cat] ??= { positives: 0, detected: 0 });
      r.positives++;
      if (raised[i]!.has(cat)) r.detected++;
    }
  });
  return s;
}

async function messageModelRaised(convs: readonly LabelledConversation[], dir: string): Promise<Raised> {
  const clf = await loadTextClassifier(dir);
  const out: Raised = [];
  for (const c of convs) {
    const rows = await clf.scoreBatch(c.messages.map((m) => m.text));
    const set = new Set<Category>();
    for (const row of rows) clf.labels.forEach((l, j) => { if ((CATEGORIES as readonly string[]).includes(l) && row[j]! >= clf.thresholds[j]!) set.add(l as Category); });
    out.push(set);
  }
  await clf.close();
  return out;
}

function windowModelRaised(convs: readonly LabelledConversation[], r: WindowTrainResult): Raised {
  return convs.map((c) => {
    const ex = windowExamples(c, r.window.messages);
    const set = new Set<Category>();
    for (const ids of windowIds(ex, r.featuriser, r.window)) {
      const p = forward(r.params, ids);
      r.labels.forEach((l, j) => { if (p[j]! >= r.thresholds[l]!) set.add(l as Category); });
    }
    return set;
  });
}

const union = (a: Raised, b: Raised): Raised => a.map((s, i) => new Set([...s, ...b[i]!]));

function row(name: string, s: DetectorScore): Record<string, number | string | null> {
  const o: Record<string, number | string | null> = { detector: name };
  let pos = 0, det = 0;
  for (const c of CATEGORIES) {
    const r = s.recall[c];
    o[c] = r ? +(r.detected / r.positives).toFixed(3) : null;
    pos += r?.positives ?? 0; det += r?.detected ?? 0;
  }
  o.micro = pos ? +(det / pos).toFixed(3) : null;
  o.benignFA = s.benign ? +(s.benignAlarms / s.benign).toFixed(3) : null;
  return o;
}

async function main(): Promise<void> {
  const { opts } = parseArgs(process.argv.slice(2), {
    strings: ['writers', 'folds', 'dev', 'generated', 'seed', 'message-model', 'json', 'epochs', 'k', 'writer-weight', 'min-threshold', 'threshold-beta',
      'dim', 'test', 'baseline-window', 'negative-spans', 'train-seed', 'gate-floor', ...RECIPE_FLAGS],
    booleans: ['engine'],
  });
  if (typeof opts.writers !== 'string') throw new Error('--writers DIR is required');
  const writersDir = resolve(opts.writers);
  const writers = readdirSync(writersDir).filter((w) => existsSync(join(writersDir, w, 'labels.jsonl'))).sort();
  const byWriter = new Map(writers.map((w) => [w, readLabelledConversations(join(writersDir, w, 'messages.jsonl'), join(writersDir, w, 'labels.jsonl'), w)]));
  const nGen = Number(opts.generated ?? 3000);
  const generated = [...generateConversations({ seed: Number(opts.seed ?? 2001), count: nGen, noiseRate: 0.6, benignWeight: 2, idPrefix: 'gw' })].map(fromGenerated);
  const msgModel = resolve(typeof opts['message-model'] === 'string' ? opts['message-model'] : join(REPO_ROOT, 'models/vigie-fasttext-v1'));
  const k = Number(opts.k ?? 6);
  const num = (k: string): number | undefined => (typeof opts[k] === 'string' ? Number(opts[k]) : undefined);
  const trainOpts = {
    thresholdBeta: num('threshold-beta'), dim: num('dim'), negativeSpans: num('negative-spans'), seed: num('train-seed'),
    ...recipeFromFlags(num, (f) => (typeof opts[f] === 'string' ? opts[f] : undefined)),
    epochs: Number(opts.epochs ?? 5), writerWeight: Number(opts['writer-weight'] ?? 3),
    window: { messages: k, maxChars: 500, maxIdsPerMessage: 256, speakers: 'current-me-them' as const },
  };
  const log = (l: string): void => { process.stderr.write(l + '\n'); };
  const trainOn = (convs: LabelledConversation[]): WindowTrainResult => trainWindows(convs.flatMap((c) => windowExamples(c, k)), trainOpts, log);
  const rows: Record<string, unknown>[] = [];
  const engineRows: Record<string, unknown>[] = [];
  // --folds W1,W2: leave out only these writers (each fold still trains on every other writer).
  const only = typeof opts.folds === 'string' ? opts.folds.split(',') : null;
  const unknown = only?.filter((w) => !writers.includes(w)) ?? [];
  if (unknown.length) throw new Error(`--folds: no writer folder ${unknown.join(', ')} in ${writersDir}`);
  const sets: [string, LabelledConversation[], LabelledConversation[]][] = writers.filter((w) => !only || only.includes(w))
    .map((w) => [w, byWriter.get(w)!, writers.filter((x) => x !== w).flatMap((x) => byWriter.get(x)!)]);
  const allWriters = writers.flatMap((x) => byWriter.get(x)!);
  if (typeof opts.dev === 'string') {
    const dev = readLabelledConversations(join(opts.dev, 'messages.jsonl'), join(opts.dev, 'labels.jsonl'), 'dev');
    sets.push(['dev', dev, allWriters]);
  }
  // --test D1,D2: writer folders outside --writers (never trained on); one model trained on all --writers scores each.
  const tests = typeof opts.test === 'string' ? opts.test.split(',').map((d) => resolve(d)) : [];
  for (const d of tests) {
    const name = d.split('/').pop()!;
    sets.push([name, readLabelledConversations(join(d, 'messages.jsonl'), join(d, 'labels.jsonl'), name), allWriters]);
  }
  if (tests.length && !only) sets.splice(0, writers.length); // --test alone: only the held-out folders
  const baseline = typeof opts['baseline-window'] === 'string' ? resolve(opts['baseline-window']) : null;
  let onAll: WindowTrainResult | null = null;
  for (const [name, test, trainWriters] of sets) {
    log(`fold ${name}: ${test.length} test conversations, ${trainWriters.length} writer + ${generated.length} generated training conversations`);
    const r = trainWriters === allWriters ? (onAll ??= trainOn([...allWriters, ...generated])) : trainOn([...trainWriters, ...generated]);
    const msg = await messageModelRaised(test, msgModel);
    const win = windowModelRaised(test, r);
    for (const [det, raised] of [['message', msg], ['window', win], ['both', union(msg, win)]] as const) rows.push({ fold: name, ...row(det, score(test, raised)) });
    const m0 = r.first ? { ...r.first, window: r.window } : null;
    if (m0) rows.push({ fold: name, ...row('window-m0', score(test, windowModelRaised(test, m0))) });
    if (opts.engine) {
      const dir = mkdtempSync(join(tmpdir(), 'vigie-lowo-'));
      try {
        exportModel(dir, r, { name: 'lowo-window', version: name, training: {}, createdBy: 'window-lowo', createdAt: new Date(0).toISOString() });
        const engines: [string, string][] = [['engine', 'none'], ['engine+window', dir], ...(baseline ? [['engine+baseline', baseline] as [string, string]] : [])];
        if (m0) {
          exportModel(join(dir, 'm0'), m0, { name: 'lowo-window-m0', version: name, training: {}, createdBy: 'window-lowo', createdAt: new Date(0).toISOString() });
          engines.push(['engine+m0', join(dir, 'm0')]);
        }
        for (const [det, windowModelDir] of engines) {
          const s: EngineScore = await scoreEngine(test, { windowModelDir, ...(num('gate-floor') === undefined ? {} : { windowGateFloor: num('gate-floor') }) });
          engineRows.push({ fold: name, detector: det, ...s });
        }
      } finally { rmSync(dir, { recursive: true, force: true }); }
    }
    for (const x of [...rows, ...engineRows].filter((x) => x.fold === name)) log(JSON.stringify(x));
  }
  const folds = only ?? (tests.length ? tests.map((d) => d.split('/').pop()!) : writers);
  const avg = (list: Record<string, unknown>[], det: string): Record<string, unknown> => {
    const rs = list.filter((x) => x.detector === det && folds.includes(x.fold as string));
    const o: Record<string, unknown> = { fold: 'mean(writers)', detector: det };
    for (const key of Object.keys(rs[0] ?? {})) {
      if (key === 'fold' || key === 'detector') continue;
      const vals = rs.map((x) => x[key]).filter((v): v is number => typeof v === 'number');
      o[key] = vals.length ? +(vals.reduce((a, b) => a + b, 0) / vals.length).toFixed(3) : null;
    }
    return o;
  };
  for (const det of ['message', 'window', 'both', ...(rows.some((x) => x.detector === 'window-m0') ? ['window-m0'] : [])]) rows.push(avg(rows, det));
  for (const det of ['engine', 'engine+window', ...(baseline ? ['engine+baseline'] : []), ...(engineRows.some((x) => x.detector === 'engine+m0') ? ['engine+m0'] : [])]) {
    if (engineRows.length) engineRows.push(avg(engineRows, det));
  }
  const cols = ['fold', 'detector', ...CATEGORIES, 'micro', 'benignFA'];
  console.log(`| ${cols.join(' | ')} |\n|${cols.map(() => '---').join('|')}|`);
  for (const x of rows) console.log(`| ${cols.map((c) => String(x[c] ?? '-')).join(' | ')} |`);
  if (engineRows.length) {
    const ec = ['fold', 'detector', ...CATEGORIES, 'micro', 'benignHard', 'benignSoft'];
    console.log(`\n| ${ec.join(' | ')} |\n|${ec.map(() => '---').join('|')}|`);
    for (const x of engineRows) console.log(`| ${ec.map((c) => String(x[c] ?? '-')).join(' | ')} |`);
  }
  if (typeof opts.json === 'string') writeFileSync(opts.json, JSON.stringify({ writers, generated: nGen, options: trainOpts, rows, engineRows }, null, 1) + '\n');
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
