"""Shared numpy definitions of the Norm ops for the norm-*.py references.

Written from the op descriptions in include/kiln/Dialect/Kiln/IR/KilnNormOps.td
and evaluated in float64 on the values the model receives, never from Kiln's
output. For softmax and log-softmax the definition gives PyTorch's results on
special values: a slice of -inf only is NaN (-inf - -inf), a slice holding NaN
or +inf is NaN throughout, and a -inf entry of a slice that has a finite
maximum is 0 (softmax) or -inf (log-softmax).
"""
import numpy as np

# Tolerances for outputs of a narrow float type: a correctly rounded result is
# within half an ulp, 2^-11 (f16) or 2^-8 (bf16) relative (the rtols are
# about twice that); the atol covers results next to zero, where float32
# intermediates have cancelled, and f16 subnormals.
F16 = (1e-3, 1e-4)
BF16 = (8e-3, 1e-3)
F64 = (1e-12, 1e-13)


def make_inputs(rng, inputs, scale=3.0):
    """Random inputs for {name: (shape, dtype)}; dtype "bf16" gives floats
    (check-model.py rounds them to bf16)."""
    return {name: (rng.standard_normal(shape) * scale).astype(np.float32 if dtype == "bf16" else dtype)
            for name, (shape, dtype) in inputs.items()}


def _axis(axis, rank):
    assert -rank <= axis < rank
    return axis + rank if axis < 0 else axis


def softmax(x, axis=-1):
    x = x.astype(np.float64)
    a = _axis(axis, x.ndim)
    with np.errstate(invalid="ignore"):
        m = np.max(x, axis=a, keepdims=True)
        e = np.exp(x - m)
        return e / np.sum(e, axis=a, keepdims=True)


def log_softmax(x, axis=-1):
    x = x.astype(np.float64)
    a = _axis(axis, x.ndim)
    with np.errstate(invalid="ignore", divide="ignore"):
        m = np.max(x, axis=a, keepdims=True)
        return x - m - np.log(np.sum(np.exp(x - m), axis=a, keepdims=True))


def layer_norm(x, scale=None, bias=None, axis=-1, epsilon=1e-5):
    x = x.astype(np.float64)
    a = _axis(axis, x.ndim)
    dims = tuple(range(a, x.ndim))
    for p in (scale, bias):
        # Each parameter broadcasts (one direction) to the normalized shape.
        assert p is None or (p.ndim <= x.ndim - a
                             and np.broadcast_shapes(p.shape, x.shape[a:]) == x.shape[a:])
    mean = np.mean(x, axis=dims, keepdims=True)
    var = np.mean((x - mean) ** 2, axis=dims, keepdims=True)  # biased
    y = (x - mean) / np.sqrt(var + epsilon)
    if scale is not None:
        y = y * scale.astype(np.float64)
    if bias is not None:
        y = y + bias.astype(np.float64)
    return y


def batch_norm(x, scale, bias, mean, variance, epsilon=1e-5):
    shape = [1, -1] + [1] * (x.ndim - 2)  # channels in dimension 1

    def c(p):
        return p.astype(np.float64).reshape(shape)

    return (x.astype(np.float64) - c(mean)) / np.sqrt(c(variance) + epsilon) * c(scale) + c(bias)


def run(cases, inputs):
    """Evaluates {output name: (function, operands, attributes)}, where
    operands maps the function's parameters to input names."""
    return {name: fn(**{k: inputs[v] for k, v in operands.items()}, **attrs)
            for name, (fn, operands, attrs) in cases.items()}
