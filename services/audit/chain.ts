import { canonicalJson, sha256Hex } from './canonical.js';
import type { AuditRecordIn, AuditRow, AuditSignal, ContextMessage, ParticipantAge } from './types.js';

/** prev_hash of the first row of a chain. */
export const GENESIS_HASH = '0'.repeat(64);
/**
 * Version tag inside the hashed content, so a change of fields cannot collide with old rows. Each row
 * records the version it was hashed with (column content_version): rows written before AuditRecord v3
 * are version 1 and verify as they always did; new rows are version 2, which also covers the
 * per-category sources, the reasons and the ages.
 */
export const CONTENT_VERSION = 2;

/** The technical content of an audit row that the chain protects (text is covered through its hash). */
export interface ChainContent {
  /** Content version (absent in evidence packages made before version 2: read as 1). */
  v?: number;
  recordId: string; messageId: string; tenantId: string | null; conversationId: string; roomId: string | null;
  senderId: string; recipientId: string | null; senderIp: string | null; sentAt: number; decidedAt: number;
  action: string; categories: ChainCategory[]; escalationPriority: string | null;
  modelVersion: string; rulesVersion: string; policyVersion: string; textSha256: string;
  /** SHA-256 of the text as stored (null when none kept): differs from textSha256 only when the text was cut. */
  keptTextSha256: string | null; textTruncatedFrom: number | null;
  contextSha256: string | null; sourceTopic: string; sourcePartition: number; sourceOffset: string;
  /** Version 2 only. */
  signals?: AuditSignal[]; reasons?: string[]; senderDeclaredAge?: number | null; participantAges?: ParticipantAge[];
}

/** A category with its score; version 2 adds the sources. */
export interface ChainCategory { category: string; score: number; sources?: string[] }

export function contextSha256(context: ContextMessage[] | null): string | null {
  if (!context || context.length === 0) return null;
  return sha256Hex(canonicalJson(context.map((c) => ({ messageId: c.messageId, senderId: c.senderId, sentAt: c.sentAt, text: c.text }))));
}

const agesOf = (a: ParticipantAge[]): ParticipantAge[] => a.map((p) => ({ userId: p.userId, declaredAge: p.declaredAge ?? null, statedAge: p.statedAge ?? null }));

/** The content of a new row (always the current version). */
export function contentOfRecord(r: AuditRecordIn, keptText: string | null, keptContext: ContextMessage[] | null): ChainContent {
  return {
    v: CONTENT_VERSION,
    recordId: r.recordId, messageId: r.messageId, tenantId: r.tenantId, conversationId: r.conversationId, roomId: r.roomId,
    senderId: r.senderId, recipientId: r.recipientId, senderIp: r.senderIp, sentAt: r.sentAt, decidedAt: r.decidedAt,
    action: r.action, categories: r.categories.map((c) => ({ category: c.category, score: c.score, sources: [...(c.sources ?? [])] })),
    escalationPriority: r.escalationPriority, modelVersion: r.modelVersion, rulesVersion: r.rulesVersion,
    policyVersion: r.policyVersion, textSha256: r.textSha256, keptTextSha256: keptText === null ? null : sha256Hex(keptText),
    textTruncatedFrom: keptText === null ? null : (r.textTruncatedFrom ?? null), contextSha256: contextSha256(keptContext),
    sourceTopic: r.sourceTopic, sourcePartition: r.sourcePartition, sourceOffset: r.sourceOffset,
    signals: (r.signals ?? []).map((g) => ({ signal: g.signal, score: g.score, sources: [...g.sources] })),
    reasons: [...(r.reasons ?? [])], senderDeclaredAge: r.senderDeclaredAge ?? null, participantAges: agesOf(r.participantAges ?? []),
  };
}

/** Rebuilds the hashed content from a stored (not tombstoned) row, in the version the row was written with. */
export function contentOfRow(r: AuditRow): ChainContent {
  const base: ChainContent = {
    v: r.contentVersion,
    recordId: r.recordId, messageId: r.messageId ?? '', tenantId: r.tenantId, conversationId: r.conversationId ?? '',
    roomId: r.roomId, senderId: r.senderId ?? '', recipientId: r.recipientId, senderIp: r.senderIp, sentAt: r.sentAt,
    decidedAt: r.decidedAt ?? 0, action: r.action ?? '', categories: r.categories ?? [],
    escalationPriority: r.escalationPriority, modelVersion: r.modelVersion ?? '', rulesVersion: r.rulesVersion ?? '',
    policyVersion: r.policyVersion ?? '', textSha256: r.textSha256 ?? '', keptTextSha256: r.keptTextSha256,
    textTruncatedFrom: r.textTruncatedFrom, contextSha256: r.contextSha256,
    sourceTopic: r.sourceTopic ?? '', sourcePartition: r.sourcePartition ?? -1, sourceOffset: r.sourceOffset ?? '',
  };
  if (r.contentVersion < 2) return base;
  return { ...base, signals: r.signals ?? [], reasons: r.reasons ?? [], senderDeclaredAge: r.senderDeclaredAge, participantAges: r.participantAges ?? [] };
}

