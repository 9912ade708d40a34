"""numpy reference of test/Integration/CPU/pointwise-conv.mlir."""
import numpy as np

RTOL = 1e-4
ATOL = 1e-4


def pointwise(x, w, stride=1):
    """1x1 cross-correlation of NCHW `x` with [F, C, 1, 1] `w`."""
    x = x[:, :, ::stride, ::stride]
    return np.einsum("nchw,fc->nfhw", x, w[:, :, 0, 0])


def reference(a, aw, ab, s, sw, sb, q, qw, r, rw, c, d, cw, cb, kw):
    a, aw, ab, s, sw, sb, q, qw, r, rw, c, d, cw, cb, kw = (
        v.astype(np.float64)
        for v in (a, aw, ab, s, sw, sb, q, qw, r, rw, c, d, cw, cb, kw))
    batch_relu = np.maximum(pointwise(a, aw) + ab[None, :, None, None], 0)
    strided = pointwise(s, sw, stride=2) + sb[None, :, None, None]
    small = pointwise(q, qw)
    residual = pointwise(r, rw) + r
    cat = np.concatenate([c[:, 3:13], d], axis=1)
    of_concat = pointwise(cat, cw) + cb[None, :, None, None]
    of_concat_split = pointwise(cat, kw)
    return batch_relu, strided, small, residual, of_concat, of_concat_split
