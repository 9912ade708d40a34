"""numpy reference of test/Integration/CPU/conv.mlir."""
import numpy as np

RTOL = 1e-4
ATOL = 1e-4


def conv(x, w, stride, pad, groups=1):
    """Cross-correlation of NCHW `x` with FCHW `w`, zero padding `pad`."""
    x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    n, c, h, wd = x.shape
    f, cg, kh, kw = w.shape
    oh = (h - kh) // stride + 1
    ow = (wd - kw) // stride + 1
    out = np.zeros((n, f, oh, ow))
    fg = f // groups
    for g in range(groups):
        xs = x[:, g * cg:(g + 1) * cg]
        ws = w[g * fg:(g + 1) * fg]
        for i in range(kh):
            for j in range(kw):
                patch = xs[:, :, i:i + stride * oh:stride, j:j + stride * ow:stride]
                out[:, g * fg:(g + 1) * fg] += np.einsum("nchw,fc->nfhw", patch, ws[:, :, i, j])
    return out


def reference(x, w, y, v, d, dw, e, ew, g, gw):
    x, w, y, v, d, dw, e, ew, g, gw = (a.astype(np.float64) for a in (x, w, y, v, d, dw, e, ew, g, gw))
    n, groups, c, h, wd = g.shape
    grouped = conv(g.reshape(n, groups * c, h, wd), gw.reshape(-1, *gw.shape[2:]), 1, 0, groups=groups)
    return (conv(x, w, 1, 1), conv(y, v, 2, 1), conv(d, dw[:, None], 2, 1, groups=16),
            conv(e, ew[:, None], 1, 1, groups=40), grouped.reshape(n, groups, -1, *grouped.shape[2:]))
