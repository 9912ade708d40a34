"""numpy reference of test/Integration/CPU/pool-global.mlir (definitions in pooling.py)."""
import numpy as np

import pooling
from pooling import BF16, F16, F64, global_avg_pool, global_max_pool

RTOL = 1e-5
ATOL = 1e-6

INPUTS = {  # name -> (shape, dtype); bf16 inputs are made as floats
    "g": ((2, 5, 7, 9), np.float32),
    "g3": ((2, 3, 11), np.float32),
    "gn": ((1, 4, 5, 3), np.float32),
    "gi": ((2, 5, 3, 3), np.int32),
    "gb8": ((2, 3, 4, 3), np.int8),
    "gh": ((2, 5, 7, 9), np.float16),
    "gb": ((2, 5, 7, 9), "bf16"),
    "g5": ((1, 3, 3, 4, 5), np.float64),
    "g5h": ((1, 3, 3, 4, 5), np.float16),
}

CASES = {  # output name -> (op, input, attributes)
    "gmax_f32": (global_max_pool, "g", {}),
    "gmax_3d": (global_max_pool, "g3", {}),
    "gmax_nan_ninf": (global_max_pool, "gn", {}),
    "gmax_i32": (global_max_pool, "gi", {}),
    "gmax_i8": (global_max_pool, "gb8", {}),
    "gmax_f16_5d": (global_max_pool, "g5h", {}),
    "gavg_f32": (global_avg_pool, "g", {}),
    "gavg_3d": (global_avg_pool, "g3", {}),
    "gavg_nan_ninf": (global_avg_pool, "gn", {}),
    "gavg_f16": (global_avg_pool, "gh", {}),
    "gavg_bf16": (global_avg_pool, "gb", {}),
    "gavg_5d_f64": (global_avg_pool, "g5", {}),
}

TOLERANCES = {}
for name, (fn, src, _) in CASES.items():
    dtype = INPUTS[src][1]
    if fn is global_max_pool:
        TOLERANCES[name] = (0.0, 0.0)  # one of the inputs: exact
    elif dtype in (np.float16, "bf16", np.float64):
        TOLERANCES[name] = {np.float16: F16, "bf16": BF16, np.float64: F64}[dtype]


def make_inputs(rng, infos):
    inputs = pooling.make_inputs(rng, INPUTS)
    inputs["gn"][0, 0, 1, 1] = -np.inf  # max finite, average -inf
    inputs["gn"][0, 1, 2, 0] = np.nan  # NaN
    inputs["gn"][0, 2] = -np.inf  # -inf
    inputs["gn"][0, 3, 0, 0] = np.inf  # +inf
    inputs["gb8"][0, 1] = -128  # the lowest value only
    return inputs


def reference(**inputs):
    return pooling.run(CASES, inputs)
