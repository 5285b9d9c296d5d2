/**
 * Bytes allocated per message by the engine, by function: what a loaded machine does not distort (rounds 38 and 41).
 * One engine (this build's, or `--dist`'s) is warmed on `--warm` passes of `--messages` bench messages (seeds 77, 78, …,
 * a fresh state each), then one more pass (the next seed) runs under V8's sampling heap profiler with objects later
 * collected by minor and major GCs counted, so the figures are allocation, not what survives.
 *
 *   node dist/services/bench/heap-per-message.js [--dist <dist dir>] [--stage engine|outputs] [--messages 20000] [--warm 2]
 *     [--batch 64] [--interval 512] [--top 30] [--json]
 *
 * `--stage outputs`: the worker's event loop instead, `processBatch` (decode the Avro input, build the verdict, actions,
 * escalation and audit records, encode them, headers) on batches whose verdicts the engine made beforehand (cloned as
 * the engine thread's reply would be, before the profile): a first run over the batches warms it, the second is profiled.
 *
 * Prints the total B a message and the `--top` functions by self allocation (B a message, function, file:line).
 * Sampling at 512 B gives figures within ±30 B a message from run to run (round 38). A benchmark, not a test.
 */
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from '../cli/command.js';
import type { ChatMessage } from '../contracts/types.js';
import { engineMessages } from './workload.js';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface HeapNode { callFrame: CallFrame; selfSize: number; children: HeapNode[] }

const frameName = (f: CallFrame): string =>
  `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/dist\//, '').replace(/^node:/, '')}:${f.lineNumber + 1}`;

/**
 * Self bytes by function (name + short file:line), summed over the sampled tree; a built-in (no script: `subarray`,
 * `push`, `Set`) is named with the function that called it (`push < observe services/…:349`).
 */
export function selfBytesByFunction(head: HeapNode): Map<string, number> {
  const out = new Map<string, number>();
  const stack: [HeapNode, string][] = [[head, '']];
  while (stack.length) {
    const [n, parent] = stack.pop()!;
    const f = n.callFrame;
    const own = f.url === '' && parent ? `${f.functionName || '(anonymous)'} < ${parent}` : frameName(f);
    if (n.selfSize) out.set(own, (out.get(own) ?? 0) + n.selfSize);
    const named = f.url === '' && parent ? parent : frameName(f);
    for (const c of n.children) stack.push([c, named]);
  }
  return out;
}

async function main(): Promise<void> {
  const { opts } = parseArgs(process.argv.slice(2), { strings: ['dist', 'stage', 'messages', 'warm', 'batch', 'interval', 'top'], booleans: ['json'] });
  const stage = (opts.stage as string | undefined) ?? 'engine';
  if (stage !== 'engine' && stage !== 'outputs') throw new Error(`--stage: engine or outputs, not '${stage}'`);
  const dist = resolve((opts.dist as string | undefined) ?? resolve(import.meta.dirname, '../..'));
  const count = Number(opts.messages ?? 20000);
  const warm = Number(opts.warm ?? 2);
  const batch = Number(opts.batch ?? 64);
  const interval = Number(opts.interval ?? 512);
  const top = Number(opts.top ?? 30);
  const engineMod = await import(pathToFileURL(resolve(dist, 'services/engine/engine.js')).href);
  const engine = await engineMod.createEngine({});
  const pass = async (messages: ChatMessage[]): Promise<void> => {
    const state = engineMod.createState();
    for (let i = 0; i < messages.length; i += batch) await engine.classifyBatch(messages.slice(i, i + batch), state);
  };
  let profiled: () => Promise<void>;
  if (stage === 'engine') {
    for (let w = 0; w < warm; w++) await pass(engineMessages(77 + w, count));
    const messages = engineMessages(77 + warm, count);
    profiled = () => pass(messages);
  } else {
    const at = (p: string) => import(pathToFileURL(resolve(dist, p)).href);
    const codecs = (await at('services/contracts/index.js')).createCodecs();
    const wopts = (await at('services/classifier-worker/options.js')).compileWorkerOptions({ brokers: ['x:1'] });
    const { processBatch } = await at('services/classifier-worker/process-batch.js');
    const messages = engineMessages(77 + warm, count);
    const state = engineMod.createState();
    const batches: { records: { key: Buffer; value: Buffer; offset: string }[]; verdicts: unknown[] }[] = [];
    for (let i = 0; i < messages.length; i += batch) {
      const ms = messages.slice(i, i + batch);
      const verdicts = await engine.classifyBatch(ms, state);
      batches.push({ records: ms.map((m, k) => ({ key: Buffer.from(m.conversationId), value: codecs.ChatMessage.encodeAvro(m), offset: String(i + k) })), verdicts });
    }
    const run = async (): Promise<void> => {
      for (const b of batches) await processBatch({ records: b.records, topic: 'in', partition: 0, classify: async () => b.verdicts, codecs, opts: wopts, now: 1 });
    };
    const clones = () => { for (const b of batches) b.verdicts = structuredClone(b.verdicts); };
    clones();
    await run();
    clones();
    profiled = run;
  }
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', { samplingInterval: interval, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  await profiled();
  const { profile } = await session.post('HeapProfiler.stopSampling') as unknown as { profile: { head: HeapNode } };
  session.disconnect();
  await engine.close();
  const byFn = selfBytesByFunction(profile.head);
  let total = 0;
  for (const v of byFn.values()) total += v;
  const rows = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, b]) => ({ fn, perMessage: Math.round(b / count) }));
  if (opts.json) { console.log(JSON.stringify({ dist, stage, messages: count, seed: 77 + warm, batch, interval, perMessage: Math.round(total / count), top: rows })); return; }
  console.log(`${dist} ${stage}: ${Math.round(total / count)} B allocated a message (${count} messages, seed ${77 + warm}, batch ${batch}, sampling ${interval} B)`);
  for (const r of rows) console.log(`${String(r.perMessage).padStart(7)}  ${r.fn}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
