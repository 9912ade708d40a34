#!/usr/bin/env python3
"""Driver of the model suite (test/Models): exports a PyTorch network to ONNX,
then checks a Kiln build of it against PyTorch.

usage:
  check-torch-model.py export NAME DIR [--size N] [--seed S] [--opset V]
      builds NAME from test/Models/lib/models.py (random weights from seed S,
      batch-norm affine parameters randomized and running statistics measured
      on random inputs, then perturbed, eval mode),
      writes DIR/model.onnx (torch.onnx.export, opset V, default 13), DIR/inputs.npz and
      PyTorch's outputs DIR/reference.npz; --size N replaces the spatial
      input size (height and width) of an image model. Fails when an output
      changes by less than 10% of its magnitude for a second random input (a
      network whose output barely depends on its input would hide errors).
  check-torch-model.py check DIR MODEL.so [--tol T]
      runs MODEL.so through the kiln Python package on DIR/inputs.npz and
      compares each output with DIR/reference.npz.

Metric: for each output, err = max|kiln - torch| / max|torch| (the largest
absolute error relative to the output's largest magnitude); an output passes
when err <= T (default 1e-3) and has no NaN. Prints one line per output
("output NAME: max_abs_err=... max_abs_ref=... rel_err=... PASS|FAIL"), the
Kiln run time (best of --runs runs, default 1, one thread per CPU) and PASS or FAIL; exits 1
on FAIL.
"""
import argparse
import inspect
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def export(args):
    import torch
    sys.path.insert(0, os.path.join(HERE, "..", "test", "Models", "lib"))
    import models

    if args.name not in models.MODELS:
        sys.exit(f"error: unknown model '{args.name}' (known: {', '.join(sorted(models.MODELS))})")
    torch.manual_seed(args.seed)
    model, shape = models.MODELS[args.name]()
    if args.size is not None:
        shape = shape[:-2] + (args.size, args.size)
    gen = torch.Generator().manual_seed(args.seed + 1)
    models.randomize_batch_norm(model, shape, gen)
    model.eval()
    x = torch.randn(*shape, generator=gen)
    with torch.no_grad():
        out = model(x)
    outs = out if isinstance(out, (tuple, list)) else (out,)
    # A test that cannot fail is worthless: each output must depend on the
    # input by much more than the tolerance (random-weight networks can
    # collapse to a near-constant output, e.g. a bias).
    with torch.no_grad():
        other = model(torch.randn(*shape, generator=gen))
    others = other if isinstance(other, (tuple, list)) else (other,)
    for i, (o, p) in enumerate(zip(outs, others)):
        sens = float((o - p).abs().max() / o.abs().max())
        print(f"output y{i}: input sensitivity max|f(x) - f(x')| / max|f(x)| = {sens:.3g}")
        if not sens > args.min_sensitivity:
            sys.exit(f"error: output y{i} barely depends on the input ({sens:.3g} <= "
                     f"{args.min_sensitivity}); the comparison could not catch a wrong result")
    names = [f"y{i}" for i in range(len(outs))]
    os.makedirs(args.dir, exist_ok=True)
    # The TorchScript exporter the suite was written against; torch >= 2.9 defaults to the dynamo
    # one (different opsets and graphs).
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    torch.onnx.export(model, (x,), os.path.join(args.dir, "model.onnx"), opset_version=args.opset,
                      input_names=["x"], output_names=names, do_constant_folding=True, **legacy)
    np.savez(os.path.join(args.dir, "inputs.npz"), x=x.numpy())
    np.savez(os.path.join(args.dir, "reference.npz"),
             **{n: o.numpy() for n, o in zip(names, outs)})
    print(f"exported {args.name} input {tuple(shape)} outputs "
          + ", ".join(f"{n}{tuple(o.shape)}" for n, o in zip(names, outs)))


def check(args):
    sys.path.insert(0, os.path.join(HERE, "..", "python"))
    import kiln

    inputs = dict(np.load(os.path.join(args.dir, "inputs.npz")))
    ref = np.load(os.path.join(args.dir, "reference.npz"))
    m = kiln.load(args.model)
    feed = {info.name: inputs[info.name] for info in m.inputs}
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        got = m(**feed)
        times.append(time.perf_counter() - t0)
    got = got if isinstance(got, tuple) else (got,)
    ok = True
    for info, g in zip(m.outputs, got):
        want = ref[info.name]
        if g.shape != want.shape:
            print(f"output {info.name}: shape {g.shape}, expected {want.shape} FAIL")
            ok = False
            continue
        g64, w64 = g.astype(np.float64), want.astype(np.float64)
        abs_err = float(np.max(np.abs(g64 - w64)))
        scale = float(np.max(np.abs(w64)))
        rel = abs_err / scale if scale > 0 else abs_err
        good = bool(np.all(np.isfinite(g64))) and rel <= args.tol
        ok &= good
        print(f"output {info.name}: max_abs_err={abs_err:.3e} max_abs_ref={scale:.3e} "
              f"rel_err={rel:.3e} {'PASS' if good else 'FAIL'}")
    print(f"kiln run time: {min(times) * 1e3:.1f} ms (best of {args.runs})")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("export")
    e.add_argument("name")
    e.add_argument("dir")
    e.add_argument("--size", type=int)
    e.add_argument("--seed", type=int, default=0)
    e.add_argument("--opset", type=int, default=13)
    e.add_argument("--min-sensitivity", type=float, default=0.1)
    c = sub.add_parser("check")
    c.add_argument("dir")
    c.add_argument("model")
    c.add_argument("--tol", type=float, default=1e-3)
    c.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if args.cmd == "export":
        export(args)
        return 0
    return check(args)


if __name__ == "__main__":
    sys.exit(main())
