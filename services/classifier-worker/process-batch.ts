/**
 * One micro-batch of one input partition: decode → classify → build and encode every output record.
 * No Kafka I/O here: the worker sends the returned records, the state checkpoint and the input
 * offset in one transaction. `classify` runs the engine on the partition's state, which it updates;
 * if the transaction then fails, the worker throws that state away and restores the committed one.
 */
import { VigieError } from '../contracts/errors.js';
import type { Codecs } from '../contracts/index.js';
import type { ChatMessage } from '../contracts/types.js';
import type { RecordName, RecordTypes } from '../contracts/types.js';
import { buildDeadLetter } from './dead-letter.js';
import { decodeInput } from './decode-input.js';
import type { EngineVerdicts } from './engine-holder.js';
import type { WorkerOptions } from './options.js';
import { buildOutputs, NO_CONTEXT } from './outputs.js';
import { EngineStateLostError } from './partition-engines.js';
import { truncateUtf8 } from './text-limits.js';

export interface InputRecord {
  key: Buffer | null;
  value: Buffer | null;
  offset: string;
}

export interface OutMessage {
  key: string | Buffer | null;
  value: Buffer;
  headers: Record<string, string>;
}

export interface BatchStats {
  verdicts: number;
  dlq: number;
  actions: Record<string, number>;
  categories: Record<string, number>;
  escalations: Record<string, number>;
  /** decidedAt − sentAt per scored message, seconds. */
  e2eSeconds: number[];
  truncatedForScoring: number;
  truncatedInStorage: number;
  engineSeconds: number;
  /**
   * Decoded records whose Kafka key is not their conversationId (docs/architecture.md: chat.messages is keyed by
   * conversationId). Such a producer spreads one conversation over several partitions, so each worker sees part of it
   * and the conversation's context (ages asked, refusals, plans across messages) is lost: verdicts still come, weaker.
   */
  misrouted: number;
}

/** Stats of no records: the start of a batch's count and of a merge of batches (window-pipeline.ts). */
export function emptyStats(): BatchStats {
  return { verdicts: 0, dlq: 0, actions: {}, categories: {}, escalations: {}, e2eSeconds: [], truncatedForScoring: 0, truncatedInStorage: 0, engineSeconds: 0, misrouted: 0 };
}

/** True when a record's key routes it by its conversation: the key's bytes are the conversationId's. */
export function keyedByConversation(key: Buffer | string | null, conversationId: string): boolean {
  if (key === null) return false;
  return typeof key === 'string' ? key === conversationId : key.length === Buffer.byteLength(conversationId) && key.toString('utf8') === conversationId;
}

export interface BatchResult {
  /** topic → messages, in input order. */
  out: Map<string, OutMessage[]>;
  stats: BatchStats;
}

/** The engine failed on a batch of several messages; the worker retries them one at a time. */
export class EngineBatchError extends VigieError {
  constructor(size: number, cause: unknown) {
    super(`engine failed on a batch of ${size} messages: ${(cause as Error)?.message ?? String(cause)}`, { retriable: true, cause });
  }
}

export function encoder(codecs: Codecs, format: 'avro' | 'json') {
  return <K extends RecordName>(name: K, value: RecordTypes[K]): Buffer => {
    // The mapped type loses the link between K and its codec; the pair is correct by construction.
    const codec = codecs[name] as unknown as { encodeAvro(v: RecordTypes[K]): Buffer; encodeJson(v: RecordTypes[K]): string };
    return format === 'avro' ? codec.encodeAvro(value) : Buffer.from(codec.encodeJson(value), 'utf8');
  };
}

/** The engine on the partition's state: one verdict per message, in order. */
export type Classify = (messages: ChatMessage[]) => Promise<EngineVerdicts>;

