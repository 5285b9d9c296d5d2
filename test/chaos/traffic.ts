/**
 * The chaos run's input: generated FR/EN conversations (services/training's scenario generator, as
 * `vigie generate` and `vigie up --simulate`) as JSON ChatMessages keyed by conversation, with a known set
 * of poison records that no decoder can read, at seeded positions. Deterministic for a seed.
 */
import { createCodecs } from '../../services/contracts/index.js';
import { generateConversations } from '../../services/training/scenario-generator.js';
import { interleave } from '../../services/training/interleave.js';
import { wellFormed } from '../../services/classifier-worker/text-limits.js';
import { Rng } from '../../services/training/rng.js';

export interface TrafficRecord { key: string; value: Buffer; messageId: string | null }

const codecs = createCodecs();

/** A poison record: not Avro, not JSON (garbage bytes), or JSON without the required ids; never a tab or newline. */
export function poisonValue(seed: number, i: number): Buffer {
  return i % 2 === 0
    ? Buffer.concat([Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01]), Buffer.from(`poison-${seed}-${i}`)])
    : Buffer.from(JSON.stringify({ messageId: `poison-${seed}-${i}`, text: 'no conversation, no sender' }));
}

export function buildTraffic(seed: number, messages: number, poison: number, startAt: number): { records: TrafficRecord[]; poisonValues: Buffer[] } {
  const out: TrafficRecord[] = [];
  // About 7 messages per conversation: ask for enough conversations, stop at `messages`.
  const convs = generateConversations({ seed, count: Math.ceil(messages / 3) + 10, startAt, idPrefix: `chaos${seed}`, conversationGapMs: 2000 });
  for (const { message } of interleave(convs)) {
    const m = { ...message, text: wellFormed(message.text) };
    out.push({ key: m.conversationId, value: Buffer.from(codecs.ChatMessage.encodeJson(m)), messageId: m.messageId });
    if (out.length === messages) break;
  }
  if (out.length < messages) throw new Error(`the generator gave ${out.length} messages, fewer than ${messages}`);
  const rng = new Rng(seed ^ 0x5eed);
  const poisonValues: Buffer[] = [];
  for (let i = 0; i < poison; i++) {
    const value = poisonValue(seed, i);
    poisonValues.push(value);
    out.splice(rng.int(0, out.length), 0, { key: 'poison', value, messageId: null });
  }
  return { records: out, poisonValues };
}
