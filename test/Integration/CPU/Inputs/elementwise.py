"""numpy reference of test/Integration/CPU/elementwise.mlir."""
import math

import numpy as np

RTOL = 2e-5
ATOL = 2e-6
erf = np.vectorize(math.erf)


def make_inputs(rng, infos):
    shape = (3, 5, 7)
    return {
        "a": (rng.standard_normal(shape) * 2).astype(np.float32),
        "b": rng.standard_normal((5, 1)).astype(np.float32),
        # Positive, for log, sqrt, pow and as a divisor.
        "p": rng.uniform(0.2, 3.0, shape).astype(np.float32),
        "s": rng.uniform(0.0, 0.5, (5, 1)).astype(np.float32),
        "c": rng.random(shape) < 0.5,
        "i": rng.integers(-20, 21, shape).astype(np.int64),
        "j": rng.integers(-3, 4, (7,)).astype(np.int64),
        # Non-zero divisors of both signs.
        "q": np.array([3, -2, 5, -7, 1, 2, -1], dtype=np.int64),
    }


def reference(a, b, p, s, c, i, j, q):
    a64, b64, p64, s64 = (x.astype(np.float64) for x in (a, b, p, s))
    outputs = []
    outputs.append(a + b)  # add
    outputs.append(b - a)  # sub
    outputs.append(a * b)  # mul
    outputs.append(a / p)  # div
    outputs.append(np.power(p, a))  # pow
    outputs.append(np.maximum(a, b))  # max
    outputs.append(np.minimum(a, b))  # min
    outputs.append(-a)  # neg
    outputs.append(np.abs(a))  # abs
    outputs.append(np.exp(a))  # exp
    outputs.append(np.log(p))  # log
    outputs.append(np.sqrt(p))  # sqrt
    outputs.append(np.tanh(a))  # tanh
    outputs.append(erf(a))  # erf
    outputs.append(np.maximum(a, 0))  # relu
    outputs.append(np.clip(a, -0.5, 0.75))  # clip
    outputs.append(np.minimum(a, 0.25))  # clip_max
    outputs.append(np.where(a > 0, a, 0.1 * a))  # leaky_relu
    outputs.append(np.where(a > 0, a, s * a))  # prelu
    outputs.append(np.where(a > 0, a, 0.7 * np.expm1(a)))  # elu
    outputs.append(1.0507009873554805 * np.where(a > 0, a, 1.6732632423543772 * np.expm1(a)))  # selu
    outputs.append(1 / (1 + np.exp(-a)))  # sigmoid
    outputs.append(np.clip(a / 6 + 0.5, 0, 1))  # hard_sigmoid
    outputs.append(a * np.clip(a / 6 + 0.5, 0, 1))  # hard_swish
    outputs.append(a / (1 + np.exp(-a)))  # silu
    outputs.append(0.5 * a * (1 + erf(a / np.sqrt(2))))  # gelu
    outputs.append(0.5 * a * (1 + np.tanh(np.sqrt(2 / np.pi) * (a + 0.044715 * a ** 3))))  # gelu_tanh
    outputs.append(np.logaddexp(0, a))  # softplus
    outputs.append(np.where(c, a, b))  # where
    outputs.append(a.astype(np.float16))  # cast_f16
    outputs.append(i + j)  # iadd
    outputs.append(i * j)  # imul
    outputs.append(np.trunc(i / q).astype(np.int64))  # idiv
    outputs.append(np.maximum(i, j))  # imax
    outputs.append(-i)  # ineg
    outputs.append(np.abs(i))  # iabs
    outputs.append(i == j)  # equal
    outputs.append(np.trunc(a * 1).astype(np.int32))  # cast_i32
    outputs.append(i != 0)  # cast_bool
    outputs.append(c.astype(np.float32))  # cast_from_bool
    return tuple(outputs)
