/**
 * Writing a tuned model manifest: same ONNX file, new thresholds, bumped version. The previous
 * manifest stays recoverable: in place, it is saved as `manifest.<old version>.json` first; with an
 * output directory, the ONNX file is copied there and the source directory is not touched.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../contracts/errors.js';
import type { ModelManifest } from '../engine/model/manifest.js';
import type { Label } from '../contracts/taxonomy.js';

/** 1.2.3 → 1.2.4; a version not in x.y.z form gets `-tuned.N`. */
export function bumpVersion(v: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
  if (m) return `${m[1]}.${m[2]}.${Number(m[3]) + 1}`;
  const t = /^(.*)-tuned\.(\d+)$/.exec(v);
  return t ? `${t[1]}-tuned.${Number(t[2]) + 1}` : `${v}-tuned.1`;
}

export function tunedManifest(old: ModelManifest, thresholds: Partial<Record<Label, number>>, provenance: Record<string, unknown>): ModelManifest {
  return {
    ...old,
    version: bumpVersion(old.version),
    thresholds: { ...old.thresholds, ...thresholds },
    tuning: { previousVersion: old.version, previousThresholds: old.thresholds, ...provenance },
  } as ModelManifest;
}

/** Writes the manifest; returns the path written (and where the old one went, in place). */
export function writeTunedManifest(modelDir: string, outDir: string | null, manifest: ModelManifest, previousVersion: string): { manifestPath: string; backupPath: string | null } {
  const body = JSON.stringify(manifest, null, 2) + '\n';
  if (outDir && resolve(outDir) !== resolve(modelDir)) {
    mkdirSync(outDir, { recursive: true });
    if (existsSync(join(outDir, 'manifest.json'))) throw new ConfigError([`${outDir} already holds a manifest.json; choose an empty --out directory`]);
    copyFileSync(join(modelDir, manifest.file), join(outDir, manifest.file));
    writeFileSync(join(outDir, 'manifest.json'), body);
    return { manifestPath: join(outDir, 'manifest.json'), backupPath: null };
  }
  const backup = join(modelDir, `manifest.${previousVersion}.json`);
  if (existsSync(backup)) throw new ConfigError([`${backup} exists already; refusing to overwrite a saved manifest`]);
  writeFileSync(backup, readFileSync(join(modelDir, 'manifest.json')));
  const tmp = join(modelDir, `.manifest.json.${process.pid}.tmp`);
  writeFileSync(tmp, body);
  renameSync(tmp, join(modelDir, 'manifest.json'));
  return { manifestPath: join(modelDir, 'manifest.json'), backupPath: backup };
}
