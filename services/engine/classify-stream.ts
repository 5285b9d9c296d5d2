/**
 * Runs an engine over messages in stream order, in batches, with one state for the whole stream: the
 * offline way to get the verdicts the streaming worker would give (context per conversation and
 * sender, conversations may interleave). `vigie classify` and `vigie eval` both run the engine
 * through this, so their verdicts cannot differ.
 */
import type { ChatMessage } from '../contracts/types.js';
import { createState, type Engine, type EngineState, type EngineVerdict } from './engine.js';

export interface ClassifyStreamOptions {
  /** Messages per engine call (the model runs once per batch; verdicts do not depend on it). */
  batchSize: number;
  /** Receives each batch's verdicts, in input order, before the next batch is classified. */
  onVerdicts(verdicts: EngineVerdict[]): void | Promise<void>;
  /** The state to classify with (default: a new one); the caller may read it afterwards. */
  state?: EngineState;
}

/** True when a verdict acts (any action but allow) or escalates. */
export const actsOrEscalates = (v: { action: string; escalation: unknown }): boolean =>
  v.action !== 'allow' || (v.escalation !== null && v.escalation !== undefined);

/** Classifies every message; returns how many were classified. */
export async function classifyStream(
  engine: Engine,
  messages: Iterable<ChatMessage> | AsyncIterable<ChatMessage>,
  o: ClassifyStreamOptions,
): Promise<number> {
  const state = o.state ?? createState();
  let batch: ChatMessage[] = [];
  let count = 0;
  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    const verdicts = await engine.classifyBatch(batch, state);
    batch = [];
    await o.onVerdicts(verdicts);
  };
  for await (const m of messages) {
    batch.push(m);
    count++;
    if (batch.length >= o.batchSize) await flush();
  }
  await flush();
  return count;
}
