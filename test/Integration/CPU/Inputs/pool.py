"""numpy reference of test/Integration/CPU/pool.mlir."""
import numpy as np

RTOL = 1e-5
ATOL = 1e-5


def pool(x, k, s, p, op):
    """k x k max or average pooling with stride s and padding p; the average
    counts only the input positions of each window (count_include_pad false)."""
    n, c, h, w = x.shape
    oh = (h + 2 * p - k) // s + 1
    ow = (w + 2 * p - k) // s + 1
    fill = -np.inf if op == "max" else 0.0
    xp = np.full((n, c, h + 2 * p, w + 2 * p), fill)
    xp[:, :, p:p + h, p:p + w] = x
    inside = np.zeros((h + 2 * p, w + 2 * p))
    inside[p:p + h, p:p + w] = 1
    out = np.full((n, c, oh, ow), fill)
    count = np.zeros((oh, ow))
    for i in range(k):
        for j in range(k):
            patch = xp[:, :, i:i + s * oh:s, j:j + s * ow:s]
            count += inside[i:i + s * oh:s, j:j + s * ow:s]
            out = np.maximum(out, patch) if op == "max" else out + patch
    return out if op == "max" else out / count


def reference(x, y, r, s):
    x, y, r, s = (a.astype(np.float64) for a in (x, y, r, s))
    return (pool(x, 3, 2, 1, "max"), pool(y, 3, 2, 1, "max"), pool(y, 3, 2, 1, "avg"),
            y.mean(axis=(2, 3), keepdims=True), r.sum(axis=(2, 0)), r.mean(axis=(3, 1), keepdims=True),
            s.max(axis=1, keepdims=True), s.sum(axis=0, keepdims=True))
