/**
 * Reads the weights of a hashed-bag classifier out of its ONNX file, so the runtime can score it in
 * TypeScript (bag-scorer.ts) instead of one onnxruntime call per batch. Only the graph the trainer writes
 * (services/training/onnx-writer.ts) is recognised, node by node and tensor by tensor:
 *   Gather(E, ids) · Unsqueeze(weights, [2]) → ReduceSum(axis 1) → [MatMul W1 + B1 → Relu] → MatMul W2 + B2 → [Sigmoid]
 * Any other graph (another trainer, another layout) returns null with the reason, and the runtime keeps
 * onnxruntime: the ONNX file stays the one artefact, and nothing is scored from weights it did not check.
 */
import { ModelProto, DataType } from './onnx-proto.js';

export interface BagWeights {
  /** Embedding rows (ids 0..rows-1; row 0 is padding) × dim, row-major. */
  emb: Float32Array;
  rows: number;
  dim: number;
  /** Optional hidden layer: W1 [dim, hidden], B1 [hidden]. */
  hidden: { w: Float32Array; b: Float32Array; size: number } | null;
  /** Output layer: W2 [inDim, labels], B2 [labels]. */
  out: { w: Float32Array; b: Float32Array };
  labels: number;
  /** True when the graph ends with Sigmoid (probabilities), false when it outputs logits. */
  sigmoid: boolean;
}

interface Tensor { name: string; dims: (number | { toNumber(): number })[]; data_type: number; raw_data?: Uint8Array; float_data?: number[]; int64_data?: unknown[] }
interface Node { op_type: string; input: string[]; output: string[]; attribute?: { name: string; i?: number | { toNumber(): number }; ints?: unknown[] }[] }

const num = (x: unknown): number => (typeof x === 'number' ? x : typeof x === 'object' && x !== null && 'toNumber' in x ? (x as { toNumber(): number }).toNumber() : Number(x));

function floats(t: Tensor): Float32Array | null {
  if (t.data_type !== DataType.FLOAT) return null;
  if (t.raw_data && t.raw_data.byteLength) {
    if (t.raw_data.byteLength % 4) return null;
    // Copied: the protobuf bytes may be a view into a larger, unaligned buffer (Buffer.slice does not copy).
    // ONNX raw data is little-endian, as Node's platforms are.
    const copy = new Uint8Array(t.raw_data.byteLength);
    copy.set(t.raw_data);
    return new Float32Array(copy.buffer);
  }
  return t.float_data ? Float32Array.from(t.float_data) : null;
}

function int64s(t: Tensor): number[] | null {
  if (t.data_type !== DataType.INT64) return null;
  if (t.raw_data && t.raw_data.byteLength) {
    if (t.raw_data.byteLength % 8) return null;
    const v = new DataView(t.raw_data.buffer, t.raw_data.byteOffset, t.raw_data.byteLength);
    return Array.from({ length: t.raw_data.byteLength / 8 }, (_, i) => Number(v.getBigInt64(i * 8, true)));
  }
  return t.int64_data ? t.int64_data.map(num) : null;
}

function attrInt(n: Node, name: string): number | undefined {
  const a = n.attribute?.find((x) => x.name === name);
  return a?.i === undefined ? undefined : num(a.i);
}

/**
 * The weights of `bytes` when its graph is the hashed bag the trainer writes with inputs `ids`/`weights` and
 * output `output`; otherwise `{ reason }` saying what differs.
 */
