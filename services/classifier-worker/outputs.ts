/**
 * What one scored message produces, decided from its verdict. Pure: the worker passes the clock value
 * (`decidedAt`) and the source position in.
 *
 *   Verdict          always                              → chat.verdicts          key conversationId
 *   ModerationAction action flag/hold/block (the message) → moderation.actions     key targetUserId
 *                    and verdict.enforcement (mute/suspend the user)
 *   Escalation       verdict.escalation set              → moderation.escalations key conversationId
 *   AuditRecord      always (with the verdict's reasons, signals, per-category sources and the sender's declared age);
 *                    `text`, `context` and `participantAges` only when action ≠ allow or escalated;
 *                    textSha256 (of the FULL original text) always → moderation.audit key conversationId
 *
 * Ids are derived from the message id, so a re-run after a crash produces the same ids.
 * Stored text is cut to `maxStoredTextBytes` (UTF-8) so every record stays under the broker's message
 * size limit; the cut is recorded in the `vigie.text.truncated` header (original byte length).
 */
import { createHash } from 'node:crypto';
import type { Category } from '../contracts/taxonomy.js';
import type {
  AuditRecord, ChatMessage, ContextMessage, Escalation, ModerationAction, ModerationActionKind, ParticipantAge, Verdict,
} from '../contracts/types.js';
import type { SourcePosition } from '../contracts/errors.js';
import { truncateUtf8 } from './text-limits.js';

/** Every key of T, optional ones made required: an object literal that `satisfies` it names them all. */
type EveryField<T> = { [K in keyof T]-?: T[K] | undefined };

export interface MessageOutputs {
  verdict: Verdict;
  actions: ModerationAction[];
  escalation: Escalation | null;
  audit: AuditRecord;
  /** Original UTF-8 byte length when the audit text was cut, else null. */
  auditTextCutFrom: number | null;
}

export interface OutputLimits {
  /** Longest stored text (audit `text`), UTF-8 bytes. Default 262144. */
  maxStoredTextBytes: number;
}

const MESSAGE_ACTION: Record<Verdict['action'], ModerationActionKind | null> = {
  allow: null, flag: 'flag_message', hold: 'hold_message', block: 'block_message',
};

/**
 * Shared empty lists of the outputs of a message that neither acts nor escalates (most): read-only by convention, nothing
 * appends to an output's lists after buildOutputs (the worker encodes them; an oversized audit gets a new context list).
 */
const NO_NAMES: Category[] = [];
const NO_ACTIONS: ModerationAction[] = [];
const NO_AGES: ParticipantAge[] = [];
export const NO_CONTEXT: ContextMessage[] = [];

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Highest-scoring category of a verdict, or null when it asserts none. */
export function topCategory(v: Verdict): Category | null {
  let best: Verdict['categories'][number] | undefined;
  for (const c of v.categories) if (!best || c.score > best.score) best = c;
  return best?.category ?? null;
}

