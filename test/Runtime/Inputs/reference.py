"""Checks kiln-run outputs of the test models against numpy references.

usage: reference.py MODEL INPUT_DIR OUTPUT_DIR

Reads the inputs (INPUT_DIR/<name>.npy) and the outputs kiln-run wrote
(OUTPUT_DIR/<sanitized name>.npy), computes the expected outputs with numpy
and requires exact equality, dtype and shape included. Prints one "ok" line
per output; exits 1 on the first mismatch.
"""

import os
import sys

import numpy as np


def affine(x):
    assert x.dtype == np.float32 and x.shape == (16, 128), (x.dtype, x.shape)
    return {"y": x * np.float32(2) + np.float32(1)}


def two_io(a, b):
    assert a.dtype == np.float32 and a.shape == (2, 3), (a.dtype, a.shape)
    assert b.dtype == np.int64 and b.shape == (3,), (b.dtype, b.shape)
    return {"sum_0": a + b.astype(np.float32), "b_scaled": b * 3}


def cuda_affine(x):
    # The kernels compute (2 * x + 0.5) + 0.5 in float32, in that order.
    assert x.dtype == np.float32 and x.shape == (16, 128), (x.dtype, x.shape)
    half = np.float32(0.5)
    return {"y": (x * np.float32(2) + half) + half}


MODELS = {
    "affine": (affine, ["x"]),
    "two_io": (two_io, ["a", "b"]),
    "cuda_affine": (cuda_affine, ["x"]),
    "cuda_multi": (cuda_affine, ["x"]),
    "cuda_weights": (cuda_affine, ["x"]),
    "cuda_v1_desc": (cuda_affine, ["x"]),
}


def main():
    model, input_dir, output_dir = sys.argv[1:]
    function, input_names = MODELS[model]
    inputs = [np.load(os.path.join(input_dir, n + ".npy")) for n in input_names]
    expected = function(*inputs)
    produced = sorted(f for f in os.listdir(output_dir) if f.endswith(".npy"))
    if produced != sorted(n + ".npy" for n in expected):
        print(f"error: output files {produced}, expected {sorted(expected)}")
        return 1
    for name, want in expected.items():
        got = np.load(os.path.join(output_dir, name + ".npy"))
        if got.dtype != want.dtype or got.shape != want.shape:
            print(f"error: {name}: got {got.dtype}{got.shape}, "
                  f"expected {want.dtype}{want.shape}")
            return 1
        if not np.array_equal(got, want):
            bad = np.argwhere(got != want)[0]
            print(f"error: {name}: differs at {tuple(bad)}: "
                  f"{got[tuple(bad)]} != {want[tuple(bad)]}")
            return 1
        print(f"ok {name} {got.dtype} {list(got.shape)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
