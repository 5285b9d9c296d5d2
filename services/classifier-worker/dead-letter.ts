/**
 * A record that cannot be decoded or fails validation becomes a DeadLetter (original bytes, the error,
 * its position), with the same facts in headers so a consumer can route without decoding. Pure.
 * The original value is cut to `maxOriginalBytes` so the dead letter itself fits under the broker's
 * message size limit; the cut is recorded in the `vigie.original.truncated` header (original length).
 */
import type { DeadLetter } from '../contracts/types.js';
import type { SourcePosition } from '../contracts/errors.js';

export interface DeadLetterOut {
  record: DeadLetter;
  headers: Record<string, string>;
}

export function buildDeadLetter(args: {
  key: Buffer | null; value: Buffer | null; error: string; field: string | null;
  source: SourcePosition; failedAt: number; maxOriginalBytes: number;
}): DeadLetterOut {
  const value = args.value ?? Buffer.alloc(0);
  const cut = value.length > args.maxOriginalBytes;
  const error = args.error.length > 2000 ? `${args.error.slice(0, 2000)}…` : args.error;
  const record: DeadLetter = {
    originalKey: args.key, originalValue: cut ? value.subarray(0, args.maxOriginalBytes) : value,
    error, errorField: args.field, sourceTopic: args.source.topic, sourcePartition: args.source.partition,
    sourceOffset: Number(args.source.offset), failedAt: args.failedAt,
  };
  const headers: Record<string, string> = {
    'vigie.error': error.slice(0, 500),
    'vigie.source.topic': args.source.topic,
    'vigie.source.partition': String(args.source.partition),
    'vigie.source.offset': String(args.source.offset),
  };
  if (args.field) headers['vigie.error.field'] = args.field;
  if (cut) headers['vigie.original.truncated'] = String(value.length);
  return { record, headers };
}
