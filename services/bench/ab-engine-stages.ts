/**
 * The bench engine phase's figures of two builds in ONE process, passes interleaved (A B, then B A, ...): the whole
 * engine (classifyBatch from an empty state, batches of `--batch`) and each stage alone (engine-stages.ts of each build:
 * normalise, rules, model, window, context, policy), in process CPU (`process.cpuUsage`) per message, on the same
 * messages for both builds (a fresh seed per round). On a shared, loaded machine both builds see the same load in the
 * same seconds, so the per-round B/A ratios are what compare (round 42; ab-stages.ts does the same for the engine's
 * parts without context and policy).
 *
 *   node dist/services/bench/ab-engine-stages.js --a <dist dir of build A> --b <dist dir of build B> [--messages 5000]
 *     [--rounds 6] [--batch 64] [--seed 4200]
 *
 * The command line is ab-options.ts's (shared with ab-stages.ts; `--help` prints SPEC's usage). A dist dir is a build's
 * `dist` (its own rules, policy and models, from the repository it was built in). Prints one JSON line per round and
 * build (msgs per CPU-second of each line, the load), then per line: each build's median, min and max,
 * B's median over A's and the per-round ratio's median, min and max; `engineCpuUsPerMessage` is the whole engine's CPU
 * per message. A benchmark, not a test.
 *
 * Load order (stop 49): in one process the build whose modules load first seemed to run faster (5-9 % at stop 48, two
 * identical builds included), whatever the pass order. So by default (`--order both`) the tool runs two child processes,
 * one loading A first and one loading B first, prints each one's rounds and summary, then the fair figures per line: the
 * geometric means of the two orders' per-round-ratio medians and of their B-over-A medians, in which the load-order
 * effect cancels. `--order ab` or `--order ba` runs one process with that load order (what the children run).
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChatMessage } from '../contracts/types.js';
import { runAbTool, type AbOptions, type AbSpec } from './ab-options.js';
import { UsageError } from '../cli/command.js';
import { median } from './stats.js';
import { engineMessages } from './workload.js';

interface StageFigure { stage: string; msgsPerCpuSecond: number }
interface Closeable { close: () => Promise<void> }
interface Build {
  name: string;
  engine: { classifyBatch: (ms: ChatMessage[], state: unknown) => Promise<unknown[]> } & Closeable;
  createState: () => unknown;
  measureStages: (ms: readonly ChatMessage[], batch: number, model: unknown, windowModel: unknown) => Promise<{ stages: StageFigure[] }>;
  model: Closeable | null;
  windowModel: Closeable | null;
}

const SPEC: AbSpec = {
  tool: 'ab-engine-stages',
  usage: `usage: node dist/services/bench/ab-engine-stages.js --a <dist dir of build A> --b <dist dir of build B> [options]
Two builds' whole engine and each stage (engine-stages.ts), passes interleaved in one process per module load order
(--order), in process CPU (msgs per CPU second, per-round B/A). A benchmark, not a test.
  --messages N   messages per round and build (default 5000)
  --rounds R     rounds, A B then B A... (default 6)
  --batch B      engine batch size (default 64)
  --seed S       round r (from 0) reads seed S + r, the warm-up S - 1 (default 4200)
  --order O      both (default): two processes, one loading A first, one loading B first, and the fair ratio (the
                 geometric mean of the two orders' medians: the first-loaded build runs faster); ab or ba: one process
                 loading the builds in that order
`,
  defaults: { messages: 5000, rounds: 6, batch: 64, seed: 4200 },
  extra: ['order'],
};

type Figures = Record<'A' | 'B', Record<string, number[]>>;

const cpuNow = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

async function loadBuild(name: string, dist: string): Promise<Build> {
  const at = (p: string) => import(pathToFileURL(resolve(dist, p)).href);
  const engineMod = await at('services/engine/engine.js');
  const { loadTextClassifier } = await at('services/engine/model/onnx-classifier.js');
  const { measureStages } = await at('services/bench/engine-stages.js');
  const options = engineMod.compileEngineOptions();
  const load = (dir: string | null | undefined) => (dir ? loadTextClassifier(dir, { intraOpNumThreads: 1 }) : null);
  return {
    name, engine: await engineMod.createEngine({}), createState: engineMod.createState, measureStages,
    model: await load(options.modelDir), windowModel: await load(options.windowModelDir),
  };
}

/** Msgs per CPU-second of the whole engine, then of each stage, over `messages`. */
async function passFigures(b: Build, messages: ChatMessage[], batch: number): Promise<Record<string, number>> {
  const state = b.createState();
  const c0 = cpuNow();
  for (let i = 0; i < messages.length; i += batch) await b.engine.classifyBatch(messages.slice(i, i + batch), state);
  const out: Record<string, number> = { engine: messages.length / Math.max(cpuNow() - c0, 1e-6) };
  const { stages } = await b.measureStages(messages, batch, b.model, b.windowModel);
  for (const s of stages) out[s.stage] = s.msgsPerCpuSecond;
  return out;
}

