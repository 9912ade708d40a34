"""Shared numpy definitions of the Pool ops for the pool-*.py references.

Written from the op descriptions in include/kiln/Dialect/Kiln/IR/KilnPoolOps.td
(output size with the ceil-mode correction, tap positions, padding and divisor
rules, reduction semantics) and evaluated in float64 (int64 for integers) on
the values the model receives, never from Kiln's output.
"""
import numpy as np

# Tolerances for outputs of a narrow float type: a correctly rounded result is
# within half an ulp, 2^-11 (f16) or 2^-8 (bf16) relative; the atol covers
# results next to zero after cancellation in a float32 accumulator.
F16 = (1e-3, 1e-4)
BF16 = (8e-3, 1e-3)
F64 = (1e-12, 1e-14)


def make_inputs(rng, inputs):
    """Random inputs for {name: (shape, dtype)}; dtype "bf16" gives floats
    (check-model.py rounds them to bf16)."""
    out = {}
    for name, (shape, dtype) in inputs.items():
        if dtype == np.int8:
            # The full range: -128 must hold its own against the padding.
            x = rng.integers(-128, 128, shape).astype(np.int8)
        elif dtype in (np.int16, np.int32, np.int64):
            x = rng.integers(-100, 101, shape).astype(dtype)
        else:
            x = (rng.standard_normal(shape) * 3).astype(np.float32 if dtype == "bf16" else dtype)
        out[name] = x
    return out


def is_float(x):
    return np.issubdtype(x.dtype, np.floating)


def lowest(dtype):
    return -np.inf if np.issubdtype(dtype, np.floating) else np.iinfo(dtype).min


def wide(x):
    return x.astype(np.float64 if is_float(x) else np.int64)


def out_size(size, k, s, d, pb, pe, ceil_mode):
    ek = d * (k - 1) + 1
    n = size + pb + pe - ek
    assert n >= 0
    out = (-(-n // s) if ceil_mode else n // s) + 1
    if ceil_mode and (out - 1) * s >= size + pb:
        out -= 1
    return out


def pool2d(x, kind, kernel, strides=(1, 1), dilations=(1, 1), padding=(0, 0, 0, 0),
           ceil_mode=False, count_include_pad=False):
    """kiln.max_pool2d (kind "max") or kiln.avg_pool2d (kind "avg") of NCHW x."""
    n, c, h_in, w_in = x.shape
    top, left, bottom, right = padding
    low = lowest(x.dtype)
    x = wide(x)
    oh_n = out_size(h_in, kernel[0], strides[0], dilations[0], top, bottom, ceil_mode)
    ow_n = out_size(w_in, kernel[1], strides[1], dilations[1], left, right, ceil_mode)
    y = np.empty((n, c, oh_n, ow_n), x.dtype)
    for oh in range(oh_n):
        hs = [oh * strides[0] + kh * dilations[0] - top for kh in range(kernel[0])]
        for ow in range(ow_n):
            ws = [ow * strides[1] + kw * dilations[1] - left for kw in range(kernel[1])]
            taps = [x[:, :, h, w] for h in hs for w in ws if 0 <= h < h_in and 0 <= w < w_in]
            if kind == "max":
                # Taps outside the input are -inf (the lowest integer): they
                # never win, and a window of padding only gives that value.
                # np.max propagates NaN.
                y[:, :, oh, ow] = np.max(taps, axis=0) if taps else low
                continue
            total = np.sum(taps, axis=0) if taps else 0.0
            if count_include_pad:
                count_h = sum(-top <= h < h_in + bottom for h in hs)
                count_w = sum(-left <= w < w_in + right for w in ws)
            else:
                count_h = sum(0 <= h < h_in for h in hs)
                count_w = sum(0 <= w < w_in for w in ws)
            with np.errstate(invalid="ignore"):  # 0 / 0 for a window of padding only
                y[:, :, oh, ow] = np.float64(total) / np.float64(count_h * count_w)
    return y


def max_pool2d(x, **attrs):
    return pool2d(x, "max", **attrs)


def avg_pool2d(x, **attrs):
    return pool2d(x, "avg", **attrs)


def global_max_pool(x):
    return np.max(wide(x), axis=tuple(range(2, x.ndim)), keepdims=True)


def global_avg_pool(x):
    axes = tuple(range(2, x.ndim))
    return np.sum(wide(x), axis=axes, keepdims=True) / np.prod(x.shape[2:])


def reduce(x, kind, axes=(), keep_dims=True):
    """kiln.reduce_sum / reduce_mean / reduce_max (ONNX semantics)."""
    axes = tuple(sorted(a + x.ndim if a < 0 else a for a in axes)) or tuple(range(x.ndim))
    assert len(set(axes)) == len(axes)
    count = int(np.prod([x.shape[a] for a in axes]))
    if kind == "max":
        if count == 0:  # no elements: -inf, the lowest value for integers
            shape = [1 if a in axes else d for a, d in enumerate(x.shape)]
            y = np.full(shape, lowest(x.dtype), wide(x).dtype)
            return y if keep_dims else y.reshape([d for a, d in enumerate(x.shape) if a not in axes])
        return np.max(wide(x), axis=axes, keepdims=keep_dims)
    total = np.sum(wide(x), axis=axes, keepdims=keep_dims)
    if kind == "sum":
        if not is_float(x):
            # The sum has the input's element type: it wraps around like it.
            total = total.astype(x.dtype).astype(np.int64)
        return total
    if is_float(x):
        with np.errstate(invalid="ignore"):  # 0 / 0 over no elements
            return total / np.float64(count)
    # Integer means truncate toward zero (the exact sum, then the quotient).
    assert count > 0
    q = np.abs(total) // count
    return np.where(total < 0, -q, q)


def reduce_sum(x, **attrs):
    return reduce(x, "sum", **attrs)


def reduce_mean(x, **attrs):
    return reduce(x, "mean", **attrs)


def reduce_max(x, **attrs):
    return reduce(x, "max", **attrs)


def run(cases, inputs):
    """Evaluates {output name: (function, input name, attributes)}."""
    return {name: fn(inputs[src], **attrs) for name, (fn, src, attrs) in cases.items()}