export async function processBatch(args: {
  records: InputRecord[]; topic: string; partition: number; classify: Classify; codecs: Codecs; opts: WorkerOptions; now: number;
}): Promise<BatchResult> {
  const { records, topic, partition, opts, now } = args;
  const topics = opts.topics;
  const encode = encoder(args.codecs, opts.outputFormat);
  const out = new Map<string, OutMessage[]>(Object.values(topics).map((name) => [name, []]));
  const put = (topicName: string, m: OutMessage) => out.get(topicName)!.push(m);
  const stats = emptyStats();
  const dead = (r: InputRecord, error: string, field: string | null) => {
    const deadLetter = buildDeadLetter({ key: r.key, value: r.value, error, field, source: { topic, partition, offset: r.offset }, failedAt: now, maxOriginalBytes: opts.maxDeadLetterBytes });
    put(topics.dlq, { key: r.key, value: encode('DeadLetter', deadLetter.record), headers: deadLetter.headers });
    stats.dlq++;
  };

  type Good = { r: InputRecord; message: ChatMessage; fullText: string; textTruncated: boolean; textRepaired: boolean };
  const good: Good[] = [];
  const order: (Good | { r: InputRecord; error: string; field: string | null })[] = [];
  for (const record of records) {
    const decoded = decodeInput(record.value, args.codecs, opts.inputFormat, opts.maxScoringChars);
    if (decoded.kind === 'ok') {
      if (!keyedByConversation(record.key, decoded.message.conversationId)) stats.misrouted++;
      const accepted = { r: record, message: decoded.message, fullText: decoded.fullText, textTruncated: decoded.textTruncated, textRepaired: decoded.textRepaired };
      good.push(accepted);
      order.push(accepted);
    } else {
      order.push({ r: record, error: decoded.error, field: decoded.field });
    }
  }

  let verdicts: EngineVerdicts = [];
  if (good.length) {
    const t0 = process.hrtime.bigint();
    try {
      verdicts = await args.classify(good.map((g) => g.message));
      if (verdicts.length !== good.length) throw new VigieError(`engine returned ${verdicts.length} verdicts for ${good.length} messages`);
    } catch (err) {
      if (err instanceof EngineStateLostError) throw err; // no fault of these messages: the window aborts and restores
      if (good.length > 1) throw new EngineBatchError(good.length, err);
      verdicts = [];
      const single = good[0]!;
      good.length = 0;
      order[order.indexOf(single)] = { r: single.r, error: `engine failed on this message: ${(err as Error)?.message ?? String(err)}`, field: null };
    }
    stats.engineSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  }

  let vi = 0;
  for (const item of order) {
    if (!('message' in item)) { dead(item.r, item.error, item.field); continue; }
    const engineVerdict = verdicts[vi++]!;
    const chat = item.message;
    const source = { topic, partition, offset: item.r.offset };
    // No copy of the verdict without its context (buildOutputs names the verdict's fields), no empty context list per message.
    const engineContext = engineVerdict.context;
    const context = engineContext?.length
      ? engineContext.map((c) => ({ messageId: c.messageId, senderId: c.senderId, sentAt: c.sentAt, text: truncateUtf8(c.text, 2048).text }))
      : NO_CONTEXT;
    let outputs = buildOutputs({
      engineVerdict,
      message: chat,
      fullText: item.fullText,
      textTruncated: item.textTruncated,
      textRepaired: item.textRepaired,
      context,
      participantAges: engineVerdict.participantAges,
      source,
      decidedAt: now,
      limits: { maxStoredTextBytes: opts.maxStoredTextBytes }
    });
    const headers: Record<string, string> = { 'vigie.source': `${topic}/${partition}/${item.r.offset}` };
    let encoded: { verdict: Buffer; actions: Buffer[]; escalation: Buffer | null; audit: Buffer };
    try {
      let audit = encode('AuditRecord', outputs.audit);
      if (audit.length > opts.maxStoredTextBytes * 2 + 64 * 1024) {
        // Context of oversized neighbours could still push the record over the limit: keep only this message's text.
        outputs = { ...outputs, audit: { ...outputs.audit, context: outputs.audit.context.map((c) => ({ ...c, text: c.text.slice(0, 256) })) } };
        audit = encode('AuditRecord', outputs.audit);
      }
      encoded = {
        verdict: encode('Verdict', outputs.verdict), actions: outputs.actions.map((a) => encode('ModerationAction', a)),
        escalation: outputs.escalation ? encode('Escalation', outputs.escalation) : null, audit,
      };
    } catch (err) {
      dead(item.r, `output encoding failed: ${(err as Error).message}`, null);
      continue;
    }
    put(topics.verdicts, { key: chat.conversationId, value: encoded.verdict, headers });
    outputs.actions.forEach((a, i) => put(topics.actions, { key: a.targetUserId, value: encoded.actions[i]!, headers }));
    if (encoded.escalation) put(topics.escalations, { key: chat.conversationId, value: encoded.escalation, headers });
    const auditHeaders = outputs.auditTextCutFrom === null ? headers : { ...headers, 'vigie.text.truncated': String(outputs.auditTextCutFrom) };
    put(topics.audit, { key: chat.conversationId, value: encoded.audit, headers: auditHeaders });

    stats.verdicts++;
    stats.actions[outputs.verdict.action] = (stats.actions[outputs.verdict.action] ?? 0) + 1;
    for (const c of outputs.verdict.categories) stats.categories[c.category] = (stats.categories[c.category] ?? 0) + 1;
    if (outputs.escalation) stats.escalations[outputs.escalation.priority] = (stats.escalations[outputs.escalation.priority] ?? 0) + 1;
    stats.e2eSeconds.push(Math.max(0, now - chat.sentAt) / 1000);
    if (item.textTruncated) stats.truncatedForScoring++;
    if (outputs.auditTextCutFrom !== null) stats.truncatedInStorage++;
  }
  return { out, stats };
}

/**
 * Replay (restore of the state between a checkpoint and the committed offset): runs the decodable
 * records through the engine so the partition's state evolves exactly as when they were first processed,
 * and builds no output. Undecodable records never reached the engine (dead letters), so they are
 * skipped; a single message the engine fails on gets the same call as the first time (then a dead
 * letter); a failure on several messages throws EngineBatchError (the worker restores again and
 * replays them one at a time, as it processed them). The engine of the moment is used: after a hot
 * reload, replayed context is rebuilt by the new engine.
 */
export async function replayBatch(args: { records: InputRecord[]; classify: Classify; codecs: Codecs; opts: WorkerOptions }): Promise<number> {
  const messages: ChatMessage[] = [];
  for (const r of args.records) {
    const d = decodeInput(r.value, args.codecs, args.opts.inputFormat, args.opts.maxScoringChars);
    if (d.kind === 'ok') messages.push(d.message);
  }
  if (!messages.length) return 0;
  try {
    await args.classify(messages);
  } catch (err) {
    if (err instanceof EngineStateLostError) throw err;
    if (messages.length > 1) throw new EngineBatchError(messages.length, err);
  }
  return messages.length;
}
