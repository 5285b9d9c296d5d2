import type { ChatMessage, GeneratedConversation } from './scenario-generator.js';
import type { Label } from '../contracts/taxonomy.js';

export interface StreamMessage {
  message: ChatMessage;
  labels: Label[];
}

/**
 * Merges conversations (given in start-time order, as `generateConversations` yields them) into one
 * stream ordered by `sentAt`, the way many concurrent conversations and rooms reach a chat platform.
 * Lazy: holds only the conversations that are still open at the current time.
 */
export function* interleave(conversations: Iterable<GeneratedConversation>): Generator<StreamMessage> {
  const heap: { at: number; seq: number; conv: GeneratedConversation; idx: number }[] = [];
  let seq = 0;
  const less = (a: (typeof heap)[number], b: (typeof heap)[number]): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  const pushH = (e: (typeof heap)[number]): void => {
    heap.push(e);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const popH = (): (typeof heap)[number] => {
    const top = heap[0]!;
    const lastE = heap.pop()!;
    if (heap.length) {
      heap[0] = lastE;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  };
  const it = conversations[Symbol.iterator]();
  let next = it.next();
  const admit = (conv: GeneratedConversation): void => {
    if (conv.messages.length) pushH({ at: conv.messages[0]!.sentAt, seq: seq++, conv, idx: 0 });
  };
  for (;;) {
    // Admit every conversation that starts before the earliest pending message (starts are non-decreasing).
    while (!next.done && (heap.length === 0 || (next.value.messages[0]?.sentAt ?? Infinity) <= heap[0]!.at)) {
      admit(next.value);
      next = it.next();
    }
    if (heap.length === 0) return;
    const e = popH();
    yield { message: e.conv.messages[e.idx]!, labels: e.conv.messageLabels[e.idx]! };
    if (e.idx + 1 < e.conv.messages.length) pushH({ at: e.conv.messages[e.idx + 1]!.sentAt, seq: seq++, conv: e.conv, idx: e.idx + 1 });
  }
}
