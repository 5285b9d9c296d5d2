#!/usr/bin/env node
// Runs `vigie classify` over every labelled set we may tune on and prints one table row per set:
// recall per category, micro recall, benign conversations with a hold/block/escalation, P0 on
// benign conversations, median delay (messages between the label's evidentAt and the first acting
// verdict of that category). Definitions follow the dev-set scorer (a flag counts as a detection).
//
// usage: node test/support/eval-sets.mjs [--set NAME[,NAME]] [--extra DIR]... [--detail] [--json] [--model DIR|none] [--window-model DIR|none] [--root CHECKOUT]
//   sets: dev (the shared dev set, copied path given by --dev or VIGIE_DEV_SET), hw1, hw2
//   (eval/handwritten/), and every DIR/<writer>/{messages,labels}.jsonl under each --extra DIR.
//   --detail lists the misses and the benign conversations with a hard action, with reasons.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const many = (name) => args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1]] : []));
const detail = args.includes('--detail');
const asJson = args.includes('--json');
const only = opt('--set')?.split(',');

const sets = [];
const devDir = opt('--dev') ?? process.env.VIGIE_DEV_SET;
if (devDir) sets.push({ name: 'dev', messages: join(devDir, 'messages.jsonl'), labels: join(devDir, 'labels.jsonl') });
const hw = join(root, 'eval/handwritten');
if (existsSync(join(hw, 'handwritten-messages.jsonl'))) sets.push({ name: 'hw1', messages: join(hw, 'handwritten-messages.jsonl'), labels: join(hw, 'handwritten-labels.jsonl') });
if (existsSync(join(hw, 'hw2-messages.jsonl'))) sets.push({ name: 'hw2', messages: join(hw, 'hw2-messages.jsonl'), labels: join(hw, 'hw2-labels.jsonl') });
for (const dir of many('--extra')) {
  for (const w of readdirSync(dir).sort()) {
    const m = join(dir, w, 'messages.jsonl');
    if (existsSync(m)) sets.push({ name: w, messages: m, labels: join(dir, w, 'labels.jsonl') });
  }
}

const jsonl = (p) => readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const median = (a) => { if (!a.length) return null; const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const tmp = mkdtempSync(join(tmpdir(), 'vigie-eval-'));
// --root DIR: classify with another checkout's build (figures before a change), same sets.
const cli = join(opt('--root') ?? root, 'dist/services/cli/main.js');

function score(set) {
  const out = join(tmp, `${set.name}.jsonl`);
  const extra = [...(opt('--model') ? ['--model', opt('--model')] : []), ...(opt('--window-model') ? ['--window-model', opt('--window-model')] : [])];
  execFileSync(process.execPath, [cli, 'classify', '--in', set.messages, '--out', out, ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  const messages = jsonl(set.messages);
  const labels = new Map(jsonl(set.labels).map((l) => [l.conversationId, l]));
  const verdicts = new Map(jsonl(out).map((v) => [v.messageId, v]));
  const byConv = new Map();
  const pos = new Map();
  for (const m of messages) {
    const l = byConv.get(m.conversationId) ?? [];
    pos.set(m.messageId, l.length);
    l.push(m);
    byConv.set(m.conversationId, l);
  }
  const per = {};
  const delays = [];
  let benign = 0, benignHard = 0, benignSoft = 0, benignP0 = 0, positives = 0, detected = 0;
  const misses = [], alarms = [];
  for (const [cid, msgs] of byConv) {
    const label = labels.get(cid);
    if (!label) continue;
    const first = {};
    let hard = false, p0 = false, soft = false;
    for (const m of msgs) {
      const v = verdicts.get(m.messageId);
      if (!v) continue;
      if (v.action === 'hold' || v.action === 'block' || v.escalation) hard = true;
      if (v.escalation?.priority === 'P0') p0 = true;
      if (v.action === 'flag') soft = true;
      if (v.action !== 'allow' || v.escalation) for (const c of v.categories) first[c.category] ??= pos.get(m.messageId);
    }
    if (!label.categories.length) {
      benign++;
      if (hard) { benignHard++; alarms.push(cid); } else if (soft) benignSoft++;
      if (p0) benignP0++;
    }
    for (const c of label.categories) {
      per[c] ??= { n: 0, hit: 0 };
      per[c].n++;
      positives++;
      if (first[c] !== undefined) {
        per[c].hit++;
        detected++;
        delays.push(first[c] - (pos.get(label.evidentAt?.[c]) ?? 0));
      } else misses.push(`${cid}:${c}`);
    }
  }
  const row = {
    set: set.name, conversations: labels.size, benign,
    recall: Object.fromEntries(Object.entries(per).sort().map(([c, r]) => [c, +(r.hit / r.n).toFixed(2)])),
    positives: Object.fromEntries(Object.entries(per).sort().map(([c, r]) => [c, r.n])),
    micro: positives ? +(detected / positives).toFixed(3) : null,
    benignHard: benign ? +(benignHard / benign).toFixed(3) : null,
    benignSoft, benignP0, medianDelay: median(delays), misses, alarms,
  };
  if (detail) {
    const show = (cid) => {
      for (const m of byConv.get(cid)) {
        const v = verdicts.get(m.messageId);
        const tag = v && (v.action !== 'allow' || v.escalation) ? `${v.action}${v.escalation ? ` ${v.escalation.priority}` : ''} ${v.categories.map((c) => `${c.category}:${c.score}`).join(',')}` : '';
        console.log(`   ${m.messageId} ${m.senderId}: ${m.text.slice(0, 150)}${tag ? `\n      => ${tag} | ${v.reasons.join(' ; ').slice(0, 300)}` : ''}`);
      }
    };
    for (const x of misses) { const cid = x.slice(0, x.lastIndexOf(':')); console.log(`MISS ${set.name} ${x} — ${labels.get(cid).notes ?? ''}`); show(cid); }
    for (const cid of alarms) { console.log(`HARD-ON-BENIGN ${set.name} ${cid} — ${labels.get(cid).notes ?? ''}`); show(cid); }
  }
  return row;
}

const rows = sets.filter((s) => !only || only.includes(s.name)).map(score);
rmSync(tmp, { recursive: true, force: true });
if (asJson) console.log(JSON.stringify(rows));
else {
  const cats = [...new Set(rows.flatMap((r) => Object.keys(r.recall)))].sort();
  const abbrev = (c) => c.split('_').map((w) => w.slice(0, 4)).join('_');
  console.log(['set', 'conv', ...cats.map(abbrev), 'micro', 'benignHard', 'P0benign', 'delay'].join('\t'));
  for (const r of rows) {
    console.log([r.set, `${r.conversations}(${r.benign})`, ...cats.map((c) => (r.recall[c] === undefined ? '-' : `${r.recall[c]}/${r.positives[c]}`)), r.micro, r.benignHard, r.benignP0, r.medianDelay].join('\t'));
  }
  for (const r of rows) if (r.misses.length || r.alarms.length) console.log(`${r.set}: misses ${r.misses.join(' ') || '-'}; hard on benign ${r.alarms.join(' ') || '-'}`);
}
