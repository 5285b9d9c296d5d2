import { ModelProto, DataType, AttrType } from '../engine/model/onnx-proto.js';
import type { FastTextParams } from './fasttext-model.js';

export interface OnnxWriteMeta {
  graphName: string;
  producerVersion: string;
  docString: string;
  metadata: Record<string, string>;
}

/** Names of the graph inputs/outputs; the manifest declares the same names. */
export const IO = { ids: 'ids', weights: 'weights', probs: 'probs' } as const;

const OPSET = 13;
const IR_VERSION = 7; // IR 7 pairs with opset 13.

function tensor(name: string, dims: number[], data: Float32Array | BigInt64Array, dataType: number): object {
  return { name, dims, data_type: dataType, raw_data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]): object {
  return {
    name,
    type: { tensor_type: { elem_type: elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) } } },
  };
}

/**
 * Serialises the classifier as an ONNX model (opset 13):
 *   ids int64 [batch, len], weights float [batch, len]  (weights = 1/len for real ids, 0 for padding)
 *   Gather(E, ids) * Unsqueeze(weights, 2) → ReduceSum(axis 1) → [MatMul+Add → Relu] → MatMul+Add → Sigmoid → probs [batch, labels]
 * Little-endian raw_data is what ONNX requires, and what Float32Array holds on the platforms Node supports.
 */
export function writeClassifierOnnx(p: FastTextParams, meta: OnnxWriteMeta): Uint8Array {
  const inits: object[] = [
    tensor('E', [p.rows, p.dim], p.emb, DataType.FLOAT),
    tensor('axes_2', [1], BigInt64Array.from([2n]), DataType.INT64),
    tensor('axes_1', [1], BigInt64Array.from([1n]), DataType.INT64),
  ];
  const nodes: object[] = [
    { op_type: 'Gather', name: 'embed', input: ['E', IO.ids], output: ['emb'], attribute: [{ name: 'axis', type: AttrType.INT, i: 0 }] },
    { op_type: 'Unsqueeze', name: 'w3', input: [IO.weights, 'axes_2'], output: ['w3'] },
    { op_type: 'Mul', name: 'weigh', input: ['emb', 'w3'], output: ['embw'] },
    { op_type: 'ReduceSum', name: 'bag', input: ['embw', 'axes_1'], output: ['bag'], attribute: [{ name: 'keepdims', type: AttrType.INT, i: 0 }] },
  ];
  let x = 'bag';
  if (p.hidden > 0) {
    inits.push(tensor('W1', [p.dim, p.hidden], p.w1, DataType.FLOAT), tensor('B1', [p.hidden], p.b1, DataType.FLOAT));
    nodes.push(
      { op_type: 'MatMul', name: 'fc1', input: [x, 'W1'], output: ['h1'] },
      { op_type: 'Add', name: 'fc1_bias', input: ['h1', 'B1'], output: ['h1b'] },
      { op_type: 'Relu', name: 'relu', input: ['h1b'], output: ['h1r'] },
    );
    x = 'h1r';
  }
  const inDim = p.hidden > 0 ? p.hidden : p.dim;
  inits.push(tensor('W2', [inDim, p.labels], p.w2, DataType.FLOAT), tensor('B2', [p.labels], p.b2, DataType.FLOAT));
  nodes.push(
    { op_type: 'MatMul', name: 'fc2', input: [x, 'W2'], output: ['z'] },
    { op_type: 'Add', name: 'fc2_bias', input: ['z', 'B2'], output: ['zb'] },
    { op_type: 'Sigmoid', name: 'sigmoid', input: ['zb'], output: [IO.probs] },
  );
  const model = {
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: OPSET }],
    producer_name: 'vigie-trainer',
    producer_version: meta.producerVersion,
    doc_string: meta.docString,
    graph: {
      name: meta.graphName,
      node: nodes,
      initializer: inits,
      input: [valueInfo(IO.ids, DataType.INT64, ['batch', 'len']), valueInfo(IO.weights, DataType.FLOAT, ['batch', 'len'])],
      output: [valueInfo(IO.probs, DataType.FLOAT, ['batch', p.labels])],
    },
    metadata_props: Object.entries(meta.metadata).map(([key, value]) => ({ key, value })),
  };
  const err = ModelProto.verify(model);
  if (err) throw new Error(`ONNX model does not verify: ${err}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}
