/**
 * Turns one input record into a ChatMessage ready for scoring, or into the reason it must go to the
 * dead-letter topic. Pure: no Kafka, no clock.
 *
 * - decode (Avro Confluent wire format or JSON, per `format`) and schema validation: the codecs;
 * - invalid UTF-8 is repaired, not rejected (a safety pipeline classifies what it can read): JSON bytes
 *   that are not valid UTF-8 are decoded with U+FFFD for each bad sequence; avsc decodes Avro strings
 *   that way already, and a record with more U+FFFD characters than its raw bytes encode had invalid
 *   UTF-8. Either way the message is classified and marked `textRepaired`. Only when an id field holds
 *   a replacement character after repair does the record go to the dead-letter topic: its identity is
 *   unknown;
 * - lone UTF-16 surrogates (possible in JSON escapes) become U+FFFD, so outputs are valid UTF-8;
 * - ids must be non-empty;
 * - oversized text is NOT rejected: it is cut to `maxScoringChars` for scoring and `textTruncated` is set.
 */
import { isUtf8 } from 'node:buffer';
import { RecordError } from '../contracts/errors.js';
import type { Codecs, WireFormat } from '../contracts/index.js';
import type { ChatMessage } from '../contracts/types.js';
import { countEncodedReplacement, countReplacementChars, truncateChars, wellFormed } from './text-limits.js';

export type DecodeOutcome =
  | { kind: 'ok'; message: ChatMessage; fullText: string; textTruncated: boolean; textRepaired: boolean }
  | { kind: 'dead'; error: string; field: string | null };

const REQUIRED_IDS = ['messageId', 'conversationId', 'senderId'] as const;
const ID_FIELDS = ['messageId', 'tenantId', 'conversationId', 'roomId', 'senderId', 'recipientId'] as const;
const STRING_FIELDS = ['messageId', 'tenantId', 'conversationId', 'roomId', 'senderId', 'recipientId', 'text', 'senderIp', 'locale'] as const;

export function decodeInput(value: Buffer | null, codecs: Codecs, format: WireFormat, maxScoringChars: number): DecodeOutcome {
  if (value === null) return { kind: 'dead', error: 'ChatMessage: record has no value (tombstone)', field: null };
  let msg: ChatMessage;
  // JSON (anything not starting with the Avro magic byte 0) that is not valid UTF-8: decode it lossily.
  // A string input is always read as JSON, so `format: 'avro'` still refuses it below.
  const lossyJson = startsLikeJson(value) && !isUtf8(value);
  let repaired = lossyJson;
  try {
    msg = lossyJson
      ? (format === 'avro' ? codecs.decodeChatMessage(value, format) : codecs.decodeChatMessage(value.toString('utf8').replace(/^\uFEFF/, ''), format))
      : codecs.decodeChatMessage(value, format);
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
    if (decodedFffd > countEncodedReplacement(value)) repaired = true;
  }
  if (repaired) {
    const badId = ID_FIELDS.find((f) => (msg[f] ?? '').includes('\ufffd'));
    if (badId) return { kind: 'dead', error: `ChatMessage.${badId}: not valid UTF-8 (an id cannot be repaired)`, field: badId };
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
  return { kind: 'ok', message: msg, fullText, textTruncated: cut.truncated, textRepaired: repaired };
}

/** `{` after an optional UTF-8 BOM and whitespace, as the codecs' `auto` detection reads JSON. */
function startsLikeJson(b: Buffer): boolean {
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  return b[i] === 0x7b;
}
