/**
 * The bench's traffic: realistic French/English conversations from the scenario generator, merged
 * into one stream by send time (many concurrent conversations, key = conversationId), encoded once
 * in the worker's input format so encoding cost stays out of every measured phase.
 */
import type { Codecs, ChatMessage } from '../contracts/index.js';
import { generateConversations } from '../training/scenario-generator.js';
import { interleave } from '../training/interleave.js';

export interface EncodedMessage {
  key: Buffer;
  value: Buffer;
}

export interface WorkloadOptions {
  seed: number;
  /** Median gap between conversation starts, ms (smaller = more concurrent conversations). */
  conversationGapMs: number;
  /** Prefix of conversation (and so message) ids; distinct prefixes give distinct ids. */
  idPrefix: string;
}

/**
 * The first `count` messages of `count / 5` interleaved scripted conversations of `seed` (the generator's default gaps and
 * ids): the engine benches' input (bench-engine.ts, ab-stages.ts).
 */
export function engineMessages(seed: number, count: number): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const s of interleave(generateConversations({ seed, count: Math.ceil(count / 5) }))) {
    out.push(s.message);
    if (out.length >= count) break;
  }
  return out;
}

/** An endless, deterministic stream of chat messages in send-time order. */
export function* chatStream(o: WorkloadOptions): Generator<ChatMessage> {
  // count is a bound the stream never reaches in practice; conversations are generated lazily.
  for (const { message } of interleave(generateConversations({ seed: o.seed, count: 1e9, conversationGapMs: o.conversationGapMs, idPrefix: o.idPrefix }))) {
    yield message;
  }
}

export function encodeMessage(codecs: Codecs, format: 'avro' | 'json', m: ChatMessage): EncodedMessage {
  return {
    key: Buffer.from(m.conversationId, 'utf8'),
    value: format === 'avro' ? codecs.ChatMessage.encodeAvro(m) : Buffer.from(codecs.ChatMessage.encodeJson(m), 'utf8'),
  };
}

export interface Workload {
  messages: ChatMessage[];
  encoded: EncodedMessage[];
  /** Key + value bytes of all encoded messages, as Kafka's perf tools count them. */
  bytes: number;
  conversations: number;
}

/** The first `count` messages of the stream, decoded and encoded. */
export function buildWorkload(codecs: Codecs, format: 'avro' | 'json', count: number, o: WorkloadOptions): Workload {
  const messages: ChatMessage[] = [];
  const encoded: EncodedMessage[] = [];
  const conversations = new Set<string>();
  let bytes = 0;
  for (const m of chatStream(o)) {
    if (messages.length >= count) break;
    const e = encodeMessage(codecs, format, m);
    messages.push(m);
    encoded.push(e);
    conversations.add(m.conversationId);
    bytes += e.key.length + e.value.length;
  }
  return { messages, encoded, bytes, conversations: conversations.size };
}