export function readBagWeights(bytes: Uint8Array, io: { ids: string; weights: string; output: string }): BagWeights | { reason: string } {
  let model: { graph?: { node?: Node[]; initializer?: Tensor[] } };
  try {
    model = ModelProto.toObject(ModelProto.decode(bytes), { defaults: false, arrays: true }) as typeof model;
  } catch (err) {
    return { reason: `not decodable as ONNX: ${(err as Error).message}` };
  }
  const nodes = model.graph?.node ?? [];
  const inits = new Map((model.graph?.initializer ?? []).map((t) => [t.name, t]));
  const ops = nodes.map((n) => n.op_type).join(',');
  const linear = 'Gather,Unsqueeze,Mul,ReduceSum,MatMul,Add';
  const hiddenOps = 'Gather,Unsqueeze,Mul,ReduceSum,MatMul,Add,Relu,MatMul,Add';
  const hasHidden = ops.startsWith(hiddenOps);
  const head = hasHidden ? hiddenOps : linear;
  const tail = ops.slice(head.length);
  if (!ops.startsWith(head) || (tail !== '' && tail !== ',Sigmoid')) return { reason: `graph ${ops} is not a hashed bag (${linear}[,Sigmoid])` };
  const sigmoid = tail === ',Sigmoid';
  const [gather, unsq, mul, reduce] = nodes as [Node, Node, Node, Node];
  const init = (name: string | undefined): Tensor | undefined => (name === undefined ? undefined : inits.get(name));
  const flow = (from: Node, to: Node, at: number): boolean => to.input[at] === from.output[0] || to.input[1 - at] === from.output[0];
  const problems: string[] = [];
  if (gather.input[1] !== io.ids || (attrInt(gather, 'axis') ?? 0) !== 0) problems.push('Gather is not E[ids] on axis 0');
  if (unsq.input[0] !== io.weights || JSON.stringify(int64s(init(unsq.input[1]) ?? ({} as Tensor))) !== '[2]') problems.push('Unsqueeze is not weights on axis 2');
  if (!flow(gather, mul, 0) || !flow(unsq, mul, 1)) problems.push('Mul does not weigh the gathered rows');
  if (reduce.input[0] !== mul.output[0] || JSON.stringify(int64s(init(reduce.input[1]) ?? ({} as Tensor))) !== '[1]' || attrInt(reduce, 'keepdims') !== 0) problems.push('ReduceSum is not over axis 1 without keepdims');
  const E = init(gather.input[0]);
  const emb = E ? floats(E) : null;
  if (!E || !emb || E.dims.length !== 2) problems.push('embedding table missing or not float [rows, dim]');
  const rows = E ? num(E.dims[0]) : 0;
  const dim = E ? num(E.dims[1]) : 0;
  // Dense layers: MatMul(x, W) then Add(·, B), each fed by the previous node.
  const dense = (at: number, prev: Node, inDim: number): { w: Float32Array; b: Float32Array; size: number } | null => {
    const mm = nodes[at]!, add = nodes[at + 1]!;
    if (mm.input[0] !== prev.output[0] || !flow(mm, add, 0)) return null;
    const W = init(mm.input[1]), B = init(add.input[0] === mm.output[0] ? add.input[1] : add.input[0]);
    const w = W ? floats(W) : null, b = B ? floats(B) : null;
    if (!W || !B || !w || !b || W.dims.length !== 2 || num(W.dims[0]) !== inDim) return null;
    const size = num(W.dims[1]);
    return w.length === inDim * size && b.length === size ? { w, b, size } : null;
  };
  let hidden: BagWeights['hidden'] = null;
  let prev = reduce;
  let at = 4;
  if (hasHidden) {
    hidden = dense(4, reduce, dim);
    if (!hidden || nodes[6]!.input[0] !== nodes[5]!.output[0]) problems.push('hidden layer is not MatMul+Add+Relu on the bag');
    prev = nodes[6]!;
    at = 7;
  }
  const out = dense(at, prev, hidden ? hidden.size : dim);
  if (!out) problems.push('output layer is not MatMul+Add');
  const last = nodes[nodes.length - 1]!;
  if (sigmoid && last.input[0] !== nodes[at + 1]!.output[0]) problems.push('Sigmoid is not on the output layer');
  if (last.output[0] !== io.output) problems.push(`the last node does not write ${io.output}`);
  if (emb && emb.length !== rows * dim) problems.push('embedding table size does not match its dims');
  if (problems.length || !emb || !out) return { reason: problems.join('; ') };
  return { emb, rows, dim, hidden: hidden && { w: hidden.w, b: hidden.b, size: hidden.size }, out: { w: out.w, b: out.b }, labels: out.size, sigmoid };
}
