/**
 * Replay benchmark: N generated messages on a fresh input topic, their verdicts (engine offline, one
 * state per partition) on a fresh verdicts topic, then `replay()` in process with the same engine.
 * Prints one JSON line (messages, seconds per pass, msg/s, peak RSS). Topics are deleted at the end.
 * usage: node dist/services/bench/bench-replay.js [messages=20000]
 */
import { createCodecs } from '../contracts/index.js';
import type { ChatMessage } from '../contracts/types.js';
import { createEngine, createState } from '../engine/engine.js';
import { ClientTestContext } from '../../test/support/kafka-client.js';
import { generateConversations } from '../training/scenario-generator.js';
import { interleave } from '../training/interleave.js';
import { compileReplayOptions, replay } from '../tools/replay.js';

const n = Number(process.argv[2] ?? 20000);
const ctx = await ClientTestContext.create('bench-replay');
const input = await ctx.topic('bench-replay-in', 3), verdicts = await ctx.topic('bench-replay-verdicts', 3);
const codecs = createCodecs();
const engine = await createEngine();
try {
  const stream: ChatMessage[] = [];
  for (const x of interleave(generateConversations({ count: Math.ceil(n / 5), seed: 3, idPrefix: 'b' }))) { if (stream.length >= n) break; stream.push(x.message); }
  const producer = await ctx.producer();
  for (let i = 0; i < stream.length; i += 2000) {
    await producer.send({ topic: input, messages: stream.slice(i, i + 2000).map((m) => ({ key: m.conversationId, value: codecs.ChatMessage.encodeAvro(m) })) });
  }
  // Read back by partition, to record verdicts with the worker's per-partition state.
  const parts = new Map<number, ChatMessage[]>();
  for (const r of await ctx.readAll(input, { timeoutMs: 120_000 })) parts.set(r.partition, [...(parts.get(r.partition) ?? []), codecs.ChatMessage.decodeAvro(r.value!)]);
  for (const msgs of parts.values()) {
    const state = createState();
    for (let i = 0; i < msgs.length; i += 256) {
      const vs = await engine.classifyBatch(msgs.slice(i, i + 256), state);
      await producer.send({ topic: verdicts, messages: vs.map(({ context: _c, ...v }) => ({ key: v.conversationId, value: codecs.Verdict.encodeAvro(v) })) });
    }
  }
  const o = compileReplayOptions({ topic: input, verdictsTopic: verdicts, from: { kind: 'earliest' }, to: { kind: 'latest' }, productionTopics: [] });
  const r = await replay(ctx.client, engine, codecs, o, (l) => process.stderr.write(`${l}\n`));
  process.stdout.write(JSON.stringify({ messages: r.inputRead, compared: r.aggregates.compared, changed: r.aggregates.changedTotal, seconds: r.seconds,
    replayMsgsPerSec: Math.round(r.throughput), endToEndMsgsPerSec: Math.round(r.inputRead / r.seconds.total), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
} finally {
  await engine.close();
  await ctx.cleanup();
}
