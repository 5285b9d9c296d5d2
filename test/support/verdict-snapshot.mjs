#!/usr/bin/env node
// Records the engine's verdicts (`vigie classify` output, byte for byte) on every set we judge decisions
// on, so an optimisation can be shown to change no decision: run it on the checkout before and after,
// then compare the two directories.
//
//   node test/support/verdict-snapshot.mjs record --out DIR [--root CHECKOUT]
//   node test/support/verdict-snapshot.mjs compare BEFORE_DIR AFTER_DIR
//
// Sets: eval/dev, eval/handwritten (both files), corpus/written/<writer>, and a generated stream
// (`vigie generate`, 600 interleaved conversations, fixed seed). Each set is classified with the
// default engine (message model) in batches of 64, and again with the window model (models/vigie-window-v1)
// in batches of 7 so that context crosses batch boundaries. `compare` exits 1 on any difference and prints
// the first differing verdict of each file.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [mode, ...args] = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };

function sets() {
  const out = [
    ['dev', join(repo, 'eval/dev/messages.jsonl')],
    ['hw1', join(repo, 'eval/handwritten/handwritten-messages.jsonl')],
    ['hw2', join(repo, 'eval/handwritten/hw2-messages.jsonl')],
  ];
  const written = join(repo, 'corpus/written');
  for (const w of readdirSync(written).sort()) {
    const m = join(written, w, 'messages.jsonl');
    if (existsSync(m)) out.push([`written-${w}`, m]);
  }
  return out;
}

function record() {
  const dir = opt('--out');
  if (!dir) throw new Error('record needs --out DIR');
  const root = resolve(opt('--root') ?? repo);
  const cli = join(root, 'dist/services/cli/main.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build that checkout first`);
  mkdirSync(dir, { recursive: true });
  const generated = join(dir, 'generated-messages.jsonl');
  execFileSync(process.execPath, [cli, 'generate', '--conversations', '600', '--seed', '4242', '--out', generated], { stdio: ['ignore', 'ignore', 'inherit'] });
  const all = [...sets(), ['generated', generated]];
  for (const [name, messages] of all) {
    for (const [variant, extra] of [['default-b64', ['--batch', '64']], ['window-b7', ['--batch', '7', '--window-model', join(root, 'models/vigie-window-v1')]]]) {
      const out = join(dir, `${name}.${variant}.jsonl`);
      execFileSync(process.execPath, [cli, 'classify', '--in', messages, '--out', out, ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
      const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean).length;
      console.log(`${name.padEnd(18)} ${variant.padEnd(12)} ${lines} verdicts`);
    }
  }
}

function compare() {
  const [a, b] = args;
  if (!a || !b) throw new Error('compare needs BEFORE_DIR AFTER_DIR');
  const files = readdirSync(a).filter((f) => f.endsWith('.jsonl') && f !== 'generated-messages.jsonl').sort();
  if (!files.length) throw new Error(`${a} holds no verdict files`);
  let differ = 0, verdicts = 0;
  for (const f of files) {
    const x = readFileSync(join(a, f), 'utf8');
    const y = existsSync(join(b, f)) ? readFileSync(join(b, f), 'utf8') : null;
    const n = x.split('\n').filter(Boolean).length;
    verdicts += n;
    if (y === x) { console.log(`same      ${f} (${n} verdicts)`); continue; }
    differ++;
    if (y === null) { console.log(`MISSING   ${f}`); continue; }
    const xl = x.split('\n'), yl = y.split('\n');
    const i = xl.findIndex((l, k) => l !== yl[k]);
    console.log(`DIFFERENT ${f}: first at line ${i + 1}\n  before ${xl[i]}\n  after  ${yl[i]}`);
  }
  console.log(`${files.length - differ}/${files.length} files byte-identical (${verdicts} verdicts before)`);
  if (readFileSync(join(a, 'generated-messages.jsonl'), 'utf8') !== readFileSync(join(b, 'generated-messages.jsonl'), 'utf8')) {
    console.log('note: the generated messages differ between the two checkouts (generator changed)');
  }
  process.exitCode = differ ? 1 : 0;
}

if (mode === 'record') record();
else if (mode === 'compare') compare();
else { console.error('usage: verdict-snapshot.mjs record --out DIR [--root CHECKOUT] | compare BEFORE AFTER'); process.exitCode = 2; }
