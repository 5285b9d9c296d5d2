"""Dynamic int8 quantisation of the exported encoder with the onnx package alone (no onnxruntime tools).

usage: python3 quantize.py IN_FP32.onnx OUT_INT8.onnx
Every MatMul by a 2-D weight initializer becomes DynamicQuantizeLinear(activation) -> MatMulInteger(uint8, int8
weight with one symmetric scale per output column) -> Cast -> Mul(activation scale x column scales); a Gemm (the
pooler) is left in fp32. The word-embedding table becomes int8 with one scale per row (Gather of the rows and of their
scales, then Cast and Mul). Attention products (MatMul of two activations), LayerNorm and softmax stay fp32.
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto


def main():
    src, dst = sys.argv[1], sys.argv[2]
    model = onnx.load(src)
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    new_nodes = []
    drop = set()
    added = []
    n_mm = 0
    for node in g.node:
        if node.op_type == 'MatMul' and node.input[1] in inits and len(inits[node.input[1]].dims) == 2:
            w = numpy_helper.to_array(inits[node.input[1]]).astype(np.float32)
            scale = np.maximum(np.abs(w).max(axis=0), 1e-8) / 127.0
            wq = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
            base = node.input[1].replace('.', '_') + f'_q{n_mm}'
            added += [numpy_helper.from_array(wq, base + '_w'), numpy_helper.from_array(scale.astype(np.float32), base + '_s')]
            drop.add(node.input[1])
            a = node.input[0]
            new_nodes += [
                helper.make_node('DynamicQuantizeLinear', [a], [base + '_aq', base + '_as', base + '_az']),
                helper.make_node('MatMulInteger', [base + '_aq', base + '_w', base + '_az'], [base + '_i32']),
                helper.make_node('Cast', [base + '_i32'], [base + '_f'], to=TensorProto.FLOAT),
                helper.make_node('Mul', [base + '_as', base + '_s'], [base + '_sc']),
                helper.make_node('Mul', [base + '_f', base + '_sc'], [node.output[0]]),
            ]
            n_mm += 1
        elif node.op_type == 'Gather' and node.input[0] in inits and inits[node.input[0]].dims[0] > 100000:
            w = numpy_helper.to_array(inits[node.input[0]]).astype(np.float32)
            scale = np.maximum(np.abs(w).max(axis=1), 1e-8) / 127.0
            wq = np.clip(np.round(w / scale[:, None]), -127, 127).astype(np.int8)
            base = 'word_emb_q'
            added += [numpy_helper.from_array(wq, base + '_w'), numpy_helper.from_array(scale.astype(np.float32), base + '_s'),
                      numpy_helper.from_array(np.array([-1], dtype=np.int64), base + '_axis')]
            drop.add(node.input[0])
            ids = node.input[1]
            new_nodes += [
                helper.make_node('Gather', [base + '_w', ids], [base + '_g']),
                helper.make_node('Cast', [base + '_g'], [base + '_gf'], to=TensorProto.FLOAT),
                helper.make_node('Gather', [base + '_s', ids], [base + '_gs']),
                helper.make_node('Unsqueeze', [base + '_gs', base + '_axis'], [base + '_gs1']),
                helper.make_node('Mul', [base + '_gf', base + '_gs1'], [node.output[0]]),
            ]
        else:
            new_nodes.append(node)
    still_used = {i for n in new_nodes for i in n.input}
    keep = [i for i in g.initializer if i.name not in drop or i.name in still_used]
    del g.initializer[:]
    g.initializer.extend(keep + added)
    del g.node[:]
    g.node.extend(new_nodes)
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    print(f'{n_mm} MatMuls quantised; written {dst}')


if __name__ == '__main__':
    main()
