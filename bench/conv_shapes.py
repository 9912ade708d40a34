#!/usr/bin/env python3
"""Times Kiln on the convolution shapes of ResNet-50 (conv + ReLU, batch 1),
the 1x1 ones of MobileNetV2 that ResNet-50 lacks and the unpadded 3x3 ones of
Inception-v3,
one single-layer ONNX model each, to show which shapes hold the whole model
back (docs/Performance.md). Each layer is exported by torch.onnx.export,
compiled by kiln-compile (default pipeline) and timed by kiln-run --bench;
prints the fastest run over the rounds and GFLOP/s (a multiply-add is 2
FLOPs).

    /usr/bin/python3 bench/conv_shapes.py [--threads 2] [--runs 20]

With --rounds N every layer is timed N times, interleaved with the peers:
--baseline-flags compiles the layer a second time with those kiln-compile
flags (e.g. --conv-channel-vectors=false, to show what a pass gives), and
--ort times ONNX Runtime on the same model in this process (the bench
environment, scripts/setup-bench.sh, has it):

    .venv-bench/bin/python bench/conv_shapes.py --threads 1 --rounds 8 --runs 30 \
        --only 3x3 --ort --baseline-flags=--conv-channel-vectors=false
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name, in channels, out channels, kernel, stride, padding, input size
SHAPES = [
    ("7x7 s2 3->64 @224", 3, 64, 7, 2, 3, 224),
    ("1x1 64->64 @56", 64, 64, 1, 1, 0, 56),
    ("1x1 64->256 @56", 64, 256, 1, 1, 0, 56),
    ("1x1 256->64 @56", 256, 64, 1, 1, 0, 56),
    ("3x3 64->64 @56", 64, 64, 3, 1, 1, 56),
    ("1x1 256->128 @56", 256, 128, 1, 1, 0, 56),
    ("3x3 s2 128->128 @56", 128, 128, 3, 2, 1, 56),
    ("1x1 s2 256->512 @56", 256, 512, 1, 2, 0, 56),
    ("3x3 128->128 @28", 128, 128, 3, 1, 1, 28),
    ("1x1 128->512 @28", 128, 512, 1, 1, 0, 28),
    ("1x1 512->128 @28", 512, 128, 1, 1, 0, 28),
    ("3x3 s2 256->256 @28", 256, 256, 3, 2, 1, 28),
    ("3x3 256->256 @14", 256, 256, 3, 1, 1, 14),
    ("3x3 s2 512->512 @14", 512, 512, 3, 2, 1, 14),
    ("1x1 256->1024 @14", 256, 1024, 1, 1, 0, 14),
    ("1x1 1024->256 @14", 1024, 256, 1, 1, 0, 14),
    ("1x1 64->384 @14 (MobileNetV2)", 64, 384, 1, 1, 0, 14),
    ("1x1 384->64 @14 (MobileNetV2)", 384, 64, 1, 1, 0, 14),
    ("3x3 512->512 @7", 512, 512, 3, 1, 1, 7),
    ("1x1 512->2048 @7", 512, 2048, 1, 1, 0, 7),
    ("1x1 2048->512 @7", 2048, 512, 1, 1, 0, 7),
    ("1x1 160->960 @7 (MobileNetV2)", 160, 960, 1, 1, 0, 7),
    ("1x1 144->24 @56 (MobileNetV2)", 144, 24, 1, 1, 0, 56),
    ("1x1 192->32 @28 (MobileNetV2)", 192, 32, 1, 1, 0, 28),
    ("1x1 576->96 @14 (MobileNetV2)", 576, 96, 1, 1, 0, 14),
    ("1x1 960->160 @7 (MobileNetV2)", 960, 160, 1, 1, 0, 7),
    ("1x1 960->320 @7 (MobileNetV2)", 960, 320, 1, 1, 0, 7),
    ("1x1 320->1280 @7 (MobileNetV2)", 320, 1280, 1, 1, 0, 7),
    # Inception-v3 at 299x299: odd sizes, no padding.
    ("3x3 32->32 @149 valid (Inception-v3)", 32, 32, 3, 1, 0, 149),
    ("3x3 80->192 @73 valid (Inception-v3)", 80, 192, 3, 1, 0, 73),
    ("3x3 s2 288->384 @35 valid (Inception-v3)", 288, 384, 3, 2, 0, 35),
    ("3x3 s2 192->320 @17 valid (Inception-v3)", 192, 320, 3, 2, 0, 17),
]


def kiln_min_ms(run, so_path, runs, threads):
    """The fastest of `runs` runs of kiln-run --bench."""
    out = subprocess.run([run, so_path, "--bench", str(runs), "--threads",
                          str(threads)], check=True, capture_output=True,
                         text=True).stdout
    return float(re.search(r"min\D*([\d.]+)", out).group(1))


def ort_min_ms(onnx_path, x, runs, threads):
    """The fastest of `runs` runs of ONNX Runtime (its CPU provider)."""
    import time

    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(onnx_path, options,
                                   providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    for _ in range(3):
        session.run(None, {name: x})
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        session.run(None, {name: x})
        best = min(best, (time.perf_counter() - start) * 1e3)
    return best


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--rounds", type=int, default=1,
                   help="interleaved rounds; each layer's fastest run is kept")
    p.add_argument("--only", default="",
                   help="time only the layers whose name contains this")
    p.add_argument("--baseline-flags", default="",
                   help="kiln-compile flags of a second build of each layer, "
                        "timed in the same rounds")
    p.add_argument("--ort", action="store_true",
                   help="time ONNX Runtime on the same models, interleaved")
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    args = p.parse_args()
    import numpy as np
    import torch

    compile_ = os.path.join(args.build, "bin", "kiln-compile")
    run = os.path.join(args.build, "bin", "kiln-run")
    shapes = [shape for shape in SHAPES if args.only in shape[0]]
    header = ["layer (conv + ReLU)", "Kiln ms"]
    if args.baseline_flags:
        header += [f"Kiln {args.baseline_flags} ms", "ratio"]
    if args.ort:
        header += ["ONNX Runtime ms", "Kiln/ORT"]
    header.append("Kiln GFLOP/s")
    print(f"{args.threads} threads, fastest of {args.rounds} round(s) of "
          f"{args.runs} runs")
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    with tempfile.TemporaryDirectory() as work:
        layers = []
        for i, (name, ci, co, k, s, pad, hw) in enumerate(shapes):
            torch.manual_seed(0)
            layer = torch.nn.Sequential(torch.nn.Conv2d(ci, co, k, s, pad),
                                        torch.nn.ReLU()).eval()
            onnx_path = os.path.join(work, f"layer{i}.onnx")
            torch.onnx.export(layer, torch.randn(1, ci, hw, hw), onnx_path,
                              opset_version=13)
            so_path = os.path.join(work, f"layer{i}.so")
            subprocess.run([compile_, onnx_path, "-o", so_path], check=True)
            base_path = None
            if args.baseline_flags:
                base_path = os.path.join(work, f"layer{i}.base.so")
                subprocess.run([compile_, onnx_path, "-o", base_path,
                                *args.baseline_flags.split()], check=True)
            x = np.random.default_rng(0).standard_normal(
                (1, ci, hw, hw)).astype(np.float32)
            layers.append((onnx_path, so_path, base_path, x))
        best = [dict() for _ in shapes]
        for _ in range(args.rounds):
            for times, (onnx_path, so_path, base_path, x) in zip(best, layers):
                sample = {"kiln": kiln_min_ms(run, so_path, args.runs,
                                              args.threads)}
                if base_path:
                    sample["base"] = kiln_min_ms(run, base_path, args.runs,
                                                 args.threads)
                if args.ort:
                    sample["ort"] = ort_min_ms(onnx_path, x, args.runs,
                                               args.threads)
                for key, ms in sample.items():
                    times[key] = min(times.get(key, ms), ms)
        for (name, ci, co, k, s, pad, hw), times in zip(shapes, best):
            side = (hw + 2 * pad - k) // s + 1
            flops = 2 * ci * co * k * k * side * side
            row = [name, f"{times['kiln']:.3f}"]
            if "base" in times:
                row += [f"{times['base']:.3f}",
                        f"{times['kiln'] / times['base']:.2f}"]
            if "ort" in times:
                row += [f"{times['ort']:.3f}",
                        f"{times['kiln'] / times['ort']:.2f}"]
            row.append(f"{flops / times['kiln'] / 1e6:.1f}")
            print("| " + " | ".join(row) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
