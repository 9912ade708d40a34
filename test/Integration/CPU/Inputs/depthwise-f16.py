"""numpy reference of test/Integration/CPU/depthwise-f16.mlir (float64; f16
accumulation over 9 taps rounds each partial sum to 11 bits)."""
import numpy as np
RTOL = 2e-2
ATOL = 5e-2
def reference(x, w):
    x = np.pad(x.astype(np.float64), ((0,0),(0,0),(1,1),(1,1)))
    w = w.astype(np.float64)
    out = np.zeros((1, 40, 30, 30))
    for i in range(3):
        for j in range(3):
            out += x[:, :, i:i+30, j:j+30] * w[None, :, i, j, None, None]
    return out
