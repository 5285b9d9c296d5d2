// Bad input: every case must fail with a RecordError whose message (and field, when one field is at
// fault) names the problem.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { RecordError } from './errors.js';
import { createCodecs, type RecordCodec, type WireFormat } from './codecs.js';
import { SAMPLES } from '../../test/support/contract-samples.js';
import type { RecordName } from './types.js';

const codecs = createCodecs();
const msg = SAMPLES.ChatMessage[0]!;
const good = codecs.ChatMessage.encodeAvro(msg);
const json = (o: Record<string, unknown>): string => JSON.stringify(o);
const withId = (id: number): Buffer => {
  const b = Buffer.from(good);
  b.writeUInt32BE(id, 1);
  return b;
};
const jsonMsg = { ...msg };

interface DecodeCase {
  title: string;
  record?: RecordName;
  input: Buffer | string;
  format: WireFormat;
  message: RegExp;
  /** Expected `err.field`; undefined when the error is about the whole record. */
  field?: string;
}

const decodeCases: DecodeCase[] = [
  // JSON: fields
  { title: 'missing required field', input: json({ ...jsonMsg, senderId: undefined }), format: 'json',
    message: /^ChatMessage\.senderId: missing$/, field: 'ChatMessage.senderId' },
  { title: 'wrong type (number for string)', input: json({ ...jsonMsg, text: 42 }), format: 'json',
    message: /^ChatMessage\.text: expected a string, got 42$/, field: 'ChatMessage.text' },
  { title: 'wrong type in a nullable field', input: json({ ...jsonMsg, roomId: ['r'] }), format: 'json',
    message: /^ChatMessage\.roomId: expected a string or null, got an array$/, field: 'ChatMessage.roomId' },
  { title: 'bad timestamp word', input: json({ ...jsonMsg, sentAt: 'yesterday' }), format: 'json',
    message: /^ChatMessage\.sentAt: expected ISO-8601 or epoch ms, got "yesterday"$/, field: 'ChatMessage.sentAt' },
  { title: 'timestamp without time zone', input: json({ ...jsonMsg, sentAt: '2025-11-28T21:14:07' }), format: 'json',
    message: /ChatMessage\.sentAt: .*needs a time zone/, field: 'ChatMessage.sentAt' },
  { title: 'impossible date', input: json({ ...jsonMsg, sentAt: '2025-02-30T10:00:00Z' }), format: 'json',
    message: /ChatMessage\.sentAt: expected ISO-8601 or epoch ms, got "2025-02-30T10:00:00Z"/, field: 'ChatMessage.sentAt' },
  { title: 'fractional epoch ms', input: json({ ...jsonMsg, sentAt: 1.5 }), format: 'json',
    message: /ChatMessage\.sentAt: expected ISO-8601 or epoch ms, got 1\.5/, field: 'ChatMessage.sentAt' },
  { title: 'int out of range', input: json({ ...jsonMsg, senderDeclaredAge: 2 ** 31 }), format: 'json',
    message: /ChatMessage\.senderDeclaredAge: expected a 32-bit integer or null, got 2147483648/, field: 'ChatMessage.senderDeclaredAge' },
  { title: 'null for a required field', input: json({ ...jsonMsg, conversationId: null }), format: 'json',
    message: /ChatMessage\.conversationId: expected a string, got null/, field: 'ChatMessage.conversationId' },
  { title: 'bad enum value', record: 'Verdict', input: json({ ...SAMPLES.Verdict[0]!, action: 'ban' }), format: 'json',
    message: /^Verdict\.action: expected one of allow\|flag\|hold\|block, got "ban"$/, field: 'Verdict.action' },
  { title: 'bad enum deep inside', record: 'Verdict',
    input: json({ ...SAMPLES.Verdict[0]!, escalation: { priority: 'P9', reason: 'x' } }), format: 'json',
    message: /^Verdict\.escalation\.priority: expected one of P0\|P1\|P2, got "P9"$/, field: 'Verdict.escalation.priority' },
  { title: 'bad type inside an array item', record: 'Verdict',
    input: json({ ...SAMPLES.Verdict[0]!, signals: [SAMPLES.Verdict[0]!.signals[0], { signal: 'age_inquiry', score: 'high', sources: [] }] }),
    format: 'json', message: /^Verdict\.signals\[1\]\.score: expected a number, got "high"$/, field: 'Verdict.signals[1].score' },
  { title: 'unknown category', record: 'Verdict',
    input: json({ ...SAMPLES.Verdict[0]!, categories: [{ category: 'spam', score: 1, sources: [] }] }), format: 'json',
    message: /^Verdict\.categories\[0\]\.category: unknown category "spam"/, field: 'Verdict.categories[0].category' },
  { title: 'unknown category in a string array', record: 'BlocklistEntry',
    input: json({ ...SAMPLES.BlocklistEntry[0]!, categories: ['child_grooming', 'grooming'] }), format: 'json',
    message: /^BlocklistEntry\.categories\[1\]: unknown category "grooming"/, field: 'BlocklistEntry.categories[1]' },
  { title: 'unknown signal', record: 'Verdict',
    input: json({ ...SAMPLES.Verdict[0]!, signals: [{ signal: 'child_grooming', score: 1, sources: [] }] }), format: 'json',
    message: /^Verdict\.signals\[0\]\.signal: unknown signal "child_grooming"/, field: 'Verdict.signals[0].signal' },
  { title: 'bytes not base64', record: 'DeadLetter',
    input: json({ ...JSON.parse(codecs.DeadLetter.encodeJson(SAMPLES.DeadLetter[0]!)) as object, originalValue: 'not base64!' }),
    format: 'json', message: /^DeadLetter\.originalValue: expected base64 bytes, got "not base64!"$/, field: 'DeadLetter.originalValue' },
  // JSON: whole record
  { title: 'invalid UTF-8', input: Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), format: 'auto',
    message: /^ChatMessage: input is not valid UTF-8/ },
  { title: 'truncated JSON', input: Buffer.from(json(jsonMsg).slice(0, 40)), format: 'json', message: /^ChatMessage: not valid JSON/ },
  { title: 'bad JSON token: the message quotes no input text', input: '{"text":"mon secret 🤫","sentAt":tru}', format: 'json',
    message: /^ChatMessage: not valid JSON: Unexpected token '}'$/ },
  { title: 'JSON array instead of object', input: '[1,2]', format: 'json', message: /^ChatMessage: expected a JSON object, got an array$/ },
  { title: 'JSON scalar', input: '"hello"', format: 'json', message: /^ChatMessage: expected a JSON object, got "hello"$/ },
  // Avro wire format
  { title: 'empty value', input: Buffer.alloc(0), format: 'auto', message: /^ChatMessage: empty record \(0 bytes\)$/ },
  { title: 'garbage bytes (auto)', input: Buffer.from([0x93, 0x11, 0x42, 0x00]), format: 'auto',
    message: /^ChatMessage: cannot tell the format: first byte 0x93 is neither 0x00/ },
  { title: 'wrong magic byte', input: Buffer.from([0x01, 0, 0, 0, 2, 0x02, 0x41]), format: 'avro',
    message: /^ChatMessage: unknown magic byte 0x01, expected 0x00/ },
  { title: 'JSON handed to the Avro decoder', input: Buffer.from(json(jsonMsg)), format: 'avro',
    message: /^ChatMessage: unknown magic byte 0x7b.*looks like JSON/ },
  { title: 'header cut short', input: Buffer.from([0, 0, 0]), format: 'avro', message: /^ChatMessage: truncated record: 3 bytes, shorter than the 5-byte/ },
  { title: 'unknown schema id', input: withId(999), format: 'avro', message: /^ChatMessage: unknown schema id 999/ },
  { title: 'schema id of another record', input: withId(3), format: 'avro',
    message: /^ChatMessage: schema id 3 is org\.vigie\.v1\.Verdict version 1, not org\.vigie\.v1\.ChatMessage$/ },
  { title: 'truncated body', input: good.subarray(0, good.length - 4), format: 'avro',
    message: new RegExp(`^ChatMessage: truncated record: ${good.length - 4} bytes end inside the Avro body of schema id 2$`) },
  { title: 'trailing bytes', input: Buffer.concat([good, Buffer.from([1, 2])]), format: 'avro',
    message: /^ChatMessage: 2 unexpected bytes after the Avro body of schema id 2/ },
  { title: 'garbage body', input: Buffer.from([0, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), format: 'avro',
    message: /^ChatMessage: (truncated record|invalid Avro body)/ },
  { title: 'bad enum index in the body', record: 'Feedback', input: (() => {
    const b = codecs.Feedback.encodeAvro(SAMPLES.Feedback[0]!);
    // decision is the 4th field: after three length-prefixed strings
    let pos = 5;
    for (let i = 0; i < 3; i++) pos += 1 + (b[pos]! >> 1);
    b[pos] = 0x0e; // zig-zag 7: no such symbol
    return b;
  })(), format: 'avro', message: /^Feedback: invalid Avro body for schema id 8: .*/ },
  { title: 'Avro record with an unknown category', record: 'Escalation', input: (() => {
    const e = SAMPLES.Escalation[0]!;
    return Buffer.concat([Buffer.from([0, 0, 0, 0, 5]), codecs.Escalation.type.toBuffer({ ...e, category: 'scam' })]);
  })(), format: 'avro', message: /^Escalation\.category: unknown category "scam"/, field: 'Escalation.category' },
];

