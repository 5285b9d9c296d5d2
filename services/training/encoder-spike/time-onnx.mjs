// Times the exported encoder in onnxruntime-node, one window per run, as a second stage would call it.
// usage: node time-onnx.mjs MODEL.onnx VOCAB.txt WINDOWS.jsonl [--n N] [--threads T] [--check] [--ref FP32.onnx]
// Prints windows per CPU-second and per wall-second (intraOpNumThreads T, default 1), mean tokens, and with
// --check the first numbers of the mean-pooled output for "Bonjour tout le monde" (compare with convert.py).
import { readFileSync } from 'node:fs';
import ort from 'onnxruntime-node';
import { makeTokenizer } from './wordpiece.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const [modelPath, vocabPath, windowsPath] = args;
const n = Number(opt('--n', 200));
const threads = Number(opt('--threads', 1));

const { textIds, windowIds, CLS, SEP } = makeTokenizer(vocabPath);

const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
async function run(ids) {
  const t = new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]);
  const m = new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), [1, ids.length]);
  return (await session.run({ input_ids: t, attention_mask: m })).mean.data;
}

if (args.includes('--check')) {
  const out = await run([CLS, ...textIds('Bonjour tout le monde'), SEP]);
  console.log('mean[0,:5] "Bonjour tout le monde":', [...out.slice(0, 5)].map((x) => +x.toFixed(5)));
}
if (args.includes('--ref')) {
  // Agreement of this model's mean-pooled output with a reference export (the fp32 graph) on the first 20 windows.
  const ref = await ort.InferenceSession.create(opt('--ref'), { intraOpNumThreads: threads, interOpNumThreads: 1 });
  const cos = [];
  for (const l of readFileSync(windowsPath, 'utf8').split('\n').filter(Boolean).slice(0, 20)) {
    const ids = windowIds(JSON.parse(l).messages);
    const feeds = { input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]), attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), [1, ids.length]) };
    const a = await run(ids), b = (await ref.run(feeds)).mean.data;
    let ab = 0, aa = 0, bb = 0;
    for (let i = 0; i < a.length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
    cos.push(ab / Math.sqrt(aa * bb));
  }
  console.log(`cosine with the reference on ${cos.length} windows: mean ${(cos.reduce((x, y) => x + y) / cos.length).toFixed(4)}, min ${Math.min(...cos).toFixed(4)}`);
}
const windows = readFileSync(windowsPath, 'utf8').split('\n').filter(Boolean).slice(0, n).map((l) => JSON.parse(l).messages);
if (!windows.length) process.exit(0);
await run(windowIds(windows[0])); // warm-up
const c0 = process.cpuUsage(), w0 = performance.now();
let tokens = 0, tokCpu = 0;
for (const w of windows) {
  const t0 = process.cpuUsage();
  const ids = windowIds(w);
  tokCpu += process.cpuUsage(t0).user;
  tokens += ids.length;
  await run(ids);
}
const cpu = process.cpuUsage(c0), wall = (performance.now() - w0) / 1000;
const cpuS = (cpu.user + cpu.system) / 1e6;
console.log(`${windows.length} windows, mean ${(tokens / windows.length).toFixed(1)} tokens, threads ${threads}: ${(windows.length / cpuS).toFixed(2)} windows per CPU-second `
  + `(${(1000 * cpuS / windows.length).toFixed(1)} ms CPU each, tokenizer ${(tokCpu / 1000 / windows.length).toFixed(2)} ms), ${(windows.length / wall).toFixed(2)} per wall-second on the shared machine`);
