import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { writeClassifierOnnx, IO } from './onnx-writer.js';
import { MANIFEST_FORMAT, type ModelManifest } from '../engine/model/manifest.js';
import type { TrainResult } from './trainer.js';
import type { WindowSettings } from '../engine/model/window-featuriser.js';

export interface ExportInfo {
  name: string;
  version: string;
  /** Training-data summary (counts, languages, source files with sha256) and options, copied into the manifest. */
  training: unknown;
  /** Metrics on data not trained on (e.g. hand-written examples), if measured. */
  external?: unknown;
  createdBy: string;
  createdAt: string;
}

/** Writes `<dir>/model.onnx` and `<dir>/manifest.json`; returns the manifest and the ONNX size in bytes. */
export function exportModel(dir: string, r: TrainResult & { window?: WindowSettings; corroborationThresholds?: TrainResult['thresholds'] }, info: ExportInfo): { manifest: ModelManifest; onnxBytes: number } {
  mkdirSync(dir, { recursive: true });
  const onnx = writeClassifierOnnx(r.params, {
    graphName: info.name,
    producerVersion: info.version,
    docString: `${info.name} ${info.version}: hashed n-gram embedding bag${r.window ? ` over a ${r.window.messages}-message conversation window` : ''}, `
      + `multi-label sigmoid over ${r.labels.length} labels`,
    metadata: { name: info.name, version: info.version, labels: r.labels.join(',') },
  });
  writeFileSync(join(dir, 'model.onnx'), onnx);
  const manifest: ModelManifest = {
    format: MANIFEST_FORMAT,
    name: info.name,
    version: info.version,
    file: 'model.onnx',
    sha256: createHash('sha256').update(onnx).digest('hex'),
    labels: r.labels,
    input: r.window ? { kind: 'window-hashed-bag', ids: IO.ids, weights: IO.weights, window: r.window } : { kind: 'hashed-bag', ids: IO.ids, weights: IO.weights },
    output: { name: IO.probs, activation: 'sigmoid' },
    featuriser: r.featuriser,
    thresholds: r.thresholds,
    ...(r.corroborationThresholds ? { corroborationThresholds: r.corroborationThresholds } : {}),
    training: { ...(info.training as object), split: r.split, durationMs: r.durationMs, architecture: { dim: r.params.dim, hidden: r.params.hidden, rows: r.params.rows } },
    metrics: {
      heldOut: r.metrics,
      ...(info.external ? { external: info.external } : {}),
      note: 'test half of the held-out split; thresholds chosen on the calibration half. Held-out data comes from the same templates as training, so these figures overstate real-world quality.'
    },
    createdBy: info.createdBy,
    createdAt: info.createdAt,
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { manifest, onnxBytes: onnx.length };
}
