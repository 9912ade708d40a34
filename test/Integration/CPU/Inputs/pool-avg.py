"""numpy reference of test/Integration/CPU/pool-avg.mlir (definitions in pooling.py)."""
import numpy as np

import pooling
from pooling import BF16, F16, F64, avg_pool2d

RTOL = 1e-5
ATOL = 1e-6

INPUTS = {  # name -> (shape, dtype); bf16 inputs are made as floats
    "x": ((1, 3, 11, 13), np.float32),
    "xe": ((1, 3, 10, 12), np.float32),
    "x7": ((2, 3, 7, 7), np.float32),
    "xs": ((1, 2, 3, 2), np.float32),
    "xh": ((1, 3, 10, 12), np.float16),
    "xb": ((1, 3, 10, 12), "bf16"),
    "xd": ((1, 3, 11, 13), np.float64),
}

P1 = (1, 1, 1, 1)
CASES = {}  # output name -> (op, input, attributes); left-out attributes take the defaults
for cip in (False, True):
    t = "cip" if cip else "nocip"
    CASES.update({
        f"avg_k3s2p1_{t}": (avg_pool2d, "x", dict(kernel=(3, 3), strides=(2, 2), padding=P1, count_include_pad=cip)),
        # 10 + 2 - 3 = 9 is odd: the last window starts in the input and
        # ends in the ceil-mode overhang past the trailing padding.
        f"avg_k3s2p1_ceil_{t}": (avg_pool2d, "xe", dict(kernel=(3, 3), strides=(2, 2), padding=P1, ceil_mode=True, count_include_pad=cip)),
        f"avg_asym_ceil_{t}": (avg_pool2d, "x", dict(kernel=(3, 3), strides=(2, 2), padding=(1, 0, 0, 2), ceil_mode=True, count_include_pad=cip)),
        f"avg_dil2_ceil_{t}": (avg_pool2d, "x", dict(kernel=(3, 3), strides=(2, 1), dilations=(2, 2), padding=(2, 1, 1, 2), ceil_mode=True, count_include_pad=cip)),
        # Windows of padding only: NaN (0 / 0) without count_include_pad, 0 with it.
        f"avg_allpad_{t}": (avg_pool2d, "xs", dict(kernel=(1, 2), dilations=(1, 3), padding=(0, 1, 0, 3), count_include_pad=cip)),
        f"avg_f16_{t}": (avg_pool2d, "xh", dict(kernel=(3, 3), strides=(2, 2), padding=P1, ceil_mode=True, count_include_pad=cip)),
        f"avg_bf16_{t}": (avg_pool2d, "xb", dict(kernel=(3, 3), strides=(2, 2), padding=P1, ceil_mode=True, count_include_pad=cip)),
        f"avg_f64_{t}": (avg_pool2d, "xd", dict(kernel=(3, 3), strides=(2, 2), padding=(1, 0, 0, 2), ceil_mode=True, count_include_pad=cip)),
    })
CASES.update({
    # Without padding count_include_pad makes no difference (the ceil-mode
    # overhang is never counted), so each variant gets its own input: two
    # identical ops would be merged into one value, returned twice.
    "avg_k2s2_ceil_7x7_nocip": (avg_pool2d, "x7", dict(kernel=(2, 2), strides=(2, 2), ceil_mode=True)),
    "avg_k2s2_ceil_odd_cip": (avg_pool2d, "x", dict(kernel=(2, 2), strides=(2, 2), ceil_mode=True, count_include_pad=True)),
    "avg_default": (avg_pool2d, "x", dict(kernel=(2, 3))),
})

TOLERANCES = {}
for name, (_, src, _) in CASES.items():
    dtype = INPUTS[src][1]
    if dtype in (np.float16, "bf16", np.float64):
        TOLERANCES[name] = {np.float16: F16, "bf16": BF16, np.float64: F64}[dtype]


def make_inputs(rng, infos):
    return pooling.make_inputs(rng, INPUTS)


def reference(**inputs):
    return pooling.run(CASES, inputs)
