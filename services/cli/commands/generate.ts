import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs, UsageError, type Command } from '../command.js';
import { generateConversations, compileGeneratorOptions, ALL_SCENARIOS, type GeneratedConversation } from '../../training/scenario-generator.js';
import { interleave } from '../../training/interleave.js';

const help = `usage: vigie generate [options]

Generates scripted French and English chat conversations (ChatMessage records, one JSON object per
line) for demos, training and load. Deterministic: the same seed and options give the same bytes.

options:
  --conversations N     number of conversations (default 100)
  --seed S              PRNG seed, integer (default 1)
  --out PATH            messages JSONL file, "-" for stdout (default -)
  --labels PATH         also write conversation labels (dev-set format: conversationId, categories,
                        evidentAt, minors, scenario) as JSONL
  --message-labels PATH also write per-message labels {messageId, conversationId, text, labels} as JSONL
  --order MODE          stream (default): all conversations interleaved by sentAt, as live traffic;
                        conversation: each conversation's messages together
  --start ISO           first conversation start time (default 2026-01-05T08:00:00Z)
  --french-share X      share of French conversations 0..1 (default 0.55)
  --noise X             probability of SMS-speak/typo/obfuscation per message 0..1 (default 0.6)
  --benign-weight X     multiplier on benign scenario frequency (default 1.5)
  --tenant ID           tenantId on every message (default null)
  --scenarios A,B       only these scenarios (default all): ${ALL_SCENARIOS.map((s) => s.id).join(', ')}

environment: none.`;

const num = (v: string | boolean | undefined, name: string): number | undefined => {
  if (v === undefined || typeof v === 'boolean') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${v}"`);
  return n;
};

async function write(out: WriteStream | NodeJS.WriteStream, line: string): Promise<void> {
  if (!out.write(line + '\n')) await once(out, 'drain');
}

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, {
      strings: ['conversations', 'seed', 'out', 'labels', 'message-labels', 'order', 'start', 'french-share', 'noise', 'benign-weight', 'tenant', 'scenarios', 'format'],
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (opts.format !== undefined && opts.format !== 'json') throw new UsageError('--format: only "json" (JSONL) is supported; encode to Avro with the contracts codecs');
    const order = (opts.order as string | undefined) ?? 'stream';
    if (order !== 'stream' && order !== 'conversation') throw new UsageError(`--order must be stream or conversation, got "${order}"`);
    let startAt: number | undefined;
    if (typeof opts.start === 'string') {
      startAt = Date.parse(opts.start);
      if (Number.isNaN(startAt)) throw new UsageError(`--start is not an ISO date: "${opts.start}"`);
    }
    let genOpts;
    try {
      genOpts = compileGeneratorOptions({
        count: num(opts.conversations, 'conversations'),
        seed: num(opts.seed, 'seed'),
        startAt,
        frenchShare: num(opts['french-share'], 'french-share'),
        noiseRate: num(opts.noise, 'noise'),
        benignWeight: num(opts['benign-weight'], 'benign-weight'),
        tenantId: typeof opts.tenant === 'string' ? opts.tenant : undefined,
        scenarios: typeof opts.scenarios === 'string' ? opts.scenarios.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
      });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const outPath = typeof opts.out === 'string' ? opts.out : '-';
    const out = outPath === '-' ? process.stdout : createWriteStream(outPath);
    const labelsOut = typeof opts.labels === 'string' ? createWriteStream(opts.labels) : null;
    const msgLabelsOut = typeof opts['message-labels'] === 'string' ? createWriteStream(opts['message-labels']) : null;
    const convs: GeneratedConversation[] = [];
    let nMessages = 0;
    const conversations = (function* () {
      for (const c of generateConversations(genOpts)) {
        convs.push(c);
        yield c;
      }
    })();
    if (order === 'stream') {
      for (const { message, labels } of interleave(conversations)) {
        await write(out, JSON.stringify(message));
        if (msgLabelsOut) await write(msgLabelsOut, JSON.stringify({ messageId: message.messageId, conversationId: message.conversationId, text: message.text, labels }));
        nMessages++;
        if (labelsOut) while (convs.length) await write(labelsOut, JSON.stringify(convs.shift()!.label));
        else convs.length = 0;
      }
    } else {
      for (const c of conversations) {
        for (let i = 0; i < c.messages.length; i++) {
          const m = c.messages[i]!;
          await write(out, JSON.stringify(m));
          if (msgLabelsOut) await write(msgLabelsOut, JSON.stringify({ messageId: m.messageId, conversationId: m.conversationId, text: m.text, labels: c.messageLabels[i] }));
          nMessages++;
        }
        if (labelsOut) await write(labelsOut, JSON.stringify(c.label));
        convs.length = 0;
      }
    }
    for (const s of [labelsOut, msgLabelsOut, out === process.stdout ? null : (out as WriteStream)]) {
      if (s) { s.end(); await once(s, 'finish'); }
    }
    process.stderr.write(`generate: ${genOpts.count} conversations, ${nMessages} messages (seed ${genOpts.seed})\n`);
    return 0;
  },
};
export default command;