/** Prints each line's summary of one process's rounds. */
function summarise(figures: Figures, prefix: Record<string, unknown> = {}): void {
  for (const line of Object.keys(figures.A)) {
    const a = figures.A[line]!; const bb = figures.B[line] ?? [];
    const row = (xs: number[]) => ({ median: Math.round(median(xs)), min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)) });
    const ratios = a.map((x, i) => (x > 0 ? (bb[i] ?? 0) / x : 0));
    console.log(JSON.stringify({
      ...prefix, line, A: row(a), B: row(bb), bOverA: +(median(bb) / Math.max(median(a), 1e-9)).toFixed(3),
      roundRatio: { median: +median(ratios).toFixed(3), min: +Math.min(...ratios).toFixed(3), max: +Math.max(...ratios).toFixed(3) },
      ...(line === 'engine' ? { engineCpuUsPerMessage: { A: +(1e6 / median(a)).toFixed(1), B: +(1e6 / median(bb)).toFixed(1) } } : {}),
    }));
  }
}

/** One process: loads the builds in `order`, warms both up, runs the interleaved rounds, prints them and the summary. */
async function oneOrder(o: AbOptions, order: 'ab' | 'ba'): Promise<void> {
  const { messages: count, rounds, batch, seed } = o;
  const builds = order === 'ab' ? [await loadBuild('A', o.a), await loadBuild('B', o.b)] : [await loadBuild('B', o.b), await loadBuild('A', o.a)];
  builds.sort((x, y) => x.name.localeCompare(y.name));
  // Warm-up (JIT, onnxruntime sessions, the window model's line cache) on a seed the rounds do not use.
  const warm = engineMessages(seed - 1, Math.min(2000, count));
  for (const b of builds) await passFigures(b, warm, batch);
  const figures: Figures = { A: {}, B: {} };
  const loads: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const messages = engineMessages(seed + r, count);
    const passes = r % 2 === 0 ? builds : [...builds].reverse();
    for (const b of passes) {
      const f = await passFigures(b, messages, batch);
      const load = +loadavg()[0]!.toFixed(1);
      loads.push(load);
      for (const [k, v] of Object.entries(f)) (figures[b.name as 'A' | 'B'][k] ??= []).push(v);
      console.log(JSON.stringify({ order, round: r + 1, build: b.name, load, ...Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Math.round(v)])) }));
    }
  }
  summarise(figures, { order });
  console.log(JSON.stringify({ order, load: { min: Math.min(...loads), max: Math.max(...loads) } }));
  for (const b of builds) { await b.engine.close(); await b.model?.close(); await b.windowModel?.close(); }
}

/** Runs this tool in a child process with `--order <order>`; echoes its lines and returns its summary lines. */
function child(argv: readonly string[], order: 'ab' | 'ba'): Promise<Array<Record<string, unknown>>> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...argv, '--order', order], { stdio: ['ignore', 'pipe', 'inherit'] });
    const summaries: Array<Record<string, unknown>> = [];
    let rest = '';
    p.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) {
        if (!l) continue;
        process.stdout.write(`${l}\n`);
        try { const j = JSON.parse(l) as Record<string, unknown>; if (typeof j.line === 'string') summaries.push(j); } catch { /* not a figure */ }
      }
    });
    p.on('error', fail);
    p.on('close', (code, signal) => (code === 0 ? done(summaries) : fail(new Error(`the --order ${order} process ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`))));
  });
}

/**
 * The fair B/A of each line: the geometric mean of the two load orders' figures, where the load-order effect cancels;
 * `fair` from the per-round ratios' medians, `fairOfMedians` from B's median over A's.
 */
export function fairRatios(ab: ReadonlyArray<Record<string, unknown>>, ba: ReadonlyArray<Record<string, unknown>>): Array<{ line: string; ab: number; ba: number; fair: number; fairOfMedians: number }> {
  const med = (s: Record<string, unknown>): number => (s.roundRatio as { median: number }).median;
  const byLine = new Map(ba.map((s) => [s.line as string, s]));
  return ab.flatMap((s) => {
    const other = byLine.get(s.line as string);
    if (!other) return [];
    return [{
      line: s.line as string, ab: med(s), ba: med(other), fair: +Math.sqrt(med(s) * med(other)).toFixed(3),
      fairOfMedians: +Math.sqrt((s.bOverA as number) * (other.bOverA as number)).toFixed(3),
    }];
  });
}

async function main(o: AbOptions): Promise<void> {
  const order = o.extra.order ?? 'both';
  if (order === 'ab' || order === 'ba') return oneOrder(o, order);
  if (order !== 'both') throw new UsageError(`--order must be both, ab or ba (got '${order}')`);
  const argv = ['--a', o.a, '--b', o.b, '--messages', String(o.messages), '--rounds', String(o.rounds), '--batch', String(o.batch), '--seed', String(o.seed)];
  const ab = await child(argv, 'ab');
  const ba = await child(argv, 'ba');
  for (const f of fairRatios(ab, ba)) {
    console.log(JSON.stringify({ fair: f.line, roundRatio: f.fair, bOverA: f.fairOfMedians, loadOrderAB: +f.ab.toFixed(3), loadOrderBA: +f.ba.toFixed(3) }));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runAbTool(SPEC, process.argv.slice(2), main);
