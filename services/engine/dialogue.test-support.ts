/** Test support: a two-person conversation from its lines (speakers a and b alternate, one minute apart, adults). */
import type { ChatMessage } from '../contracts/types.js';

export function dialogue(prefix: string, k: number, lines: string[]): ChatMessage[] {
  return lines.map((text, i) => ({
    messageId: `${prefix}-${k}-${i}`, tenantId: null, conversationId: `${prefix}-c${k}`, roomId: null,
    senderId: i % 2 ? `b${k}` : `a${k}`, recipientId: i % 2 ? `a${k}` : `b${k}`,
    text, sentAt: 1_767_600_000_000 + k * 3_600_000 + i * 60_000, senderIp: null, senderDeclaredAge: 30, locale: null,
  }) as ChatMessage);
}
