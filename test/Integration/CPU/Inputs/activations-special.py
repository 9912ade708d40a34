"""float64 numpy reference of test/Integration/CPU/activations-special.mlir:
exp, sigmoid, SiLU, GELU (erf and tanh forms), tanh and erf of f32 inputs
that sweep every range of their polynomial approximations (magnitudes from
1e-40 to 1e4, [-110, 95] densely) and the special values: +-0, +-inf, NaN,
+-largest float, the overflow (88.72) and underflow (-87.34, -103.97)
thresholds of exp, the smallest normal and denormal floats. The special
values sit at both ends of the tensor, so that vector and remainder code
both see them."""
import math

import numpy as np

N = 4099  # not a multiple of any vector width: the tail is computed too
_erf = np.vectorize(math.erf, otypes=[np.float64])

F32 = np.finfo(np.float32)
SPECIALS = [0.0, -0.0, np.inf, -np.inf, np.nan, F32.max, -F32.max, 88.72283,
            88.7229, 89.0, -87.33654, -88.0, -88.5, -103.97208, -104.0,
            -150.0, 200.0, 1e4, -1e4, F32.tiny, -F32.tiny, 1e-45, -1e-45]

# exp flushes outputs below the smallest normal float to 0, as upstream's
# approximation did; SiLU multiplies x by such a sigmoid.
TINY = float(F32.tiny)
RTOL = 1e-6
ATOL = TINY
TOLERANCES = {
    "silu": (1e-6, 1e-35),
    # 1 + erf(x / sqrt(2)) cancels for negative x (PyTorch's formula too):
    # an absolute error of erf's ulp at 1 remains.
    "gelu": (1e-6, 1e-6),
    "gelu_tanh": (1e-6, 1e-6),
}


def make_inputs(rng, infos):
    mags = np.logspace(-40, 4, 1200)
    body = np.concatenate([mags, -mags, np.linspace(-110, 95, 4099)])
    body = body[: N - 2 * len(SPECIALS)]
    x = np.concatenate([SPECIALS, body, SPECIALS]).astype(np.float32)
    assert x.size == N
    return {"x": x}


def reference(x):
    x = x.astype(np.float64)
    # GELU of -inf is -inf * 0 = NaN, as in PyTorch's formula.
    with np.errstate(over="ignore", invalid="ignore"):
        sigmoid = 1 / (1 + np.exp(-x))
        return {
            # Past the largest float, f32 is inf.
            "exp": np.where(np.exp(x) > F32.max, np.inf, np.exp(x)),
            "sigmoid": sigmoid,
            # -inf * 0 is NaN, as in PyTorch's x / (1 + exp(-x)).
            "silu": x * sigmoid,
            "gelu": 0.5 * x * (1 + _erf(x / math.sqrt(2))),
            "gelu_tanh": 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3))),
            "tanh": np.tanh(x),
            "erf": _erf(x),
        }
