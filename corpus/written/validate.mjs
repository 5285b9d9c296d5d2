#!/usr/bin/env node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// usage: validate.mjs DIR PREFIX [--count N] [--min-benign N] [--min-french N] [--min-per-category N]
// (defaults: the sixth round's brief, 130 / 59 / 78 / 8; later briefs name their own counts)
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return def;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 0) { console.error(`--${name} needs a whole number, got ${args[i + 1] ?? 'nothing'}`); process.exit(2); }
  args.splice(i, 2);
  return v;
};
const COUNT = opt('count', 130), MIN_BENIGN = opt('min-benign', 59), MIN_FR = opt('min-french', 78), MIN_PER = opt('min-per-category', 8);
const [dir, prefix] = args;
if (!dir || !prefix || args.length > 2) { console.error('usage: validate.mjs DIR PREFIX [--count N] [--min-benign N] [--min-french N] [--min-per-category N]'); process.exit(2); }
const CATS = ['child_grooming','sexual_harassment','prostitution','ambush','drug_facilitated_assault','drug_trafficking','weapons_trafficking','violent_threat'];
const errs = []; const convs = []; const ids = new Set();
for (const f of readdirSync(dir).filter((f) => /^part-\d+\.jsonl$/.test(f)).sort()) {
  readFileSync(join(dir, f), 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let c; try { c = JSON.parse(line); } catch (e) { errs.push(`${f}:${i + 1}: bad JSON: ${e.message}`); return; }
    const at = `${f}:${i + 1} ${c.id}`;
    if (typeof c.id !== 'string' || !c.id.startsWith(prefix + '-')) errs.push(`${at}: id must start with ${prefix}-`);
    if (ids.has(c.id)) errs.push(`${at}: duplicate id`); ids.add(c.id);
    if (!['fr', 'en'].includes(c.lang)) errs.push(`${at}: lang must be fr or en`);
    if (!(c.room === null || typeof c.room === 'string')) errs.push(`${at}: room must be null or a string`);
    if (!Array.isArray(c.categories) || c.categories.some((k) => !CATS.includes(k))) errs.push(`${at}: bad categories`);
    if (!Array.isArray(c.messages) || c.messages.length < 2) { errs.push(`${at}: messages must have ≥ 2 entries`); return; }
    for (const m of c.messages) if (!Array.isArray(m) || m.length !== 2 || typeof m[0] !== 'string' || typeof m[1] !== 'string' || !m[1].trim()) errs.push(`${at}: each message is [sender, text]`);
    const ev = c.evidentAt ?? {};
    for (const k of c.categories ?? []) { const n = ev[k]; if (!Number.isInteger(n) || n < 1 || n > c.messages.length) errs.push(`${at}: evidentAt.${k} must be 1..${c.messages.length}`); }
    for (const k of Object.keys(ev)) if (!(c.categories ?? []).includes(k)) errs.push(`${at}: evidentAt has ${k} not in categories`);
    const senders = new Set(c.messages.map((m) => m[0]));
    if (!Array.isArray(c.minors) || c.minors.some((s) => !senders.has(s))) errs.push(`${at}: minors must be sender names`);
    if (typeof c.notes !== 'string' || c.notes.length < 10) errs.push(`${at}: notes missing`);
    convs.push(c);
  });
}
const n = convs.length, benign = convs.filter((c) => c.categories.length === 0).length, fr = convs.filter((c) => c.lang === 'fr').length;
const per = Object.fromEntries(CATS.map((k) => [k, convs.filter((c) => c.categories.includes(k)).length]));
if (n !== COUNT) errs.push(`need exactly ${COUNT} conversations, have ${n}`);
if (benign < MIN_BENIGN) errs.push(`need ≥ ${MIN_BENIGN} benign, have ${benign}`);
if (fr < MIN_FR) errs.push(`need ≥ ${MIN_FR} French, have ${fr}`);
for (const [k, v] of Object.entries(per)) if (v < MIN_PER) errs.push(`${k}: need ≥ ${MIN_PER}, have ${v}`);
console.log(JSON.stringify({ conversations: n, benign, fr, en: n - fr, per }));
if (errs.length) { console.log(errs.slice(0, 60).join('\n')); console.log(`${errs.length} error(s)`); process.exit(1); }
console.log('OK');
