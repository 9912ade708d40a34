"""numpy reference of test/Integration/CPU/pool-bf16-max.mlir (definitions in pooling.py)."""
import numpy as np

import pooling
from pooling import global_max_pool, max_pool2d, reduce_max

RTOL = 0.0  # a maximum is one of the inputs: exact
ATOL = 0.0

INPUTS = {  # name -> (shape, dtype); bf16 inputs are made as floats
    "xb": ((1, 3, 11, 13), "bf16"),
    "gb": ((2, 3, 11), "bf16"),
    "rb": ((3, 4, 5, 6), "bf16"),
}

CASES = {  # output name -> (op, input, attributes)
    "max_pool_bf16": (max_pool2d, "xb", dict(kernel=(3, 3), strides=(2, 2), padding=(1, 1, 1, 1))),
    "gmax_bf16": (global_max_pool, "gb", {}),
    "reduce_max_bf16": (reduce_max, "rb", dict(axes=(-1,), keep_dims=True)),
}


def make_inputs(rng, infos):
    inputs = pooling.make_inputs(rng, INPUTS)
    inputs["xb"][0, 0, :3, :3] = -np.inf
    inputs["rb"][0, 1, 2, 3] = np.nan
    return inputs


def reference(**inputs):
    return pooling.run(CASES, inputs)
