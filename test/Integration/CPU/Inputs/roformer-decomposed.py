"""numpy reference of test/Integration/CPU/roformer-decomposed.mlir: the
PyTorch RoFormer-style block of attention-export.py transcribed
line by line (rotate_half pairing; the interleaved test sets INTERLEAVED)."""
import numpy as np

RTOL = 1e-4
ATOL = 1e-5
HEADS, DIM = 2, 32
INTERLEAVED = False


def make_inputs(rng, infos):
    inputs = {info.name: rng.standard_normal(info.shape).astype(np.float32) for info in infos}
    for w in ("wq", "wk", "wv", "wo"):
        inputs[w] = (inputs[w] / 8).astype(np.float32)
    return inputs


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def tables(seq):
    # The module's buffers, here in double precision.
    inv_freq = 1.0 / (10000 ** (np.arange(0, DIM, 2) / DIM))
    freqs = np.outer(np.arange(seq), inv_freq)
    emb = np.repeat(freqs, 2, -1) if INTERLEAVED else np.concatenate([freqs, freqs], -1)
    return np.cos(emb)[None, None], np.sin(emb)[None, None]


def rotate(x):
    if INTERLEAVED:
        return np.stack([-x[..., 1::2], x[..., ::2]], -1).reshape(x.shape)
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], -1)


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def reference(x, gamma, beta, wq, wk, wv, wo):
    x, gamma, beta, wq, wk, wv, wo = (a.astype(np.float64) for a in (x, gamma, beta, wq, wk, wv, wo))
    b, s, width = x.shape
    h = layer_norm(x, gamma, beta)
    q = (h @ wq).reshape(b, s, HEADS, DIM).transpose(0, 2, 1, 3)
    k = (h @ wk).reshape(b, s, HEADS, DIM).transpose(0, 2, 1, 3)
    v = (h @ wv).reshape(b, s, HEADS, DIM).transpose(0, 2, 1, 3)
    cos, sin = tables(s)
    q = q * cos + rotate(q) * sin
    k = k * cos + rotate(k) * sin
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(DIM)
    a = (softmax(scores) @ v).transpose(0, 2, 1, 3).reshape(b, s, width)
    return x + a @ wo
