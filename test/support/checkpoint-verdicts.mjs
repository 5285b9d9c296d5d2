#!/usr/bin/env node
// Classifies a JSONL file of chat messages as a worker that checkpoints after every batch and restarts from that
// checkpoint: after each batch the state is encoded (`encodeState`) in the next format of `--formats` (a cycle) and
// the next batch runs on the state restored from those bytes. Writes one verdict per line (JSON, as `vigie classify`).
// Compare the outputs of `--formats none` (no checkpoint), `3`, `4` and `3,4` (alternate: each restored entry not read
// since is transcoded from one format to the other): a codec that loses or changes anything changes a verdict.
//
//   node test/support/checkpoint-verdicts.mjs --in FILE --out FILE [--formats none|3|4|3,4] [--batch 7] [--root CHECKOUT]
//
// Prints the checkpoint sizes (bytes of the last one, and the sum) on stderr.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const root = resolve(opt('--root', join(dirname(fileURLToPath(import.meta.url)), '../..')));
const load = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const { createEngine, createState, encodeState, restoreState } = await load('services/engine/engine.js');
const { createCodecs } = await load('services/contracts/index.js');

const input = opt('--in');
const out = opt('--out');
if (!input || !out) throw new Error('usage: --in FILE --out FILE [--formats none|3|4|3,4] [--batch N] [--root CHECKOUT]');
const formats = opt('--formats', 'none') === 'none' ? [] : opt('--formats').split(',').map(Number);
const batch = Number(opt('--batch', '7'));
const codecs = createCodecs();
const messages = readFileSync(input, 'utf8').split('\n').filter((l) => l.trim()).map((l) => codecs.ChatMessage.decodeJson(l));
const engine = await createEngine({});
let state = createState();
let text = '';
let last = 0, total = 0;
for (let i = 0, k = 0; i < messages.length; i += batch, k++) {
  for (const v of await engine.classifyBatch(messages.slice(i, i + batch), state)) text += JSON.stringify(v) + '\n';
  if (formats.length) {
    const bytes = encodeState(state, formats[k % formats.length]);
    last = bytes.length;
    total += bytes.length;
    state = restoreState(bytes);
  }
}
await engine.close();
writeFileSync(out, text);
process.stderr.write(`${messages.length} messages, formats ${formats.join(',') || 'none'}: last checkpoint ${last} B, all checkpoints ${total} B\n`);
