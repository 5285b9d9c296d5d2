/** The offline reference: the same engine `vigie classify` runs, over messages in stream order. */
import { createEngine, createState } from '../../services/engine/engine.js';
import type { ChatMessage, Verdict } from '../../services/contracts/types.js';

/** Engine options from the same environment variables the worker reads. */
export function engineEnv() {
  const e = process.env;
  return {
    ...(e.VIGIE_RULES_DIR ? { rulesDir: e.VIGIE_RULES_DIR } : {}),
    ...(e.VIGIE_POLICY_FILE ? { policyFile: e.VIGIE_POLICY_FILE } : {}),
    ...(e.VIGIE_MODEL_DIR ? { modelDir: e.VIGIE_MODEL_DIR } : {}),
  };
}

let shared: ReturnType<typeof createEngine> | undefined;

/** Runs the engine over `messages` in order with a fresh state (one engine per test process). */
export async function classifyOffline(messages: ChatMessage[]): Promise<Map<string, Verdict>> {
  shared ??= createEngine(engineEnv());
  const engine = await shared;
  const state = createState();
  const out = new Map<string, Verdict>();
  for (let i = 0; i < messages.length; i += 64) {
    const vs = await engine.classifyBatch(messages.slice(i, i + 64), state);
    for (const v of vs) out.set(v.messageId, v);
  }
  return out;
}

export async function closeOffline(): Promise<void> {
  if (shared) await (await shared).close();
  shared = undefined;
}

/**
 * The offline run the worker must agree with: each input partition's messages, in offset order, through
 * one engine state per partition (read back from the input topic, so partitioning is the real one).
 */
export async function classifyOfflineByPartition(records: { partition: number; message: ChatMessage }[]): Promise<Map<string, Verdict>> {
  const out = new Map<string, Verdict>();
  const parts = [...new Set(records.map((r) => r.partition))];
  for (const p of parts) {
    const vs = await classifyOffline(records.filter((r) => r.partition === p).map((r) => r.message));
    for (const [k, v] of vs) out.set(k, v);
  }
  return out;
}

/** Index of the first escalated message of a conversation (or -1). */
export function firstEscalation(conversation: ChatMessage[], verdicts: Map<string, Pick<Verdict, 'escalation'>>): number {
  return conversation.findIndex((m) => verdicts.get(m.messageId)?.escalation);
}
