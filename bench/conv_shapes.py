#!/usr/bin/env python3
"""Times Kiln on the convolution shapes of ResNet-50 (conv + ReLU, batch 1),
one single-layer ONNX model each, to show which shapes hold the whole model
back (docs/Performance.md). Each layer is exported by torch.onnx.export,
compiled by kiln-compile (default pipeline) and timed by kiln-run --bench;
prints the median and GFLOP/s (a multiply-add is 2 FLOPs).

    /usr/bin/python3 bench/conv_shapes.py [--threads 2] [--runs 20]
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
    ("3x3 64->64 @56", 64, 64, 3, 1, 1, 56),
    ("1x1 256->128 @56", 256, 128, 1, 1, 0, 56),
    ("3x3 s2 128->128 @56", 128, 128, 3, 2, 1, 56),
    ("1x1 s2 256->512 @56", 256, 512, 1, 2, 0, 56),
    ("3x3 128->128 @28", 128, 128, 3, 1, 1, 28),
    ("3x3 s2 256->256 @28", 256, 256, 3, 2, 1, 28),
    ("3x3 256->256 @14", 256, 256, 3, 1, 1, 14),
    ("3x3 s2 512->512 @14", 512, 512, 3, 2, 1, 14),
    ("1x1 1024->256 @14", 1024, 256, 1, 1, 0, 14),
    ("3x3 512->512 @7", 512, 512, 3, 1, 1, 7),
    ("1x1 2048->512 @7", 2048, 512, 1, 1, 0, 7),
]


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    args = p.parse_args()
    import torch

    compile_ = os.path.join(args.build, "bin", "kiln-compile")
    run = os.path.join(args.build, "bin", "kiln-run")
    print(f"| layer (conv + ReLU) | Kiln median ms | GFLOP/s |  ({args.threads} threads)")
    print("| --- | --- | --- |")
    with tempfile.TemporaryDirectory() as work:
        onnx_path = os.path.join(work, "layer.onnx")
        so_path = os.path.join(work, "layer.so")
        for name, ci, co, k, s, pad, hw in SHAPES:
            torch.manual_seed(0)
            layer = torch.nn.Sequential(torch.nn.Conv2d(ci, co, k, s, pad),
                                        torch.nn.ReLU()).eval()
            torch.onnx.export(layer, torch.randn(1, ci, hw, hw), onnx_path,
                              opset_version=13)
            subprocess.run([compile_, onnx_path, "-o", so_path], check=True)
            out = subprocess.run([run, so_path, "--bench", str(args.runs),
                                  "--threads", str(args.threads)],
                                 check=True, capture_output=True,
                                 text=True).stdout
            ms = float(re.search(r"median\D*([\d.]+)", out).group(1))
            side = (hw + 2 * pad - k) // s + 1
            flops = 2 * ci * co * k * k * side * side
            print(f"| {name} | {ms:.3f} | {flops / ms / 1e6:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
