#!/usr/bin/env python3
"""Times Kiln on the depthwise convolutions of MobileNetV2 and EfficientNet-B0
(batch 1, fp32, 'same' padding, bias + ReLU6 fused as in the models), one
single-layer model each (kiln.conv2d with groups = channels), against the
copy bandwidth of the machine (bench/peak.c) and, for stride 1, oneDNN.

    /usr/bin/python3 bench/depthwise.py [--threads 2] [--rounds 3] [--runs 20]
        [--baseline OTHER/kiln-compile] [--shapes mobilenet_v2,efficientnet_b0]

With --baseline, every layer is also compiled by that compiler (e.g. a build
of an earlier commit) and both are timed in the same rounds, interleaved, so
that the noise of a shared machine falls on both alike. Prints, per layer,
the median over the rounds of each round's median of --runs runs, the bytes
bound (input, weights, bias and output moved once, over the copy bandwidth
measured during the run) and the achieved share of copy bandwidth.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import build_peak, measure_peak, time_dnnl, time_kiln  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
F32 = 4

# channels, input size, kernel, stride
SHAPES = {
    "mobilenet_v2": [
        (32, 112, 3, 1), (96, 112, 3, 2), (144, 56, 3, 1), (144, 56, 3, 2),
        (192, 28, 3, 1), (192, 28, 3, 2), (384, 14, 3, 1), (576, 14, 3, 1),
        (576, 14, 3, 2), (960, 7, 3, 1),
    ],
    "efficientnet_b0": [
        (144, 56, 5, 2), (240, 28, 5, 1), (480, 14, 5, 1), (672, 14, 5, 1),
        (672, 14, 5, 2), (1152, 7, 5, 1),
    ],
}


def layer(c, hw, k, s):
    pad = k // 2
    out = (hw + 2 * pad - k) // s + 1
    x = f"tensor<1x{c}x{hw}x{hw}xf32>"
    w = f"tensor<{c}x1x{k}x{k}xf32>"
    b = f"tensor<{c}xf32>"
    y = f"tensor<1x{c}x{out}x{out}xf32>"
    mlir = f"""module @dw {{
  func.func @main(%x: {x} {{kiln.name = "x"}}, %w: {w} {{kiln.name = "w"}}, %b: {b} {{kiln.name = "b"}}) -> ({y} {{kiln.name = "y"}}) {{
    %0 = kiln.conv2d %x, %w, %b {{padding = array<i64: {pad}, {pad}, {pad}, {pad}>, strides = array<i64: {s}, {s}>, groups = {c} : i64}} : ({x}, {w}, {b}) -> {y}
    %1 = kiln.clip %0 {{min = 0.0 : f64, max = 6.0 : f64}} : {y}
    return %1 : {y}
  }}
}}
"""
    nbytes = F32 * (c * hw * hw + c * k * k + c + c * out * out)
    return mlir, nbytes


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--baseline", help="another kiln-compile, timed interleaved")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--shapes", default=",".join(SHAPES))
    p.add_argument("--no-dnnl", action="store_true")
    args = p.parse_args()
    unknown = [net for net in args.shapes.split(",") if net not in SHAPES]
    if unknown:
        p.error(f"unknown --shapes {','.join(unknown)}: choose from {','.join(SHAPES)}")
    if args.baseline and not os.access(args.baseline, os.X_OK):
        p.error(f"--baseline {args.baseline} is not an executable kiln-compile")

    compilers = [("kiln", os.path.join(args.build, "bin", "kiln-compile"))]
    if args.baseline:
        compilers.append(("baseline", args.baseline))
    dnnl = os.path.join(args.build, "bin", "dnnl-layers")
    use_dnnl = not args.no_dnnl and os.path.exists(dnnl)
    layers = []
    for net in args.shapes.split(","):
        for c, hw, k, s in SHAPES[net]:
            layers.append((f"{net} {k}x{k} s{s} {c}@{hw}", c, hw, k, s))

    with tempfile.TemporaryDirectory() as work:
        peak = build_peak(work)
        copy = measure_peak(peak, args.threads)[1]
        sos = {}
        for name, c, hw, k, s in layers:
            mlir, nbytes = layer(c, hw, k, s)
            src = os.path.join(work, f"l{len(sos)}.mlir")
            with open(src, "w") as f:
                f.write(mlir)
            for tag, compiler in compilers:
                so = os.path.join(work, f"l{len(sos)}-{tag}.so")
                subprocess.run([compiler, src, "-o", so], check=True)
                sos[(name, tag)] = so
        times = {}
        for _ in range(args.rounds):
            copy = max(copy, measure_peak(peak, args.threads)[1])
            for name, c, hw, k, s in layers:
                for tag, _ in compilers:
                    times.setdefault((name, tag), []).append(
                        time_kiln(args.build, sos[(name, tag)], args.threads, args.runs))
                if use_dnnl and s == 1:
                    times.setdefault((name, "dnnl"), []).append(time_dnnl(
                        dnnl, ["conv", "1", str(c), str(c), str(hw), str(hw), str(k), str(c)],
                        args.threads, args.runs))
        copy = max(copy, measure_peak(peak, args.threads)[1])

    cols = ["Kiln ms"] + (["baseline ms", "Kiln/baseline"] if args.baseline else [])
    cols += ["oneDNN ms (no bias/ReLU6)"] if use_dnnl else []
    cols += ["byte bound ms", "Kiln % of copy bw"]
    if args.baseline:
        cols += ["baseline % of copy bw"]
    print(f"{args.threads} threads, copy bandwidth {copy:.1f} GB/s, median of {args.rounds} "
          f"rounds x {args.runs} runs")
    print("| layer | " + " | ".join(cols) + " |")
    print("|" + " --- |" * (len(cols) + 1))
    total = {tag: 0.0 for tag, _ in compilers}
    for name, c, hw, k, s in layers:
        nbytes = layer(c, hw, k, s)[1]
        bound = nbytes / copy / 1e6
        med = {tag: statistics.median(times[(name, tag)]) for tag, _ in compilers}
        for tag in med:
            total[tag] += med[tag]
        row = [f"{med['kiln']:.3f}"]
        if args.baseline:
            row += [f"{med['baseline']:.3f}", f"{med['kiln'] / med['baseline']:.2f}"]
        if use_dnnl:
            row += [f"{statistics.median(times[(name, 'dnnl')]):.3f}" if s == 1 else "-"]
        row += [f"{bound:.3f}", f"{100 * bound / med['kiln']:.0f} %"]
        if args.baseline:
            row += [f"{100 * bound / med['baseline']:.0f} %"]
        print(f"| {name} | " + " | ".join(row) + " |")
    summary = f"sum of medians: Kiln {total['kiln']:.3f} ms"
    if args.baseline:
        summary += f", baseline {total['baseline']:.3f} ms"
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
