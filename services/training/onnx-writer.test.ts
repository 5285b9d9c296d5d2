import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { writeClassifierOnnx, IO } from './onnx-writer.js';
import { forward, type FastTextParams } from './fasttext-model.js';
import { Rng } from './rng.js';

function randomParams(seed: number, hidden: number): FastTextParams {
  const rng = new Rng(seed);
  const rows = 101, dim = 8, labels = 5;
  const r = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.next() * 2 - 1);
  const emb = r(rows * dim);
  emb.fill(0, 0, dim); // padding row
  return { emb, rows, dim, hidden, w1: r(dim * hidden), b1: r(hidden), w2: r((hidden || dim) * labels), b2: r(labels), labels };
}

for (const hidden of [0, 6]) {
  test(`ONNX writer output (hidden=${hidden}) loads in onnxruntime and matches the JS forward pass`, async () => {
    const p = randomParams(42 + hidden, hidden);
    const bytes = writeClassifierOnnx(p, { graphName: 't', producerVersion: 'test', docString: '', metadata: { k: 'v' } });
    const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
    assert.deepEqual(session.inputNames, [IO.ids, IO.weights]);
    assert.deepEqual(session.outputNames, [IO.probs]);
    const rows = [[3, 7, 7, 100], [1], [50, 51, 52, 53, 54, 55, 56]];
    const len = 7;
    const ids = new BigInt64Array(rows.length * len);
    const w = new Float32Array(rows.length * len);
    rows.forEach((r, b) => r.forEach((id, k) => { ids[b * len + k] = BigInt(id); w[b * len + k] = 1 / r.length; }));
    const out = await session.run({ [IO.ids]: new ort.Tensor('int64', ids, [rows.length, len]), [IO.weights]: new ort.Tensor('float32', w, [rows.length, len]) });
    const probs = out[IO.probs]!;
    assert.deepEqual(probs.dims, [rows.length, p.labels]);
    const data = probs.data as Float32Array;
    rows.forEach((r, b) => {
      const js = forward(p, r);
      for (let c = 0; c < p.labels; c++) assert.ok(Math.abs(js[c]! - data[b * p.labels + c]!) < 1e-5, `row ${b} label ${c}: ${js[c]} vs ${data[b * p.labels + c]}`);
    });
    // A changed parameter must change the output: the comparison is not vacuous.
    p.b2[0] = p.b2[0]! + 3;
    assert.ok(Math.abs(forward(p, rows[0]!)[0]! - data[0]!) > 1e-3);
    await session.release();
  });
}
