"""numpy reference of test/Integration/CPU/conv-grouped-strided.mlir."""
import os
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from contractions import conv  # noqa: E402

RTOL = 1e-4
ATOL = 1e-4


def reference(x, w, b, y, v):
    x, w, b, y, v = (a.astype(np.float64) for a in (x, w, b, y, v))
    groups8 = np.maximum(conv(x, w, stride=2, pad=1, groups=8) + b[None, :, None, None], 0)
    return groups8, conv(y, v, stride=2, groups=8)
