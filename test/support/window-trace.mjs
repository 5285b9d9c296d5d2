#!/usr/bin/env node
// Where does the window model's evidence get lost? For each writer folder, runs the engine (default options,
// or --gate X for the window gate) with the window model wrapped so that every window it scores is recorded,
// then lists, per labelled (conversation, category) the window model raised (calibrated ≥ 0.5 on some window
// the engine ran) but the engine never acted on: how many windows raised it, whether the engine listed the
// category at all on those messages (asserted but not acting), and the reasons on those messages.
//
// usage: node test/support/window-trace.mjs --extra corpus/written --set wx,wy,wz [--gate 0] [--detail] [--root DIR]
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (n) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : undefined; };
const root = resolve(opt('--root') ?? join(dirname(fileURLToPath(import.meta.url)), '../..'));
const { loadPolicy, loadRuleSet, engineFromParts, compileEngineOptions, createState, calibrate } = await import(join(root, 'dist/services/engine/engine.js'))
  .then(async (e) => ({ ...e, loadRuleSet: (await import(join(root, 'dist/services/engine/rules/index.js'))).loadRuleSet }));
const { loadTextClassifier } = await import(join(root, 'dist/services/engine/model/onnx-classifier.js'));
const jsonl = (p) => readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

const raw = opt('--gate') !== undefined ? { windowGateFloor: Number(opt('--gate')) } : {};
const options = compileEngineOptions(raw);
const policy = await loadPolicy(options.policyFile);
const rules = await loadRuleSet(options.rulesDir);
const model = await loadTextClassifier(options.modelDir);
const inner = await loadTextClassifier(options.windowModelDir);
let lastWindow = null;
const windowModel = new Proxy(inner, { get(t, k) {
  if (k === 'scoreWindows') return async (w) => { const r = await t.scoreWindows(w); lastWindow = r[0]; return r; };
  const v = t[k]; return typeof v === 'function' ? v.bind(t) : v;
} });
const engine = engineFromParts({ rules, policy, model, windowModel, options });
const only = opt('--set')?.split(',');
const dir = opt('--extra') ?? 'corpus/written';
const tally = { benign: 0, benignRaised1: 0, benignRaised2: 0, benignActed: 0, foundRaised: 0, raised: 0, lostNoAssert: 0, lostAssertedAllow: 0, raisedOnce: 0, raisedTwice: 0, notRaised: 0, found: 0 };
for (const w of readdirSync(dir).sort()) {
  if (only && !only.includes(w) || !existsSync(join(dir, w, 'messages.jsonl'))) continue;
  const msgs = jsonl(join(dir, w, 'messages.jsonl')).map((m) => ({ ...m, sentAt: Date.parse(m.sentAt) }));
  const labels = new Map(jsonl(join(dir, w, 'labels.jsonl')).map((l) => [l.conversationId, l]));
  const state = createState();
  const byConv = new Map();
  for (const m of msgs) {
    lastWindow = null;
    const [v] = await engine.classifyBatch([m], state);
    const raised = [];
    if (lastWindow) for (let j = 0; j < inner.labels.length; j++) if (calibrate(lastWindow[j], inner.thresholds[j]) >= 0.5) raised.push(inner.labels[j]);
    (byConv.get(m.conversationId) ?? byConv.set(m.conversationId, []).get(m.conversationId)).push({ m, v, raised });
  }
  for (const [cid, rows] of byConv) {
    const l = labels.get(cid); if (!l) continue;
    if (!l.categories.length) {
      tally.benign++;
      const n = {};
      for (const r of rows) for (const c of r.raised) n[c] = (n[c] ?? 0) + 1;
      const max = Math.max(0, ...Object.values(n));
      if (max >= 1) tally.benignRaised1++;
      if (max >= 2) { tally.benignRaised2++; if (args.includes('--benign')) console.log(`BENIGN ${cid} ${JSON.stringify(n)}`); }
      if (rows.some((r) => r.v.action !== 'allow' || r.v.escalation)) tally.benignActed++;
    }
    for (const c of l.categories) {
      const acted = rows.some((r) => (r.v.action !== 'allow' || r.v.escalation) && r.v.categories.some((x) => x.category === c));
      const hits = rows.filter((r) => r.raised.includes(c));
      if (acted) { tally.found++; if (hits.length) tally.foundRaised++; continue; }
      if (!hits.length) { tally.notRaised++; continue; }
      tally.raised++;
      if (hits.length >= 2) tally.raisedTwice++; else tally.raisedOnce++;
      const listed = hits.some((r) => r.v.categories.some((x) => x.category === c));
      if (listed) tally.lostAssertedAllow++; else tally.lostNoAssert++;
      console.log(`LOST ${cid}:${c} windows=${hits.length}/${rows.length} listed=${listed}`);
      if (args.includes('--detail')) for (const r of hits) console.log(`   ${r.m.messageId} [${r.v.action}] ${r.m.text.slice(0, 90)} | ${r.v.reasons.join(' ; ').slice(0, 240)}`);
    }
  }
}
console.log(JSON.stringify(tally));
await engine.close();
