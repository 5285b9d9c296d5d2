/**
 * Engine throughput on one core:
 *   node dist/services/bench/bench-engine.js [--messages N] [--batch B] [--model DIR|none] [--window-model DIR|none (default: the shipped one)] [--window-gate X] [--restore-conversations N] [--passes P] [--state-format 3|4] [--cool-after T] [--cool-min-entries N]
 * (`--cool-after T`: idle entries kept encoded after T touches, as VIGIE_CLASSIFIER_STATE_COOL_AFTER, default 0 = off;
 * `--cool-min-entries N` as VIGIE_CLASSIFIER_STATE_COOL_MIN_ENTRIES, default 4000; the first line then says `cooled`,
 * the entries kept encoded at the end of the timed run).
 * (`--window-gate 0` runs the window model on every message; `windowRuns` counts the messages it ran on).
 * The total line splits its CPU into the main thread's and the other threads' (cpu-split.ts: mostly V8's concurrent JIT
 * compilation in a first run). `--passes P` (default 1) times P - 1 more runs of the same engine, each over N other
 * messages (generated with the next seeds) from an empty state, one `pass` line each: the engine once its code is
 * compiled, as a long-running worker runs it (round 15).
 * Generates interleaved scripted conversations (services/training), then times `classifyBatch` over
 * them in micro-batches as the worker does. Prints messages/s (wall clock and per CPU second of the process: the machine may be shared) and state size,
 * then each stage alone over the same messages (engine-stages.ts: normalise, rules, model, window, context, policy) and the
 * encoded size and encode/restore CPU time of a state of `--restore-conversations` conversations (default 100,000). A benchmark, not a test.
 * State figures are of the format written (`--state-format`, default 3 as the worker's VIGIE_STATE_FORMAT), and of format 4
 * (`state.bytesFormat4`, the `stateCodec4` line) when that is not the format written.
 */
import { parseArgs } from '../cli/command.js';
import { engineMessages } from './workload.js';
import type { ChatMessage } from '../contracts/types.js';
import { compileEngineOptions, createEngine, createState, stateSize } from '../engine/engine.js';
import { DEFAULT_STATE_FORMAT, STATE_FORMAT, WRITTEN_FORMATS } from '../engine/context/state-codec.js';
import { measureStages, measureStateCodec } from './engine-stages.js';
import { encodedOf } from '../engine/context/state-lazy.js';
import { cpuSplit } from './cpu-split.js';

async function main(): Promise<void> {
  const { opts } = parseArgs(process.argv.slice(2), { strings: ['messages', 'batch', 'model', 'window-model', 'window-gate', 'rules', 'policy', 'restore-conversations', 'passes', 'state-format', 'cool-after', 'cool-min-entries'] });
  const stateFormat = Number(opts['state-format'] ?? DEFAULT_STATE_FORMAT);
  if (!WRITTEN_FORMATS.includes(stateFormat)) throw new Error(`--state-format: expected ${WRITTEN_FORMATS.join(' or ')}, got ${opts['state-format']}`);
  const formats = stateFormat === STATE_FORMAT ? [stateFormat] : [stateFormat, STATE_FORMAT];
  const want = Number(opts.messages ?? 20000);
  const batch = Number(opts.batch ?? 256);
  const passes = Math.max(1, Math.floor(Number(opts.passes ?? 1)));
  const generate = (seed: number): ChatMessage[] => engineMessages(seed, want);
  const messages = generate(77);
  const later = Array.from({ length: passes - 1 }, (_, k) => generate(78 + k));
  const engine = await createEngine({
    modelDir: opts.model as string | undefined, rulesDir: opts.rules as string | undefined, policyFile: opts.policy as string | undefined,
    windowModelDir: opts['window-model'] as string | undefined, windowGateFloor: opts['window-gate'] === undefined ? undefined : Number(opts['window-gate']),
    stateFormat, bounds: { coolAfterTouches: Number(opts['cool-after'] ?? 0), coolMinEntries: Number(opts['cool-min-entries'] ?? 4000) },
  });
  // Warm-up: JIT and onnxruntime session.
  await engine.classifyBatch(messages.slice(0, Math.min(500, messages.length)), createState());
  const state = createState();
  const runs0 = engine.counters.windowRuns;
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const thread0 = process.threadCpuUsage();
  let acted = 0;
  for (let i = 0; i < messages.length; i += batch) {
    for (const v of await engine.classifyBatch(messages.slice(i, i + batch), state)) if (v.action !== 'allow' || v.escalation) acted++;
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const split = cpuSplit(messages.length, cpu, process.threadCpuUsage(thread0));
  let cooled = 0;
  for (const rec of [state.convs, state.senders] as Record<string, unknown>[]) for (const k in rec) if (encodedOf(rec[k])) cooled++;
  const size = stateSize(state, stateFormat);
  const size4 = stateFormat === STATE_FORMAT ? size : stateSize(state, STATE_FORMAT);
  const windowRuns = engine.counters.windowRuns - runs0;
  const passLines: object[] = [];
  for (let k = 0; k < later.length; k++) {
    const ms = later[k]!;
    const st = createState();
    const c0 = process.cpuUsage();
    const t0k = process.threadCpuUsage();
    for (let i = 0; i < ms.length; i += batch) await engine.classifyBatch(ms.slice(i, i + batch), st);
    passLines.push({ pass: k + 2, messages: ms.length, ...cpuSplit(ms.length, process.cpuUsage(c0), process.threadCpuUsage(t0k)) });
  }
  await engine.close();
  // The stage lines load their own copies of the models (the engine's are closed): `none` leaves a line out.
  const { loadTextClassifier } = await import('../engine/model/onnx-classifier.js');
  const defaults = compileEngineOptions();
  const load = async (opt: unknown, dir: string | null | undefined) => (opt === 'none' ? null : loadTextClassifier((opt as string | undefined) ?? dir!, { intraOpNumThreads: 1 }));
  const model = await load(opts.model, defaults.modelDir);
  const windowModel = await load(opts['window-model'], defaults.windowModelDir);
  const { stages } = await measureStages(messages, batch, model, windowModel);
  await model?.close();
  await windowModel?.close();
  const codecs = measureStateCodec(state, Number(opts['restore-conversations'] ?? 100_000), formats);
  console.log(JSON.stringify({
    messages: messages.length, batch, model: engine.versions.model, rules: engine.versions.rules,
    seconds: +secs.toFixed(3), messagesPerSecond: Math.round(messages.length / secs),
    ...split, acted, coolAfter: Number(opts['cool-after'] ?? 0), cooled,
    ...(windowRuns ? { windowRuns, windowRunShare: +(windowRuns / messages.length).toFixed(3) } : {}),
    state: {
      format: stateFormat, bytes: size.bytes, conversations: size.conversations, senders: size.senders, bytesPerConversation: Math.round(size.bytes / Math.max(1, size.conversations)),
      ...(size4 === size ? {} : { bytesFormat4: size4.bytes, bytesPerConversationFormat4: Math.round(size4.bytes / Math.max(1, size4.conversations)) }),
    },
  }));
  for (const p of passLines) console.log(JSON.stringify(p));
  for (const st of stages) console.log(JSON.stringify(st));
  console.log(JSON.stringify({ stateCodec: codecs[0] }));
  if (codecs[1]) console.log(JSON.stringify({ stateCodec4: codecs[1] }));
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
