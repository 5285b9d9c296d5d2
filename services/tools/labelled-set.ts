/**
 * Labelled sets for `vigie tune`: either the dev-set pair (messages.jsonl + conversation-level
 * labels.jsonl with `evidentAt`) or message-level JSONL `{text, labels}` as `vigie train` reads
 * (each line then is its own one-message conversation, evident at that message).
 * Every bad line is reported at once, with file and line.
 */
import { readFileSync } from 'node:fs';
import { createCodecs } from '../contracts/index.js';
import type { ChatMessage } from '../contracts/types.js';
import { ConfigError } from '../contracts/errors.js';
import { isCategory, LABELS, type Category } from '../contracts/taxonomy.js';

export interface ConversationLabel {
  conversationId: string;
  categories: Category[];
  /** Per category: index (inside the conversation) of the message from which it is evident. */
  evidentIndex: Partial<Record<Category, number>>;
}

export interface LabelledSet {
  /** Messages in input order (conversations may interleave). */
  messages: ChatMessage[];
  /** Conversation id → label; conversations without a label are scored for nothing. */
  labels: Map<string, ConversationLabel>;
  /** Message id → index of the message inside its conversation. */
  position: Map<string, number>;
  kind: 'conversation' | 'message';
  /** Labels naming a conversation with no message in the messages file: left out (the dev-set scorer skips them too). */
  unmatchedLabels: string[];
}

function lines(file: string): { line: string; no: number }[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`cannot read ${file}: ${(err as Error).message}`]);
  }
  return text.split('\n').map((line, i) => ({ line, no: i + 1 })).filter((l) => l.line.trim() !== '');
}

function positions(messages: readonly ChatMessage[]): Map<string, number> {
  const count = new Map<string, number>();
  const pos = new Map<string, number>();
  for (const m of messages) {
    const n = count.get(m.conversationId) ?? 0;
    pos.set(m.messageId, n);
    count.set(m.conversationId, n + 1);
  }
  return pos;
}

/** Dev-set format: ChatMessage JSONL + conversation labels `{conversationId, categories, evidentAt}`. */
export function readConversationSet(messagesFile: string, labelsFile: string): LabelledSet {
  const codecs = createCodecs();
  const problems: string[] = [];
  const messages: ChatMessage[] = [];
  for (const { line, no } of lines(messagesFile)) {
    try {
      messages.push(codecs.ChatMessage.decodeJson(line));
    } catch (err) {
      problems.push(`${messagesFile}:${no}: ${(err as Error).message}`);
    }
  }
  const position = positions(messages);
  const byId = new Map(messages.map((m) => [m.messageId, m]));
  const labels = new Map<string, ConversationLabel>();
  const conversations = new Set(messages.map((m) => m.conversationId));
  const unmatchedLabels: string[] = [];
  for (const { line, no } of lines(labelsFile)) {
    const where = `${labelsFile}:${no}`;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch (err) {
      problems.push(`${where}: not JSON (${(err as Error).message})`);
      continue;
    }
    if (typeof o !== 'object' || o === null || typeof o.conversationId !== 'string') { problems.push(`${where}: "conversationId" must be a string`); continue; }
    if (!Array.isArray(o.categories)) { problems.push(`${where}: "categories" must be an array`); continue; }
    const bad = o.categories.filter((c) => !isCategory(c as string));
    if (bad.length) { problems.push(`${where}: unknown categor${bad.length > 1 ? 'ies' : 'y'} ${bad.map((b) => JSON.stringify(b)).join(', ')}`); continue; }
    if (!conversations.has(o.conversationId)) { unmatchedLabels.push(o.conversationId); continue; }
    const evidentIndex: Partial<Record<Category, number>> = {};
    const ev = (o.evidentAt ?? {}) as Record<string, unknown>;
    for (const c of o.categories as Category[]) {
      const mid = ev[c];
      if (mid === undefined) { evidentIndex[c] = 0; continue; }
      const m = typeof mid === 'string' ? byId.get(mid) : undefined;
      if (!m || m.conversationId !== o.conversationId) { problems.push(`${where}: evidentAt.${c} names ${JSON.stringify(mid)}, not a message of ${o.conversationId}`); continue; }
      evidentIndex[c] = position.get(m.messageId)!;
    }
    labels.set(o.conversationId, { conversationId: o.conversationId, categories: [...new Set(o.categories as Category[])], evidentIndex });
  }
  if (problems.length) throw new ConfigError(problems.slice(0, 50).concat(problems.length > 50 ? [`... and ${problems.length - 50} more`] : []));
  return { messages, labels, position, kind: 'conversation', unmatchedLabels };
}

/** Message-level `{text, labels}` JSONL (the `vigie train --data` format); signal labels are ignored. */
export function readMessageSet(file: string): LabelledSet {
  const problems: string[] = [];
  const messages: ChatMessage[] = [];
  const labels = new Map<string, ConversationLabel>();
  for (const { line, no } of lines(file)) {
    if (line.trimStart().startsWith('//')) continue;
    const where = `${file}:${no}`;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch (err) {
      problems.push(`${where}: not JSON (${(err as Error).message})`);
      continue;
    }
    if (typeof o !== 'object' || o === null || typeof o.text !== 'string' || !o.text.trim()) { problems.push(`${where}: "text" must be a non-empty string`); continue; }
    if (!Array.isArray(o.labels)) { problems.push(`${where}: "labels" must be an array of label names`); continue; }
    const bad = o.labels.filter((l) => !(LABELS as readonly unknown[]).includes(l));
    if (bad.length) { problems.push(`${where}: unknown label(s) ${bad.map((b) => JSON.stringify(b)).join(', ')}`); continue; }
    // One conversation and one sender per line: no context may leak between independent examples.
    const id = `line-${no}`;
    messages.push({ messageId: id, tenantId: null, conversationId: id, roomId: null, senderId: `sender-${no}`, recipientId: `recipient-${no}`,
      text: o.text, sentAt: no * 1000, senderIp: null, senderDeclaredAge: null, locale: typeof o.lang === 'string' ? o.lang : null });
    const categories = [...new Set((o.labels as string[]).filter(isCategory))] as Category[];
    labels.set(id, { conversationId: id, categories, evidentIndex: Object.fromEntries(categories.map((c) => [c, 0])) });
  }
  if (problems.length) throw new ConfigError(problems.slice(0, 50).concat(problems.length > 50 ? [`... and ${problems.length - 50} more`] : []));
  return { messages, labels, position: positions(messages), kind: 'message', unmatchedLabels: [] };
}
