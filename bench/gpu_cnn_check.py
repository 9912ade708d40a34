#!/usr/bin/env python3
"""Numerics of a compiled CNN of the model suite against PyTorch, and
PyTorch eager's time for the same network on the same card.

usage: gpu_cnn_check.py NAME MODEL.so DIR [--reps N] [--warmup N] [--tol T]

DIR holds what `utils/check-torch-model.py export NAME DIR` wrote:
inputs.npz and reference.npz (PyTorch's outputs for those inputs, float32).
The model runs through the `kiln` package (python/; $KILN_RUNTIME_LIB
names the runtime) on its own target (a --target=cuda model on the GPU)
and each output is compared: err = max|kiln - ref| / max|ref| <= T
(default 1e-3, the model suite's tolerance). Then the same torchvision
architecture (test/Models/lib/models.py, random weights, eval mode, float32,
batch 1, TF32 off for cuDNN and matmuls) runs in PyTorch eager mode:
warm-up, then REPS timed runs, each between two CUDA events (or wall time
with a synchronize on the CPU when torch sees no GPU). Prints one line:

    max_err 3.1e-06 ok; torch 1.234 ms (cuda, median of 50)

Exits 1 when the numerics fail or the model does not run; the torch part
reports "torch skipped: <why>" instead of a time when it cannot run.
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def check_kiln(model_path, directory, tol):
    """Returns (ok, message) for the model's outputs against reference.npz."""
    sys.path.insert(0, os.path.join(ROOT, "python"))
    import kiln

    inputs = dict(np.load(os.path.join(directory, "inputs.npz")))
    reference = np.load(os.path.join(directory, "reference.npz"))
    with kiln.load(model_path) as model:
        feed = {info.name: inputs[info.name] for info in model.inputs}
        got = model(**feed)
        got = got if isinstance(got, tuple) else (got,)
        worst, ok = 0.0, True
        for info, value in zip(model.outputs, got):
            want = reference[info.name].astype(np.float64)
            value = value.astype(np.float64)
            if value.shape != want.shape:
                return False, f"output {info.name}: shape {value.shape}, expected {want.shape}"
            scale = float(np.max(np.abs(want)))
            err = float(np.max(np.abs(value - want)))
            err = err / scale if scale > 0 else err
            if not np.all(np.isfinite(value)):
                err = float("inf")
            worst = max(worst, err)
            ok &= err <= tol
    return ok, f"max_err {worst:.1e}"


def time_torch(name, reps, warmup):
    """PyTorch eager's median time in ms and the device it ran on, or
    (None, why)."""
    try:
        import torch
    except ImportError:
        return None, "torch is not importable"
    sys.path.insert(0, os.path.join(ROOT, "test", "Models", "lib"))
    import models

    if name not in models.MODELS:
        return None, f"no model '{name}' in models.py"
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cuda.matmul.allow_tf32 = False
    cuda = torch.cuda.is_available()
    device = torch.device("cuda" if cuda else "cpu")
    torch.manual_seed(0)
    model, shape = models.MODELS[name]()
    model = model.eval().to(device=device, dtype=torch.float32)
    x = torch.randn(*shape, device=device)
    if not cuda:  # A dry run on the CPU: a few runs are enough.
        reps, warmup = min(reps, 5), min(warmup, 2)
    times = []
    with torch.inference_mode():
        for _ in range(warmup):
            model(x)
        if cuda:
            torch.cuda.synchronize()
        for _ in range(reps):
            if cuda:
                start = torch.cuda.Event(enable_timing=True)
                end = torch.cuda.Event(enable_timing=True)
                start.record()
                model(x)
                end.record()
                end.synchronize()
                times.append(start.elapsed_time(end))
            else:
                t0 = time.perf_counter()
                model(x)
                times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), f"{device.type}, median of {reps}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("model")
    parser.add_argument("dir")
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--tol", type=float, default=1e-3)
    args = parser.parse_args()
    try:
        ok, message = check_kiln(args.model, args.dir, args.tol)
    except Exception as error:  # kiln.Error, a missing file: one line
        print(f"FAIL kiln: {str(error).splitlines()[0] if str(error) else type(error).__name__}")
        return 1
    try:
        ms, how = time_torch(args.name, args.reps, args.warmup)
    except Exception as error:
        ms, how = None, f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    torch_part = f"torch {ms:.3f} ms ({how})" if ms is not None else f"torch skipped: {how}"
    print(f"{message} {'ok' if ok else 'FAIL'}; {torch_part}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
