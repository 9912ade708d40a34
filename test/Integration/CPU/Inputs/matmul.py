"""numpy reference of test/Integration/CPU/matmul.mlir."""
import numpy as np

RTOL = 1e-4
ATOL = 1e-4


def reference(a, b, c, d, e, f, g, h, m, v):
    a, b, c, d, e, f, g, h, m, v = (x.astype(np.float64) for x in (a, b, c, d, e, f, g, h, m, v))
    return a @ b, c @ d, e @ f, g @ h, m @ v
