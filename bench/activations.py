#!/usr/bin/env python3
"""Times and checks Kiln's transcendental activations on the CPU: single
elementwise kiln ops (exp, sigmoid, SiLU, GELU erf and tanh forms, tanh, and
ReLU as the memory-bound floor) on a large tensor, and convolutions with a
fused SiLU epilogue as in EfficientNet-B0.

    /usr/bin/python3 bench/activations.py [--threads 1] [--rounds 5] [--runs 20]
        [--baseline OTHER/kiln-compile] [--ops exp,sigmoid,...] [--keep DIR]
    /usr/bin/python3 bench/activations.py --accuracy [--baseline OTHER/kiln-compile]

Timing: every model is compiled by --build's kiln-compile and, with
--baseline, by that compiler too (e.g. main's); all of them are timed with
`kiln-run --bench` in the same interleaved rounds so that the noise of a
shared machine falls on both alike. Prints the median over the rounds of each
round's median of --runs runs, and nanoseconds (and cycles at --ghz) per
element for the single ops.

--accuracy: each op compiled on a 1-D tensor holding a dense sweep of float32
inputs (logarithmically spaced magnitudes of both signs from 1e-40 to 1e4,
uniform values in [-20, 20], and the special values 0, -0, +-inf, NaN, the
largest float, the overflow and underflow thresholds of exp) through the
`kiln` Python package, compared with the same function in float64 numpy.
Prints the largest relative error over the outputs whose float64 value is a
normal float32, the largest absolute error elsewhere, and whether every
special value came out as float64 rounded to float32 says (inf, 0, NaN).
"""

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import time_kiln  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))

# EfficientNet-B0's first expanded stage: 96 channels at 112x112 (1.2M).
SHAPE = (1, 96, 112, 112)

# op name -> (kiln op text with %x as operand, float64 reference)
_erf = np.vectorize(math.erf, otypes=[np.float64])
OPS = {
    "relu": ("kiln.relu %x", lambda x: np.maximum(x, 0)),
    "exp": ("kiln.exp %x", np.exp),
    "sigmoid": ("kiln.sigmoid %x", lambda x: 1 / (1 + np.exp(-x))),
    "silu": ("kiln.silu %x", lambda x: x / (1 + np.exp(-x))),
    "gelu": ("kiln.gelu %x", lambda x: 0.5 * x * (1 + _erf(x / np.sqrt(2)))),
    "gelu_tanh": ("kiln.gelu %x {approximation = #kiln.gelu_approximation<tanh>}",
                  lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))),
    "tanh": ("kiln.tanh %x", np.tanh),
    "erf": ("kiln.erf %x", _erf),
}

# EfficientNet-B0 layers with a fused SiLU: (name, cin, cout, hw, k, stride, groups)
CONVS = [
    ("stem 3x3 s2 3->32 @224", 3, 32, 224, 3, 2, 1),
    ("expand 1x1 24->144 @56", 24, 144, 56, 1, 1, 1),
    ("depthwise 3x3 96 @112 s2", 96, 96, 112, 3, 2, 96),
]


def ty(shape):
    return "tensor<" + "x".join(map(str, shape)) + "xf32>"


def op_model(op, shape):
    t = ty(shape)
    text = OPS[op][0]
    if "{" in text:
        body = text.replace("%x", "%x", 1).replace("}", "} : " + t, 1)
    else:
        body = text + " : " + t
    return f"""module @{op} {{
  func.func @main(%x: {t} {{kiln.name = "x"}}) -> ({t} {{kiln.name = "y"}}) {{
    %0 = {body}
    return %0 : {t}
  }}
}}
"""


