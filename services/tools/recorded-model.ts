/**
 * A TextClassifier that answers from scores recorded once from the real model, with thresholds
 * the caller may change between runs. `vigie tune` runs the engine hundreds of times over the same
 * messages; the ONNX model then runs once, and every run sees exactly the probabilities the real
 * model gives (the engine reads `thresholds` message by message, so a changed threshold acts
 * exactly as a changed manifest would: both hold Float32 values).
 */
import type { TextClassifier } from '../engine/model/onnx-classifier.js';

export interface RecordedModel extends TextClassifier {
  /** Rows recorded so far, in the order the engine asked for them. */
  readonly rows: Float32Array[];
  /** Switch from recording (delegate to the real model) to replaying from the first row. */
  rewind(): void;
}

export function recordedModel(real: TextClassifier): RecordedModel {
  const rows: Float32Array[] = [];
  const thresholds = Float32Array.from(real.thresholds);
  let replaying = false;
  let cursor = 0;
  return {
    manifest: real.manifest,
    id: real.id,
    labels: real.labels,
    thresholds,
    corroborationThresholds: real.corroborationThresholds && Float32Array.from(real.corroborationThresholds),
    backend: real.backend,
    window: real.window,
    rows,
    rewind() { replaying = true; cursor = 0; },
    async scoreBatch(inputs) {
      if (!replaying) {
        const out = await real.scoreBatch(inputs);
        rows.push(...out);
        return out;
      }
      if (cursor + inputs.length > rows.length) throw new Error(`recorded model: asked for rows ${cursor}..${cursor + inputs.length} of ${rows.length} (runs must batch identically)`);
      const out = rows.slice(cursor, cursor + inputs.length);
      cursor += inputs.length;
      return out;
    },
    // tune records message models only; a window model is passed through unrecorded.
    async scoreWindows(windows) { return real.scoreWindows(windows); },
    async close() { await real.close(); },
  };
}