export function buildOutputs(args: {
  engineVerdict: Verdict;
  message: ChatMessage;
  /** The text as received (before the scoring cut). */
  fullText: string;
  textTruncated: boolean;
  /** The text held invalid UTF-8, decoded with U+FFFD (decode-input.ts). */
  textRepaired: boolean;
  context: ContextMessage[];
  /** Known ages of the conversation's participants (engine context), when it acts or escalates. */
  participantAges?: ParticipantAge[];
  source: SourcePosition;
  decidedAt: number;
  limits: OutputLimits;
}): MessageOutputs {
  const { message: m, source, decidedAt } = args;
  // The verdict's fields named one by one, in the engine's order (engine.ts): one object per message, where a rest copy
  // (dropping the engine's context) and a spread of it were two; anything else the engine's record carries stays out.
  const e0 = args.engineVerdict;
  // `satisfies EveryField<Verdict>`: a Verdict field added (optional ones included) and not written here fails `tsc`,
  // instead of being dropped from every verdict the worker publishes (outputs.test.ts checks the schema's fields too).
  const verdict: Verdict = {
    messageId: e0.messageId, tenantId: e0.tenantId, conversationId: e0.conversationId, roomId: e0.roomId, senderId: e0.senderId,
    recipientId: e0.recipientId, sentAt: e0.sentAt, action: e0.action, categories: e0.categories, signals: e0.signals,
    escalation: e0.escalation, enforcement: e0.enforcement, reasons: e0.reasons, modelVersion: e0.modelVersion,
    rulesVersion: e0.rulesVersion, policyVersion: e0.policyVersion, textTruncated: e0.textTruncated || args.textTruncated,
    textRepaired: e0.textRepaired || args.textRepaired, decidedAt,
  } satisfies EveryField<Verdict>;
  const kind = MESSAGE_ACTION[verdict.action];
  // Most messages are allowed: no action, no escalation, no list of category names.
  const categories = kind || verdict.enforcement || verdict.escalation ? verdict.categories.map((c) => c.category) : NO_NAMES;

  const actions: ModerationAction[] = kind || verdict.enforcement ? [] : NO_ACTIONS;
  if (kind) {
    actions.push({
      actionId: `${m.messageId}:${kind}`, messageId: m.messageId, conversationId: m.conversationId, targetUserId: m.senderId,
      action: kind, durationMs: null, reason: verdict.reasons[0] ?? `${verdict.action} by policy ${verdict.policyVersion}`, categories, issuedAt: decidedAt,
    });
  }
  if (verdict.enforcement) {
    const e = verdict.enforcement;
    actions.push({
      actionId: `${m.messageId}:${e.action}`, messageId: m.messageId, conversationId: m.conversationId, targetUserId: e.targetUserId,
      action: e.action, durationMs: e.durationMs, reason: e.reason, categories, issuedAt: decidedAt,
    });
  }

  let escalation: Escalation | null = null;
  const main = topCategory(verdict);
  if (verdict.escalation && main) {
    escalation = {
      escalationId: `${m.messageId}:escalation`, priority: verdict.escalation.priority, category: main, categories,
      conversationId: m.conversationId, messageId: m.messageId, senderId: m.senderId, recipientId: m.recipientId,
      reason: verdict.escalation.reason, evidenceMessageIds: [...args.context.map((c) => c.messageId), m.messageId], createdAt: decidedAt,
    };
  }

  const keepText = verdict.action !== 'allow' || verdict.escalation !== null;
  const stored = truncateUtf8(args.fullText, args.limits.maxStoredTextBytes);
  const audit: AuditRecord = {
    recordId: m.messageId, messageId: m.messageId, tenantId: m.tenantId, conversationId: m.conversationId, roomId: m.roomId,
    senderId: m.senderId, recipientId: m.recipientId, senderIp: m.senderIp, sentAt: m.sentAt, decidedAt,
    // The verdict's own category and signal records ({category|signal, score, sources}, what the audit schema holds):
    // the same records in both outputs, not a copy of each per message.
    action: verdict.action, categories: verdict.categories,
    escalationPriority: verdict.escalation?.priority ?? null,
    signals: verdict.signals, reasons: verdict.reasons,
    senderDeclaredAge: m.senderDeclaredAge, participantAges: keepText ? (args.participantAges ?? NO_AGES) : NO_AGES,
    modelVersion: verdict.modelVersion, rulesVersion: verdict.rulesVersion, policyVersion: verdict.policyVersion,
    text: keepText ? stored.text : null, textSha256: sha256Hex(args.fullText), textRepaired: verdict.textRepaired, context: keepText ? args.context : NO_CONTEXT,
    sourceTopic: source.topic, sourcePartition: source.partition, sourceOffset: Number(source.offset),
  };
  return { verdict, actions, escalation, audit, auditTextCutFrom: keepText && stored.truncated ? Buffer.byteLength(args.fullText, 'utf8') : null };
}
