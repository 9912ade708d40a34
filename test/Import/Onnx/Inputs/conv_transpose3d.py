"""3-D ConvTranspose models and their numpy references
(conv-transpose3d.test).

Writes OUTDIR/<name>.onnx and OUTDIR/<name>.py, the reference module that
utils/check-model.py takes: it reads the model's weights and attributes and
computes the transposed convolution from ONNX's definition, independently of
the importer's decomposition into 2-D ops.
"""

import os

from onnxgen import FLOAT, helper, model, save, outdir, weights

d = outdir()
N = helper.make_node

# (input shape, weight shape, strides, dilations, pads, output_padding, group)
CASES = {
    # depth stride 2 and dilation 2, pads on every side, output padding,
    # groups, bias
    "convt3d-strided": ([1, 4, 3, 4, 3], [4, 3, 3, 2, 3], [2, 1, 2], [2, 1, 1],
                        [1, 0, 1, 2, 1, 0], [1, 0, 1], 2),
    # depth stride 3 with output padding 2, batch 2
    "convt3d-batch": ([2, 2, 4, 3, 3], [2, 2, 2, 3, 2], [3, 2, 1], [1, 2, 1],
                      [0, 1, 0, 1, 0, 1], [2, 1, 0], 1),
}

REFERENCE = '''import os
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper

MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "{name}.onnx")


def reference(x):
    m = onnx.load(MODEL)
    node = m.graph.node[0]
    a = {{at.name: helper.get_attribute_value(at) for at in node.attribute}}
    init = {{t.name: numpy_helper.to_array(t).astype(np.float64)
            for t in m.graph.initializer}}
    w, b = init[node.input[1]], init[node.input[2]]
    s, dil, p = a["strides"], a["dilations"], a["pads"]
    op, g = a.get("output_padding", [0, 0, 0]), a.get("group", 1)
    n, c, *size = x.shape
    fg, kernel = w.shape[1], w.shape[2:]
    full = [(size[i] - 1) * s[i] + (kernel[i] - 1) * dil[i] + 1 + op[i]
            for i in range(3)]
    y = np.zeros([n, fg * g] + full)
    cg = c // g
    # y[o * ...] += x[i] * w[k] where o = i * stride + k * dilation.
    for k in np.ndindex(*kernel):
        for gi in range(g):
            xs = x[:, gi * cg:(gi + 1) * cg].astype(np.float64)
            ws = w[gi * cg:(gi + 1) * cg, :, k[0], k[1], k[2]]
            contrib = np.einsum("nc...,cf->nf...", xs, ws)
            target = tuple(slice(k[i] * dil[i], k[i] * dil[i] + s[i] * (size[i] - 1) + 1,
                                 s[i]) for i in range(3))
            y[(slice(None), slice(gi * fg, (gi + 1) * fg)) + target] += contrib
    crop = tuple(slice(p[i], full[i] - p[3 + i]) for i in range(3))
    y = y[(slice(None), slice(None)) + crop] + b.reshape(-1, 1, 1, 1)
    return y.astype(np.float32)
'''

for name, (xs, ws, s, dil, p, op, g) in CASES.items():
    nodes = [N("ConvTranspose", ["x", "w", "b"], ["y"], strides=s, dilations=dil,
               pads=p, output_padding=op, group=g)]
    save(model(nodes, [("x", FLOAT, xs)], ["y"],
               [weights("w", ws, 1), weights("b", [ws[1] * g], 2)]), d, name)
    with open(os.path.join(d, name + ".py"), "w") as f:
        f.write(REFERENCE.format(name=name))
