import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTextClassifier } from './onnx-classifier.js';
import { validateManifest } from './manifest.js';
import { ModelError } from '../../contracts/errors.js';
import { REPO_ROOT } from '../engine-options.js';

// dist/services/engine/model → repository root
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const SHIPPED = join(ROOT, 'models', 'vigie-fasttext-v1');

const POSITIVE: [string, string][] = [
  ['ajoute moi sur snap', 'off_platform_contact'],
  ['add me on snapchat', 'off_platform_contact'],
  ["j'ai 13 ans", 'minor_disclosure'],
  ["i'm 12", 'minor_disclosure'],
  ['tu as quel âge ?', 'age_inquiry'],
  ['how old are you?', 'age_inquiry'],
  ['ne dis rien à tes parents, c\'est notre secret', 'secrecy_request'],
  ['envoie moi une photo de toi', 'image_request'],
  ['je vais te crever sale merde', 'violent_threat'],
  ['vends glock avec deux chargeurs 1500 cash', 'weapons_trafficking'],
  ['beuh dispo 10 le g livraison rapide', 'drug_trafficking'],
  ['massage complet 100 la demi heure, écrivez sur telegram', 'prostitution'],
  ['put ghb in her drink and she won\'t remember anything', 'drug_facilitated_assault'],
];
const BENIGN = ['bonne nuit à demain', 'on a perdu le match hier', 'mets du thym dans la sauce', 'the cat threw up again', 'can you send me the notes from class?'];

test('shipped model: clear examples score above their label threshold, benign ones below every category threshold', async () => {
  const clf = await loadTextClassifier(SHIPPED);
  assert.equal(clf.labels.length, 16);
  const scores = await clf.scoreBatch([...POSITIVE.map(([t]) => t), ...BENIGN]);
  POSITIVE.forEach(([text, label], i) => {
    const k = clf.labels.indexOf(label as never);
    assert.ok(scores[i]![k]! >= clf.thresholds[k]!, `"${text}" → ${label} ${scores[i]![k]} < ${clf.thresholds[k]}`);
  });
  BENIGN.forEach((text, j) => {
    const row = scores[POSITIVE.length + j]!;
    for (let k = 0; k < 8; k++) assert.ok(row[k]! < clf.thresholds[k]!, `"${text}" → ${clf.labels[k]} ${row[k]}`);
  });
  await clf.close();
});

test('batched inference equals one-by-one inference regardless of chunking and padding', async () => {
  const clf = await loadTextClassifier(SHIPPED, { maxBatch: 3 });
  const texts = [...POSITIVE.map(([t]) => t), ...BENIGN, '', 'un message beaucoup plus long que les autres pour forcer du remplissage dans le lot '.repeat(3)];
  const batched = await clf.scoreBatch(texts);
  assert.equal(batched.length, texts.length);
  for (let i = 0; i < texts.length; i++) {
    const [single] = await clf.scoreBatch([texts[i]!]);
    for (let k = 0; k < 16; k++) assert.ok(Math.abs(single![k]! - batched[i]![k]!) < 1e-5, `text ${i} label ${k}`);
  }
  await clf.close();
});

