/**
 * Inference throughput of a text classifier on one core (intraOpNumThreads = 1), featurisation included:
 *   node dist/services/bench/bench-model.js [modelDir] [--messages N]
 * Prints messages/s for batch sizes 1, 32 and 256 over generated chat messages. Not a test.
 * A conversation-window model is scored on the window ending at each message (K messages, speaker-marked),
 * with the per-text featurisation cache it uses in the engine; CPU seconds are printed as well.
 */
import { loadTextClassifier } from '../engine/model/onnx-classifier.js';
import { featurise, DEFAULT_FEATURISER } from '../engine/model/featuriser.js';
import { normalise } from '../engine/normalise.js';
import { generateConversations } from '../training/scenario-generator.js';
import type { WindowText } from '../engine/model/onnx-classifier.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const nIdx = args.indexOf('--messages');
  const total = nIdx >= 0 ? Number(args[nIdx + 1]) : 5000;
  const dir = args.find((a, i) => !a.startsWith('--') && (nIdx < 0 || i !== nIdx + 1)) ?? 'models/vigie-fasttext-v1';
  if (!Number.isInteger(total) || total < 1) throw new Error('--messages must be a positive integer');
  const texts: string[] = [];
  const windows: WindowText[][] = [];
  for (const c of generateConversations({ seed: 99, count: Math.ceil(total / 4) + 10 })) {
    c.messages.forEach((m, j) => {
      texts.push(m.text);
      windows.push(c.messages.slice(Math.max(0, j - 5), j + 1).map((x) => ({ text: x.text, mine: x.senderId === m.senderId })));
    });
    if (texts.length >= total) break;
  }
  texts.length = Math.min(texts.length, total);
  windows.length = texts.length;
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
    const score = (i: number, j: number): Promise<Float32Array[]> => (clf.window ? clf.scoreWindows(windows.slice(i, j)) : clf.scoreBatch(texts.slice(i, j)));
    await score(0, Math.min(batch, texts.length)); // warm-up
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < texts.length; i += batch) await score(i, i + batch);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const unit = clf.window ? 'windows' : 'messages';
    console.log(`${clf.id} batch ${String(batch).padStart(3)}: ${Math.round(texts.length / s).toString().padStart(7)} ${unit}/s, `
      + `${Math.round(texts.length / cpuS)} per CPU second (${texts.length}, avg ${avgChars.toFixed(0)} chars per message, `
      + `${(s * 1000).toFixed(0)} ms, featurisation included)`);
    await clf.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
