"""numpy reference of test/Integration/CPU/contractions.mlir."""
import numpy as np

RTOL = 1e-4
ATOL = 1e-4


def literal(a):
    """`a` as the f32 dense attribute of an MLIR constant (little-endian hex),
    for the models that print their weights."""
    return 'dense<"0x' + a.astype("<f4").tobytes().hex().upper() + '">'


def conv(x, w, stride=1, pad=0, dilation=1, groups=1):
    """Cross-correlation of NCHW `x` with FCHW `w`. `stride` and `dilation`
    are one value or (rows, columns); `pad` one value or (top, left, bottom,
    right)."""
    (sh, sw), (dh, dw) = (v if isinstance(v, tuple) else (v, v) for v in (stride, dilation))
    top, left, bottom, right = pad if isinstance(pad, tuple) else (pad,) * 4
    x = np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)))
    n, c, h, wd = x.shape
    f, cg, kh, kw = w.shape
    oh = (h - dh * (kh - 1) - 1) // sh + 1
    ow = (wd - dw * (kw - 1) - 1) // sw + 1
    out = np.zeros((n, f, oh, ow))
    fg = f // groups
    for g in range(groups):
        xs = x[:, g * cg:(g + 1) * cg]
        ws = w[g * fg:(g + 1) * fg]
        for i in range(kh):
            for j in range(kw):
                r, q = i * dh, j * dw
                patch = xs[:, :, r:r + sh * (oh - 1) + 1:sh, q:q + sw * (ow - 1) + 1:sw]
                out[:, g * fg:(g + 1) * fg] += np.einsum("nchw,fc->nfhw", patch, ws[:, :, i, j])
    return out


def reference(x, w, b, g, gw, r, rw, ma, mb, ba, bb):
    x, w, b, g, gw, r, rw, ma, mb, ba, bb = (
        a.astype(np.float64) for a in (x, w, b, g, gw, r, rw, ma, mb, ba, bb))
    conv_s2 = np.maximum(conv(x, w, stride=2, pad=1) + b[None, :, None, None], 0)
    grouped = conv(g, gw, pad=2, dilation=2, groups=2)
    residual = np.maximum(conv(r, rw, pad=1) + r, 0)
    return conv_s2, grouped, residual, ma @ mb, ba @ bb
