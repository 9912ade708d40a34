"""numpy reference of test/Integration/CPU/pool-max-types.mlir (definitions in pooling.py)."""
import numpy as np

import pooling
from pooling import max_pool2d

RTOL = 0.0  # a maximum is one of the inputs: exact
ATOL = 0.0

INPUTS = {  # name -> (shape, dtype)
    "xi": ((1, 3, 11, 13), np.int32),
    "xb8": ((1, 3, 11, 13), np.int8),
    "xl": ((1, 2, 3, 2), np.int64),
    "xs16": ((2, 2, 5, 4), np.int16),
    "xh": ((1, 3, 10, 12), np.float16),
    "xd": ((1, 3, 11, 13), np.float64),
}

P1 = (1, 1, 1, 1)
CASES = {  # output name -> (op, input, attributes); left-out attributes take the defaults
    "max_i32_ceil": (max_pool2d, "xi", dict(kernel=(3, 3), strides=(2, 2), padding=P1, ceil_mode=True)),
    "max_i8_asym": (max_pool2d, "xb8", dict(kernel=(2, 3), strides=(2, 2), padding=(1, 0, 0, 2), ceil_mode=True)),
    "max_i64_allpad": (max_pool2d, "xl", dict(kernel=(1, 2), dilations=(1, 3), padding=(0, 1, 0, 3))),
    "max_i16_ceil": (max_pool2d, "xs16", dict(kernel=(2, 2), strides=(2, 2), padding=(0, 1, 0, 0), ceil_mode=True)),
    "max_f16": (max_pool2d, "xh", dict(kernel=(3, 3), strides=(2, 2), padding=P1, ceil_mode=True)),
    "max_f64": (max_pool2d, "xd", dict(kernel=(3, 3), strides=(2, 2), padding=(1, 0, 0, 2), ceil_mode=True)),
}


def make_inputs(rng, infos):
    inputs = pooling.make_inputs(rng, INPUTS)
    # Windows at the top-left border that hold only the lowest value of the
    # type, or only negative values: a padding value above it would win.
    inputs["xb8"][0, 0, :3, :3] = -128
    inputs["xi"][0, 1, :4, :4] = -rng.integers(1, 50, (4, 4))
    inputs["xh"][0, 2, :2, :] = -np.inf
    inputs["xh"][0, 1, 3, 4] = np.nan
    inputs["xl"][0, 0] = np.iinfo(np.int64).min
    inputs["xs16"][1, 1] = np.iinfo(np.int16).min
    return inputs


def reference(**inputs):
    return pooling.run(CASES, inputs)
