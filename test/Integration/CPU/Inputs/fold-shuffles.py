"""numpy reference of test/Integration/CPU/fold-shuffles.mlir: channel
shuffles and a channel-factor transpose next to relu, batch norm, depthwise
and pointwise convolutions, and a split, written from the ops' definitions.
The constants are the formulas that generated the .mlir literals."""
import numpy as np

RTOL = 1e-5
ATOL = 1e-5


def const(shape, a, b):
    """The constant of `shape` with element i = ((i * a) % 17 - 8) / b."""
    n = int(np.prod(shape))
    return (((np.arange(n) * a) % 17 - 8) / b).reshape(shape)


SCALE = 0.5 + np.arange(4) * 0.25
BIAS = np.array([0.5, -0.25, 0.125, -1.0])
MEAN = np.array([0.1, -0.2, 0.3, -0.4])
VAR = np.array([1.0, 2.0, 0.5, 4.0])
DW = const((4, 1, 3, 3), 5, 8)
DB = const((4,), 3, 4)
PW = const((3, 4, 1, 1), 7, 8)
PB = const((3,), 2, 4)
W12 = const((12, 4, 1, 1), 11, 8)
B12 = const((12,), 13, 8)
W5 = const((2, 6, 3, 3), 3, 16)


def shuffle(x, groups):
    n, c = x.shape[:2]
    return x.reshape(n, groups, c // groups, *x.shape[2:]).swapaxes(1, 2).reshape(x.shape)


def conv1x1(x, w, b):
    return np.einsum("nchw,fc->nfhw", x, w[:, :, 0, 0]) + b[None, :, None, None]


def depthwise3x3(x, w, b):
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    h, wd = x.shape[2:]
    out = np.zeros_like(x)
    for i in range(3):
        for j in range(3):
            out += xp[:, :, i:i + h, j:j + wd] * w[None, :, 0, i, j, None, None]
    return out + b[None, :, None, None]


def conv3x3(x, w):
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    h, wd = x.shape[2:]
    out = np.zeros((x.shape[0], w.shape[0], h, wd))
    for i in range(3):
        for j in range(3):
            out += np.einsum("nchw,fc->nfhw", xp[:, :, i:i + h, j:j + wd], w[:, :, i, j])
    return out


def reference(x):
    x = x.astype(np.float64)
    c = lambda v: v[None, :, None, None]
    r = np.maximum(shuffle(x, 2), 0)
    n = (r - c(MEAN)) / np.sqrt(c(VAR) + 1e-5) * c(SCALE) + c(BIAS)
    n = n * c(np.array([1.5, -0.5, 2.0, 0.25]))
    y1 = conv1x1(depthwise3x3(n, DW, DB), PW, PB)
    t = np.maximum(conv1x1(x, W12, B12), 0)
    y2 = t.reshape(1, 2, 3, 2, 5, 5).transpose(0, 3, 1, 2, 4, 5).reshape(1, 12, 5, 5)
    s = shuffle(x, 2)
    y5 = conv3x3(np.concatenate([x[:, 1:3], np.maximum(x, 0)], axis=1), W5)
    return {"y1": y1, "y2": y2, "y3": s[:, :2], "y4": s[:, 2:], "y5": y5}
