"""numpy reference of test/Integration/CPU/conv-odd-rows.mlir."""
import os
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from contractions import conv  # noqa: E402

RTOL = 1e-4
ATOL = 1e-4


def reference(x, w, b, r, rw, sw, u, uw, v, vw):
    x, w, b, r, rw, sw, u, uw, v, vw = (
        a.astype(np.float64) for a in (x, w, b, r, rw, sw, u, uw, v, vw))
    relu14 = np.maximum(conv(x, w, pad=1) + b[None, :, None, None], 0)
    residual7 = conv(r, rw, pad=1) + r
    strided = conv(x, sw, stride=2, pad=1)
    unpadded = conv(u, uw).reshape(1, -1)
    return relu14, residual7, strided, unpadded, conv(v, vw, pad=1)
