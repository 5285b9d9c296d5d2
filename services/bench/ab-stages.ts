/**
 * Two builds of the engine in ONE process, their stages timed alternately (A B, then B A, ...) on the same
 * messages, in main-thread CPU (`process.threadCpuUsage`): what a loaded, shared machine lets one compare, since
 * both builds see the same load in the same seconds (round 21 did this for observe; round 22 for every stage).
 *
 *   node dist/services/bench/ab-stages.js --a <dist dir of build A> --b <dist dir of build B> [--messages 20000] [--rounds 8] [--batch 64]
 *     [--seed 701] [--stages normalise,rules-cold,rules-warm,model,engine]
 *
 * The command line is ab-options.ts's (shared with ab-engine-stages.ts; `--help` prints SPEC's usage). A dist dir is a
 * build's `dist` (its own rules and models are loaded, from the repository it was built in).
 * Stages per round and build, each over `--messages` messages of a fresh seed (the same seed for both builds: round r
 * from 0 reads `--seed` + r, the warm-up `--seed` - 1):
 *   normalise     normalise() of every text
 *   rules-cold    a new rule set's match() over those texts (its DFA cache empty: a first pass, or after a cache clear)
 *   rules-warm    the same rule set's match() over them again (every transition cached)
 *   model         the message model's scoreBatch() (featurise + score) in batches of `--batch`
 *   engine        classifyBatch() in batches of `--batch` from an empty state, one engine per build created once (its caches
 *                 warm across rounds, as the bench's pass lines)
 * `--stages` times only those listed (the engine stage is most of a round's time; the others alone make short rounds).
 * Prints one JSON line per round and build, then per stage and build: median, min, max msgs per main-thread CPU second, and
 * B's median over A's. A benchmark, not a test.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../cli/command.js';
import type { ChatMessage } from '../contracts/types.js';
import { runAbTool, type AbOptions, type AbSpec } from './ab-options.js';
import { median } from './stats.js';
import { engineMessages } from './workload.js';

interface Build {
  name: string;
  normalise: (text: string) => unknown;
  loadRuleSet: (dir: string) => Promise<{ match: (n: unknown) => unknown[] }>;
  rulesDir: string;
  rulesMaxChars: number;
  model: { scoreBatch: (inputs: readonly unknown[]) => Promise<Float32Array[]>; close: () => Promise<void> } | null;
  engine: { classifyBatch: (ms: ChatMessage[], state: unknown) => Promise<unknown[]>; close: () => Promise<void> } | null;
  createState: () => unknown;
}

const STAGES = ['normalise', 'rules-cold', 'rules-warm', 'model', 'engine'] as const;
type Stage = (typeof STAGES)[number];

const SPEC: AbSpec = {
  tool: 'ab-stages',
  usage: `usage: node dist/services/bench/ab-stages.js --a <dist dir of build A> --b <dist dir of build B> [options]
Two builds' stages timed alternately in one process, in main-thread CPU (msgs per CPU second). A benchmark, not a test.
  --messages N   messages per round and build (default 20000)
  --rounds R     rounds, A B then B A... (default 8)
  --batch B      model and engine batch size (default 64)
  --seed S       round r (from 0) reads seed S + r, the warm-up S - 1 (default 701)
  --stages LIST  the stages timed, comma-separated (default all: ${STAGES.join(',')})
`,
  defaults: { messages: 20000, rounds: 8, batch: 64, seed: 701 },
  extra: ['stages'],
};

const threadCpu = (): number => { const u = process.threadCpuUsage(); return (u.user + u.system) / 1e6; };

async function loadBuild(name: string, dist: string, want: ReadonlySet<Stage>): Promise<Build> {
  const at = (p: string) => import(pathToFileURL(resolve(dist, p)).href);
  const norm = await at('services/engine/normalise.js');
  const rules = await at('services/engine/rules/index.js');
  const engineMod = await at('services/engine/engine.js');
  const onnx = await at('services/engine/model/onnx-classifier.js');
  const options = engineMod.compileEngineOptions();
  const model = options.modelDir && want.has('model') ? await onnx.loadTextClassifier(options.modelDir, { intraOpNumThreads: 1 }) : null;
  const engine = want.has('engine') ? await engineMod.createEngine({}) : null;
  return {
    name, normalise: norm.normalise, loadRuleSet: rules.loadRuleSet, rulesDir: options.rulesDir, rulesMaxChars: options.rulesMaxChars,
    model, engine, createState: engineMod.createState,
  };
}

async function timeStages(b: Build, messages: ChatMessage[], batch: number, want: ReadonlySet<Stage>): Promise<Record<Stage, number>> {
  const texts = messages.map((m) => (m.text.length > b.rulesMaxChars ? m.text.slice(0, b.rulesMaxChars) : m.text));
  const n = messages.length;
  const out = { normalise: 0, 'rules-cold': 0, 'rules-warm': 0, model: 0, engine: 0 } as Record<Stage, number>;
  let c0 = threadCpu();
  const norms = texts.map((t) => b.normalise(t));
  out.normalise = n / Math.max(threadCpu() - c0, 1e-6);
  if (want.has('rules-cold') || want.has('rules-warm')) {
    const rules = await b.loadRuleSet(b.rulesDir);
    c0 = threadCpu();
    for (const x of norms) rules.match(x);
    out['rules-cold'] = n / Math.max(threadCpu() - c0, 1e-6);
    c0 = threadCpu();
    for (const x of norms) rules.match(x);
    out['rules-warm'] = n / Math.max(threadCpu() - c0, 1e-6);
  }
  if (b.model) {
    c0 = threadCpu();
    for (let i = 0; i < n; i += batch) await b.model.scoreBatch(norms.slice(i, i + batch));
    out.model = n / Math.max(threadCpu() - c0, 1e-6);
  }
  if (b.engine) {
    const state = b.createState();
    c0 = threadCpu();
    for (let i = 0; i < n; i += batch) await b.engine.classifyBatch(messages.slice(i, i + batch), state);
    out.engine = n / Math.max(threadCpu() - c0, 1e-6);
  }
  return out;
}

async function main(o: AbOptions): Promise<void> {
  const { messages: count, rounds, batch } = o;
  const listed = (o.extra.stages ?? STAGES.join(',')).split(',').filter(Boolean);
  for (const s of listed) if (!(STAGES as readonly string[]).includes(s)) throw new UsageError(`--stages: unknown stage '${s}' (stages: ${STAGES.join(', ')})`);
  const want = new Set(listed as Stage[]);
  const stages = STAGES.filter((s) => want.has(s));
  const builds = [await loadBuild('A', o.a, want), await loadBuild('B', o.b, want)];
  const generate = (seed: number): ChatMessage[] => engineMessages(seed, count);
  // Warm-up (JIT, onnxruntime sessions) on a seed the rounds do not use.
  const warm = generate(o.seed - 1).slice(0, Math.min(2000, count));
  for (const b of builds) await timeStages(b, warm, batch, want);
  const figures: Record<string, Record<Stage, number[]>> = {};
  for (const b of builds) figures[b.name] = Object.fromEntries(stages.map((s) => [s, []])) as unknown as Record<Stage, number[]>;
  for (let r = 0; r < rounds; r++) {
    const messages = generate(o.seed + r);
    const order = r % 2 === 0 ? builds : [...builds].reverse();
    for (const b of order) {
      const f = await timeStages(b, messages, batch, want);
      for (const s of stages) figures[b.name]![s].push(f[s]);
      console.log(JSON.stringify({ round: r + 1, build: b.name, load: +loadavg()[0]!.toFixed(1), ...Object.fromEntries(stages.map((s) => [s, Math.round(f[s])])) }));
    }
  }
  for (const s of stages) {
    const a = figures.A![s]; const bb = figures.B![s];
    const row = (xs: number[]) => ({ median: Math.round(median(xs)), min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)) });
    // Per-round ratio B/A (same round, same messages, adjacent in time): its median and range.
    const ratios = a.map((x, i) => (x > 0 ? bb[i]! / x : 0));
    console.log(JSON.stringify({
      stage: s, A: row(a), B: row(bb), bOverA: +(median(bb) / Math.max(median(a), 1e-9)).toFixed(3),
      roundRatio: { median: +median(ratios).toFixed(3), min: +Math.min(...ratios).toFixed(3), max: +Math.max(...ratios).toFixed(3) },
    }));
  }
  for (const b of builds) { await b.engine?.close(); await b.model?.close(); }
}

runAbTool(SPEC, process.argv.slice(2), main);
