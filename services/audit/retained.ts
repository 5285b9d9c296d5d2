import { RecordError } from '../contracts/errors.js';
import { sha256Hex } from './canonical.js';
import type { AuditRecordIn, ContextMessage } from './types.js';

/** What of one audit record is written: text and context only for messages flagged or worse, or escalated. */
export interface RetainedParts {
  keepText: boolean;
  text: string | null;
  context: ContextMessage[] | null;
}

export function textIsKept(r: Pick<AuditRecordIn, 'action' | 'escalationPriority'>): boolean {
  return r.action !== 'allow' || r.escalationPriority !== null;
}

/**
 * Decides what to keep and checks the record against itself. Benign text is dropped here even if a
 * producer sent it, so the rule holds whatever the worker does. Throws RecordError for a record that
 * contradicts itself (text not matching its hash), which must not enter a tamper-evident store.
 */
export function retainedParts(r: AuditRecordIn): RetainedParts {
  if (!/^[0-9a-f]{64}$/.test(r.textSha256)) throw new RecordError(`record ${r.recordId}: textSha256 is not a lower-case SHA-256 hex digest`, { field: 'textSha256' });
  if (!Number.isFinite(r.sentAt) || !Number.isFinite(r.decidedAt)) throw new RecordError(`record ${r.recordId}: sentAt/decidedAt must be epoch milliseconds`, { field: 'sentAt' });
  if (!textIsKept(r)) return { keepText: false, text: null, context: null };
  if (r.text !== null) {
    const cutFrom = r.textTruncatedFrom ?? null;
    if (cutFrom === null && sha256Hex(r.text) !== r.textSha256) throw new RecordError(`record ${r.recordId}: text does not match textSha256`, { field: 'text' });
    // A cut text cannot match the hash of the full text; it must at least be shorter than the original.
    if (cutFrom !== null && Buffer.byteLength(r.text, 'utf8') >= cutFrom) throw new RecordError(`record ${r.recordId}: text marked as cut from ${cutFrom} bytes is not shorter`, { field: 'text' });
  }
  return { keepText: true, text: r.text, context: r.context.length ? r.context : null };
}
