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

- Kiln: the runtime's profiler (kiln.Model.profiling, docs/Runtime.md): the
  wall time of each kernel (thread tasks are named
  `main_tiles_<op>_<shape>[_N]`), median (or with --stat min, fastest) over
  the runs; "(serial)" is the code between kernels.
- ONNX Runtime: its own profiler (per-node kernel times, median or fastest
  over the runs of each node); the rest of its median latency (the time
  between nodes) is printed apart.

Both are wall times, so any thread count compares like with like. The two
frameworks take turns, 5 runs each after a pause of 150 ms (ONNX Runtime's
threads spin for 50-60 ms after a run), profiled, and again unprofiled for
the latencies in the header.

    .venv-bench/bin/python bench/layers_vs_ort.py --models resnet50 --threads 2

Needs the bench environment (scripts/setup-bench.sh). Writes
<out>/layers_vs_ort.csv.
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


# How a kernel's or node's times over the runs are summarized (--stat).
STAT = statistics.median

# Runs of one framework back to back, and the pause before them.
BURST = 5
SETTLE_S = 0.15


def ort_session(onnx_path, threads, work, profile):
    import onnxruntime as ort

    o = ort.SessionOptions()
    o.intra_op_num_threads = threads
    o.inter_op_num_threads = 1
    o.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    if profile:
        o.enable_profiling = True
        o.profile_file_prefix = os.path.join(work, "ort")
    return ort.InferenceSession(onnx_path, o, providers=["CPUExecutionProvider"])


def kiln_kernels(model):
    """{kernel name: seconds so far} of a profiled kiln.Model."""
    return {k.name: k.seconds for k in model.profile()[1]}


def profile_both(so, onnx_path, x, runs, threads, work):
    """Kiln {symbol: median ms}, ONNX Runtime {(channels, pixels): [ms, ops]},
    and the unprofiled median latencies (Kiln, ONNX Runtime) in ms."""
    import kiln

    km = kiln.load(so, threads=threads)
    plain = ort_session(onnx_path, threads, work, False)
    prof = ort_session(onnx_path, threads, work, True)
    name = plain.get_inputs()[0].name
    for _ in range(3):
        km(x)
        plain.run(None, {name: x})
        prof.run(None, {name: x})
    # Rounds of BURST runs of one framework, then of the other, with pauses
    # between: ONNX Runtime's pool threads spin for 50-60 ms after a run
    # (bench/models.py), which would take a CPU from whatever ran next.
    rounds = max(1, runs // BURST)

    def burst(run, times=None):
        time.sleep(SETTLE_S)
        for _ in range(BURST):
            start = time.perf_counter()
            run()
            if times is not None:
                times.append((time.perf_counter() - start) * 1e3)

    latency = {"kiln": [], "ort": []}
    for _ in range(rounds):
        burst(lambda: km(x), latency["kiln"])
        burst(lambda: plain.run(None, {name: x}), latency["ort"])
    # Profiled: Kiln's per-run kernel times are the differences of its
    # cumulative profile.
    km.profiling = True
    per_kernel = collections.defaultdict(list)
    state = {"before": kiln_kernels(km)}

    def profiled_kiln():
        km(x)
        after = kiln_kernels(km)
        for symbol, seconds in after.items():
            per_kernel[symbol].append(
                (seconds - state["before"].get(symbol, 0.0)) * 1e3)
        state["before"] = after

    for _ in range(rounds):
        burst(profiled_kiln)
        burst(lambda: prof.run(None, {name: x}))
    km.profiling = False
    kernels = {s: STAT(v) for s, v in per_kernel.items()}

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
        # The warmup runs of the profiled session are in its profile too.
        durs = durs[-rounds * BURST:]
        if len(shape) == 4:
            key = (round8(shape[1]), shape[2] * shape[3])
        elif len(shape) >= 2:
            key = (round8(shape[1]),
                   int(np.prod(shape[2:])) if len(shape) > 2 else 1)
        else:
            key = (0, 0)
        groups[key][0] += STAT(durs)
        groups[key][1][op] += 1
    return (kernels, groups, statistics.median(latency["kiln"]),
            statistics.median(latency["ort"]))


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", default="resnet50",
                   help=f"comma-separated, of {','.join(models.MODELS)}")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--stat", choices=["median", "min"], default="median",
                   help="each kernel's (and node's) median or fastest run; "
                        "the fastest is steadier on a loaded machine")
    p.add_argument("--kiln-compile", default=os.path.join(ROOT, "build", "bin", "kiln-compile"))
    p.add_argument("--out", default=os.path.join(ROOT, "bench", "out"))
    args = p.parse_args()
    global STAT
    STAT = min if args.stat == "min" else statistics.median
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
        so = os.path.join(work, "model.so")
        subprocess.run([args.kiln_compile, onnx_path, "-o", so], check=True)

        kernels, ort_groups, kiln_ms, ort_ms = profile_both(
            so, onnx_path, x, args.runs, args.threads, work)

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
        kiln_sum = sum(g[0] for g in kiln_groups.values()) + other
        ort_sum = sum(g[0] for g in ort_groups.values())
        print(f"\n{name}, {args.threads} thread(s): Kiln {kiln_ms:.2f} ms, "
              f"ONNX Runtime {ort_ms:.2f} ms (unprofiled, medians of {args.runs}, "
              f"in turns); profiled kernels ({args.stat}s) add up to Kiln {kiln_sum:.2f} ms "
              f"(serial code between kernels {other:.2f}), ONNX Runtime nodes "
              f"{ort_sum:.2f} ms (time between nodes {ort_ms - ort_sum:.2f})")
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
