"""numpy reference of test/Integration/CPU/pool-max.mlir (definitions in pooling.py)."""
import numpy as np

import pooling
from pooling import max_pool2d

RTOL = 0.0  # a maximum is one of the inputs: exact
ATOL = 0.0

INPUTS = {  # name -> (shape, dtype)
    "x": ((1, 3, 11, 13), np.float32),
    "xe": ((1, 3, 10, 12), np.float32),
    "x7": ((2, 3, 7, 7), np.float32),
    "xs": ((1, 2, 3, 2), np.float32),
    "xn": ((1, 4, 11, 13), np.float32),
}

P1 = (1, 1, 1, 1)
CASES = {  # output name -> (op, input, attributes); left-out attributes take the defaults
    "max_k3s2p1": (max_pool2d, "x", dict(kernel=(3, 3), strides=(2, 2), padding=P1)),
    "max_default": (max_pool2d, "x", dict(kernel=(2, 3))),
    "max_k3s2p1_ceil": (max_pool2d, "xe", dict(kernel=(3, 3), strides=(2, 2), padding=P1, ceil_mode=True)),
    "max_k2s2_ceil_7x7": (max_pool2d, "x7", dict(kernel=(2, 2), strides=(2, 2), ceil_mode=True)),
    "max_k2s2_ceil_odd": (max_pool2d, "x", dict(kernel=(2, 2), strides=(2, 2), ceil_mode=True)),
    "max_dil2": (max_pool2d, "x", dict(kernel=(3, 3), dilations=(2, 2), padding=(2, 2, 2, 2))),
    "max_dil2_s2_ceil": (max_pool2d, "x", dict(kernel=(3, 2), strides=(2, 3), dilations=(2, 2), padding=(1, 1, 1, 0), ceil_mode=True)),
    "max_asym_ceil": (max_pool2d, "x", dict(kernel=(3, 3), strides=(2, 2), padding=(0, 1, 2, 0), ceil_mode=True)),
    "max_asym_floor": (max_pool2d, "x", dict(kernel=(3, 2), strides=(3, 2), padding=(2, 0, 0, 1))),
    "max_allpad": (max_pool2d, "xs", dict(kernel=(1, 2), dilations=(1, 3), padding=(0, 1, 0, 3))),
    "max_nan_ninf": (max_pool2d, "xn", dict(kernel=(3, 3), strides=(2, 2), padding=P1)),
}


def make_inputs(rng, infos):
    inputs = pooling.make_inputs(rng, INPUTS)
    inputs["xn"][0, 0, :3, :3] = -np.inf  # windows of -inf only at the border
    inputs["xn"][0, 1, 5, 6] = np.nan
    inputs["xn"][0, 2, 0, 12] = np.nan
    inputs["xn"][0, 3] = -np.inf
    return inputs


def reference(**inputs):
    return pooling.run(CASES, inputs)
