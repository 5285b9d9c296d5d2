/**
 * TypeScript shapes of the topic records. The `.avsc` files in schemas/ are the source of truth:
 * `RECORD_KEYS` lists every interface's keys (the compiler checks the list against the interface,
 * and types.test.ts checks it against the Avro fields), so the two cannot drift apart.
 *
 * Timestamps (Avro `timestamp-millis`) are epoch milliseconds as `number`; Avro `long` is a
 * `number` (|n| ≤ 2^53 − 2, avsc's bound); Avro `bytes` is a `Buffer`; a nullable field is `T | null`.
 */
import type { Category, Signal } from './taxonomy.js';

export type Action = 'allow' | 'flag' | 'hold' | 'block';
export type Priority = 'P0' | 'P1' | 'P2';
export type EnforcementAction = 'mute' | 'suspend';
export type ModerationActionKind = 'block_message' | 'hold_message' | 'flag_message' | 'mute' | 'suspend' | 'lift';
export type FeedbackDecision = 'confirmed' | 'dismissed';
export type BlockAction = 'mute' | 'suspend';

/** Topic `chat.messages`, key `conversationId`. */
export interface ChatMessage {
  messageId: string;
  tenantId: string | null;
  conversationId: string;
  roomId: string | null;
  senderId: string;
  recipientId: string | null;
  text: string;
  sentAt: number;
  senderIp: string | null;
  senderDeclaredAge: number | null;
  locale: string | null;
}

export interface CategoryScore {
  category: Category;
  score: number;
  /** "rule:<id>", "model:<name>@<version>", "context:<id>" */
  sources: string[];
}
export interface SignalHit {
  signal: Signal;
  score: number;
  sources: string[];
}
export interface EscalationRequest {
  priority: Priority;
  reason: string;
}
export interface Enforcement {
  action: EnforcementAction;
  targetUserId: string;
  durationMs: number | null;
  reason: string;
}

/** Topic `chat.verdicts`, key `conversationId`; also the line format of `vigie classify`. */
export interface Verdict {
  messageId: string;
  tenantId: string | null;
  conversationId: string;
  roomId: string | null;
  senderId: string;
  recipientId: string | null;
  sentAt: number;
  action: Action;
  categories: CategoryScore[];
  signals: SignalHit[];
  escalation: EscalationRequest | null;
  enforcement: Enforcement | null;
  reasons: string[];
  modelVersion: string;
  rulesVersion: string;
  policyVersion: string;
  textTruncated: boolean;
  /** Invalid UTF-8 in the text was decoded as U+FFFD before scoring (schema version 2; default false). */
  textRepaired: boolean;
  decidedAt: number | null;
}

/** Topic `moderation.actions`, key `targetUserId`. */
export interface ModerationAction {
  actionId: string;
  messageId: string;
  conversationId: string;
  targetUserId: string;
  action: ModerationActionKind;
  durationMs: number | null;
  reason: string;
  categories: Category[];
  issuedAt: number;
}

/** Topic `moderation.escalations`, key `conversationId`. */
export interface Escalation {
  escalationId: string;
  priority: Priority;
  category: Category;
  categories: Category[];
  conversationId: string;
  messageId: string;
  senderId: string;
  recipientId: string | null;
  reason: string;
  evidenceMessageIds: string[];
  createdAt: number;
}

export interface AuditCategoryScore {
  category: Category;
  score: number;
  /** "rule:<id>", "model:<name>@<version>", "context:<id>" (AuditRecord version 3; empty in older records). */
  sources: string[];
}
/** A signal of the verdict with its sources (AuditRecord version 3). */
export interface AuditSignalHit {
  signal: Signal;
  score: number;
  sources: string[];
}
/** What the engine's context knew about one participant's age when it decided (AuditRecord version 3). */
export interface ParticipantAge {
  userId: string;
  declaredAge: number | null;
  statedAge: number | null;
}
export interface ContextMessage {
  messageId: string;
  senderId: string;
  sentAt: number;
  text: string;
}

/** Topic `moderation.audit`, key `conversationId`. */
export interface AuditRecord {
  recordId: string;
  messageId: string;
  tenantId: string | null;
  conversationId: string;
  roomId: string | null;
  senderId: string;
  recipientId: string | null;
  senderIp: string | null;
  sentAt: number;
  decidedAt: number;
  action: Action;
  categories: AuditCategoryScore[];
  escalationPriority: Priority | null;
  /** The verdict's signals with their sources (version 3; empty in older records). */
  signals: AuditSignalHit[];
  /** The verdict's reasons (version 3; empty in older records). */
  reasons: string[];
  /** The message's profile age of the sender (version 3). */
  senderDeclaredAge: number | null;
  /** Known ages of the conversation's participants, sender first; only when text is kept (version 3). */
  participantAges: ParticipantAge[];
  modelVersion: string;
  rulesVersion: string;
  policyVersion: string;
  text: string | null;
  textSha256: string;
  /** See Verdict.textRepaired. */
  textRepaired: boolean;
  context: ContextMessage[];
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: number;
}

/** Topic `chat.messages.dlq` (and `<topic>.dlq`), key = the original key. */
export interface DeadLetter {
  originalKey: Buffer | null;
  originalValue: Buffer;
  error: string;
  errorField: string | null;
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: number;
  failedAt: number;
}

/** Topic `moderation.feedback`, key `conversationId`. */
export interface Feedback {
  caseId: string;
  escalationId: string;
  conversationId: string;
  decision: FeedbackDecision;
  categories: Category[];
  reason: string;
  reviewer: string;
  resolvedAt: number;
}

