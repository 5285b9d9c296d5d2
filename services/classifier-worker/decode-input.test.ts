import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCodecs } from '../contracts/index.js';
import type { ChatMessage } from '../contracts/types.js';
import { decodeInput } from './decode-input.js';

const codecs = createCodecs();
const base: ChatMessage = {
  messageId: 'm1', tenantId: null, conversationId: 'c1', roomId: null, senderId: 'u1', recipientId: 'u2',
  text: 'salut ça va ?', sentAt: 1_767_600_000_000, senderIp: null, senderDeclaredAge: null, locale: 'fr',
};
const avro = (m: ChatMessage) => codecs.ChatMessage.encodeAvro(m);
const json = (m: unknown) => Buffer.from(JSON.stringify(m), 'utf8');

/** An Avro record whose text bytes are not UTF-8: encode a placeholder, then patch its bytes. */
function avroWithBadUtf8(field: 'text' | 'senderId' = 'text'): Buffer {
  const buf = avro({ ...base, [field]: 'XXXX' });
  const i = buf.indexOf(Buffer.from('XXXX'));
  buf[i] = 0xc3; buf[i + 1] = 0x28; buf[i + 2] = 0xff; buf[i + 3] = 0xfe;
  return buf;
}

/** A JSON ChatMessage whose `field` is `bytes` (not UTF-8) between "ab" and "cd". */
function jsonWithBytes(field: keyof ChatMessage, bytes: number[]): Buffer {
  const [head, tail] = JSON.stringify({ ...base, [field]: 'ab\u0001cd' }).split('\\u0001') as [string, string];
  return Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
}

describe('decodeInput: invalid UTF-8 in the text is repaired, classified and marked', () => {
  const cutEmoji = [0xf0, 0x9f, 0x92]; // the first three bytes of a four-byte emoji
  const repaired: [string, Buffer, string, boolean][] = [
    ['JSON, cut emoji in the text', jsonWithBytes('text', cutEmoji), 'ab\ufffdcd', true],
    ['JSON, lone continuation byte', jsonWithBytes('text', [0x80]), 'ab\ufffdcd', true],
    ['Avro, bad bytes in the text', avroWithBadUtf8(), '\ufffd(\ufffd\ufffd', true],
    ['Avro, a real U+FFFD is no repair', avro({ ...base, text: 'ok \ufffd' }), 'ok \ufffd', false],
    ['JSON, valid text', json(base), base.text, false],
  ];
  for (const [name, bytes, text, wasRepaired] of repaired) {
    it(name, () => {
      const r = decodeInput(bytes, codecs, 'auto', 1000);
      assert.equal(r.kind, 'ok', JSON.stringify(r));
      if (r.kind !== 'ok') return;
      assert.equal(r.message.text, text);
      assert.equal(r.textRepaired, wasRepaired);
      assert.equal(r.message.messageId, 'm1');
    });
  }
  it('format avro still refuses JSON bytes, valid or not', () => {
    assert.equal(decodeInput(jsonWithBytes('text', cutEmoji), codecs, 'avro', 100).kind, 'dead');
  });
});

describe('decodeInput', () => {
  const dead: [string, Buffer | null, RegExp][] = [
    ['tombstone', null, /no value/],
    ['empty bytes', Buffer.alloc(0), /empty|0 bytes/],
    ['garbage bytes', Buffer.from([0x13, 0x37, 0xbe, 0xef]), /format|first byte/],
    ['JSON missing a field', json({ ...base, senderId: undefined }), /senderId/],
    ['JSON wrong type', json({ ...base, sentAt: 'yesterday' }), /sentAt/],
    ['JSON invalid UTF-8 in an id', jsonWithBytes('messageId', [0xc3, 0x28]), /^ChatMessage\.messageId: not valid UTF-8/],
    ['Avro invalid UTF-8 in an id', avroWithBadUtf8('senderId'), /^ChatMessage\.senderId: not valid UTF-8/],
    ['JSON invalid UTF-8 and no text', Buffer.concat([Buffer.from('{"messageId":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), /UTF-8|conversationId|missing/],
    ['Avro unknown schema id', Buffer.from([0, 0, 0, 0x7f, 0x7f, 1, 2, 3]), /schema|id/i],
    ['empty messageId', avro({ ...base, messageId: ' ' }), /messageId/],
    ['wrong schema (a Verdict-shaped JSON)', json({ messageId: 'm', action: 'allow' }), /ChatMessage/],
  ];
  for (const [name, value, re] of dead) {
    it(`dead letter: ${name}`, () => {
      const r = decodeInput(value, codecs, 'auto', 1000);
      assert.equal(r.kind, 'dead');
      assert.match((r as { error: string }).error, re);
    });
  }
  it('accepts Avro and JSON, keeping a real U+FFFD', () => {
    for (const bytes of [avro({ ...base, text: 'ok \ufffd' }), json({ ...base, sentAt: base.sentAt })]) {
      const r = decodeInput(bytes, codecs, 'auto', 1000);
      assert.equal(r.kind, 'ok');
    }
  });
  it('cuts oversized text for scoring and records it', () => {
    const big = 'a'.repeat(5 * 1024 * 1024);
    const r = decodeInput(avro({ ...base, text: big }), codecs, 'avro', 20_000);
    assert.equal(r.kind, 'ok');
    if (r.kind !== 'ok') return;
    assert.equal(r.textTruncated, true);
    assert.equal(r.message.text.length, 20_000);
    assert.equal(r.fullText.length, big.length);
  });
  it('a lone surrogate escaped in JSON becomes U+FFFD', () => {
    const r = decodeInput(Buffer.from(JSON.stringify({ ...base, text: 'fire \ud83d\udd25 and \udd25 alone' })), codecs, 'json', 1000);
    assert.equal(r.kind, 'ok');
    if (r.kind === 'ok') assert.equal(r.message.text, 'fire 🔥 and \ufffd alone');
  });
  it('respects an explicit format', () => {
    assert.equal(decodeInput(json(base), codecs, 'avro', 100).kind, 'dead');
    assert.equal(decodeInput(avro(base), codecs, 'json', 100).kind, 'dead');
  });
});
