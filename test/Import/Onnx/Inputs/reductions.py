"""Reductions built from kiln's (ReduceMin, ReduceL1, ReduceL2,
ReduceSumSquare, ReduceLogSumExp, ArgMax, ArgMin), Tile and Trilu, with numpy
references (reductions.test). ONNX's backend data covers ReduceMin/L1/L2/
SumSquare and Tile too (test/Conformance); its ReduceLogSumExp and Trilu
tests are not float32, nor are ArgMax's and ArgMin's int64 outputs."""

import os

from onnxgen import FLOAT, helper, ints, model, outdir, save

d = outdir()
N = helper.make_node

nodes = [
    N("ReduceLogSumExp", ["x"], ["lse"], axes=[1], keepdims=0),
    N("ReduceLogSumExp", ["x"], ["lse_keep"], axes=[-1, 0]),
    N("ReduceLogSumExp", ["x"], ["lse_all"], keepdims=0),
    N("ReduceMin", ["x"], ["min"], axes=[2]),
    N("ReduceL2", ["x"], ["l2"], axes=[1], keepdims=0),
    N("Tile", ["x", "repeats"], ["tile"]),
    N("Trilu", ["x"], ["upper"]),
    N("Trilu", ["x", "k"], ["lower"], upper=0),
    N("ArgMax", ["x"], ["argmax"], axis=1),
    N("ArgMin", ["x"], ["argmin"], axis=-1, keepdims=0),
    N("ArgMax", ["x"], ["argmax_last"], axis=2, keepdims=0, select_last_index=1),
    N("ArgMin", ["x"], ["argmin_last"], axis=0, select_last_index=1),
]
save(model(nodes, [("x", FLOAT, [2, 3, 4])], [n.output[0] for n in nodes],
           [ints("repeats", [1, 2, 3]), ints("k", -1)], opset=14), d, "reductions")
with open(os.path.join(d, "reductions.py"), "w") as f:
    f.write('''import numpy as np


def make_inputs(rng, infos):
    # Large values: log-sum-exp must subtract the maximum first. Ties (for the
    # first and the last index of ArgMax/ArgMin): whole numbers in [-3, 3].
    x = (rng.standard_normal((2, 3, 4)) * 40).astype(np.float32)
    x[1] = rng.integers(-3, 4, (3, 4)).astype(np.float32)
    return {"x": x}


def last(index_of, x, axis):
    flipped = np.flip(x, axis)
    return x.shape[axis] - 1 - index_of(flipped, axis=axis)


def lse(x, axes, keep):
    m = x.max(axis=axes, keepdims=True)
    r = np.log(np.exp(x - m).sum(axis=axes, keepdims=True)) + m
    return r if keep else np.squeeze(r, axis=axes)


def reference(x):
    x = x.astype(np.float64)
    out = [lse(x, (1,), False), lse(x, (0, 2), True), lse(x, (0, 1, 2), False),
           x.min(axis=2, keepdims=True), np.sqrt((x * x).sum(axis=1)),
           np.tile(x, (1, 2, 3)), np.triu(x), np.tril(x, -1)]
    out = [o.astype(np.float32) for o in out]
    out += [np.argmax(x, axis=1)[:, None, :], np.argmin(x, axis=-1),
            last(np.argmax, x, 2), last(np.argmin, x, 0)[None]]
    return tuple(out[:8]) + tuple(o.astype(np.int64) for o in out[8:])
''')
