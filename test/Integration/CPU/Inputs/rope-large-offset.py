"""float64 numpy reference of test/Integration/CPU/rope-large-offset.mlir:
kiln.rope with the angle evaluated in f32 as its definition says (see attention.py)."""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attention import ATOL, RTOL, rope  # noqa: E402,F401


def make_inputs(rng, infos):
    return {"x": rng.uniform(-1, 1, (1, 2, 16, 64)).astype("float32")}


def reference(x):
    return rope(x, offset=300), rope(x, offset=4000)
