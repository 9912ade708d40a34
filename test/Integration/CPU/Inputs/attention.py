"""float64 numpy reference of test/Integration/CPU/attention.mlir.

kiln.rope and kiln.attention written from their definitions in
KilnAttentionOps.td (rope.py, attention-f16.py and rope-large-offset.py use
them too); make_inputs builds masks with -inf, partly and fully masked rows.
"""
import numpy as np

RTOL = 1e-5
ATOL = 1e-6


def rope(x, layout="bhsd", pairing="half", rotary_dim=None, theta=10000.0, offset=0,
         cos=None, sin=None, angle_dtype=np.float32):
    """kiln.rope on a float64 copy of x; cos/sin: [S, r / 2] tables or None.

    Without tables the angle is evaluated as kiln.rope defines it (and as
    PyTorch computes it): inverse frequency, position and their product each
    rounded to `angle_dtype` (f32 for f16/bf16/f32 inputs, f64 for f64)."""
    x = np.asarray(x, np.float64)
    if layout == "bshd":
        x = x.transpose(0, 2, 1, 3)
    S, D = x.shape[2], x.shape[3]
    r = D if rotary_dim is None else rotary_dim
    n = r // 2
    if cos is None:
        k = np.arange(n)
        inv_freq = (theta ** (-2.0 * k / r)).astype(angle_dtype)
        position = (np.arange(S) + offset).astype(angle_dtype)
        a = (position[:, None] * inv_freq[None, :]).astype(np.float64)
        c, s = np.cos(a), np.sin(a)
    else:
        c, s = np.asarray(cos, np.float64), np.asarray(sin, np.float64)
        assert c.shape == (S, n)
    out = x.copy()
    if pairing == "half":
        first, second = slice(0, n), slice(n, r)
    else:
        first, second = slice(0, r, 2), slice(1, r, 2)
    out[..., first] = x[..., first] * c - x[..., second] * s
    out[..., second] = x[..., second] * c + x[..., first] * s
    if layout == "bshd":
        out = out.transpose(0, 2, 1, 3)
    return out


def attention(q, k, v, mask=None, layout="bhsd", scale=None, causal=False, rope_args=None,
              tables=None, dtype=np.float32):
    """kiln.attention; rope_args: the #kiln.rope parameters, tables: (cos, sin) [T, r / 2]."""
    if rope_args is not None:
        seq = 1 if layout == "bshd" else 2
        sq, skv = q.shape[seq], k.shape[seq]
        qt = kt = {}
        if tables is not None:
            qt = dict(cos=tables[0][:sq], sin=tables[1][:sq])
            kt = dict(cos=tables[0][:skv], sin=tables[1][:skv])
        # rope(query) and rope(key) are kiln.rope results: of the element type.
        q = rope(q, layout, **rope_args, **qt).astype(dtype)
        k = rope(k, layout, **rope_args, **kt).astype(dtype)
    q, k, v = (np.asarray(t, np.float64) for t in (q, k, v))
    if layout == "bshd":
        q, k, v = (t.transpose(0, 2, 1, 3) for t in (q, k, v))
    B, Hq, Sq, D = q.shape
    Hkv, Skv = k.shape[1], k.shape[2]
    G = Hq // Hkv
    # Query head h uses key/value head h / G.
    kh = k[:, np.arange(Hq) // G]
    vh = v[:, np.arange(Hq) // G]
    scale = 1.0 / np.sqrt(D) if scale is None else scale
    s = scale * np.einsum("bhid,bhjd->bhij", q, kh)
    if mask is not None:
        s = s + np.asarray(mask, np.float64)
    if causal:
        i = np.arange(Sq)[:, None]
        j = np.arange(Skv)[None, :]
        s = np.where(j > i + Skv - Sq, -np.inf, s)
    # Softmax over j; a row whose scores are all -inf gives zeros.
    dead = np.isneginf(s).all(-1, keepdims=True)
    m = np.where(dead, 0.0, s.max(-1, keepdims=True))
    e = np.exp(s - m)
    p = np.where(dead, 0.0, e / np.where(dead, 1.0, e.sum(-1, keepdims=True)))
    o = np.einsum("bhij,bhje->bhie", p, vh)
    if layout == "bshd":
        o = o.transpose(0, 2, 1, 3)
    return o


def tables(rng, rows, pairs, dtype):
    """cos and sin of random angles, each rounded to the table type."""
    a = rng.uniform(-4, 4, (rows, pairs))
    return np.cos(a).astype(dtype), np.sin(a).astype(dtype)


def with_neg_inf(rng, shape, p, dtype):
    m = rng.uniform(-1, 1, shape)
    return np.where(rng.random(shape) < p, -np.inf, m).astype(dtype)


def make_inputs(rng, infos):
    inputs = {}
    for info in infos:
        lo = -2 if info.name.endswith(("_q", "_k")) else -1
        inputs[info.name] = rng.uniform(lo, -lo, info.shape).astype(info.dtype)

    m = rng.uniform(-1, 1, (2, 1, 4, 6))
    m[0, 0, 1, :] = -np.inf  # a fully masked row
    m[1, 0, 2, [0, 3, 5]] = -np.inf
    m[0, 0, 3, 2] = -np.inf
    inputs["a3_mask"] = m.astype(np.float32)

    # Sq = 3, Skv = 7, causal: query i sees keys j <= i + 4. Row 0 leaves only
    # key 6 to the mask, which causal removes: a zero row from both together.
    m = with_neg_inf(rng, (3, 7), 0.3, np.float64)
    m[0, :] = -np.inf
    m[0, 6] = 0.5
    m[1, 0] = 0.25
    inputs["a5_mask"] = m.astype(np.float16)

    # Per query head and key, broadcast over batch and queries.
    m = rng.uniform(-2, 0, (4, 1, 5))
    m[1, 0, [0, 2]] = -np.inf
    inputs["a6_mask"] = m.astype(np.float32)

    m = rng.uniform(-1, 1, (2, 3, 4, 5))
    m[1, 2, 3, :] = -np.inf
    m[0, 1, 0, 1:] = -np.inf
    inputs["a7_mask"] = m.astype(np.float64)

    inputs["a8_mask"] = np.full((1, 1, 3, 5), -np.inf, np.float32)
    return inputs


def reference(**v):
    out = []
    out.append(attention(v["a1_q"], v["a1_k"], v["a1_v"]))
    out.append(attention(v["a2_q"], v["a2_k"], v["a2_v"], layout="bshd", causal=True, scale=0.3))
    out.append(attention(v["a3_q"], v["a3_k"], v["a3_v"], mask=v["a3_mask"]))
    out.append(attention(v["a4_q"], v["a4_k"], v["a4_v"], causal=True))
    out.append(attention(v["a5_q"], v["a5_k"], v["a5_v"], mask=v["a5_mask"], layout="bshd",
                         causal=True))
    out.append(attention(v["a6_q"], v["a6_k"], v["a6_v"], mask=v["a6_mask"], layout="bshd",
                         scale=0.7))
    out.append(attention(v["a7_q"], v["a7_k"], v["a7_v"], mask=v["a7_mask"], layout="bshd"))
    out.append(attention(v["a8_q"], v["a8_k"], v["a8_v"], mask=v["a8_mask"]))
    out.append(attention(v["a9_q"], v["a9_k"], v["a9_v"], causal=True))
    out.append(attention(v["a10_q"], v["a10_k"], v["a10_v"], causal=True, scale=2.5))
    return tuple(out)
