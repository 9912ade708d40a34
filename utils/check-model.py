#!/usr/bin/env python3
"""Runs a compiled model on random inputs and compares it with a numpy reference.

usage: check-model.py MODEL.so REFERENCE.py [--seed S] [--rtol R] [--atol A]

REFERENCE.py defines `reference(**inputs)`, which returns the expected output
array (or a tuple of them, in output order, or a dict of them keyed by output
name), and may define `make_inputs(rng, infos)` returning a dict of input
arrays (default: standard normal floats, integers in [-5, 5], random
booleans), `RTOL` / `ATOL` (one tolerance for every float output) and
`TOLERANCES = {"output name": (rtol, atol)}`, which overrides them for the
outputs it names. --rtol / --atol override both for every output.

bf16 is handled here so that references never see raw bits: `make_inputs`
returns a bf16 input as floats (rounded to bf16, to nearest even, before the
model sees it; raw uint16 bits are taken as they are), `reference` receives
every bf16 input as float32 holding the bf16 value and returns bf16 outputs
as floats, and the model's bf16 outputs are widened to float32 before the
comparison. Float outputs match when |got - want| <= atol + rtol * |want|,
NaN matching NaN and infinities matching exactly; integer and boolean
outputs must be equal.

REFERENCE.py may import helper modules from its own folder. The model runs
through the `kiln` Python package. Prints the largest errors per output and
exits 1 when an output does not match.
"""
import argparse
import importlib.util
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import kiln  # noqa: E402


# The kiln package exchanges bf16 tensors as uint16 raw bits (no other kiln
# element type maps to uint16).
BF16 = np.dtype(np.uint16)


def is_bf16(info):
    return info.dtype == BF16


def bf16_bits(x):
    """Rounds floats to bf16 (to nearest even) and returns the raw bits."""
    f = np.ascontiguousarray(x, dtype=np.float32)
    u = f.view(np.uint32).astype(np.uint64)
    bits = ((u + 0x7FFF + ((u >> 16) & 1)) >> 16).astype(np.uint16)
    return np.where(np.isnan(f), np.uint16(0x7FC0), bits).astype(np.uint16)


def bf16_to_float(bits):
    return (np.asarray(bits, dtype=np.uint16).astype(np.uint32) << 16).view(np.float32)


def default_inputs(rng, infos):
    inputs = {}
    for info in infos:
        if is_bf16(info):
            inputs[info.name] = rng.standard_normal(info.shape).astype(np.float32)
        elif info.dtype == np.bool_:
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

    # A reference may import helper modules that sit next to it (without
    # leaving bytecode in the source tree).
    sys.dont_write_bytecode = True
    sys.path.insert(0, os.path.dirname(os.path.abspath(args.reference)))
    spec = importlib.util.spec_from_file_location("reference", args.reference)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    rtol = args.rtol if args.rtol is not None else getattr(ref, "RTOL", 1e-5)
    atol = args.atol if args.atol is not None else getattr(ref, "ATOL", 1e-6)

    model = kiln.load(args.model)
    rng = np.random.default_rng(args.seed)
    make_inputs = getattr(ref, "make_inputs", default_inputs)
    tolerances = getattr(ref, "TOLERANCES", {})
    unknown = set(tolerances) - {info.name for info in model.outputs}
    if unknown:
        print(f"error: TOLERANCES names no output: {', '.join(sorted(unknown))}")
        return 1
    inputs = make_inputs(rng, model.inputs)
    ref_inputs = {}
    for info in model.inputs:
        if info.name not in inputs:
            continue
        x = np.asarray(inputs[info.name])
        if is_bf16(info):
            bits = x if x.dtype == BF16 else bf16_bits(x)
            inputs[info.name] = bits
            ref_inputs[info.name] = bf16_to_float(bits)
        else:
            ref_inputs[info.name] = x.copy()
    actual = model(**inputs)
    expected = ref.reference(**ref_inputs)
    if not isinstance(actual, tuple):
        actual = (actual,)
    if isinstance(expected, dict):
        names = [info.name for info in model.outputs]
        if set(expected) != set(names):
            print("error: the reference's outputs differ from the model's: "
                  f"missing {sorted(set(names) - set(expected))}, "
                  f"unknown {sorted(set(expected) - set(names))}")
            return 1
        expected = tuple(expected[name] for name in names)
    if not isinstance(expected, tuple):
        expected = (expected,)
    if len(actual) != len(expected):
        print(f"error: the model has {len(actual)} outputs, the reference {len(expected)}")
        return 1

    status = 0
    for info, got, want in zip(model.outputs, actual, expected):
        want = np.asarray(want)
        dtype = "bf16" if is_bf16(info) else str(got.dtype)
        if is_bf16(info):
            got = bf16_to_float(got)
        if got.shape != want.shape:
            print(f"{info.name}: shape {got.shape}, expected {want.shape}")
            status = 1
            continue
        if got.dtype == np.bool_ or np.issubdtype(got.dtype, np.integer):
            if got.dtype == np.bool_:
                bad = int(np.count_nonzero(got != want.astype(np.bool_)))
            else:
                # Compared as int64 (uint8 fits), so that an expected value
                # out of the type's range is a mismatch, not wrapped around.
                bad = int(np.count_nonzero(got.astype(np.int64) != want.astype(np.int64)))
            print(f"{info.name} ({dtype}): {bad} of {got.size} elements differ")
            status |= bad != 0
            continue
        out_rtol, out_atol = tolerances.get(info.name, (rtol, atol))
        if args.rtol is not None:
            out_rtol = args.rtol
        if args.atol is not None:
            out_atol = args.atol
        want = want.astype(np.float64)
        got64 = got.astype(np.float64)
        close = np.isclose(got64, want, rtol=out_rtol, atol=out_atol, equal_nan=True)
        with np.errstate(divide="ignore", invalid="ignore"):  # inf - inf, x / 0
            err = np.abs(got64 - want)
            rel = err / np.abs(want)
        finite = np.isfinite(err)
        max_abs = float(err[finite].max()) if finite.any() else 0.0
        rel_ok = np.isfinite(rel)
        max_rel = float(rel[rel_ok].max()) if rel_ok.any() else 0.0
        print(f"{info.name} ({dtype}): max abs error {max_abs:.3g}, max rel error {max_rel:.3g}, "
              f"{int((~close).sum())} of {got.size} outside rtol={out_rtol:g} atol={out_atol:g}")
        if not close.all():
            i = np.unravel_index(np.argmin(close), got.shape)
            print(f"  first mismatch at {i}: got {got[i]!r}, expected {want[i]!r}")
            status = 1
    print("PASS" if status == 0 else "FAIL")
    return status


if __name__ == "__main__":
    sys.exit(main())
