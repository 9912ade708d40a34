"""float64 numpy reference of test/Integration/CPU/attention-flash.mlir.

kiln.attention and kiln.rope as attention.py defines them; make_inputs
builds the rope_tables (random angles, rounded to the table type).
"""
import os
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attention import attention, tables  # noqa: E402

RTOL = 2e-5
ATOL = 2e-6


def make_inputs(rng, infos):
    inputs = {}
    for info in infos:
        lo = -2 if info.name.endswith(("_q", "_k")) else -1
        inputs[info.name] = rng.uniform(lo, -lo, info.shape).astype(info.dtype)
    t = "rope_tables_interleaved"
    inputs[f"{t}_cos"], inputs[f"{t}_sin"] = tables(rng, 140, 8, np.float32)
    t = "rope_tables_f16_half_bshd"
    inputs[f"{t}_cos"], inputs[f"{t}_sin"] = tables(rng, 64, 16, np.float16)
    return inputs


def reference(**v):
    def qkv(name):
        return v[f"{name}_q"], v[f"{name}_k"], v[f"{name}_v"]

    def tabs(name):
        return v[f"{name}_cos"], v[f"{name}_sin"]

    out = []
    out.append(attention(*qkv("mha_s200")))
    out.append(attention(*qkv("gqa_bshd_causal_sq_lt_skv"), layout="bshd", causal=True,
                         scale=0.2))
    out.append(attention(*qkv("mqa_causal_sq_gt_skv"), causal=True))
    out.append(attention(*qkv("rope_half_causal"), causal=True, rope_args={}))
    out.append(attention(*qkv("rope_interleaved_partial_offset_bshd"), layout="bshd",
                         rope_args=dict(pairing="interleaved", rotary_dim=20, theta=500.0,
                                        offset=5)))
    out.append(attention(*qkv("rope_half_partial_causal"), causal=True,
                         rope_args=dict(rotary_dim=12, offset=3)))
    out.append(attention(*qkv("rope_tables_interleaved"), causal=True,
                         rope_args=dict(pairing="interleaved", rotary_dim=16),
                         tables=tabs("rope_tables_interleaved")))
    out.append(attention(*qkv("rope_tables_f16_half_bshd"), layout="bshd", rope_args={},
                         tables=tabs("rope_tables_f16_half_bshd")))
    out.append(attention(*qkv("rope_decode_gqa"), rope_args=dict(offset=99)))
    return tuple(out)
