"""float64 numpy reference of test/Integration/CPU/rope.mlir.

The definitions of kiln.rope and kiln.attention are those of attention.py;
make_inputs builds the cos/sin tables and gives the separate-rope variants
the same q, k and v as the fused ones.
"""
import os
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attention import attention, rope, tables  # noqa: E402

RTOL = 1e-5
ATOL = 1e-6


def make_inputs(rng, infos):
    inputs = {}
    for info in infos:
        lo = -2 if info.name.endswith(("_q", "_k")) else -1
        inputs[info.name] = rng.uniform(lo, -lo, info.shape).astype(info.dtype)
    inputs["rope_cos5"], inputs["rope_sin5"] = tables(rng, 5, 4, np.float32)
    inputs["rope_cos6"], inputs["rope_sin6"] = tables(rng, 6, 4, np.float64)
    inputs["f2_cos"], inputs["f2_sin"] = tables(rng, 8, 4, np.float32)
    # The separate-rope variants compute on the same values.
    for fused, separate in (("f1", "f1s"), ("f2", "f2s")):
        for t in "qkv":
            inputs[f"{separate}_{t}"] = inputs[f"{fused}_{t}"].copy()
    return inputs


def reference(**v):
    out = []
    out.append(rope(v["rope_x1"]))  # rope_half
    out.append(rope(v["rope_x2"], pairing="interleaved", rotary_dim=6, theta=500.0, offset=3))
    out.append(rope(v["rope_x3"], "bshd", rotary_dim=4, offset=11))
    out.append(rope(v["rope_x4"], "bshd", "interleaved", rotary_dim=6, theta=1.0e6, offset=1))
    out.append(rope(v["rope_x5"], "bshd", "interleaved", rotary_dim=8,
                    cos=v["rope_cos5"], sin=v["rope_sin5"]))
    out.append(rope(v["rope_x6"], rotary_dim=8, cos=v["rope_cos6"], sin=v["rope_sin6"]))
    out.append(rope(v["rope_x7"], pairing="interleaved"))  # rope_interleaved_d2
    out.append(rope(v["rope_x8"], "bshd", rotary_dim=2, offset=9))
    r1 = dict(rotary_dim=6, theta=1000.0, offset=2)
    out.append(attention(v["f1_q"], v["f1_k"], v["f1_v"], causal=True, rope_args=r1))
    out.append(attention(v["f1s_q"], v["f1s_k"], v["f1s_v"], causal=True, rope_args=r1))
    r2 = dict(pairing="interleaved", rotary_dim=8)
    t2 = (v["f2_cos"], v["f2_sin"])
    out.append(attention(v["f2_q"], v["f2_k"], v["f2_v"], layout="bshd", rope_args=r2, tables=t2))
    out.append(attention(v["f2s_q"], v["f2s_k"], v["f2s_v"], layout="bshd", rope_args=r2,
                         tables=t2))
    return tuple(out)
