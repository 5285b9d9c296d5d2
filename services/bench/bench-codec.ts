/**
 * ChatMessage codec throughput, single thread. Not a test: prints figures.
 *
 *   npx tsc -p . && node dist/services/bench/bench-codec.js [--messages N] [--seconds S]
 *
 * --messages  distinct messages cycled through (default 10000)
 * --seconds   time per measurement (default 1.5)
 */
import { compileAvroType, defaultSchemasDir, readJsonFile, type AvroSchema } from '../contracts/schema-files.js';
import { createCodecs } from '../contracts/codecs.js';
import type { ChatMessage } from '../contracts/types.js';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : def;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name}: expected a positive number`);
  return v;
}

const count = arg('messages', 10_000);
const seconds = arg('seconds', 1.5);
const texts = [
  'slt t ki ? tu as quel âge ? 😏 on peut parler sur snap, c notre secret 🤫',
  'anyone up for the build contest tonight? 🏰✨',
  "j'ai 13 ans et demi… pourquoi ? 🙈",
  'gg wp, see you tomorrow at the raid',
  'Tu viens au city stade après les cours ? Ramène ton frère, on sera 6 ⚽',
];
const messages: ChatMessage[] = Array.from({ length: count }, (_, i) => ({
  messageId: `msg-${i.toString().padStart(8, '0')}`,
  tenantId: i % 3 === 0 ? 'ludo-fr' : null,
  conversationId: `dm:u-${i % 997}:u-${(i * 7) % 991}`,
  roomId: i % 2 === 0 ? `room-${i % 50}` : null,
  senderId: `u-${i % 997}`,
  recipientId: i % 2 === 0 ? null : `u-${(i * 7) % 991}`,
  text: texts[i % texts.length]!,
  sentAt: 1_764_364_447_312 + i * 137,
  senderIp: i % 4 === 0 ? '203.0.113.47' : null,
  senderDeclaredAge: i % 5 === 0 ? 13 + (i % 30) : null,
  locale: i % 2 === 0 ? 'fr-FR' : 'en-GB',
}));

const codecs = createCodecs();
const c = codecs.ChatMessage;
const avroBytes = messages.map((m) => c.encodeAvro(m));
const jsonBytes = messages.map((m) => Buffer.from(c.encodeJson(m), 'utf8'));
const jsonIsoBytes = messages.map((m) => Buffer.from(JSON.stringify({ ...m, sentAt: new Date(m.sentAt).toISOString() }), 'utf8'));
const v1 = compileAvroType(readJsonFile(defaultSchemasDir(), 'history/ChatMessage.v1.avsc') as AvroSchema, 'v1');
const v1Bytes = messages.map(({ tenantId: _t, locale: _l, ...old }) => {
  const body = v1.toBuffer(old);
  const out = Buffer.alloc(5 + body.length);
  out.writeUInt32BE(1, 1);
  body.copy(out, 5);
  return out;
});

let sink = 0; // keeps results alive so the work is not optimised away
function measure(label: string, inputs: readonly unknown[], run: (x: never) => unknown): void {
  const n = inputs.length;
  for (let i = 0; i < Math.min(n, 20_000); i++) run(inputs[i % n] as never); // warm-up
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let done = 0;
  while (process.hrtime.bigint() < deadline) {
    for (let i = 0; i < 1000; i++) {
      const r = run(inputs[(done + i) % n] as never);
      if (r) sink++;
    }
    done += 1000;
  }
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${label.padEnd(44)} ${Math.round(done / secs).toLocaleString('en-US').padStart(12)} msgs/s`);
}

const avgAvro = avroBytes.reduce((a, b) => a + b.length, 0) / count;
const avgJson = jsonBytes.reduce((a, b) => a + b.length, 0) / count;
console.log(`ChatMessage codec, ${count} distinct messages, ${seconds}s per line, node ${process.version}`);
console.log(`average size: Avro ${avgAvro.toFixed(0)} bytes, JSON ${avgJson.toFixed(0)} bytes`);
measure('encodeAvro', messages, (m: ChatMessage) => c.encodeAvro(m));
measure('decodeAvro (current schema id)', avroBytes, (b: Buffer) => c.decodeAvro(b));
measure('decodeChatMessage auto (Avro)', avroBytes, (b: Buffer) => codecs.decodeChatMessage(b, 'auto'));
measure('decodeAvro (v1 writer → current reader)', v1Bytes, (b: Buffer) => c.decodeAvro(b));
measure('encodeJson', messages, (m: ChatMessage) => c.encodeJson(m));
measure('decodeJson (UTF-8 bytes, epoch ms)', jsonBytes, (b: Buffer) => c.decodeJson(b));
measure('decodeChatMessage auto (JSON, ISO-8601 sentAt)', jsonIsoBytes, (b: Buffer) => codecs.decodeChatMessage(b, 'auto'));
if (sink < 0) console.log(sink);
