import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { loadTextClassifier, type WindowText } from './onnx-classifier.js';
import { REPO_ROOT } from '../engine-options.js';
import { createEngine, createState } from '../engine.js';
import type { ChatMessage } from '../../contracts/types.js';
import { windowSupport } from '../window-stage.js';
import type { SupportKind } from '../policy.js';

const SHIPPED = resolve(REPO_ROOT, 'models/vigie-window-v1');

/** A slow grooming conversation written for this test: no age number, the harm is in the sequence. [sender, text] */
const GROOMING: [string, string][] = [
  ['coach', 'gg pour la partie, tu joues bien pour quelqu un qui debute'],
  ['lea', 'merci lol je joue depuis cet ete'],
  ['coach', 'tu es en quelle classe au fait ?'],
  ['lea', 'en 5eme'],
  ['coach', 't es super mature pour ton age, les gens de ta classe te comprennent pas hein'],
  ['coach', 'je peux te payer le pass de combat si tu veux, ca me fait plaisir'],
  ['lea', 'serieux ?? merci trop'],
  ['coach', 'par contre tu le dis a personne, ni a tes parents, c est entre nous'],
  ['coach', 'viens sur l autre appli on sera plus tranquilles, envoie moi une photo de toi'],
];

const windowsOf = (conv: [string, string][], k: number): WindowText[][] =>
  conv.map(([me], j) => conv.slice(Math.max(0, j - k + 1), j + 1).map(([who, text]) => ({ text, mine: who === me })));

test('shipped window model: a slow grooming conversation crosses the child_grooming threshold once gifts and secrecy follow the school year', async () => {
  const clf = await loadTextClassifier(SHIPPED);
  assert.ok(clf.window, 'the shipped window model declares its window');
  const g = clf.labels.indexOf('child_grooming');
  const t = clf.thresholds[g]!;
  const p = (await clf.scoreWindows(windowsOf(GROOMING, clf.window.messages))).map((row) => row[g]!);
  const first = p.findIndex((x) => x >= t);
  assert.ok(first >= 4, `raised too early (message ${first}): ${p.map((x) => x.toFixed(2)).join(' ')} (threshold ${t})`);
  assert.ok(first !== -1 && first <= 8, `never raised: ${p.map((x) => x.toFixed(2)).join(' ')} (threshold ${t})`);
  assert.ok(p[8]! >= t, `last message ${p[8]} < ${t}`);
  // The same words with the roles of a benign chat between two classmates around a game stay below it.
  const benign = (await clf.scoreWindows(windowsOf([
    ['a', 'gg pour la partie'], ['b', 'merci, on refait une game ce soir ?'], ['a', 'ok apres les devoirs, on est en 5eme on a trop de trucs'],
    ['b', 'grave, le prof de maths abuse'], ['a', 'je rejoins a 20h sur le serveur'],
  ], clf.window.messages))).map((row) => row[g]!);
  assert.ok(benign.every((x) => x < t), `benign chat raised: ${benign.map((x) => x.toFixed(2)).join(' ')}`);
  await clf.close();
});

test('engine with the shipped window model: its source appears on the grooming conversation', async () => {
  const engine = await createEngine({ windowModelDir: SHIPPED, windowGateFloor: 0 });
  const msgs: ChatMessage[] = GROOMING.map(([who, text], i) => ({
    messageId: `g${i}`, tenantId: null, conversationId: 'groom', roomId: null, senderId: who, recipientId: who === 'coach' ? 'lea' : 'coach',
    text, sentAt: 1_700_000_000_000 + i * 60_000, senderIp: null, senderDeclaredAge: who === 'coach' ? 24 : null, locale: 'fr',
  }));
  const verdicts = await engine.classifyBatch(msgs, createState());
  const windowed = verdicts.filter((v) => v.categories.some((c) => c.category === 'child_grooming' && c.sources.some((s) => s.startsWith('model:vigie-window-v1@'))));
  assert.ok(windowed.length > 0, JSON.stringify(verdicts.map((v) => v.categories)));
  assert.ok(verdicts.at(-1)!.categories.some((c) => c.category === 'child_grooming'));
  await engine.close();
});

test('engine: the shipped window model runs by default; windowModelDir "none" turns it off', async () => {
  const on = await createEngine({ modelDir: 'none' });
  assert.match(on.versions.model, /^none\+vigie-window-v1@/);
  await on.close();
  const off = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  assert.equal(off.versions.model, 'none');
  await off.close();
});

