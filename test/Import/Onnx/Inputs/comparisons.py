"""Comparisons and logic of values known at run time (comparisons.test):
Less, LessOrEqual, Greater, GreaterOrEqual (floats with broadcasting, NaN
and equal values; int64), And, Or and Xor, with a numpy reference. (Of
constants they are evaluated at import: shape-folding.test.)"""

import os

from onnxgen import BOOL, FLOAT, INT64, helper, model, outdir, save

d = outdir()
N = helper.make_node

nodes = [
    N("Less", ["a", "b"], ["lt"]),
    N("LessOrEqual", ["a", "b"], ["le"]),
    N("Greater", ["a", "b"], ["gt"]),
    N("GreaterOrEqual", ["a", "b"], ["ge"]),
    N("Less", ["i", "j"], ["ilt"]),
    N("GreaterOrEqual", ["i", "j"], ["ige"]),
    N("And", ["p", "q"], ["and"]),
    N("Or", ["p", "q"], ["or"]),
    N("Xor", ["p", "q"], ["xor"]),
]
save(model(nodes, [("a", FLOAT, [3, 4]), ("b", FLOAT, [4]), ("i", INT64, [3, 4]),
                   ("j", INT64, [3, 1]), ("p", BOOL, [3, 4]), ("q", BOOL, [4])],
           [n.output[0] for n in nodes], opset=16), d, "comparisons")
with open(os.path.join(d, "comparisons.py"), "w") as f:
    f.write('''import numpy as np


def make_inputs(rng, infos):
    a = rng.integers(-2, 3, (3, 4)).astype(np.float32)
    b = rng.integers(-2, 3, (4,)).astype(np.float32)
    a[0, 0], b[1] = np.nan, np.nan  # NaN compares false
    a[1, 2] = b[2]  # equal values
    return {"a": a, "b": b,
            "i": rng.integers(-3, 4, (3, 4)), "j": rng.integers(-3, 4, (3, 1)),
            "p": rng.integers(0, 2, (3, 4)).astype(bool),
            "q": np.array([True, False, True, False])}


def reference(a, b, i, j, p, q):
    return (a < b, a <= b, a > b, a >= b, i < j, i >= j,
            np.logical_and(p, q), np.logical_or(p, q), np.logical_xor(p, q))
''')
