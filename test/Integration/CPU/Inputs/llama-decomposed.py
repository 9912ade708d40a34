"""numpy reference of test/Integration/CPU/llama-decomposed.mlir: the
LLaMA-style attention of attention-export.py transcribed line by line (rotary
cache of theta 500000 indexed by positions, rotate_half, repeat_kv, causal
mask)."""
import numpy as np

RTOL = 1e-4
ATOL = 1e-5
HQ, HKV, DIM, CACHE = 4, 2, 16, 64


def make_inputs(rng, infos):
    inputs = {info.name: rng.standard_normal(info.shape).astype(np.float32) for info in infos}
    for w in ("wq", "wk", "wv", "wo"):
        inputs[w] = (inputs[w] / 8).astype(np.float32)
    return inputs


def rotate_half(x):
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], -1)


def repeat_kv(x, groups):
    b, heads, s, d = x.shape
    return np.broadcast_to(x[:, :, None], (b, heads, groups, s, d)).reshape(b, heads * groups, s, d)


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def reference(x, wq, wk, wv, wo):
    x, wq, wk, wv, wo = (a.astype(np.float64) for a in (x, wq, wk, wv, wo))
    b, s, _ = x.shape
    q = (x @ wq).reshape(b, s, HQ, DIM).transpose(0, 2, 1, 3)
    k = (x @ wk).reshape(b, s, HKV, DIM).transpose(0, 2, 1, 3)
    v = (x @ wv).reshape(b, s, HKV, DIM).transpose(0, 2, 1, 3)
    inv_freq = 1.0 / (500000 ** (np.arange(0, DIM, 2) / DIM))
    emb = np.outer(np.arange(CACHE), inv_freq)
    emb = np.concatenate([emb, emb], -1)
    positions = np.arange(s)[None]
    cos = np.cos(emb)[positions][:, None]
    sin = np.sin(emb)[positions][:, None]
    q = q * cos + rotate_half(q) * sin
    k = k * cos + rotate_half(k) * sin
    k, v = repeat_kv(k, HQ // HKV), repeat_kv(v, HQ // HKV)
    mask = np.triu(np.full((s, s), -np.inf), 1)
    p = softmax(q @ k.transpose(0, 1, 3, 2) / np.sqrt(DIM) + mask)
    a = (p @ v).transpose(0, 2, 1, 3).reshape(b, s, HQ * DIM)
    return a @ wo
