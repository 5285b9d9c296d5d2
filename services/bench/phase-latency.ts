import type { KafkaClient } from '../kafka/client.js';
import { VigieError } from '../contracts/errors.js';
import type { Codecs } from '../contracts/index.js';
import { summariseLatencies } from './stats.js';
import { withDeadline } from './kafka-util.js';
import { TopicWatch } from './topic-watch.js';
import { WorkerProcess, type WorkerLaunch } from './worker-process.js';
import { exitWatch } from './phase-pipeline.js';
import { chatStream, encodeMessage, type WorkloadOptions } from './workload.js';
import type { LatencyFigures } from './report.js';

export interface LatencyRun {
  inputTopic: string;
  verdictTopic: string;
  watchGroupId: string;
  /** Offered rate, messages/s. */
  rate: number;
  seconds: number;
  format: 'avro' | 'json';
  workload: WorkloadOptions;
  timeoutMs: number;
  launch: WorkerLaunch;
}

const TICK_MS = 5;

/**
 * End-to-end latency at a fixed offered load: a producer sends generated messages at `rate` for
 * `seconds` into a fresh input topic while a worker runs; each message's `sentAt` is stamped the moment
 * it is handed to the producer, and its latency ends when its verdict is visible to a read_committed
 * consumer (matched by messageId). One probe message first waits until the worker is serving, so
 * start-up is not counted as latency.
 */
export async function runLatency(kafka: KafkaClient, codecs: Codecs, r: LatencyRun, progress: (msg: string) => void): Promise<LatencyFigures> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let unknown = 0;
  const probes = new Set<string>();
  const watch = await TopicWatch.start(kafka, r.verdictTopic, r.watchGroupId, (messages) => {
    const now = Date.now();
    for (const m of messages) {
      const id = codecs.Verdict.decode(m.value!, 'auto').messageId;
      if (probes.delete(id)) continue;
      const t = sentAt.get(id);
      if (t === undefined) { unknown++; continue; }
      latencies.push(now - t);
      sentAt.delete(id);
    }
  });
  // The factory's idempotent producer: acks all, murmur2 partitioning as the Java producer.
  const producer = kafka.producer();
  let worker: WorkerProcess | undefined;
  try {
    worker = WorkerProcess.start(r.launch);
    const w = worker;
    const crashed = exitWatch(w);
    const stream = chatStream(r.workload);
    const take = (): { key: Buffer; value: Buffer; id: string } => {
      const m = { ...stream.next().value!, sentAt: Date.now() };
      const e = encodeMessage(codecs, r.format, m);
      return { ...e, id: m.messageId };
    };

    // Probe: the worker is serving once one verdict comes back.
    const probe = take();
    probes.add(probe.id);
    await producer.send({ messages: [{ topic: r.inputTopic, key: probe.key, value: probe.value }] });
    await withDeadline(Promise.race([watch.waitFor(1), crashed]), r.timeoutMs, () => `latency: the worker gave no verdict for a probe message; log tail:\n${w.logTail()}`);
    const base = watch.count;

    progress(`  latency: offering ${Math.round(r.rate)} msgs/s for ${r.seconds} s`);
    const sends: Promise<unknown>[] = [];
    let sendError: unknown = null;
    let sent = 0;
    const start = performance.now();
    const endAt = start + r.seconds * 1000;
    for (;;) {
      const now = performance.now();
      if (now >= endAt) break;
      const due = Math.floor((r.rate * (now - start)) / 1000) - sent;
      if (due > 0) {
        const batch = Array.from({ length: due }, take);
        for (const b of batch) sentAt.set(b.id, Date.now());
        sends.push(producer.send({ messages: batch.map((b) => ({ topic: r.inputTopic, key: b.key, value: b.value })) })
          .catch((e: unknown) => { sendError = e; }));
        sent += due;
      }
      if (sendError) throw sendError;
      w.assertRunning('latency');
      await new Promise((res) => setTimeout(res, TICK_MS));
    }
    const elapsed = (performance.now() - start) / 1000;
    await Promise.all(sends);
    if (sendError) throw sendError;
    await withDeadline(Promise.race([watch.waitFor(base + sent), crashed]), r.timeoutMs,
      () => `latency: ${watch.count - base} of ${sent} verdicts committed; log tail:\n${w.logTail()}`);
    if (unknown > 0) throw new VigieError(`latency: ${unknown} verdicts with unknown messageIds (duplicates?)`);
    if (latencies.length !== sent) throw new VigieError(`latency: ${latencies.length} verdicts matched for ${sent} messages sent`);
    return { ...summariseLatencies(latencies), offeredRate: r.rate, seconds: r.seconds, sent, achievedRate: sent / elapsed };
  } finally {
    await worker?.stop();
    await producer.close().catch(() => undefined);
    await watch.stop();
  }
}
