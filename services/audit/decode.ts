import { RecordError } from '../contracts/errors.js';
import { sha256Hex } from './canonical.js';
import type { Codecs, WireFormat } from '../contracts/index.js';
import type { AuditRecordIn, EscalationIn, ModerationActionIn } from './types.js';
import type { RejectIn, WriteBatch } from './store.js';

export type TopicRole = 'audit' | 'escalations' | 'actions';

export interface RawMessage { offset: string; value: Buffer | null; headers?: Record<string, unknown> }

/** The worker's `vigie.text.truncated` header: original UTF-8 length of a text it cut to fit the record. */
function truncatedFrom(headers: Record<string, unknown> | undefined): number | null {
  const h = headers?.['vigie.text.truncated'];
  if (h === undefined || h === null) return null;
  const n = Number(Buffer.isBuffer(h) ? h.toString('utf8') : String(h));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * Decodes one fetched batch of one topic into what the store writes. A record that cannot be decoded
 * is not dropped: it becomes a reject row (error, position, SHA-256 of the bytes) in the same transaction.
 * The bytes themselves are not kept: they may hold benign text, which the store never keeps; the
 * position lets an operator fetch them from the topic while it still retains them.
 */
export function decodeBatch(codecs: Codecs, format: WireFormat, role: TopicRole, topic: string, partition: number, messages: RawMessage[]): WriteBatch {
  const audit: AuditRecordIn[] = [];
  const escalations: EscalationIn[] = [];
  const actions: ModerationActionIn[] = [];
  const rejects: RejectIn[] = [];
  for (const m of messages) {
    if (m.value === null) continue; // a tombstone on an input topic carries nothing to keep
    try {
      if (role === 'audit') {
        const r = codecs.AuditRecord.decode(m.value, format);
        audit.push({ ...r, sourceOffset: String(r.sourceOffset), context: r.context.map((c) => ({ ...c })), textTruncatedFrom: truncatedFrom(m.headers) });
      } else if (role === 'escalations') {
        escalations.push({ ...codecs.Escalation.decode(m.value, format) });
      } else {
        actions.push({ ...codecs.ModerationAction.decode(m.value, format) });
      }
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      rejects.push({ sourceTopic: topic, sourcePartition: partition, sourceOffset: m.offset, error: err.message, rawSha256: sha256Hex(m.value), rawBytes: m.value.length });
    }
  }
  return { audit, escalations, actions, rejects };
}
