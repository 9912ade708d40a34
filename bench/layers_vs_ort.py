#!/usr/bin/env python3
"""Where a model's time goes, layer group by layer group: Kiln against ONNX Runtime.

bench/models.py says how far a whole model is from ONNX Runtime; this says
where. Both sides are grouped by the shape of what a kernel writes, channels
x pixels ([1, C, H, W] and Kiln's [1, C, H*W] products meet as (C, H*W)), so
that a group holds every layer of a network that writes that shape (a stage's
3x3 convolutions and the 1x1 ones that end at the same width, a depthwise
convolution and the expansion before it). Kiln's convolutions computed on
wider rows (14 as 16, 7 as 8, kiln-widen-conv-rows) join the group of their
true width. Channels are rounded up to 8 on both sides (ONNX Runtime's blocked
layout reports ShuffleNetV2's 116 channels as 120). ONNX Runtime's layout reorders,
splits, concats and transposes have groups of their own where Kiln folds
them away (ShuffleNetV2's shuffles).

- Kiln: `perf record -e cpu-clock` over `kiln-run --bench` of the compiled
  model; each kernel's share of the samples in the model's shared object
  (thread tasks are named `main_tiles_<op>_<shape>[_N]`; `main` is the serial
  code between them) times kiln-run's median latency.
- ONNX Runtime: its own profiler (per-node kernel times, median over the runs
  of each node), scaled so that the nodes add up to the median latency of an
  unprofiled session timed in the same process.

    .venv-bench/bin/python bench/layers_vs_ort.py --models resnet50 --threads 1

One thread by default: with more, perf's samples are spread over the threads
and ONNX Runtime's node times are wall times, so the two stop being the same
measure. Needs `perf` (linux-perf) and the bench environment
(scripts/setup-bench.sh). Writes <out>/layers_vs_ort.csv.
"""

import argparse
import collections
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))

import models  # noqa: E402  (bench/models.py: the model zoo and its export)

KERNEL = re.compile(r"^main_tiles_([a-z_0-9]+?)_((?:\d+x)+\d+)(?:_\d+)?$")