test('windowSupport: window-model evidence is a model kind beside another kind, never alone', () => {
  const support: Partial<Record<'ambush' | 'child_grooming' | 'drug_trafficking', SupportKind[]>> = {
    ambush: ['rule'], child_grooming: ['context', 'model'], drug_trafficking: [],
  };
  windowSupport(support, ['ambush', 'child_grooming', 'drug_trafficking', 'weapons_trafficking']);
  assert.deepEqual(support, { ambush: ['rule', 'model'], child_grooming: ['context', 'model'], drug_trafficking: [] });
});

test('window model: its score corroborates other evidence only from its corroboration thresholds (friends reporting a spiked drink stay at flag)', async () => {
  // wk-068 (corpus/written/wk, benign): friends think someone spiked their friend's drink and take her to hospital.
  // "je pense qu'on a mis quelque chose dans son verre" hits a drugging rule; the shipped window model scores the
  // conversation below its corroboration threshold for drugging, so the rule stays uncorroborated (flag). The same model
  // without corroboration thresholds corroborates from its flag thresholds: set to 0.01 here (whatever the shipped
  // model's own flag-level score on this conversation: 1.10.0 scored it above 0.2, 1.12.0 below), its score corroborates
  // the rule: hold.
  const { readFileSync, mkdtempSync, mkdirSync, writeFileSync, copyFileSync, cpSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const msgs: ChatMessage[] = readFileSync(resolve(REPO_ROOT, 'corpus/written/wk/messages.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as ChatMessage & { sentAt: string }).filter((m) => m.conversationId === 'wk-068')
    .map((m) => ({ ...m, tenantId: null, sentAt: Date.parse(m.sentAt) }));
  assert.equal(msgs.length, 7);
  const manifest = JSON.parse(readFileSync(join(SHIPPED, 'manifest.json'), 'utf8')) as { corroborationThresholds?: Record<string, number>; thresholds: Record<string, number> };
  assert.ok(manifest.corroborationThresholds, 'the shipped window model has corroboration thresholds');
  const clf = await loadTextClassifier(SHIPPED);
  assert.deepEqual([...clf.corroborationThresholds!], clf.labels.map((l) => Math.fround(manifest.corroborationThresholds![l]!)));
  await clf.close();
  const dir = mkdtempSync(join(tmpdir(), 'vigie-window-nocorr-'));
  try {
    copyFileSync(join(SHIPPED, 'model.onnx'), join(dir, 'model.onnx'));
    const { corroborationThresholds: _drop, ...rest } = manifest;
    const low = Object.fromEntries(Object.keys(rest.thresholds).map((l) => [l, 0.01]));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...rest, thresholds: low }));
    // The rules without d42p.rules: its `suspected_spike` frame (stop 42) caps this conversation at review by itself,
    // which would hide the contrast this test is about (the window score's own corroboration threshold).
    const rulesDir = join(dir, 'rules');
    cpSync(resolve(REPO_ROOT, 'rules'), rulesDir, { recursive: true });
    const rm = JSON.parse(readFileSync(join(rulesDir, 'manifest.json'), 'utf8')) as { files: string[] };
    assert.ok(rm.files.includes('d42p.rules'));
    writeFileSync(join(rulesDir, 'manifest.json'), JSON.stringify({ ...rm, files: rm.files.filter((f) => f !== 'd42p.rules') }));
    const run = async (windowModelDir: string): Promise<string[]> => {
      const engine = await createEngine({ rulesDir, windowModelDir });
      const vs = await engine.classifyBatch(msgs, createState());
      await engine.close();
      return vs.map((v) => v.action);
    };
    const shipped = await run(SHIPPED), single = await run(dir);
    assert.ok(shipped.every((a) => a === 'allow' || a === 'flag'), `shipped: ${shipped.join(',')}`);
    assert.equal(shipped[2], 'flag');
    assert.equal(single[2], 'hold', `without corroboration thresholds: ${single.join(',')}`);
    // Which threshold corroborates: with the same low flag thresholds, the shipped corroboration thresholds stay at
    // flag and low ones (a manifest's corroboration thresholds cannot be below its flag thresholds) hold.
    const variant = async (name: string, m: object): Promise<string[]> => {
      const d = join(dir, name);
      mkdirSync(d);
      copyFileSync(join(SHIPPED, 'model.onnx'), join(d, 'model.onnx'));
      writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
      return run(d);
    };
    const lowFlag = await variant('low-flag', { ...manifest, thresholds: low });
    assert.equal(lowFlag[2], 'flag', `low flag thresholds, shipped corroboration thresholds: ${lowFlag.join(',')}`);
    const lowCorr = await variant('low-corr', { ...manifest, thresholds: low, corroborationThresholds: low });
    assert.equal(lowCorr[2], 'hold', `low flag and corroboration thresholds: ${lowCorr.join(',')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
