/**
 * Test support (stop 52): conversations written as "sender#age: text" lines (the age optional), run through the shipped rules,
 * policy and context with no model; per conversation, the escalation of each message.
 */
import type { ChatMessage, Verdict } from '../contracts/types.js';
import { createEngine, createState } from './engine.js';

/** [name, lines "sender#age: text" or "sender: text"]. */
export type AgedConv = [name: string, lines: string[]];

/** The messages of one conversation, one minute apart; each addressed to the first other sender. */
export function agedMessages(prefix: string, k: number, lines: readonly string[]): ChatMessage[] {
  const senders = lines.map((l) => /^([^:#]+)/.exec(l)![1]!);
  return lines.map((line, i) => {
    const [, sender, age, text] = /^([^:#]+)(?:#(\d+))?: (.*)$/.exec(line)!;
    return {
      messageId: `${prefix}-${k}-${i}`, tenantId: null, conversationId: `${prefix}-c${k}`, roomId: null, senderId: sender!,
      recipientId: senders.find((s) => s !== sender) ?? 'nobody', text: text!, sentAt: 1_767_700_000_000 + k * 3_600_000 + i * 60_000,
      senderIp: null, senderDeclaredAge: age ? Number(age) : null, locale: null,
    } as ChatMessage;
  });
}

/** Per conversation, `name: ` and the escalation of each message ('-' for none), no model. */
export async function escalationsOf(prefix: string, convs: readonly AgedConv[]): Promise<string[]> {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  try {
    const out: string[] = [];
    for (const [k, [name, lines]] of convs.entries()) {
      const vs: Verdict[] = await engine.classifyBatch(agedMessages(prefix, k, lines), createState());
      out.push(`${name}: ${vs.map((v) => v.escalation?.priority ?? '-').join(' ')}`);
    }
    return out;
  } finally {
    await engine.close();
  }
}
