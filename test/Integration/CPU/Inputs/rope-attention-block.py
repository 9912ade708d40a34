"""numpy reference of test/Integration/CPU/rope-attention-block.mlir: a RoFormer
self-attention block written the way PyTorch users write it (rotary embedding on
interleaved feature pairs, base 10000)."""
import numpy as np

RTOL = 1e-4
ATOL = 1e-5
HEADS, DIM = 2, 32


def make_inputs(rng, infos):
    shapes = {info.name: info.shape for info in infos}
    inputs = {name: rng.standard_normal(shape).astype(np.float32) for name, shape in shapes.items()}
    for w in ("wq", "wk", "wv", "wo"):
        inputs[w] = (inputs[w] / 8).astype(np.float32)
    return inputs


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def rope_interleaved(x, theta=10000.0):
    # x: [B, S, H, D]; features 2i and 2i+1 rotate by (position * theta^(-2i/D)).
    b, s, h, d = x.shape
    inv_freq = theta ** (-np.arange(0, d, 2) / d)
    angle = np.arange(s)[:, None] * inv_freq[None, :]  # [S, D/2]
    cos = np.cos(angle)[None, :, None, :]
    sin = np.sin(angle)[None, :, None, :]
    even, odd = x[..., 0::2], x[..., 1::2]
    out = np.empty_like(x)
    out[..., 0::2] = even * cos - odd * sin
    out[..., 1::2] = even * sin + odd * cos
    return out


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def reference(x, gamma, beta, wq, wk, wv, wo):
    x, gamma, beta, wq, wk, wv, wo = (a.astype(np.float64) for a in (x, gamma, beta, wq, wk, wv, wo))
    h = layer_norm(x, gamma, beta)
    b, s, _ = x.shape
    q = rope_interleaved((h @ wq).reshape(b, s, HEADS, DIM))
    k = rope_interleaved((h @ wk).reshape(b, s, HEADS, DIM))
    v = (h @ wv).reshape(b, s, HEADS, DIM)
    scores = np.einsum("bqhd,bkhd->bhqk", q, k) / np.sqrt(DIM)
    a = np.einsum("bhqk,bkhd->bqhd", softmax(scores), v).reshape(b, s, HEADS * DIM)
    return x + a @ wo
