"""numpy reference of test/Integration/CPU/rope-variants.mlir: each output is
the decomposed expression of the model (x * cos + rotate(x) * sin, or the
LLaMA-style attention), evaluated in double precision with exact tables."""
import numpy as np

RTOL = 1e-5
ATOL = 1e-6


def tables(seq, dim, theta=10000.0, offset=0, interleaved=False, scale=1.0):
    inv_freq = theta ** (-np.arange(0, dim, 2) / dim)
    freqs = np.outer((np.arange(seq) + offset) * scale, inv_freq)
    emb = np.repeat(freqs, 2, -1) if interleaved else np.concatenate([freqs, freqs], -1)
    return np.cos(emb), np.sin(emb)


def rotate_half(x):
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], -1)


def rotate_interleaved(x):
    return np.stack([-x[..., 1::2], x[..., ::2]], -1).reshape(x.shape)


def bhsd(table):   # [S, D] -> [1, 1, S, D]
    return table[None, None]


def bshd(table):   # [S, D] -> [1, S, 1, D]
    return table[None, :, None]


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def reference(xa, xb, xc, xd, xe, q, k, v):
    xa, xb, xc, xd, xe, q, k, v = (a.astype(np.float64) for a in (xa, xb, xc, xd, xe, q, k, v))
    c, s = tables(6, 8)
    y1 = xa * bhsd(c) + rotate_half(xa) * bhsd(s)
    c2, s2 = tables(6, 8, theta=500000.0, offset=3)
    y2 = xb * bshd(c2) + rotate_half(xb) * bshd(s2)
    # concat(x2, -x1) = -rotate_half(x), subtracted.
    y3 = xc * bhsd(c) - (-rotate_half(xc)) * bhsd(s)
    c4, s4 = tables(6, 8, interleaved=True)
    y4 = xa * bhsd(c4) + rotate_interleaved(xa) * bhsd(s4)
    c5, s5 = tables(6, 8, theta=100.0, interleaved=True)
    y5 = xb * bshd(c5) + rotate_interleaved(xb) * bshd(s5)
    c6, s6 = tables(6, 8, scale=0.5)
    y6 = xd * bhsd(c6) + rotate_half(xd) * bhsd(s6)
    c7, s7 = tables(6, 4)
    rot = xe[..., :4]
    y7 = np.concatenate([rot * bhsd(c7) + rotate_half(rot) * bhsd(s7), xe[..., 4:]], -1)

    qt, kt, vt = (a.transpose(0, 2, 1, 3) for a in (q, k, v))
    qt = qt * bhsd(c) + rotate_half(qt) * bhsd(s)
    kt = kt * bhsd(c) + rotate_half(kt) * bhsd(s)
    kt, vt = np.repeat(kt, 2, axis=1), np.repeat(vt, 2, axis=1)   # repeat_kv
    mask = np.triu(np.full((6, 6), -np.inf), 1)
    p = softmax(qt @ kt.transpose(0, 1, 3, 2) / np.sqrt(8) + mask)
    y8 = (p @ vt).transpose(0, 2, 1, 3).reshape(1, 6, 32)
    return y1, y2, y3, y4, y5, y6, y7, y8
