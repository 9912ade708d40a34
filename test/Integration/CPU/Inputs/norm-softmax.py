"""numpy reference of test/Integration/CPU/norm-softmax.mlir (definitions in normalization.py)."""
import numpy as np

import normalization
from normalization import BF16, F16, F64, log_softmax, softmax

RTOL = 1e-5
ATOL = 2e-6

f32, f16, f64 = np.float32, np.float16, np.float64
INPUTS = {  # name -> (shape, dtype); bf16 inputs are made as floats
    # Forms of the same axis (2, -1, default) get different inputs:
    # canonicalization makes them one op, and two identical ops would become
    # one value returned twice.
    "x": ((3, 7, 5), f32),
    "xm": ((3, 7, 5), f32),
    "xd": ((3, 7, 5), f32),
    "x4": ((2, 3, 4, 5), f32),
    "x11": ((11,), f32),
    "x19": ((1, 9), f32),
    "xbig": ((4, 13), f32),
    "xnbig": ((4, 13), f32),
    "xinf": ((5, 6), f32),
    "xnan": ((3, 4), f32),
    "xh": ((3, 7, 5), f16),
    "xb": ((3, 7, 5), "bf16"),
    "xd64": ((3, 7, 5), f64),
}


def sm(fn, x, **attrs):
    return (fn, {"x": x}, attrs)


CASES = {}  # output name -> (op, operands, attributes); left-out attributes take the defaults
for fn, p in ((softmax, "softmax"), (log_softmax, "log_softmax")):
    CASES.update({
        f"{p}_ax0": sm(fn, "x", axis=0),
        f"{p}_ax1": sm(fn, "x", axis=1),
        f"{p}_ax2": sm(fn, "x", axis=2),
        f"{p}_axm1": sm(fn, "xm", axis=-1),
        f"{p}_axm2": sm(fn, "xm", axis=-2),
        f"{p}_axm3": sm(fn, "xm", axis=-3),
        f"{p}_default": sm(fn, "xd"),
        f"{p}_4d_ax2": sm(fn, "x4", axis=2),
        f"{p}_1d": sm(fn, "x11", axis=0),
        f"{p}_1x9": sm(fn, "x19", axis=1),
        f"{p}_big": sm(fn, "xbig", axis=-1),
        f"{p}_neg_big": sm(fn, "xnbig", axis=1),
        f"{p}_ninf_rows": sm(fn, "xinf", axis=-1),
        f"{p}_ninf_cols": sm(fn, "xinf", axis=0),
        f"{p}_nan_pinf": sm(fn, "xnan", axis=1),
        f"{p}_f16": sm(fn, "xh", axis=1),
        f"{p}_bf16": sm(fn, "xb", axis=-2),
        f"{p}_f64": sm(fn, "xd64", axis=-1),
    })

NARROW = {f16: F16, "bf16": BF16, f64: F64}
TOLERANCES = {name: NARROW[INPUTS[ops["x"]][1]] for name, (_, ops, _) in CASES.items()
              if INPUTS[ops["x"]][1] in NARROW}


def make_inputs(rng, infos):
    inputs = normalization.make_inputs(rng, INPUTS)
    inputs["xbig"] = (rng.standard_normal((4, 13)) * 30 + 1e4).astype(f32)
    inputs["xnbig"] = (rng.standard_normal((4, 13)) * 30 - 1e4).astype(f32)
    x = inputs["xinf"]
    x[0, :] = -np.inf  # all -inf: NaN
    x[1, 2] = -np.inf
    x[2, :5] = -np.inf  # a single finite value: 1 (softmax), 0 (log_softmax)
    x[3, ::2] = -np.inf
    inputs["xnan"][0, 1] = np.nan
    inputs["xnan"][1, 3] = np.inf
    return inputs


def reference(**inputs):
    return normalization.run(CASES, inputs)
