"""float64 numpy reference of test/Integration/CPU/attention-f16.mlir.

The definitions are those of attention.py (the rope of a fused attention is
rounded to f16, as a kiln.rope result would be); the tolerance fits f16
results: inputs rounded to f16, outputs within a few f16 ulps.
"""
import os
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attention import attention, rope, tables  # noqa: E402

RTOL = 2e-3
ATOL = 1e-3


def make_inputs(rng, infos):
    inputs = {}
    for info in infos:
        lo = -2 if info.name.endswith(("_q", "_k")) else -1
        inputs[info.name] = rng.uniform(lo, -lo, info.shape).astype(info.dtype)
    inputs["rope_cos2"], inputs["rope_sin2"] = tables(rng, 6, 4, np.float32)
    # Sq = 6, Skv = 9, causal: query i sees keys j <= i + 3. Query 0's only
    # key left by the mask in head 1 is key 5, which causal removes: a zero row.
    m = np.where(rng.random((1, 4, 6, 9)) < 0.25, -np.inf, rng.uniform(-1, 0, (1, 4, 6, 9)))
    m[0, 1, 0, :] = -np.inf
    m[0, 1, 0, 5] = 0.0
    m[0, 2, 1, :4] = -np.inf
    m[0, 2, 1, 1] = 0.5
    inputs["a1_mask"] = m.astype(np.float16)
    for t in "qkv":
        inputs[f"a1s_{t}"] = inputs[f"a1_{t}"].copy()
    return inputs


def reference(**v):
    f16 = np.float16
    r = dict(pairing="interleaved", rotary_dim=10, offset=3)
    return (
        rope(v["rope_x1"], pairing="interleaved", rotary_dim=12, offset=5),
        rope(v["rope_x2"], cos=v["rope_cos2"], sin=v["rope_sin2"]),
        attention(v["a1_q"], v["a1_k"], v["a1_v"], mask=v["a1_mask"], layout="bshd", causal=True,
                  dtype=f16),
        attention(v["a1_q"], v["a1_k"], v["a1_v"], layout="bshd", causal=True, rope_args=r,
                  dtype=f16),
        attention(v["a1s_q"], v["a1s_k"], v["a1s_v"], layout="bshd", causal=True, rope_args=r,
                  dtype=f16),
    )
