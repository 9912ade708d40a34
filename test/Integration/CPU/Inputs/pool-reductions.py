"""numpy reference of test/Integration/CPU/pool-reductions.mlir (definitions in pooling.py)."""
import numpy as np

import pooling
from pooling import BF16, F16, F64, reduce_max, reduce_mean, reduce_sum

RTOL = 1e-5
ATOL = 1e-6

R = (3, 4, 5, 6)
INPUTS = {  # name -> (shape, dtype); bf16 inputs are made as floats
    "r": (R, np.float32),
    "r3": ((3, 5, 7), np.float32),
    "rn": (R, np.float32),
    "rh": (R, np.float16),
    "rb": (R, "bf16"),
    "rd": (R, np.float64),
    "ri": (R, np.int32),
    "rb8": (R, np.int8),
    "rs": (R, np.int16),
    "rl": (R, np.int64),
}
# Empty slices of inputs, made inside the model with kiln.slice (a model's own
# inputs and outputs cannot be empty): name -> (input, index, shape, dtype).
EMPTY = {
    "r_empty": ("r", np.s_[:, 2:2], (3, 0, 5, 6), np.float32),
    "ri_empty": ("ri", np.s_[:, :, :, 6:6], (3, 4, 5, 0), np.int32),
}
DERIVED_TYPES = {name: (shape, dtype) for name, (_, _, shape, dtype) in EMPTY.items()}

CASES = {  # output name -> (op, input, attributes); left-out attributes take the defaults
    "sum_last": (reduce_sum, "r", dict(axes=(-1,), keep_dims=False)),
    "sum_0_2_keep": (reduce_sum, "r", dict(axes=(0, 2), keep_dims=True)),
    "sum_all": (reduce_sum, "r", dict(axes=(), keep_dims=False)),  # rank 0
    "sum_default": (reduce_sum, "r", {}),  # every dimension, kept
    "sum_all_listed": (reduce_sum, "r3", dict(axes=(2, -3, 1), keep_dims=False)),
    "sum_f16_neg": (reduce_sum, "rh", dict(axes=(-3, -1), keep_dims=False)),
    "sum_f16_all": (reduce_sum, "rh", dict(axes=(), keep_dims=False)),
    "sum_bf16": (reduce_sum, "rb", dict(axes=(1,), keep_dims=True)),
    "sum_f64": (reduce_sum, "rd", dict(axes=(0, -1), keep_dims=True)),
    "sum_i32": (reduce_sum, "ri", dict(axes=(-2, 0), keep_dims=False)),
    "sum_i8_wrap": (reduce_sum, "rb8", dict(axes=(1, 2), keep_dims=True)),
    "sum_i64": (reduce_sum, "rl", dict(axes=(), keep_dims=True)),
    "sum_empty": (reduce_sum, "r_empty", dict(axes=(1,), keep_dims=False)),
    "sum_i32_empty": (reduce_sum, "ri_empty", dict(axes=(-1, 1), keep_dims=True)),
    "mean_neg_keep": (reduce_mean, "r", dict(axes=(-2, 0), keep_dims=True)),
    "mean_neg": (reduce_mean, "r", dict(axes=(-2, 0), keep_dims=False)),
    "mean_all": (reduce_mean, "r3", dict(axes=(), keep_dims=False)),
    "mean_default": (reduce_mean, "r3", {}),
    "mean_f16": (reduce_mean, "rh", dict(axes=(-1, 1), keep_dims=True)),
    "mean_f16_all": (reduce_mean, "rh", dict(axes=(), keep_dims=True)),
    "mean_bf16": (reduce_mean, "rb", dict(axes=(2,), keep_dims=False)),
    "mean_f64": (reduce_mean, "rd", dict(axes=(3, 1), keep_dims=False)),
    "mean_i32_trunc": (reduce_mean, "ri", dict(axes=(-1,), keep_dims=False)),
    "mean_i8_trunc": (reduce_mean, "rb8", dict(axes=(0, 3), keep_dims=True)),
    "mean_i16_trunc": (reduce_mean, "rs", dict(axes=(1, -2), keep_dims=False)),
    "mean_i64_multi": (reduce_mean, "rl", dict(axes=(1, -1), keep_dims=True)),
    "mean_empty": (reduce_mean, "r_empty", dict(axes=(-3,), keep_dims=True)),  # NaN
    "max_axes_keep": (reduce_max, "r", dict(axes=(1, -1), keep_dims=True)),
    "max_axes": (reduce_max, "r", dict(axes=(-4, 2), keep_dims=False)),
    "max_all": (reduce_max, "r", dict(axes=(), keep_dims=False)),
    "max_default": (reduce_max, "r3", {}),
    "max_nan_ninf": (reduce_max, "rn", dict(axes=(2,), keep_dims=False)),
    "max_f16": (reduce_max, "rh", dict(axes=(0, -1), keep_dims=False)),
    "max_f64": (reduce_max, "rd", dict(axes=(-2,), keep_dims=True)),
    "max_i8": (reduce_max, "rb8", dict(axes=(3,), keep_dims=False)),
    "max_i16": (reduce_max, "rs", dict(axes=(0,), keep_dims=False)),
    "max_i32": (reduce_max, "ri", dict(axes=(1, 2, 3), keep_dims=True)),
    "max_i64_all_keep": (reduce_max, "rl", dict(axes=(), keep_dims=True)),
    "max_empty": (reduce_max, "r_empty", dict(axes=(1,), keep_dims=False)),  # -inf
    "max_i32_empty": (reduce_max, "ri_empty", dict(axes=(3,), keep_dims=False)),  # INT32_MIN
}

TOLERANCES = {}
for name, (fn, src, _) in CASES.items():
    dtype = (INPUTS.get(src) or DERIVED_TYPES[src])[1]
    if fn is reduce_max:
        TOLERANCES[name] = (0.0, 0.0)  # one of the inputs: exact
    elif dtype in (np.float16, "bf16", np.float64):
        TOLERANCES[name] = {np.float16: F16, "bf16": BF16, np.float64: F64}[dtype]


def make_inputs(rng, infos):
    inputs = pooling.make_inputs(rng, INPUTS)
    inputs["rn"][0, 1, 2, 3] = np.nan
    inputs["rn"][2, 3, :, 5] = -np.inf  # a slice of -inf only
    inputs["rn"][1, 0, 4, 0] = -np.inf
    inputs["rn"][1, 2, 0, 1] = np.inf
    # Sums well beyond the int16 range (int16 means must not wrap).
    inputs["rs"] = rng.integers(-30000, 30001, R).astype(np.int16)
    return inputs


def reference(**inputs):
    for name, (src, index, _, _) in EMPTY.items():
        inputs[name] = inputs[src][index]
    return pooling.run(CASES, inputs)