/** Compacted topic `moderation.blocklist`, key `userId`; a tombstone lifts the sanction. */
export interface BlocklistEntry {
  userId: string;
  action: BlockAction;
  until: number | null;
  reason: string;
  categories: Category[];
  updatedAt: number;
}

/** Top-level records by name; the name is also the schema file (`schemas/<name>.avsc`). */
export interface RecordTypes {
  ChatMessage: ChatMessage;
  Verdict: Verdict;
  ModerationAction: ModerationAction;
  Escalation: Escalation;
  AuditRecord: AuditRecord;
  DeadLetter: DeadLetter;
  Feedback: Feedback;
  BlocklistEntry: BlocklistEntry;
}
export type RecordName = keyof RecordTypes;

export const RECORD_NAMES: readonly RecordName[] = [
  'ChatMessage',
  'Verdict',
  'ModerationAction',
  'Escalation',
  'AuditRecord',
  'DeadLetter',
  'Feedback',
  'BlocklistEntry',
];

/** Avro namespace of every Vigie record. */
export const NAMESPACE = 'org.vigie.v1';

/**
 * Accepts a list only when it names every member of the string union U and nothing else: a key
 * or symbol added to a TS type but missing from the list is a compile error.
 */
function allOf<U extends string>() {
  return <const K extends readonly U[]>(list: K & ([U] extends [K[number]] ? unknown : never)): readonly string[] => list;
}
const keysOf = <T>() => allOf<keyof T & string>();

/** Keys of every record interface (top-level and nested), by Avro record name. */
export const RECORD_KEYS: Readonly<Record<string, readonly string[]>> = {
  ChatMessage: keysOf<ChatMessage>()(['messageId', 'tenantId', 'conversationId', 'roomId', 'senderId', 'recipientId', 'text',
    'sentAt', 'senderIp', 'senderDeclaredAge', 'locale']),
  Verdict: keysOf<Verdict>()(['messageId', 'tenantId', 'conversationId', 'roomId', 'senderId', 'recipientId', 'sentAt', 'action',
    'categories', 'signals', 'escalation', 'enforcement', 'reasons', 'modelVersion', 'rulesVersion', 'policyVersion',
    'textTruncated', 'textRepaired', 'decidedAt']),
  CategoryScore: keysOf<CategoryScore>()(['category', 'score', 'sources']),
  SignalHit: keysOf<SignalHit>()(['signal', 'score', 'sources']),
  EscalationRequest: keysOf<EscalationRequest>()(['priority', 'reason']),
  Enforcement: keysOf<Enforcement>()(['action', 'targetUserId', 'durationMs', 'reason']),
  ModerationAction: keysOf<ModerationAction>()(['actionId', 'messageId', 'conversationId', 'targetUserId', 'action',
    'durationMs', 'reason', 'categories', 'issuedAt']),
  Escalation: keysOf<Escalation>()(['escalationId', 'priority', 'category', 'categories', 'conversationId', 'messageId',
    'senderId', 'recipientId', 'reason', 'evidenceMessageIds', 'createdAt']),
  AuditRecord: keysOf<AuditRecord>()(['recordId', 'messageId', 'tenantId', 'conversationId', 'roomId', 'senderId',
    'recipientId', 'senderIp', 'sentAt', 'decidedAt', 'action', 'categories', 'escalationPriority', 'signals', 'reasons', 'senderDeclaredAge',
    'participantAges', 'modelVersion', 'rulesVersion', 'policyVersion', 'text', 'textSha256', 'textRepaired', 'context', 'sourceTopic',
    'sourcePartition', 'sourceOffset']),
  AuditCategoryScore: keysOf<AuditCategoryScore>()(['category', 'score', 'sources']),
  AuditSignalHit: keysOf<AuditSignalHit>()(['signal', 'score', 'sources']),
  ParticipantAge: keysOf<ParticipantAge>()(['userId', 'declaredAge', 'statedAge']),
  ContextMessage: keysOf<ContextMessage>()(['messageId', 'senderId', 'sentAt', 'text']),
  DeadLetter: keysOf<DeadLetter>()(['originalKey', 'originalValue', 'error', 'errorField', 'sourceTopic', 'sourcePartition',
    'sourceOffset', 'failedAt']),
  Feedback: keysOf<Feedback>()(['caseId', 'escalationId', 'conversationId', 'decision', 'categories', 'reason', 'reviewer',
    'resolvedAt']),
  BlocklistEntry: keysOf<BlocklistEntry>()(['userId', 'action', 'until', 'reason', 'categories', 'updatedAt']),
};

/** Symbols of every enum type, by Avro enum name, checked against the .avsc files in types.test.ts. */
export const ENUM_SYMBOLS: Readonly<Record<string, readonly string[]>> = {
  Action: allOf<Action>()(['allow', 'flag', 'hold', 'block']),
  Priority: allOf<Priority>()(['P0', 'P1', 'P2']),
  EnforcementAction: allOf<EnforcementAction>()(['mute', 'suspend']),
  ModerationActionKind: allOf<ModerationActionKind>()(['block_message', 'hold_message', 'flag_message', 'mute', 'suspend', 'lift']),
  FeedbackDecision: allOf<FeedbackDecision>()(['confirmed', 'dismissed']),
  BlockAction: allOf<BlockAction>()(['mute', 'suspend']),
};
