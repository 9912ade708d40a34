"""numpy reference of test/Integration/CPU/squeeze-excitation.mlir: the two
squeeze-excitation blocks evaluated op by op in float64 (the gate multiplied
into the features, not into the filter)."""
import math

import numpy as np

RTOL = 1e-4
ATOL = 1e-5


def weights(shape, seed):
    # The constants of the .mlir file: sin(0.37 i + seed) / 2 to 3 decimals.
    n = int(np.prod(shape))
    return np.array([round(math.sin(0.37 * i + seed) * 0.5, 3) for i in range(n)]).reshape(shape)


SHAPES = {"f1": (2, 8), "fb1": (2,), "f2": (8, 2), "fb2": (8,), "p": (4, 8), "pb": (4,), "q": (16, 8)}
W = {name: weights(shape, 0.3 * i + 0.05) for i, (name, shape) in enumerate(SHAPES.items())}


def silu(v):
    return v / (1 + np.exp(-v))


def block(x, project, bias):
    x = x.astype(np.float64)
    s = x.mean(axis=(2, 3))
    h = silu(s @ W["f1"].T + W["fb1"])
    g = 1 / (1 + np.exp(-(h @ W["f2"].T + W["fb2"])))
    m = x * g[:, :, None, None]
    y = np.einsum("nchw,fc->nfhw", m, project)
    return y if bias is None else y + bias[None, :, None, None]


def reference(x, x2):
    return block(x, W["p"], W["pb"]), block(x2, W["q"], None)
