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
function avroWithBadUtf8(): Buffer {
  const buf = avro({ ...base, text: 'XXXX' });
  const i = buf.indexOf(Buffer.from('XXXX'));
  buf[i] = 0xc3; buf[i + 1] = 0x28; buf[i + 2] = 0xff; buf[i + 3] = 0xfe;
  return buf;
}

describe('decodeInput', () => {
  const dead: [string, Buffer | null, RegExp][] = [
    ['tombstone', null, /no value/],
    ['empty bytes', Buffer.alloc(0), /empty|0 bytes/],
    ['garbage bytes', Buffer.from([0x13, 0x37, 0xbe, 0xef]), /format|first byte/],
    ['JSON missing a field', json({ ...base, senderId: undefined }), /senderId/],
    ['JSON wrong type', json({ ...base, sentAt: 'yesterday' }), /sentAt/],
    ['JSON invalid UTF-8', Buffer.concat([Buffer.from('{"messageId":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), /UTF-8/],
    ['Avro invalid UTF-8 in text', avroWithBadUtf8(), /UTF-8/],
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
