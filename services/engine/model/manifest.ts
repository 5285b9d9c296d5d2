import { ModelError } from '../../contracts/errors.js';
import { LABELS, type Label } from '../../contracts/taxonomy.js';
import { featuriserProblems, type FeaturiserSettings } from './featuriser.js';
import { windowProblems, type WindowSettings } from './window-featuriser.js';

/** The manifest format this runtime reads (models/README.md documents it). */
export const MANIFEST_FORMAT = 'vigie-text-classifier/1';

export interface ModelManifest {
  format: typeof MANIFEST_FORMAT;
  name: string;
  version: string;
  /** ONNX file, relative to the manifest's directory. */
  file: string;
  /** sha256 (hex) of the ONNX file; checked at load when present. */
  sha256?: string;
  /** Output columns in order; a subset of the taxonomy labels. */
  labels: Label[];
  /**
   * How text reaches the graph: int64 ids + float weights, both [batch, len]. `hashed-bag`: one message's ids.
   * `window-hashed-bag`: the last `window.messages` messages of the conversation (window-featuriser.ts).
   */
  input: { kind: 'hashed-bag'; ids: string; weights: string } | { kind: 'window-hashed-bag'; ids: string; weights: string; window: WindowSettings };
  /** Output tensor [batch, labels.length]: probabilities (`sigmoid`) or logits (`none`, the runtime applies sigmoid). */
  output: { name: string; activation: 'sigmoid' | 'none' };
  featuriser: FeaturiserSettings;
  /** Per-label decision threshold on the probability; labels without one use 0.5. */
  thresholds: Partial<Record<Label, number>>;
  /**
   * Window models only, optional: per-label thresholds (each at least the label's threshold) at or above which the
   * score corroborates another kind of evidence; below them, from `thresholds` on, it is flag-level evidence only.
   * Absent: `thresholds` for both.
   */
  corroborationThresholds?: Partial<Record<Label, number>>;
  /** Free-form provenance: training data summary, metrics, creator. Not read by the runtime. */
  training?: unknown;
  metrics?: unknown;
  createdBy?: string;
  createdAt?: string;
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Validates a parsed manifest, reporting every problem at once. */
export function validateManifest(raw: unknown, modelId: string): ModelManifest {
  const p: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ModelError(modelId, 'manifest.json: not a JSON object');
  const m = raw as Record<string, unknown>;
  if (m.format !== MANIFEST_FORMAT) p.push(`format: expected "${MANIFEST_FORMAT}", got ${JSON.stringify(m.format)}`);
  for (const k of ['name', 'version', 'file'] as const) if (!isStr(m[k])) p.push(`${k}: missing or not a non-empty string`);
  if (isStr(m.file) && (m.file.includes('..') || m.file.startsWith('/'))) p.push(`file: must be a path inside the model directory, got "${m.file}"`);
  if (m.sha256 !== undefined && !(typeof m.sha256 === 'string' && /^[0-9a-f]{64}$/.test(m.sha256))) p.push('sha256: must be 64 lowercase hex characters');
  if (!Array.isArray(m.labels) || m.labels.length === 0) p.push('labels: missing or empty array');
  else {
    const seen = new Set<string>();
    for (const l of m.labels) {
      if (!(LABELS as readonly unknown[]).includes(l)) p.push(`labels: "${String(l)}" is not a taxonomy label`);
      if (seen.has(String(l))) p.push(`labels: "${String(l)}" listed twice`);
      seen.add(String(l));
    }
  }
  const input = m.input as Record<string, unknown> | undefined;
  if (typeof input !== 'object' || input === null) p.push('input: missing');
  else {
    if (input.kind !== 'hashed-bag' && input.kind !== 'window-hashed-bag') {
      p.push(`input.kind: unsupported ${JSON.stringify(input.kind)} (supported: "hashed-bag", "window-hashed-bag")`);
    }
    const maxLen = (m.featuriser as { maxLen?: unknown } | undefined)?.maxLen;
    if (input.kind === 'window-hashed-bag') p.push(...windowProblems(input.window, typeof maxLen === 'number' ? maxLen : undefined));
    else if (input.window !== undefined) p.push('input.window: only for kind "window-hashed-bag"');
    if (!isStr(input.ids)) p.push('input.ids: missing tensor name');
    if (!isStr(input.weights)) p.push('input.weights: missing tensor name');
  }
  const output = m.output as Record<string, unknown> | undefined;
  if (typeof output !== 'object' || output === null) p.push('output: missing');
  else {
    if (!isStr(output.name)) p.push('output.name: missing tensor name');
    if (output.activation !== 'sigmoid' && output.activation !== 'none') p.push(`output.activation: must be "sigmoid" or "none", got ${JSON.stringify(output.activation)}`);
  }
  p.push(...featuriserProblems(m.featuriser));
  // Per-label probabilities in [0, 1], keyed by the model's labels: `thresholds`, and a window model's optional
  // `corroborationThresholds` (each at least the label's threshold).
  const perLabel = (field: string, rec: Record<string, unknown>, atLeast?: Record<string, unknown>): void => {
    for (const [k, v] of Object.entries(rec)) {
      if (Array.isArray(m.labels) && !m.labels.includes(k)) p.push(`${field}.${k}: not one of the model's labels`);
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) p.push(`${field}.${k}: must be a number in [0, 1]`);
      else if (atLeast && v < ((atLeast[k] as number | undefined) ?? 0.5)) p.push(`${field}.${k}: ${v} is below thresholds.${k} (${String(atLeast[k] ?? 0.5)})`);
    }
  };
  const th = typeof m.thresholds === 'object' && m.thresholds !== null ? m.thresholds as Record<string, unknown> : null;
  if (!th) p.push('thresholds: missing object');
  else perLabel('thresholds', th);
  const cr = m.corroborationThresholds;
  if (cr !== undefined) {
    if (typeof cr !== 'object' || cr === null || Array.isArray(cr)) p.push('corroborationThresholds: must be an object');
    else {
      if ((m.input as { kind?: unknown } | undefined)?.kind !== 'window-hashed-bag') p.push('corroborationThresholds: only a window model (input.kind window-hashed-bag) has them');
      perLabel('corroborationThresholds', cr as Record<string, unknown>, th ?? {});
    }
  }
  if (p.length) throw new ModelError(modelId, `invalid manifest.json:\n  - ${p.join('\n  - ')}`);
  return m as unknown as ModelManifest;
}
