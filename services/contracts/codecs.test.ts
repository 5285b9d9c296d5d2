// Round trips of every record in Avro (Confluent wire format) and JSON, and format detection.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createCodecs, type RecordCodec } from './codecs.js';
import { SAMPLES } from '../../test/support/contract-samples.js';
import { RECORD_NAMES } from './types.js';

const codecs = createCodecs();

/** avsc decodes records as class instances; compare plain data (Buffers stay Buffers). */
function plain(v: unknown): unknown {
  if (Buffer.isBuffer(v) || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(plain);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
}

describe('round trips', () => {
  for (const name of RECORD_NAMES) {
    const codec = codecs[name] as RecordCodec<unknown>;
    (SAMPLES[name] as unknown[]).forEach((sample, i) => {
      it(`${name} #${i}: Avro wire format round trip`, () => {
        const bytes = codec.encodeAvro(sample);
        assert.equal(bytes[0], 0, 'magic byte');
        assert.equal(bytes.readUInt32BE(1), codec.schemaId, 'schema id');
        assert.deepStrictEqual(plain(codec.decodeAvro(bytes)), sample);
        assert.deepStrictEqual(plain(codec.decode(bytes, 'auto')), sample);
        // a Uint8Array view at a non-zero offset (as some clients hand out) decodes the same
        const padded = new Uint8Array(bytes.length + 3);
        padded.set(bytes, 3);
        assert.deepStrictEqual(plain(codec.decodeAvro(padded.subarray(3))), sample);
      });
      it(`${name} #${i}: JSON round trip (string and UTF-8 bytes)`, () => {
        const json = codec.encodeJson(sample);
        assert.deepStrictEqual(plain(codec.decodeJson(json)), sample);
        assert.deepStrictEqual(plain(codec.decode(Buffer.from(json, 'utf8'), 'auto')), sample);
        // timestamps leave as epoch ms numbers
        for (const [k, v] of Object.entries(JSON.parse(json) as Record<string, unknown>)) {
          if (/At$/.test(k)) assert.ok(v === null || Number.isSafeInteger(v), `${name}.${k} = ${String(v)}`);
        }
      });
    });
  }

  it('JSON keeps non-ASCII text exactly (accents, emoji, apostrophes)', () => {
    const msg = SAMPLES.ChatMessage[0]!;
    const decoded = codecs.ChatMessage.decodeJson(Buffer.from(codecs.ChatMessage.encodeJson(msg), 'utf8'));
    assert.equal(decoded.text, 'slt t ki ? tu as quel âge ? 😏 on peut parler sur snap, c notre secret 🤫');
  });

  it('JSON DeadLetter bytes travel as base64', () => {
    const dl = SAMPLES.DeadLetter[0]!;
    const json = JSON.parse(codecs.DeadLetter.encodeJson(dl)) as Record<string, unknown>;
    assert.equal(json['originalValue'], dl.originalValue.toString('base64'));
    assert.equal(json['originalKey'], 'ZG06dS00ODIxOnUtOTMxMA==');
  });

  it('JSON encode keeps only schema fields', () => {
    const withExtra = { ...SAMPLES.ChatMessage[1]!, internalNote: 'do not leak' };
    assert.ok(!codecs.ChatMessage.encodeJson(withExtra).includes('internalNote'));
  });
});

describe('JSON input conventions', () => {
  const base = { messageId: 'm-1', conversationId: 'c-1', senderId: 'u-1', text: 'Hello 👋 ça roule ?' };
  const cases: { title: string; input: Record<string, unknown>; expect: Record<string, unknown> }[] = [
    { title: 'epoch ms number', input: { ...base, sentAt: 1_764_364_447_312 }, expect: { sentAt: 1_764_364_447_312 } },
    { title: 'ISO-8601 UTC with millis', input: { ...base, sentAt: '2025-11-28T21:14:07.312Z' }, expect: { sentAt: 1_764_364_447_312 } },
    { title: 'ISO-8601 with offset', input: { ...base, sentAt: '2025-11-28T22:14:07.312+01:00' }, expect: { sentAt: 1_764_364_447_312 } },
    { title: 'ISO-8601 with compact offset, no seconds', input: { ...base, sentAt: '2025-11-28T16:14-0500' }, expect: { sentAt: 1_764_364_440_000 } },
    { title: 'ISO-8601 with microseconds (truncated to ms)', input: { ...base, sentAt: '2025-11-28T21:14:07.312999Z' }, expect: { sentAt: 1_764_364_447_312 } },
    { title: 'absent optional fields are null', input: { ...base, sentAt: 0 },
      expect: { tenantId: null, roomId: null, recipientId: null, senderIp: null, senderDeclaredAge: null, locale: null } },
    { title: 'explicit nulls', input: { ...base, sentAt: 0, roomId: null, locale: null }, expect: { roomId: null, locale: null } },
    { title: 'unknown keys are ignored', input: { ...base, sentAt: 0, futureField: { x: 1 } }, expect: { messageId: 'm-1' } },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const decoded = codecs.decodeChatMessage(JSON.stringify(c.input), 'json') as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(c.expect)) assert.deepStrictEqual(decoded[k], v, k);
      assert.ok(!('futureField' in decoded));
    });
  }

  it('a UTF-8 BOM before the JSON is accepted', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ ...base, sentAt: 5 }))]);
    assert.equal(codecs.decodeChatMessage(bytes, 'auto').sentAt, 5);
  });

  it('Verdict with ISO decidedAt and omitted nullable records', () => {
    const v = codecs.Verdict.decodeJson(JSON.stringify({
      messageId: 'm', conversationId: 'c', senderId: 's', sentAt: '2025-01-01T00:00:00Z', action: 'flag', categories: [],
      signals: [{ signal: 'meetup_request', score: 0.7, sources: ['rule:meet'] }], reasons: ['meetup'], modelVersion: 'none',
      rulesVersion: 'r', policyVersion: 'p', textTruncated: false, decidedAt: '2025-01-01T00:00:00.250Z',
    }));
    assert.equal(v.sentAt, Date.UTC(2025, 0, 1));
    assert.equal(v.decidedAt, Date.UTC(2025, 0, 1) + 250);
    assert.equal(v.escalation, null);
    assert.equal(v.enforcement, null);
    assert.equal(v.signals[0]?.signal, 'meetup_request');
  });
});

describe('decodeChatMessage format selection', () => {
  const msg = SAMPLES.ChatMessage[2]!;
  const avroBytes = codecs.ChatMessage.encodeAvro(msg);
  const jsonBytes = Buffer.from(codecs.ChatMessage.encodeJson(msg));
  const cases: { title: string; input: Buffer | string; format: 'avro' | 'json' | 'auto' }[] = [
    { title: 'auto on Avro', input: avroBytes, format: 'auto' },
    { title: 'auto on JSON bytes', input: jsonBytes, format: 'auto' },
    { title: 'auto on JSON with leading newline', input: Buffer.concat([Buffer.from('\n '), jsonBytes]), format: 'auto' },
    { title: 'auto on a JSON string', input: jsonBytes.toString(), format: 'auto' },
    { title: 'explicit avro', input: avroBytes, format: 'avro' },
    { title: 'explicit json', input: jsonBytes, format: 'json' },
  ];
  for (const c of cases) {
    it(c.title, () => assert.deepStrictEqual(plain(codecs.decodeChatMessage(c.input, c.format)), msg));
  }
});