def round8(channels):
    """Channels rounded up to 8: ONNX Runtime's blocked layout (NCHW8c)
    reports ShuffleNetV2's 116 channels as 120, so both sides group by the
    rounded count."""
    return -(-channels // 8) * 8


def kernel_group(symbol):
    """(channels, pixels, op) of a Kiln thread-task symbol, or None."""
    m = KERNEL.match(symbol)
    if not m:
        return None
    dims = [int(d) for d in m.group(2).split("x")]
    if len(dims) == 4:  # [N, C, H, W]
        return dims[1], dims[2] * dims[3], m.group(1)
    if len(dims) == 3:  # [N, C, H*W] (1x1 convolutions as products)
        return dims[1], dims[2], m.group(1)
    if len(dims) == 5:  # [N, C/16, 16, H, W] (kiln-conv-channel-vectors)
        return dims[1] * dims[2], dims[3] * dims[4], m.group(1)
    return None


def kiln_profile(so, x_path, runs, threads, work):
    """{symbol: ms per inference}, median latency in ms."""
    run = os.path.join(ROOT, "build", "bin", "kiln-run")
    data = os.path.join(work, "perf.data")
    out = subprocess.run(
        ["perf", "record", "-q", "-e", "cpu-clock", "-o", data, run, so,
         "--input", f"input={x_path}", "--bench", str(runs), "--threads",
         str(threads)], capture_output=True, text=True, check=True)
    m = re.search(r"median ([0-9.]+)", out.stdout)
    if not m:
        raise RuntimeError(f"kiln-run printed no latency:\n{out.stdout}{out.stderr}")
    median = float(m.group(1))
    report = subprocess.run(
        ["perf", "report", "-i", data, "--stdio", "--sort", "dso,sym",
         "--percent-limit", "0"], capture_output=True, text=True, check=True)
    shares = {}
    base = os.path.basename(so)
    for line in report.stdout.splitlines():
        f = line.split()
        if len(f) < 4 or not f[0].endswith("%") or f[1] != base:
            continue
        shares[f[-1]] = shares.get(f[-1], 0.0) + float(f[0][:-1])
    total = sum(shares.values()) or 1.0
    return {s: v / total * median for s, v in shares.items()}, median


def ort_profile(onnx_path, x, runs, threads, work):
    """{(channels, pixels): [ms, ops]}, median latency in ms."""
    import onnxruntime as ort

    def session(profile):
        o = ort.SessionOptions()
        o.intra_op_num_threads = threads
        o.inter_op_num_threads = 1
        o.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        if profile:
            o.enable_profiling = True
            o.profile_file_prefix = os.path.join(work, "ort")
        return ort.InferenceSession(onnx_path, o,
                                    providers=["CPUExecutionProvider"])

    plain = session(False)
    name = plain.get_inputs()[0].name
    for _ in range(3):
        plain.run(None, {name: x})
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        plain.run(None, {name: x})
        times.append((time.perf_counter() - start) * 1e3)
    median = statistics.median(times)

    prof = session(True)
    for _ in range(runs + 3):
        prof.run(None, {name: x})
    with open(prof.end_profiling()) as f:
        events = json.load(f)
    per_node = collections.defaultdict(list)
    for e in events:
        if e.get("cat") != "Node" or not e["name"].endswith("_kernel_time"):
            continue
        args = e.get("args", {})
        shape = None
        for out in args.get("output_type_shape", []):
            for dims in out.values():
                shape = dims
                break
            break
        per_node[(e["name"], args.get("op_name", "?"), tuple(shape or ()))].append(
            e["dur"] / 1e3)
    groups = collections.defaultdict(lambda: [0.0, collections.Counter()])
    for (_, op, shape), durs in per_node.items():
        if len(shape) == 4:
            key = (round8(shape[1]), shape[2] * shape[3])
        elif len(shape) >= 2:
            key = (round8(shape[1]),
                   int(np.prod(shape[2:])) if len(shape) > 2 else 1)
        else:
            key = (0, 0)
        groups[key][0] += statistics.median(durs)
        groups[key][1][op] += 1
    total = sum(g[0] for g in groups.values()) or 1.0
    for g in groups.values():
        g[0] *= median / total
    return groups, median


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", default="resnet50",
                   help=f"comma-separated, of {','.join(models.MODELS)}")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--kiln-compile", default=os.path.join(ROOT, "build", "bin", "kiln-compile"))
    p.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    args = p.parse_args()
    if not shutil.which("perf"):
        sys.exit("layers_vs_ort.py: needs perf (apt install linux-perf)")
    import torch

    os.makedirs(args.out, exist_ok=True)
    rows = []
    for name in args.models.split(","):
        work = tempfile.mkdtemp(prefix=f"kiln_layers_{name}_")
        model, shape = models.build_model(name, torch)
        x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
        onnx_path = os.path.join(work, "model.onnx")
        with torch.no_grad():
            torch.onnx.export(model, torch.from_numpy(x), onnx_path,
                              input_names=["input"], output_names=["output"],
                              opset_version=14)
        x_path = os.path.join(work, "x.npy")
        np.save(x_path, x)
        so = os.path.join(work, "model.so")
        subprocess.run([args.kiln_compile, onnx_path, "-o", so], check=True)

        kernels, kiln_ms = kiln_profile(so, x_path, args.runs, args.threads, work)
        ort_groups, ort_ms = ort_profile(onnx_path, x, args.runs, args.threads, work)

        # Kiln kernels into (channels, pixels) groups; a widened row's group is
        # the ONNX Runtime group of the same channels with up to 1/7 fewer
        # pixels.
        kiln_groups = collections.defaultdict(lambda: [0.0, collections.Counter()])
        other = 0.0
        for symbol, ms in kernels.items():
            g = kernel_group(symbol)
            if not g:
                other += ms
                continue
            c, px, op = g
            key = (c, px)
            c = round8(c)
            key = (c, px)
            if key not in ort_groups:
                for oc, opx in ort_groups:
                    if oc == c and opx < px <= opx * 8 // 7:
                        key = (oc, opx)
            if key not in ort_groups and op == "contract":
                # A product by a constant in column panels ([1, N/16, 16],
                # kiln-pack-weights): the group of as many elements (a
                # classifier's [1, 1000]).
                for oc, opx in ort_groups:
                    if oc * opx < c * px <= oc * opx * 8 // 7:
                        key = (oc, opx)
            kiln_groups[key][0] += ms
            kiln_groups[key][1][op] += 1
        print(f"\n{name}, {args.threads} thread(s): Kiln {kiln_ms:.2f} ms, "
              f"ONNX Runtime {ort_ms:.2f} ms (medians of {args.runs}); "
              f"Kiln outside thread tasks {other:.2f} ms")
        print(f"{'channels x pixels':>18} {'kiln ms':>8} {'ort ms':>8} {'ratio':>6}  "
              "kiln kernels / ort nodes")
        keys = sorted(set(kiln_groups) | set(ort_groups),
                      key=lambda k: -max(kiln_groups[k][0] if k in kiln_groups else 0,
                                         ort_groups[k][0] if k in ort_groups else 0))
        for key in keys:
            k = kiln_groups.get(key, [0.0, collections.Counter()])
            o = ort_groups.get(key, [0.0, collections.Counter()])
            ratio = k[0] / o[0] if o[0] > 0 else float("nan")
            kinds = ", ".join(f"{n}x {op}" for op, n in k[1].most_common())
            nodes = ", ".join(f"{n}x {op}" for op, n in o[1].most_common())
            print(f"{key[0]:>8} x {key[1]:<7} {k[0]:8.3f} {o[0]:8.3f} {ratio:6.2f}  "
                  f"{kinds or '-'} / {nodes or '-'}")
            rows.append([name, args.threads, key[0], key[1], f"{k[0]:.4f}",
                         f"{o[0]:.4f}", f"{ratio:.3f}", kinds, nodes])
        shutil.rmtree(work, ignore_errors=True)
    path = os.path.join(args.out, "layers_vs_ort.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["model", "threads", "channels", "pixels", "kiln_ms", "ort_ms",
                    "kiln_over_ort", "kiln_kernels", "ort_nodes"])
        w.writerows(rows)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
