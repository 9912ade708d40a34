"""numpy reference of test/Integration/CPU/fold-batch-norm.mlir: convolution,
batch norm and ReLU evaluated one after the other (not folded)."""
import math

import numpy as np

RTOL = 1e-4
ATOL = 1e-5

WEIGHT = np.array([math.sin(0.37 * i + 0.1) * 0.4 for i in range(8 * 4 * 3 * 3)], dtype=np.float32).reshape(8, 4, 3, 3)
BIAS = np.array([-0.3, -0.19999999999999998, -0.09999999999999998, 5.551115123125783e-17, 0.10000000000000003, 0.2, 0.3000000000000001, 0.4000000000000001], dtype=np.float32)
SCALE = np.array([1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 2.75], dtype=np.float32)
BETA = np.array([0.2, 0.15000000000000002, 0.1, 0.04999999999999999, 0.0, -0.04999999999999999, -0.10000000000000003, -0.15000000000000002], dtype=np.float32)
MEAN = np.array([0.3, 0.1620906917604419, -0.12484405096414272, -0.2969977489801336, -0.1960930862590836, 0.08509865563896787, 0.28805108599510976, 0.22617067630299137], dtype=np.float32)
VAR = np.array([0.5, 0.7, 0.9, 1.1, 1.3, 1.5, 1.7000000000000002, 1.9000000000000001], dtype=np.float32)


def reference(x):
    x = x.astype(np.float64)
    n, c, h, w = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    out = np.zeros((n, 8, h, w))
    for i in range(3):
        for j in range(3):
            out += np.einsum("nchw,fc->nfhw", xp[:, :, i:i + h, j:j + w], WEIGHT[:, :, i, j])
    out += BIAS[None, :, None, None]
    s = lambda a: a.astype(np.float64)[None, :, None, None]
    out = (out - s(MEAN)) / np.sqrt(s(VAR) + 1e-5) * s(SCALE) + s(BETA)
    return np.maximum(out, 0)
