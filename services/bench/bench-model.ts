/**
 * Inference throughput of a text classifier on one core (intraOpNumThreads = 1), featurisation included:
 *   node dist/services/bench/bench-model.js [modelDir] [--messages N]
 * Prints messages/s for batch sizes 1, 32 and 256 over generated chat messages. Not a test.
 */
import { loadTextClassifier } from '../engine/model/onnx-classifier.js';
import { featurise, DEFAULT_FEATURISER } from '../engine/model/featuriser.js';
import { normalise } from '../engine/normalise.js';
import { generateConversations } from '../training/scenario-generator.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const nIdx = args.indexOf('--messages');
  const total = nIdx >= 0 ? Number(args[nIdx + 1]) : 5000;
  const dir = args.find((a, i) => !a.startsWith('--') && (nIdx < 0 || i !== nIdx + 1)) ?? 'models/vigie-fasttext-v1';
  if (!Number.isInteger(total) || total < 1) throw new Error('--messages must be a positive integer');
  const texts: string[] = [];
  for (const c of generateConversations({ seed: 99, count: Math.ceil(total / 4) + 10 })) {
    for (const m of c.messages) texts.push(m.text);
    if (texts.length >= total) break;
  }
  texts.length = Math.min(texts.length, total);
  const avgChars = texts.reduce((n, t) => n + t.length, 0) / texts.length;
  // Where the time goes: the normaliser, then hashing its tokens.
  let t = process.hrtime.bigint();
  const norms = texts.map((x) => normalise(x));
  const normS = Number(process.hrtime.bigint() - t) / 1e9;
  t = process.hrtime.bigint();
  for (const n of norms) featurise(n, DEFAULT_FEATURISER);
  const featS = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`normalise alone: ${Math.round(texts.length / normS)} messages/s; featurise (hashing normalised tokens) alone: ${Math.round(texts.length / featS)} messages/s`);
  for (const batch of [1, 32, 256]) {
    const clf = await loadTextClassifier(dir, { intraOpNumThreads: 1, maxBatch: batch });
    await clf.scoreBatch(texts.slice(0, Math.min(batch, texts.length))); // warm-up
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < texts.length; i += batch) await clf.scoreBatch(texts.slice(i, i + batch));
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const detail = `${texts.length} messages, avg ${avgChars.toFixed(0)} chars, ${(s * 1000).toFixed(0)} ms, featurisation included`;
    console.log(`${clf.id} batch ${String(batch).padStart(3)}: ${Math.round(texts.length / s).toString().padStart(7)} messages/s (${detail})`);
    await clf.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
