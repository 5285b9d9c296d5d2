import { compatibilityPartitioner } from '@platformatic/kafka';
import type { Codecs, ChatMessage } from '../contracts/index.js';
import { compileEngineOptions, createEngine, createState, serialiseState, stateSize, type EngineState } from '../engine/engine.js';
import { loadTextClassifier } from '../engine/model/onnx-classifier.js';
import { measureStages } from './engine-stages.js';
import { throughput } from './stats.js';
import type { EncodedMessage } from './workload.js';
import type { EngineFigures } from './report.js';

/**
 * The detection engine alone, in this process: the pre-loaded messages are decoded first (untimed),
 * split by partition with Kafka's default (murmur2) partitioner as the factory's producers use it (one EngineState per partition, as the worker
 * keeps), and scored in batches of `batchSize`, one partition's batch at a time as the worker does.
 * Timed over the classifyBatch calls only.
 */
export async function runEngine(
  codecs: Codecs,
  encoded: readonly EncodedMessage[],
  o: { partitions: number; batchSize: number; format: 'avro' | 'json' },
  progress: (msg: string) => void
): Promise<EngineFigures> {
  const byPartition: { messages: ChatMessage[]; bytes: number }[] = Array.from({ length: o.partitions }, () => ({ messages: [], bytes: 0 }));
  let bytes = 0;
  for (const e of encoded) {
    const p = compatibilityPartitioner({ topic: 'bench', key: e.key, value: e.value }, e.key) % o.partitions;
    const slot = byPartition[p]!;
    slot.messages.push(codecs.ChatMessage.decode(e.value, o.format));
    slot.bytes += e.key.length + e.value.length;
    bytes += e.key.length + e.value.length;
  }
  const engine = await createEngine();
  try {
    const states: EngineState[] = byPartition.map(() => createState());
    const cursors = byPartition.map(() => 0);
    let scored = 0;
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    let reported = start;
    // Round-robin over partitions, one batch each, like fetches arriving for several partitions.
    for (let progressed = true; progressed;) {
      progressed = false;
      for (let p = 0; p < o.partitions; p++) {
        const list = byPartition[p]!.messages;
        const from = cursors[p]!;
        if (from >= list.length) continue;
        const batch = list.slice(from, from + o.batchSize);
        cursors[p] = from + batch.length;
        const verdicts = await engine.classifyBatch(batch, states[p]!);
        if (verdicts.length !== batch.length) throw new Error(`engine returned ${verdicts.length} verdicts for ${batch.length} messages`);
        scored += batch.length;
        progressed = true;
        if (performance.now() - reported > 10_000) {
          reported = performance.now();
          progress(`  engine: ${scored.toLocaleString('en-US')} / ${encoded.length.toLocaleString('en-US')} scored`);
        }
      }
    }
    const elapsed = performance.now() - start;
    const cpuUsed = process.cpuUsage(cpu0);
    const cpuSecs = (cpuUsed.user + cpuUsed.system) / 1e6;
    let stateJsonBytes = 0;
    let stateBytes = 0;
    let conversationsInState = 0;
    for (const s of states) {
      const sz = stateSize(s);
      stateBytes += sz.bytes;
      stateJsonBytes += Buffer.byteLength(serialiseState(s));
      conversationsInState += sz.conversations;
    }
    progress('  engine: each stage alone on the largest partition');
    const largest = byPartition.reduce((a, b) => (b.messages.length > a.messages.length ? b : a)).messages;
    const model = engine.versions.model === 'none' ? null : await loadTextClassifier(compileEngineOptions().modelDir!, { intraOpNumThreads: 1 });
    const { stages } = await measureStages(largest, o.batchSize, model).finally(() => model?.close());
    return { ...throughput(scored, bytes, elapsed), stateJsonBytes, stateBytes, conversationsInState, msgsPerCpuSecond: Math.round(scored / Math.max(cpuSecs, 1e-6)), stages };
  } finally {
    await engine.close();
  }
}
