import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../engine-options.js';
import { ModelProto } from './onnx-proto.js';

/** The ONNX file the runtime hashes is the one `train-window`/`train` writes for the manifest's name and version (models/README.md's commands reproduce it byte for byte). */
for (const name of ['vigie-fasttext-v1', 'vigie-window-v1']) {
  test(`shipped ${name}: the ONNX file's metadata and doc string name the manifest's version`, () => {
    const dir = resolve(REPO_ROOT, 'models', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { name: string; version: string; file: string };
    const model = ModelProto.toObject(ModelProto.decode(readFileSync(join(dir, manifest.file))), { defaults: false, arrays: true }) as {
      doc_string?: string; metadata_props?: { key: string; value: string }[];
    };
    const meta = Object.fromEntries((model.metadata_props ?? []).map((p) => [p.key, p.value]));
    assert.equal(meta['name'], manifest.name);
    assert.equal(meta['version'], manifest.version);
    assert.ok(model.doc_string?.startsWith(`${manifest.name} ${manifest.version}:`), `doc string: ${model.doc_string?.slice(0, 60)}`);
  });
}
