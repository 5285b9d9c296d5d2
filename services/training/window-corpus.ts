/**
 * Training windows for the conversation-window model, from conversations labelled at conversation level
 * (dev-set format: categories + `evidentAt` message id per category). Window j holds messages
 * [j-K+1 .. j]; it is positive for a category when it ends at or after that category's `evidentAt`,
 * negative before; benign conversations give only negative windows.
 */
import { readFileSync } from 'node:fs';
import { CATEGORIES, isCategory, type Category } from '../contracts/taxonomy.js';
import type { WindowText } from '../engine/model/onnx-classifier.js';
import type { GeneratedConversation } from './scenario-generator.js';

export interface LabelledMessage { messageId: string; senderId: string; text: string }

export interface LabelledConversation {
  id: string;
  /** Who wrote it (a writer's folder name, or `generated`): leave-one-writer-out rotates on this. */
  writer: string;
  messages: LabelledMessage[];
  /** The messages' JSON lines as read (engine runs decode them), when read from files. */
  raw?: string[];
  categories: Category[];
  evidentAt: Partial<Record<Category, string>>;
}

export interface WindowExample {
  /** Oldest first, the current message last. */
  lines: WindowText[];
  categories: Category[];
  conversationId: string;
  writer: string;
  /** The window comes from a conversation labelled benign (no category at all). */
  benign?: boolean;
}

/** Reads `messages.jsonl` + `labels.jsonl` (dev-set format); messages keep file order within their conversation. */
export function readLabelledConversations(messagesFile: string, labelsFile: string, writer: string): LabelledConversation[] {
  const byConv = new Map<string, LabelledMessage[]>();
  const rawByConv = new Map<string, string[]>();
  const problems: string[] = [];
  readFileSync(messagesFile, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const m = JSON.parse(line) as Partial<LabelledMessage> & { conversationId?: string };
    if (typeof m.conversationId !== 'string' || typeof m.messageId !== 'string' || typeof m.senderId !== 'string' || typeof m.text !== 'string') {
      problems.push(`${messagesFile}:${i + 1}: needs conversationId, messageId, senderId, text`);
      return;
    }
    let list = byConv.get(m.conversationId);
    if (!list) byConv.set(m.conversationId, (list = []));
    list.push({ messageId: m.messageId, senderId: m.senderId, text: m.text });
    let raw = rawByConv.get(m.conversationId);
    if (!raw) rawByConv.set(m.conversationId, (raw = []));
    raw.push(line);
  });
  const out: LabelledConversation[] = [];
  readFileSync(labelsFile, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const l = JSON.parse(line) as { conversationId: string; categories: string[]; evidentAt?: Record<string, string> };
    const messages = byConv.get(l.conversationId);
    if (!messages) { problems.push(`${labelsFile}:${i + 1}: conversation ${l.conversationId} has no messages`); return; }
    const categories = l.categories.filter(isCategory);
    if (categories.length !== l.categories.length) problems.push(`${labelsFile}:${i + 1}: unknown category in ${JSON.stringify(l.categories)}`);
    out.push({ id: l.conversationId, writer, messages, raw: rawByConv.get(l.conversationId)!, categories, evidentAt: (l.evidentAt ?? {}) as Partial<Record<Category, string>> });
  });
  if (problems.length) throw new Error(`bad labelled conversations:\n  - ${problems.slice(0, 20).join('\n  - ')}`);
  return out;
}

export function fromGenerated(c: GeneratedConversation): LabelledConversation {
  return {
    id: c.label.conversationId, writer: 'generated',
    messages: c.messages.map((m) => ({ messageId: m.messageId, senderId: m.senderId, text: m.text })),
    categories: c.label.categories, evidentAt: c.label.evidentAt,
  };
}

/**
 * Index of the first message at which each category holds. A listed category without a known `evidentAt`
 * holds from the last message only (the label says it is there, not where).
 */
export function evidentIndex(c: LabelledConversation): Partial<Record<Category, number>> {
  const pos = new Map(c.messages.map((m, i) => [m.messageId, i]));
  const out: Partial<Record<Category, number>> = {};
  for (const cat of c.categories) out[cat] = pos.get(c.evidentAt[cat] ?? '') ?? c.messages.length - 1;
  return out;
}

/** One window per message of the conversation, at most `k` messages each. */
export function windowExamples(c: LabelledConversation, k: number): WindowExample[] {
  const at = evidentIndex(c);
  return c.messages.map((m, j) => ({
    lines: c.messages.slice(Math.max(0, j - k + 1), j + 1).map((x) => ({ text: x.text, mine: x.senderId === m.senderId })),
    categories: CATEGORIES.filter((cat) => at[cat] !== undefined && j >= at[cat]!),
    conversationId: c.id,
    writer: c.writer,
    benign: c.categories.length === 0,
  }));
}
