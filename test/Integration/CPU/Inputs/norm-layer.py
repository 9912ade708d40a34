"""numpy reference of test/Integration/CPU/norm-layer.mlir (definitions in normalization.py)."""
import numpy as np

import normalization
from normalization import BF16, F16, F64, layer_norm

RTOL = 1e-5
ATOL = 2e-6

f32, f16, f64 = np.float32, np.float16, np.float64
INPUTS = {  # name -> (shape, dtype); bf16 inputs are made as floats
    # Forms of the same axis (2, -1, default) get different inputs:
    # canonicalization makes them one op, and two identical ops would become
    # one value returned twice.
    "l": ((3, 7, 5), f32),
    "lm": ((3, 7, 5), f32),
    "ld": ((3, 7, 5), f32),
    "s5": ((5,), f32), "b5": ((5,), f32),
    "s75": ((7, 5), f32), "b75": ((7, 5), f32),
    "s375": ((3, 7, 5), f32), "b375": ((3, 7, 5), f32),
    "s71": ((7, 1), f32), "s15": ((1, 5), f32), "b1": ((1,), f32), "s0": ((), f32),
    "l4": ((2, 3, 4, 5), f32), "s45": ((4, 5), f32), "b45": ((4, 5), f32),
    "l11": ((11,), f32), "s11": ((11,), f32), "b11": ((11,), f32),
    "l633": ((6, 33), f32), "s33": ((33,), f32), "b33": ((33,), f32),
    "loff": ((3, 7, 5), f32),
    "lconst": ((3, 8), f32), "b8": ((8,), f32),
    "lh": ((3, 7, 5), f16), "sh75": ((7, 5), f16), "bh75": ((7, 5), f16), "sh5": ((5,), f16),
    "lb": ((3, 7, 5), "bf16"), "sb5": ((5,), "bf16"), "bb5": ((5,), "bf16"),
    "ld64": ((3, 7, 5), f64), "sd75": ((7, 5), f64), "bd75": ((7, 5), f64),
}


def ln(x, scale=None, bias=None, **attrs):
    operands = {"x": x}
    if scale:
        operands["scale"] = scale
    if bias:
        operands["bias"] = bias
    return (layer_norm, operands, attrs)


CASES = {  # output name -> (op, operands, attributes); left-out attributes take the defaults
    # Every axis form, with scale and bias, scale only, bias only, neither.
    "ln_ax2_sb": ln("l", "s5", "b5", axis=2),
    "ln_ax2": ln("l", axis=2),
    "ln_ax1_s": ln("l", "s75", axis=1),
    "ln_ax1_b": ln("l", bias="b75", axis=1),
    "ln_ax0_sb": ln("l", "s375", "b375", axis=0),
    "ln_ax0_s": ln("l", "s375", axis=0),
    "ln_axm1_s": ln("lm", "s5", axis=-1),
    "ln_axm2_b": ln("lm", bias="b75", axis=-2),
    "ln_axm3_sb": ln("lm", "s375", "b375", axis=-3),
    "ln_default_sb": ln("ld", "s5", "b5"),
    # Parameters that broadcast to the normalized shape.
    "ln_bcast_71_5": ln("l", "s71", "b5", axis=1),
    "ln_bcast_15_1": ln("l", "s15", "b1", axis=1),
    "ln_bcast_1_75": ln("l", "b1", "b75", axis=0),
    "ln_bcast_rank0": ln("l", "s0", "b1", axis=-1),
    "ln_4d_axm2": ln("l4", "s45", "b45", axis=-2),
    "ln_1d_eps": ln("l11", "s11", "b11", epsilon=1e-3),
    "ln_eps0": ln("l633", "s33", "b33", epsilon=0.0),
    # Variance 0 (constant rows): the output is the bias.
    "ln_const": ln("lconst", bias="b8"),
    # A large common offset: the variance must not cancel catastrophically.
    "ln_offset300": ln("loff", axis=1),
    "ln_f16": ln("lh", "sh75", "bh75", axis=1),
    "ln_f16_s": ln("lh", "sh5", axis=-1),
    "ln_bf16": ln("lb", "sb5", "bb5", axis=-1),
    "ln_f64": ln("ld64", "sd75", "bd75", axis=-2),
}

NARROW = {f16: F16, "bf16": BF16, f64: F64}
TOLERANCES = {name: NARROW[INPUTS[ops["x"]][1]] for name, (_, ops, _) in CASES.items()
              if INPUTS[ops["x"]][1] in NARROW}
# Offset 300, spread 1: the float32 mean alone is off by up to half an ulp
# of 300 (1.5e-5), and so is every normalized value (PyTorch errs by 4e-5).
TOLERANCES["ln_offset300"] = (1e-5, 1e-4)


def make_inputs(rng, infos):
    inputs = normalization.make_inputs(rng, INPUTS)
    inputs["l"] += 0.5
    inputs["loff"] = (rng.standard_normal((3, 7, 5)) + 300).astype(f32)
    inputs["lconst"] = np.full((3, 8), 2.5, f32)
    return inputs


def reference(**inputs):
    return normalization.run(CASES, inputs)
