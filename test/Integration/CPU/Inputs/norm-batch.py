"""numpy reference of test/Integration/CPU/norm-batch.mlir (definitions in normalization.py)."""
import numpy as np

import normalization
from normalization import BF16, F16, F64, batch_norm

RTOL = 1e-5
ATOL = 2e-6

f32, f16, f64 = np.float32, np.float16, np.float64
INPUTS = {  # name -> (shape, dtype); bf16 inputs are made as floats
    # batch_norm: x, then scale, bias, mean, variance per channel count
    "n2": ((4, 3), f32), "n3": ((2, 5, 7), f32), "n4": ((2, 3, 5, 7), f32),
    "n5": ((1, 3, 3, 4, 2), f32), "n1": ((3, 1), f32),
    "nh": ((2, 3, 5, 7), f16), "nb": ((2, 3, 4), "bf16"), "nd": ((4, 3), f64),
    **{f"{p}{c}": ((n,), t) for p in ("sc", "bi", "mu", "va")
       for c, n, t in (("3", 3, f32), ("5", 5, f32), ("1", 1, f32), ("h", 3, f16), ("b", 3, "bf16"), ("d", 3, f64))},
}


def bn(x, c, **attrs):
    return (batch_norm, {"x": x, "scale": "sc" + c, "bias": "bi" + c, "mean": "mu" + c,
                         "variance": "va" + c}, attrs)


CASES = {  # output name -> (op, operands, attributes); left-out attributes take the defaults
    "bn_rank2": bn("n2", "3"),
    "bn_rank3": bn("n3", "5"),
    "bn_rank4": bn("n4", "3"),
    "bn_rank5": bn("n5", "3"),
    "bn_c1": bn("n1", "1"),
    "bn_eps1e-3": bn("n4", "3", epsilon=1e-3),
    "bn_eps0": bn("n4", "3", epsilon=0.0),
    "bn_f16": bn("nh", "h"),
    "bn_bf16": bn("nb", "b"),
    "bn_f64": bn("nd", "d"),
}

NARROW = {f16: F16, "bf16": BF16, f64: F64}
TOLERANCES = {name: NARROW[INPUTS[ops["x"]][1]] for name, (_, ops, _) in CASES.items()
              if INPUTS[ops["x"]][1] in NARROW}


def make_inputs(rng, infos):
    inputs = normalization.make_inputs(rng, INPUTS)
    for name, (shape, dtype) in INPUTS.items():
        if name.startswith("va"):  # variances
            inputs[name] = rng.uniform(0.1, 3.0, shape).astype(np.float32 if dtype == "bf16" else dtype)
    return inputs


def reference(**inputs):
    return normalization.run(CASES, inputs)
