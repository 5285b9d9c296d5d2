/**
 * Turns one input record into a ChatMessage ready for scoring, or into the reason it must go to the
 * dead-letter topic. Pure: no Kafka, no clock.
 *
 * - decode (Avro Confluent wire format or JSON, per `format`) and schema validation: the codecs;
 * - invalid UTF-8: the JSON codec rejects it; avsc decodes Avro strings leniently (bad sequences become
 *   U+FFFD), so a decoded record with more U+FFFD characters than the raw bytes contain encoded
 *   U+FFFD sequences had invalid UTF-8 and is rejected too;
 * - lone UTF-16 surrogates (possible in JSON escapes) become U+FFFD, so outputs are valid UTF-8;
 * - ids must be non-empty;
 * - oversized text is NOT rejected: it is cut to `maxScoringChars` for scoring and `textTruncated` is set.
 */
import { RecordError } from '../contracts/errors.js';
import type { Codecs, WireFormat } from '../contracts/index.js';
import type { ChatMessage } from '../contracts/types.js';
import { countEncodedReplacement, countReplacementChars, truncateChars, wellFormed } from './text-limits.js';

export type DecodeOutcome =
  | { kind: 'ok'; message: ChatMessage; fullText: string; textTruncated: boolean }
  | { kind: 'dead'; error: string; field: string | null };

const REQUIRED_IDS = ['messageId', 'conversationId', 'senderId'] as const;
const STRING_FIELDS = ['messageId', 'tenantId', 'conversationId', 'roomId', 'senderId', 'recipientId', 'text', 'senderIp', 'locale'] as const;

export function decodeInput(value: Buffer | null, codecs: Codecs, format: WireFormat, maxScoringChars: number): DecodeOutcome {
  if (value === null) return { kind: 'dead', error: 'ChatMessage: record has no value (tombstone)', field: null };
  let msg: ChatMessage;
  try {
    msg = codecs.decodeChatMessage(value, format);
  } catch (err) {
    if (err instanceof RecordError) return { kind: 'dead', error: err.message, field: err.field ?? null };
    return { kind: 'dead', error: `ChatMessage: cannot decode: ${(err as Error).message}`, field: null };
  }
  if (value.length > 0 && value[0] === 0) {
    let decodedFffd = 0;
    for (const f of STRING_FIELDS) {
      const v = msg[f];
      if (typeof v === 'string') decodedFffd += countReplacementChars(v);
    }
    if (decodedFffd > countEncodedReplacement(value)) {
      return { kind: 'dead', error: 'ChatMessage: a string field is not valid UTF-8', field: 'text' };
    }
  }
  for (const f of STRING_FIELDS) {
    const v = msg[f];
    if (typeof v === 'string') {
      const w = wellFormed(v);
      if (w !== v) msg = { ...msg, [f]: w };
    }
  }
  for (const f of REQUIRED_IDS) {
    if (msg[f].trim() === '') return { kind: 'dead', error: `ChatMessage.${f}: must not be empty`, field: f };
  }
  if (!Number.isFinite(msg.sentAt)) return { kind: 'dead', error: 'ChatMessage.sentAt: not a finite timestamp', field: 'sentAt' };
  const cut = truncateChars(msg.text, maxScoringChars);
  const fullText = msg.text;
  if (cut.truncated) msg = { ...msg, text: cut.text };
  return { kind: 'ok', message: msg, fullText, textTruncated: cut.truncated };
}