describe('decoding bad input gives a RecordError naming the problem', () => {
  for (const c of decodeCases) {
    it(c.title, () => {
      const codec = codecs[c.record ?? 'ChatMessage'] as RecordCodec<unknown>;
      assert.throws(() => codec.decode(c.input, c.format), (err: unknown) => {
        assert.ok(err instanceof RecordError, `not a RecordError: ${String(err)}`);
        assert.match(err.message, c.message);
        assert.equal(err.field, c.field);
        assert.equal(err.retriable, false);
        return true;
      });
    });
  }

  it('decodeAvroAsync reports an unknown id the same way when the resolver cannot fetch it', async () => {
    await assert.rejects(codecs.ChatMessage.decodeAvroAsync(withId(4242)), /^RecordError: ChatMessage: unknown schema id 4242/);
  });
});

describe('encoding bad values gives a RecordError naming the field', () => {
  const cases: { title: string; record: RecordName; value: unknown; message: RegExp; field: string }[] = [
    { title: 'string timestamp', record: 'ChatMessage', value: { ...msg, sentAt: '2025-11-28T21:14:07Z' },
      message: /^ChatMessage\.sentAt: expected long, got "2025-11-28T21:14:07Z"$/, field: 'ChatMessage.sentAt' },
    { title: 'missing field', record: 'ChatMessage', value: { ...msg, text: undefined }, message: /^ChatMessage\.text: missing$/, field: 'ChatMessage.text' },
    { title: 'bad enum', record: 'ModerationAction', value: { ...SAMPLES.ModerationAction[0]!, action: 'ban' },
      message: /^ModerationAction\.action: expected one of block_message\|hold_message\|flag_message\|mute\|suspend\|lift, got "ban"$/,
      field: 'ModerationAction.action' },
    { title: 'nested wrong type', record: 'AuditRecord',
      value: { ...SAMPLES.AuditRecord[0]!, context: [{ messageId: 'm', senderId: 's', sentAt: 1, text: null }] },
      message: /^AuditRecord\.context\[0\]\.text: expected string, got null$/, field: 'AuditRecord.context[0].text' },
    { title: 'unknown category', record: 'ModerationAction', value: { ...SAMPLES.ModerationAction[0]!, categories: ['spam'] },
      message: /^ModerationAction\.categories\[0\]: unknown category "spam"/, field: 'ModerationAction.categories[0]' },
  ];
  for (const c of cases) {
    for (const how of ['encodeAvro', 'encodeJson'] as const) {
      it(`${c.title} (${how})`, () => {
        const codec = codecs[c.record] as RecordCodec<unknown>;
        assert.throws(() => codec[how](c.value), (err: unknown) => {
          assert.ok(err instanceof RecordError, `not a RecordError: ${String(err)}`);
          assert.match(err.message, c.message);
          assert.equal(err.field, c.field);
          return true;
        });
      });
    }
  }
});