def conv_model(cin, cout, hw, k, s, groups):
    pad = k // 2
    out = (hw + 2 * pad - k) // s + 1
    x, w = ty((1, cin, hw, hw)), ty((cout, cin // groups, k, k))
    b, y = ty((cout,)), ty((1, cout, out, out))
    return f"""module @conv_silu {{
  func.func @main(%x: {x} {{kiln.name = "x"}}, %w: {w} {{kiln.name = "w"}}, %b: {b} {{kiln.name = "b"}}) -> ({y} {{kiln.name = "y"}}) {{
    %0 = kiln.conv2d %x, %w, %b {{padding = array<i64: {pad}, {pad}, {pad}, {pad}>, strides = array<i64: {s}, {s}>, groups = {groups} : i64}} : ({x}, {w}, {b}) -> {y}
    %1 = kiln.silu %0 : {y}
    return %1 : {y}
  }}
}}
"""


def compile_model(compiler, text, work, name):
    src = os.path.join(work, name + ".mlir")
    with open(src, "w") as f:
        f.write(text)
    so = os.path.join(work, name + ".so")
    subprocess.run([compiler, src, "-o", so], check=True)
    return so


def sweep():
    mags = np.logspace(-40, 4, 20000)
    values = np.concatenate([mags, -mags, np.linspace(-20, 20, 40001),
                             np.linspace(-110, 95, 20001)])
    f32 = np.finfo(np.float32)
    specials = [0.0, -0.0, np.inf, -np.inf, np.nan, f32.max, -f32.max,
                88.72283, 88.7229, -87.33654, -103.97208, -104.0, -150.0, 200.0,
                f32.tiny, -f32.tiny, 1e-45, -1e-45]
    return np.concatenate([values, specials]).astype(np.float32), len(specials)


def accuracy(compilers, ops, work):
    import kiln

    x, nspecial = sweep()
    x64 = x.astype(np.float64)
    tiny = np.finfo(np.float32).tiny
    print(f"{x.size} inputs; relative error where |float64| >= {tiny:.3g} and finite, "
          "absolute error elsewhere")
    print("| op | compiler | max rel err | at x | max abs err | max abs err (tiny outputs) | specials |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for op in ops:
        with np.errstate(all="ignore"):
            want = OPS[op][1](x64)
        np.seterr(all="ignore")
        for tag, compiler in compilers:
            so = compile_model(compiler, op_model(op, x.shape), work, f"acc-{op}-{tag}")
            got = np.asarray(kiln.load(so, threads=1)(x=x)).astype(np.float64)
            big = float(np.finfo(np.float32).max)
            normal = (np.abs(want) >= 1e-30) & (np.abs(want) <= big)
            rel = np.abs(got - want)[normal] / np.abs(want)[normal]
            i = int(np.argmax(np.where(np.isnan(rel), np.inf, rel)))
            small = np.abs(want) < 1e-30
            abs_err = np.abs(got - want)[small].max() if small.any() else 0.0
            both = np.abs(want) <= big
            all_abs = np.abs(got - want)[both].max()
            # Specials: float64 rounded to float32 vs the model's output.
            sw = want[-nspecial:].astype(np.float32)
            sg = got[-nspecial:].astype(np.float32)
            bad = []
            for xi, w, g in zip(x[-nspecial:], sw, sg):
                same = (np.isnan(w) and np.isnan(g)) or (
                    np.isinf(w) and w == g) or (
                    np.isfinite(w) and np.isfinite(g) and abs(g - w) <= 2e-6 * abs(w) + 1e-37)
                if not same:
                    bad.append(f"{op}({xi:g})={g:g} want {w:g}")
            print(f"| {op} | {tag} | {rel[i]:.3g} | {x[normal][i]:.6g} | {all_abs:.3g} | {abs_err:.3g} | "
                  f"{'ok' if not bad else '; '.join(bad[:4])} |")


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--baseline", help="another kiln-compile, timed interleaved")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--ghz", type=float, default=2.0,
                   help="clock for the cycles-per-element column (default 2.0)")
    p.add_argument("--ops", default=",".join(OPS))
    p.add_argument("--no-conv", action="store_true", help="skip the conv+SiLU layers")
    p.add_argument("--accuracy", action="store_true")
    p.add_argument("--keep", help="keep the models in this directory")
    args = p.parse_args()
    ops = args.ops.split(",") if args.ops else []
    unknown = [o for o in ops if o not in OPS]
    if unknown:
        p.error(f"unknown --ops {','.join(unknown)}: choose from {','.join(OPS)}")
    if args.baseline and not os.access(args.baseline, os.X_OK):
        p.error(f"--baseline {args.baseline} is not an executable kiln-compile")
    compilers = [("kiln", os.path.join(args.build, "bin", "kiln-compile"))]
    if args.baseline:
        compilers.append(("baseline", args.baseline))

    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or tmp
        os.makedirs(work, exist_ok=True)
        if args.accuracy:
            accuracy(compilers, ops, work)
            return 0
        layers = [(op, op_model(op, SHAPE), math.prod(SHAPE)) for op in ops]
        if not args.no_conv:
            layers += [(f"conv+silu {name}", conv_model(ci, co, hw, k, s, g), 0)
                       for name, ci, co, hw, k, s, g in CONVS]
        sos = {}
        for i, (name, text, _) in enumerate(layers):
            for tag, compiler in compilers:
                sos[(name, tag)] = compile_model(compiler, text, work, f"l{i}-{tag}")
        times = {}
        for _ in range(args.rounds):
            for name, _, _ in layers:
                for tag, _ in compilers:
                    times.setdefault((name, tag), []).append(
                        time_kiln(args.build, sos[(name, tag)], args.threads, args.runs))

    cols = ["Kiln ms"] + (["baseline ms", "Kiln/baseline"] if args.baseline else [])
    cols += ["Kiln ns/elem", f"Kiln cycles/elem @{args.ghz} GHz"]
    if args.baseline:
        cols += ["baseline cycles/elem"]
    print(f"{args.threads} threads, median of {args.rounds} rounds x {args.runs} runs; "
          f"single ops on {'x'.join(map(str, SHAPE))} ({math.prod(SHAPE)} elements)")
    print("| layer | " + " | ".join(cols) + " |")
    print("|" + " --- |" * (len(cols) + 1))
    for name, _, n in layers:
        med = {tag: statistics.median(times[(name, tag)]) for tag, _ in compilers}
        row = [f"{med['kiln']:.3f}"]
        if args.baseline:
            row += [f"{med['baseline']:.3f}", f"{med['kiln'] / med['baseline']:.2f}"]
        if n:
            row += [f"{med['kiln'] * 1e6 / n:.2f}", f"{med['kiln'] * 1e6 / n * args.ghz:.2f}"]
            if args.baseline:
                row += [f"{med['baseline'] * 1e6 / n * args.ghz:.2f}"]
        else:
            row += ["-", "-"] + (["-"] if args.baseline else [])
        print(f"| {name} | " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
