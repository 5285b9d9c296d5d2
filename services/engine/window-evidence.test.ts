/**
 * windowEvidence (engine.ts): what the window model's row adds to a message, as the engine's `finish` read it inline
 * before round 11b (the bench's stage lines now call it too).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrate, windowEvidence } from './engine.js';
import type { TextClassifier } from './model/onnx-classifier.js';
import type { Evidence } from './context.js';

function fakeWindowModel(labels: string[], thresholds: number[], corroboration: number[] | null): TextClassifier {
  return { labels, thresholds: Float32Array.from(thresholds), corroborationThresholds: corroboration ? Float32Array.from(corroboration) : null } as unknown as TextClassifier;
}

test('windowEvidence: calibrated category scores capped at 0.64, signals joined to the message\'s, raised at the corroboration threshold', () => {
  const wm = fakeWindowModel(['child_grooming', 'prostitution', 'age_inquiry', 'violent_threat'], [0.5, 0.4, 0.5, 0.6], [0.9, 0.45, 0.5, 0.95]);
  const categories: Partial<Record<string, Evidence>> = {};
  const signals: Partial<Record<string, Evidence>> = { age_inquiry: { score: 0.5, sources: ['rule:x'] } };
  const row = Float32Array.of(0.95, 0.5, 0.8, 0.1);
  const w = windowEvidence(wm, row, 'model:w@1', categories as never, signals as never)!;
  assert.equal(w.source, 'model:w@1');
  // 0.95 over threshold 0.5 calibrates to 0.95 (capped 0.64); 0.5 over 0.4 to ~0.583; 0.1 under 0.6 to ~0.083 (below the floor).
  assert.deepEqual(w.scores, { child_grooming: 0.64, prostitution: Math.round(calibrate(Math.fround(0.5), Math.fround(0.4)) * 1000) / 1000 });
  assert.deepEqual(w.raised, ['child_grooming', 'prostitution']);
  // A signal label: noisy-or with the message's own evidence, source recorded; categories untouched.
  const c = calibrate(Math.fround(0.8), 0.5);
  assert.equal(signals.age_inquiry!.score, 1 - (1 - 0.5) * (1 - c));
  assert.deepEqual(signals.age_inquiry!.sources, ['rule:x', 'model:w@1']);
  assert.deepEqual(categories, {});
});

test('windowEvidence: undefined when nothing reaches the floor or a threshold; raised at 0.5 calibrated without corroboration thresholds', () => {
  const wm = fakeWindowModel(['child_grooming', 'prostitution'], [0.5, 0.5], null);
  assert.equal(windowEvidence(wm, Float32Array.of(0.1, 0.2), 's', {}, {}), undefined);
  const w = windowEvidence(wm, Float32Array.of(0.5, 0.3), 's', {}, {})!;
  assert.deepEqual(w.raised, ['child_grooming']);
  assert.deepEqual(w.scores, { child_grooming: 0.5 });
  // Scores without a raised category: raised is empty (the engine then adds no support).
  const only = windowEvidence(fakeWindowModel(['prostitution'], [0.5], [0.99]), Float32Array.of(0.6), 's', {}, {})!;
  assert.deepEqual(only.raised, []);
  assert.ok(only.scores.prostitution! > 0.5);
});
