"""numpy reference of test/Integration/CPU/conv.mlir (the convolution of
contractions.py: cross-correlation, zero padding, strides and groups)."""
import os
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from contractions import conv  # noqa: E402

RTOL = 1e-4
ATOL = 1e-4


def reference(x, w, y, v, d, dw, e, ew, g, gw):
    x, w, y, v, d, dw, e, ew, g, gw = (a.astype(np.float64) for a in (x, w, y, v, d, dw, e, ew, g, gw))
    n, groups, c, h, wd = g.shape
    grouped = conv(g.reshape(n, groups * c, h, wd), gw.reshape(-1, *gw.shape[2:]), 1, 0, groups=groups)
    return (conv(x, w, 1, 1), conv(y, v, 2, 1), conv(d, dw[:, None], 2, 1, groups=16),
            conv(e, ew[:, None], 1, 1, groups=40), grouped.reshape(n, groups, -1, *grouped.shape[2:]))