/** SHA-256 of the canonical content; content without `v` (version 1, as older evidence packages hold it) hashes as version 1. */
export function contentHash(c: ChainContent): string {
  return sha256Hex(canonicalJson({ v: 1, ...c }));
}

/** row_hash = SHA-256(prev_hash ‖ content_hash): a row commits to its content and to every row before it. */
export function rowHash(prevHash: string, cHash: string): string {
  return sha256Hex(`${prevHash}${cHash}`);
}

export type BreakKind = 'edited' | 'deleted' | 'reordered' | 'early-tombstone';

export interface ChainBreak { seq: number; recordId: string | null; kind: BreakKind; detail: string }

export interface VerifyReport {
  ok: boolean;
  rows: number;
  tombstones: number;
  textsDeleted: number;
  head: { seq: number; hash: string };
  firstBreak: ChainBreak | null;
}

/**
 * Checks rows fed in sequence order against the chain rules. Pure: the caller reads the rows and
 * answers `findByRowHash` (used only to tell a reordering from a deletion once a link is broken).
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private rows = 0;
  private tombstones = 0;
  private textsDeleted = 0;
  private firstBreak: ChainBreak | null = null;

  constructor(private readonly opts: { minTombstoneAgeMs: number; findByRowHash: (h: string) => Promise<number | null> }) {}

  get broken(): boolean { return this.firstBreak !== null; }

  async push(r: AuditRow): Promise<void> {
    if (this.firstBreak) return;
    this.rows++;
    if (r.tombstonedAt !== null) this.tombstones++;
    if (r.textDeletedAt !== null) this.textsDeleted++;
    const brk = await this.check(r);
    if (brk) { this.firstBreak = brk; return; }
    this.expectedSeq = r.seq + 1;
    this.prevHash = r.rowHash;
  }

  private async check(r: AuditRow): Promise<ChainBreak | null> {
    const at = (kind: BreakKind, detail: string): ChainBreak => ({ seq: r.seq, recordId: r.recordId, kind, detail });
    if (r.seq > this.expectedSeq) {
      return { seq: this.expectedSeq, recordId: null, kind: 'deleted', detail: `rows ${this.expectedSeq}..${r.seq - 1} are missing (next present row is seq ${r.seq}, record ${r.recordId})` };
    }
    if (r.seq < this.expectedSeq) return at('reordered', `seq ${r.seq} appears after seq ${this.expectedSeq - 1}`);
    if (r.tombstonedAt === null) {
      if (r.contentVersion < 2 && (r.signals !== null || r.reasons !== null || r.senderDeclaredAge !== null || r.participantAges !== null || r.categories?.some((c) => c.sources !== undefined))) {
        return at('edited', 'a row hashed as content version 1 carries reasons, ages or sources it was not hashed with');
      }
      const ch = contentHash(contentOfRow(r));
      if (ch !== r.contentHash) return at('edited', 'technical data differ from the hashed content');
      if (r.text !== null && sha256Hex(r.text) !== r.keptTextSha256) return at('edited', 'stored text does not match its hash');
      if (r.context !== null && r.textDeletedAt === null && contextSha256(r.context) !== r.contextSha256) return at('edited', 'stored context does not match contextSha256');
    } else if (r.tombstonedAt - r.sentAt < this.opts.minTombstoneAgeMs) {
      return at('early-tombstone', `row was emptied ${Math.floor((r.tombstonedAt - r.sentAt) / 86_400_000)} days after sentAt, before the legal retention period`);
    }
    if (rowHash(r.prevHash, r.contentHash) !== r.rowHash) return at('edited', 'row_hash does not match prev_hash + content_hash');
    if (r.prevHash !== this.prevHash) {
      const other = await this.opts.findByRowHash(r.prevHash);
      if (other !== null) return at('reordered', `prev_hash points at seq ${other}, not at seq ${r.seq - 1}`);
      return at('deleted', `prev_hash does not link to seq ${r.seq - 1}: a row before it was removed or replaced`);
    }
    return null;
  }

  /** Closes the walk against the chain head the store recorded with its last append. */
  finish(head: { seq: number; hash: string } | null): VerifyReport {
    const seen = { seq: this.expectedSeq - 1, hash: this.prevHash };
    if (!this.firstBreak && head && head.seq > 0) {
      if (head.seq > seen.seq) {
        this.firstBreak = {
          seq: seen.seq + 1,
          recordId: null,
          kind: 'deleted',
          detail: `chain head is seq ${head.seq} but the last row is seq ${seen.seq}: rows ${seen.seq + 1}..${head.seq} are missing`
        };
      } else if (head.seq < seen.seq) {
        this.firstBreak = { seq: head.seq + 1, recordId: null, kind: 'edited', detail: `rows after the recorded chain head (seq ${head.seq}) were added outside the store` };
      } else if (head.hash !== seen.hash) {
        this.firstBreak = { seq: seen.seq, recordId: null, kind: 'edited', detail: 'last row hash differs from the recorded chain head' };
      }
    }
    return { ok: this.firstBreak === null, rows: this.rows, tombstones: this.tombstones, textsDeleted: this.textsDeleted, head: head ?? seen, firstBreak: this.firstBreak };
  }
}
