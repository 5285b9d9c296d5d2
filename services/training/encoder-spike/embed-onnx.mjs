// Embeds windows (windows.py output) with an exported encoder in onnxruntime-node, one window per run.
// usage: node embed-onnx.mjs MODEL.onnx VOCAB.txt WINDOWS.jsonl OUT_PREFIX [--threads T]
// Writes OUT_PREFIX.ids.txt (one window id a line) and OUT_PREFIX.f32 (768 float32 a window: mean-pooled last
// layer), appending; windows already listed in OUT_PREFIX.ids.txt are skipped (resumable). Whole conversations in a
// fixed shuffled order, so a stopped run leaves a random set of complete conversations.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import ort from 'onnxruntime-node';
import { makeTokenizer } from './wordpiece.mjs';

const args = process.argv.slice(2);
const [modelPath, vocabPath, windowsPath, out] = args;
const threads = args.includes('--threads') ? Number(args[args.indexOf('--threads') + 1]) : 1;
const { windowIds } = makeTokenizer(vocabPath);
const done = new Set(existsSync(`${out}.ids.txt`) ? readFileSync(`${out}.ids.txt`, 'utf8').split('\n').filter(Boolean) : []);
const windows = readFileSync(windowsPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((w) => !done.has(w.id));

// Deterministic shuffle of conversations (mulberry32).
let seed = 11;
const rnd = () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const convs = [...new Set(windows.map((w) => w.conv))].sort();
for (let i = convs.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [convs[i], convs[j]] = [convs[j], convs[i]]; }
const rank = new Map(convs.map((c, i) => [c, i]));
windows.sort((a, b) => rank.get(a.conv) - rank.get(b.conv));

const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
console.log(`${done.size} already embedded, ${windows.length} to do`);
const c0 = process.cpuUsage(), w0 = performance.now();
let n = 0, ids = [], vecs = [];
const flush = () => {
  if (!ids.length) return;
  appendFileSync(`${out}.f32`, Buffer.concat(vecs));
  appendFileSync(`${out}.ids.txt`, ids.map((x) => `${x}\n`).join(''));
  ids = []; vecs = [];
};
for (const w of windows) {
  const tok = windowIds(w.messages);
  const t = new ort.Tensor('int64', BigInt64Array.from(tok, BigInt), [1, tok.length]);
  const m = new ort.Tensor('int64', new BigInt64Array(tok.length).fill(1n), [1, tok.length]);
  const r = await session.run({ input_ids: t, attention_mask: m });
  vecs.push(Buffer.from(new Float32Array(r.mean.data).buffer));
  ids.push(w.id);
  n++;
  if (ids.length >= 25) {
    flush();
    const cpu = process.cpuUsage(c0);
    console.log(`${n}/${windows.length}: ${(n / ((cpu.user + cpu.system) / 1e6)).toFixed(1)} per CPU-second, ${(n / ((performance.now() - w0) / 1000)).toFixed(2)} per wall-second`);
  }
}
flush();
const cpu = process.cpuUsage(c0);
console.log(`done: ${n} windows, ${(n / ((cpu.user + cpu.system) / 1e6)).toFixed(1)} per CPU-second, ${(n / ((performance.now() - w0) / 1000)).toFixed(2)} per wall-second`);
