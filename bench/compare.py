#!/usr/bin/env python3
"""Times single layers with Kiln, PyTorch and oneDNN, interleaved, at N threads.

usage: bench/compare.py [--build DIR] [--threads 2] [--runs 10] [--rounds 3]
                        [--layers conv3x3,conv1x1,...] [--keep DIR]

Run with Debian's /usr/bin/python3 (PyTorch 1.13, numpy). Each layer is
compiled with kiln-compile and timed with `kiln-run --bench`; PyTorch runs
in this process (torch.set_num_threads(N), no_grad); oneDNN runs through
bin/dnnl-layers (bench/dnnl/dnnl-layers.cpp, built when CMake finds
libdnnl-dev) with OMP_NUM_THREADS=N. Every round times every layer with
every framework once (a median over --runs runs); the report takes the
median over rounds, so that the load of a shared machine spreads over all
of them.

Next to the times it prints the two roofline bounds of each layer on this
machine: FLOPs over the measured fp32 FMA peak of N threads and bytes (every
input, weight and output moved once) over the measured copy bandwidth of N
threads, both from bench/peak.c, run at the start, every round and the end,
best kept. Benchmarks are never part of the test suite.
"""
import argparse
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
F32 = 4


def conv_layer(c, f, hw, k, groups):
    """Convolution N=1, stride 1, 'same' padding, no bias."""
    pad = k // 2
    x = f"tensor<1x{c}x{hw}x{hw}xf32>"
    y = f"tensor<1x{f}x{hw}x{hw}xf32>"
    wshape = f"{f}x{c // groups}x{k}x{k}"
    kiln = f"""module @conv {{
  func.func @main(%x: {x} {{kiln.name = "x"}}, %w: tensor<{wshape}xf32> {{kiln.name = "w"}}) -> ({y} {{kiln.name = "y"}}) {{
    %0 = kiln.conv2d %x, %w {{padding = array<i64: {pad}, {pad}, {pad}, {pad}>, groups = {groups} : i64}} : ({x}, tensor<{wshape}xf32>) -> {y}
    return %0 : {y}
  }}
}}
"""
    flops = 2 * f * hw * hw * (c // groups) * k * k
    nbytes = F32 * (c * hw * hw + f * (c // groups) * k * k + f * hw * hw)

    def torch_fn(torch):
        xt = torch.randn(1, c, hw, hw)
        wt = torch.randn(f, c // groups, k, k)
        return lambda: torch.nn.functional.conv2d(xt, wt, padding=pad, groups=groups)

    dnnl = ["conv", "1", str(c), str(f), str(hw), str(hw), str(k), str(groups)]
    return dict(kiln=kiln, flops=flops, bytes=nbytes, torch=torch_fn, dnnl=dnnl)


def attention_layer(s, h, d, rope):
    """softmax(Q K^T / sqrt(D)) V, B=1, bhsd; with RoPE (rotate-half,
    theta 10000) applied to Q and K first when `rope`."""
    t = f"tensor<1x{h}x{s}x{d}xf32>"
    attr = " {rope = #kiln.rope<>}" if rope else ""
    kiln = f"""module @attention {{
  func.func @main(%q: {t} {{kiln.name = "q"}}, %k: {t} {{kiln.name = "k"}}, %v: {t} {{kiln.name = "v"}}) -> ({t} {{kiln.name = "o"}}) {{
    %0 = kiln.attention %q, %k, %v{attr} : ({t}, {t}, {t}) -> {t}
    return %0 : {t}
  }}
}}
"""
    flops = 4 * h * s * s * d
    nbytes = F32 * 4 * h * s * d

    def torch_fn(torch):
        q, k, v = (torch.randn(1, h, s, d) for _ in range(3))
        scale = d ** -0.5
        if not rope:
            return lambda: torch.softmax(q @ k.transpose(-1, -2) * scale, -1) @ v
        # Tables computed once, as models cache them.
        inv = 10000.0 ** (-torch.arange(0, d, 2, dtype=torch.float32) / d)
        angle = torch.arange(s, dtype=torch.float32)[:, None] * inv[None, :]
        cos = torch.cat([angle.cos(), angle.cos()], -1)
        sin = torch.cat([angle.sin(), angle.sin()], -1)

        def rotate(x):
            x1, x2 = x[..., : d // 2], x[..., d // 2:]
            return x * cos + torch.cat([-x2, x1], -1) * sin

        return lambda: torch.softmax(rotate(q) @ rotate(k).transpose(-1, -2) * scale, -1) @ v

    dnnl = None if rope else ["attention", "1", str(h), str(s), str(d)]
    return dict(kiln=kiln, flops=flops, bytes=nbytes, torch=torch_fn, dnnl=dnnl)


LAYERS = {
    "conv3x3": ("conv 3x3 64->64 56x56", conv_layer(64, 64, 56, 3, 1)),
    "conv1x1": ("conv 1x1 64->256 56x56", conv_layer(64, 256, 56, 1, 1)),
    "dwconv": ("depthwise 3x3 144 56x56", conv_layer(144, 144, 56, 3, 144)),
    "gconv": ("grouped 3x3 64->64 g=4 56x56", conv_layer(64, 64, 56, 3, 4)),
    "attention": ("attention S=512 H=8 D=64", attention_layer(512, 8, 64, False)),
    "attention-rope": ("attention+RoPE S=512 H=8 D=64", attention_layer(512, 8, 64, True)),
}


def build_peak(workdir):
    compiler = shutil.which("clang-22") or "/usr/lib/llvm-22/bin/clang"
    binary = os.path.join(workdir, "peak")
    subprocess.run([compiler, "-O2", "-march=native", "-pthread",
                    os.path.join(ROOT, "bench", "peak.c"), "-o", binary], check=True)
    return binary


def measure_peak(binary, threads):
    out = subprocess.run([binary, str(threads)], check=True, capture_output=True,
                         text=True).stdout
    values = dict(re.findall(r"(\w+) ([\d.]+)", out))
    return float(values["fma_gflops"]), float(values["copy_gbs"])


# Untimed runs before the timed ones, in milliseconds. A kiln-run process that
# starts its pool threads and times 30 runs of a 0.03 ms layer is over in 1 ms,
# before the scheduler has spread the threads over the cores: on 2 cores one
# process in three timed such a layer on one core (2026-11-29: depthwise 5x5
# 1152 at 7x7 0.046 or 0.024-0.027 ms, 1 thread 0.046; with 50 ms of warm-up
# 0.024-0.027 in every process). dnnl-layers warms up as long.
WARMUP_MS = 50


def time_kiln(build, so, threads, runs):
    kiln_run = os.path.join(build, "bin", "kiln-run")

    def median(runs, warmup):
        out = subprocess.run([kiln_run, so, "--bench", str(runs), "--warmup", str(warmup),
                              "--threads", str(threads)],
                             check=True, capture_output=True, text=True).stdout
        return float(re.search(r"latency ms: min [\d.]+ median ([\d.]+)", out).group(1))

    warmup = max(2, math.ceil(WARMUP_MS / max(median(3, 1), 1e-3)))
    return median(runs, warmup)


def time_torch(fn, runs):
    for _ in range(3):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def time_dnnl(binary, args, threads, runs):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    out = subprocess.run([binary] + args + [str(runs)], check=True, capture_output=True,
                         text=True, env=env).stdout
    return float(re.search(r"median_ms ([\d.]+)", out).group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=10, help="runs per measurement")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--layers", default=",".join(LAYERS),
                        help="comma-separated, from: " + ",".join(LAYERS))
    parser.add_argument("--keep", help="keep the models in this directory")
    args = parser.parse_args()

    import torch
    torch.set_num_threads(args.threads)
    keys = args.layers.split(",")
    for key in keys:
        if key not in LAYERS:
            sys.exit(f"compare.py: unknown layer '{key}'; choose from {','.join(LAYERS)}")
    workdir = args.keep or tempfile.mkdtemp(prefix="kiln-compare-")
    os.makedirs(workdir, exist_ok=True)
    dnnl = os.path.join(args.build, "bin", "dnnl-layers")
    if not os.path.exists(dnnl):
        print("note: no bin/dnnl-layers (libdnnl-dev missing at configure time): "
              "oneDNN column empty")
        dnnl = None

    probe = build_peak(workdir)
    peak = measure_peak(probe, args.threads)
    models, torch_fns = {}, {}
    for key in keys:
        layer = LAYERS[key][1]
        src = os.path.join(workdir, f"{key}.mlir")
        so = os.path.join(workdir, f"{key}.so")
        with open(src, "w") as f:
            f.write(layer["kiln"])
        subprocess.run([os.path.join(args.build, "bin", "kiln-compile"), src, "-o", so],
                       check=True)
        models[key] = so
        torch_fns[key] = layer["torch"](torch)

    results = {(k, fw): [] for k in keys for fw in ("kiln", "torch", "dnnl")}
    with torch.no_grad():
        for _ in range(args.rounds):
            # The peak is probed every round too, best kept: on a loaded
            # machine one probe says more about the load than about the CPU.
            fma, copy = measure_peak(probe, args.threads)
            peak = (max(peak[0], fma), max(peak[1], copy))
            for key in keys:
                layer = LAYERS[key][1]
                results[(key, "kiln")].append(time_kiln(args.build, models[key],
                                                        args.threads, args.runs))
                results[(key, "torch")].append(time_torch(torch_fns[key], args.runs))
                if dnnl and layer["dnnl"]:
                    results[(key, "dnnl")].append(time_dnnl(dnnl, layer["dnnl"],
                                                            args.threads, args.runs))
    end_peak = measure_peak(probe, args.threads)
    peak = (max(peak[0], end_peak[0]), max(peak[1], end_peak[1]))

    def med(key, fw):
        values = results[(key, fw)]
        return statistics.median(values) if values else None

    print(f"threads {args.threads}, {args.rounds} rounds x {args.runs} runs, medians in ms; "
          f"peak {peak[0]:.1f} GFLOP/s fp32, copy {peak[1]:.1f} GB/s ({args.threads} threads)")
    header = (f"| layer | Kiln ms | PyTorch ms | oneDNN ms | Kiln/PyTorch | Kiln/oneDNN "
              f"| Kiln GFLOP/s | % of peak | FLOP bound ms | byte bound ms |")
    print(header)
    print("|" + " --- |" * 10)
    for key in keys:
        name, layer = LAYERS[key]
        k, t, d = med(key, "kiln"), med(key, "torch"), med(key, "dnnl")
        gflops = layer["flops"] / k / 1e6
        flop_bound = layer["flops"] / peak[0] / 1e6
        byte_bound = layer["bytes"] / peak[1] / 1e6
        fmt = lambda v: f"{v:.2f}" if v is not None else "n/a"
        ratio = lambda a, b: f"{a / b:.2f}" if a is not None and b is not None else "n/a"
        print(f"| {name} | {fmt(k)} | {fmt(t)} | {fmt(d)} | {ratio(k, t)} | {ratio(k, d)} "
              f"| {gflops:.1f} | {100 * gflops / peak[0]:.0f} % | {flop_bound:.2f} "
              f"| {byte_bound:.3f} |")
    print("ratios are time over time: below 1 means Kiln is faster")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