test('manifest validation reports each problem', () => {
  const good = JSON.parse(readFileSync(join(SHIPPED, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(validateManifest(good, 'x').name, 'vigie-fasttext-v1');
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ format: 'other/1' }, /format/],
    [{ name: '' }, /name/],
    [{ labels: ['child_grooming', 'not_a_label'] }, /not_a_label/],
    [{ labels: [] }, /labels/],
    [{ input: { kind: 'token-ids', ids: 'a', weights: 'b' } }, /input.kind/],
    [{ output: { name: 'probs', activation: 'softmax' } }, /activation/],
    [{ featuriser: { ...(good.featuriser as object), hash: 'murmur3' } }, /featuriser.hash/],
    [{ thresholds: { child_grooming: 2 } }, /thresholds.child_grooming/],
    [{ file: '../etc/passwd' }, /file/],
    [{ sha256: 'abc' }, /sha256/],
  ];
  for (const [patch, re] of cases) {
    assert.throws(() => validateManifest({ ...good, ...patch }, 'x'), (e: unknown) => e instanceof ModelError && re.test(e.message) && !e.retriable, JSON.stringify(patch));
  }
  assert.throws(() => validateManifest([], 'x'), /not a JSON object/);
  // Corroboration thresholds: window models only, known labels, never below the label's threshold.
  const win = JSON.parse(readFileSync(join(REPO_ROOT, 'models/vigie-window-v1/manifest.json'), 'utf8')) as Record<string, unknown>;
  assert.ok(validateManifest(win, 'w').corroborationThresholds);
  const { corroborationThresholds: _c, ...plain } = win;
  assert.equal(validateManifest(plain, 'w').corroborationThresholds, undefined);
  const bad: [Record<string, unknown>, Record<string, unknown>, RegExp][] = [
    [good, { corroborationThresholds: { child_grooming: 0.9 } }, /only a window model/],
    [win, { corroborationThresholds: { nope: 0.9 } }, /corroborationThresholds.nope: not one of the model's labels/],
    [win, { corroborationThresholds: { child_grooming: 0.1 } }, /corroborationThresholds.child_grooming: 0.1 is below thresholds.child_grooming/],
    [win, { corroborationThresholds: { child_grooming: 'high' } }, /must be a number/],
    [win, { corroborationThresholds: [0.5] }, /must be an object/],
  ];
  for (const [base, patch, re] of bad) {
    assert.throws(() => validateManifest({ ...base, ...patch }, 'x'), (e: unknown) => e instanceof ModelError && re.test(e.message), JSON.stringify(patch));
  }
});

test('loading fails clearly on a missing manifest, a checksum mismatch and undeclared tensors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-model-'));
  try {
    await assert.rejects(loadTextClassifier(dir), (e: unknown) => e instanceof ModelError && /manifest.json/.test(e.message));
    const manifest = JSON.parse(readFileSync(join(SHIPPED, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    copyFileSync(join(SHIPPED, 'model.onnx'), join(dir, 'model.onnx'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, sha256: '0'.repeat(64) }));
    await assert.rejects(loadTextClassifier(dir), /sha256/);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, output: { name: 'scores', activation: 'sigmoid' } }));
    await assert.rejects(loadTextClassifier(dir), /graph lacks tensors declared in the manifest: scores/);
    writeFileSync(join(dir, 'manifest.json'), '{ nope');
    await assert.rejects(loadTextClassifier(dir), /not valid JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Loads the shipped models in a fresh node process with `backend` and tells whether onnxruntime's native library is mapped in it. */
function onnxRuntimeMappedAfterLoading(backend: 'auto' | 'onnxruntime'): boolean {
  const script = `
    import { readFileSync } from 'node:fs';
    const { loadTextClassifier } = await import(${JSON.stringify(new URL('./onnx-classifier.js', import.meta.url).href)});
    for (const dir of ${JSON.stringify([SHIPPED, join(ROOT, 'models', 'vigie-window-v1')])}) {
      await loadTextClassifier(dir, { backend: ${JSON.stringify(backend)} });
    }
    process.stdout.write(JSON.stringify({ mapped: /onnxruntime/.test(readFileSync('/proc/self/maps', 'utf8')) }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return (JSON.parse(out) as { mapped: boolean }).mapped;
}

test('models scored in TypeScript never load onnxruntime (its native library stays out of the process); a graph scored by onnxruntime loads it', () => {
  assert.equal(onnxRuntimeMappedAfterLoading('auto'), false, 'onnxruntime mapped although both shipped models score in TypeScript');
  assert.equal(onnxRuntimeMappedAfterLoading('onnxruntime'), true, 'the check itself must see onnxruntime once a session is created');
});
