"""numpy reference of test/Integration/CPU/depthwise.mlir (float64)."""
import numpy as np

RTOL = 1e-4
ATOL = 1e-4

# name, stride, dilation, padding [top, left, bottom, right], bias + ReLU6
CASES = [('s1_56', 1, 1, [1, 1, 1, 1], True), ('s2_odd', 2, 1, [1, 1, 1, 1], True), ('k5_14', 1, 1, [2, 2, 2, 2], True), ('k5_s2_odd', 2, 1, [2, 2, 2, 2], False), ('s1_7', 1, 1, [1, 1, 1, 1], True), ('valid_odd', 1, 1, [0, 0, 0, 0], False), ('asym_s2', 2, 1, [0, 0, 1, 1], True), ('dilated', 1, 2, [2, 2, 2, 2], False), ('batch2', 1, 1, [1, 1, 1, 1], True), ('small', 1, 1, [1, 1, 1, 1], False),
         ('s1_64', 1, 1, [1, 1, 1, 1], True), ('s2_7', 2, 1, [1, 1, 1, 1], False), ('k5_7', 1, 1, [2, 2, 2, 2], True), ('k5_s2_14', 2, 1, [2, 2, 2, 2], False), ('k5_asym', 1, 1, [1, 2, 0, 1], False), ('k5_s2_112', 2, 1, [1, 2, 2, 1], True), ('s1_5', 1, 1, [1, 1, 1, 1], False), ('k3_wide_pad', 1, 1, [3, 3, 2, 4], False), ('tiny_s3', 3, 1, [2, 2, 2, 2], False)]


def depthwise(x, w, stride, dilation, pad):
    """Depthwise cross-correlation of NCHW `x` with `w` [C, 1, K, K]."""
    x = np.pad(x, ((0, 0), (0, 0), (pad[0], pad[2]), (pad[1], pad[3])))
    n, c, h, wd = x.shape
    k = w.shape[-1]
    span = dilation * (k - 1) + 1
    oh = (h - span) // stride + 1
    ow = (wd - span) // stride + 1
    out = np.zeros((n, c, oh, ow))
    for i in range(k):
        for j in range(k):
            patch = x[:, :, i * dilation:i * dilation + stride * oh:stride,
                      j * dilation:j * dilation + stride * ow:stride]
            out += patch * w[None, :, 0, i, j, None, None]
    return out


def reference(**inputs):
    outputs = {}
    for name, stride, dilation, pad, act in CASES:
        x = inputs["x_" + name].astype(np.float64)
        w = inputs["w_" + name].astype(np.float64)
        y = depthwise(x, w, stride, dilation, pad)
        if act:
            y = np.clip(y + inputs["b_" + name].astype(np.float64)[None, :, None, None], 0.0, 6.0)
        outputs["y_" + name] = y
    return outputs
