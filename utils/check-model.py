#!/usr/bin/env python3
"""Runs a compiled model on random inputs and compares it with a numpy reference.

usage: check-model.py MODEL.so REFERENCE.py [--seed S] [--rtol R] [--atol A]

REFERENCE.py defines `reference(**inputs)`, which returns the expected output
array (or a tuple of them, in output order), and may define
`make_inputs(rng, infos)` returning a dict of input arrays (default: standard
normal floats, integers in [-5, 5], random booleans), and `RTOL` / `ATOL`.
The model runs through the `kiln` Python package. Prints the largest errors
per output and exits 1 when an output does not match.
"""
import argparse
import importlib.util
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import kiln  # noqa: E402


def default_inputs(rng, infos):
    inputs = {}
    for info in infos:
        if info.dtype == np.bool_:
            inputs[info.name] = rng.random(info.shape) < 0.5
        elif np.issubdtype(info.dtype, np.integer):
            inputs[info.name] = rng.integers(-5, 6, size=info.shape).astype(info.dtype)
        else:
            inputs[info.name] = rng.standard_normal(info.shape).astype(info.dtype)
    return inputs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("reference")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rtol", type=float)
    parser.add_argument("--atol", type=float)
    args = parser.parse_args()

    spec = importlib.util.spec_from_file_location("reference", args.reference)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    rtol = args.rtol if args.rtol is not None else getattr(ref, "RTOL", 1e-5)
    atol = args.atol if args.atol is not None else getattr(ref, "ATOL", 1e-6)

    model = kiln.load(args.model)
    rng = np.random.default_rng(args.seed)
    make_inputs = getattr(ref, "make_inputs", default_inputs)
    inputs = make_inputs(rng, model.inputs)
    actual = model(**inputs)
    expected = ref.reference(**{k: v.copy() for k, v in inputs.items()})
    if not isinstance(actual, tuple):
        actual = (actual,)
    if not isinstance(expected, tuple):
        expected = (expected,)
    if len(actual) != len(expected):
        print(f"error: the model has {len(actual)} outputs, the reference {len(expected)}")
        return 1

    status = 0
    for info, got, want in zip(model.outputs, actual, expected):
        want = np.asarray(want)
        if got.shape != want.shape:
            print(f"{info.name}: shape {got.shape}, expected {want.shape}")
            status = 1
            continue
        if got.dtype == np.bool_ or np.issubdtype(got.dtype, np.integer):
            bad = int(np.count_nonzero(got != want.astype(got.dtype)))
            print(f"{info.name}: {bad} of {got.size} elements differ")
            status |= bad != 0
            continue
        want = want.astype(np.float64)
        got64 = got.astype(np.float64)
        close = np.isclose(got64, want, rtol=rtol, atol=atol, equal_nan=True)
        err = np.abs(got64 - want)
        finite = np.isfinite(err)
        max_abs = float(err[finite].max()) if finite.any() else 0.0
        print(f"{info.name}: max abs error {max_abs:.3g}, "
              f"{int((~close).sum())} of {got.size} outside rtol={rtol:g} atol={atol:g}")
        if not close.all():
            i = np.unravel_index(np.argmin(close), got.shape)
            print(f"  first mismatch at {i}: got {got[i]!r}, expected {want[i]!r}")
            status = 1
    print("PASS" if status == 0 else "FAIL")
    return status


if __name__ == "__main__":
    sys.exit(main())
