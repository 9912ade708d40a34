#!/usr/bin/env python3
"""Times single-layer Kiln models on this CPU and compares them with its peak.

usage: bench/layers.py [--build DIR] [--threads 1,2] [--runs N] [--rounds R]
                       [--layers matmul,elementwise,conv,...] [--keep DIR]

Each layer is a one-op model compiled with kiln-compile (the kiln op when its
lowering exists, else the linalg form the lowering is meant to produce) and
timed with `kiln-run --bench`. Runs are interleaved: every round times every
layer at every thread count once, and the report takes the median over rounds
of each run's median latency, so that the load of a shared machine spreads
over all of them. Throughput is printed as GFLOP/s (contractions) or GB/s
(memory-bound layers) next to two peaks:

- the reference machine of docs (DESIGN section 5): 176 GFLOP/s fp32 per core
  (AVX-512, two FMA ports), 26 GB/s DRAM;
- this machine, measured here by a small C program (an FMA loop on the
  widest vectors clang -march=native has, and a one-thread triad over
  arrays larger than the caches), run once per round, best kept.

Benchmarks are never part of the test suite: timings on a loaded machine move
by 30-50 %, so read the ratios, not the digits.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

REFERENCE_GFLOPS_PER_CORE = 176.0
REFERENCE_DRAM_GBS = 26.0

# name -> (description, kiln source, linalg source or None, flops, bytes)
# flops is 0 for memory-bound layers, whose throughput is bytes / time.


def matmul(m, n, k):
    kiln = f"""module @matmul {{
  func.func @main(%a: tensor<{m}x{k}xf32>, %b: tensor<{k}x{n}xf32>) -> tensor<{m}x{n}xf32> {{
    %0 = kiln.matmul %a, %b : (tensor<{m}x{k}xf32>, tensor<{k}x{n}xf32>) -> tensor<{m}x{n}xf32>
    return %0 : tensor<{m}x{n}xf32>
  }}
}}
"""
    linalg = f"""module @matmul {{
  func.func @main(%a: tensor<{m}x{k}xf32>, %b: tensor<{k}x{n}xf32>) -> tensor<{m}x{n}xf32> {{
    %zero = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<{m}x{n}xf32>
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
    %0 = linalg.matmul ins(%a, %b : tensor<{m}x{k}xf32>, tensor<{k}x{n}xf32>) outs(%f : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
    return %0 : tensor<{m}x{n}xf32>
  }}
}}
"""
    return (f"matmul {m}x{n}x{k}", kiln, linalg, 2 * m * n * k, 0)


def elementwise(shape):
    t = "tensor<" + "x".join(map(str, shape)) + "xf32>"
    elements = 1
    for d in shape:
        elements *= d
    kiln = f"""module @elementwise {{
  func.func @main(%a: {t}, %b: {t}) -> {t} {{
    %0 = kiln.add %a, %b : ({t}, {t}) -> {t}
    %1 = kiln.relu %0 : {t}
    return %1 : {t}
  }}
}}
"""
    # Two inputs read, one output written.
    return ("add+relu " + "x".join(map(str, shape)), kiln, None, 0,
            3 * 4 * elements)


def conv(n, c, f, h, w, k, depthwise=False):
    pad = k // 2
    groups = c if depthwise else 1
    wshape = f"{f}x{c // groups}x{k}x{k}"
    x = f"tensor<{n}x{c}x{h}x{w}xf32>"
    y = f"tensor<{n}x{f}x{h}x{w}xf32>"
    kiln = f"""module @conv {{
  func.func @main(%x: {x}, %w: tensor<{wshape}xf32>) -> {y} {{
    %0 = kiln.conv2d %x, %w {{padding = array<i64: {pad}, {pad}, {pad}, {pad}>, groups = {groups} : i64}} : ({x}, tensor<{wshape}xf32>) -> {y}
    return %0 : {y}
  }}
}}
"""
    xp = f"tensor<{n}x{c}x{h + 2 * pad}x{w + 2 * pad}xf32>"
    if depthwise:
        op = (f"linalg.depthwise_conv_2d_nchw_chw {{dilations = dense<1> : tensor<2xi64>, "
              f"strides = dense<1> : tensor<2xi64>}} ins(%xp, %wd : {xp}, tensor<{c}x{k}x{k}xf32>)")
        weights = (f"%wd = tensor.collapse_shape %w [[0, 1], [2], [3]] : "
                   f"tensor<{wshape}xf32> into tensor<{c}x{k}x{k}xf32>")
    else:
        op = (f"linalg.conv_2d_nchw_fchw {{dilations = dense<1> : tensor<2xi64>, "
              f"strides = dense<1> : tensor<2xi64>}} ins(%xp, %w : {xp}, tensor<{wshape}xf32>)")
        weights = ""
    linalg = f"""module @conv {{
  func.func @main(%x: {x}, %w: tensor<{wshape}xf32>) -> {y} {{
    %zero = arith.constant 0.0 : f32
    %xp = tensor.pad %x low[0, 0, {pad}, {pad}] high[0, 0, {pad}, {pad}] {{
    ^bb0(%i: index, %j: index, %k: index, %l: index):
      tensor.yield %zero : f32
    }} : {x} to {xp}
    {weights}
    %e = tensor.empty() : {y}
    %f = linalg.fill ins(%zero : f32) outs(%e : {y}) -> {y}
    %0 = {op} outs(%f : {y}) -> {y}
    return %0 : {y}
  }}
}}
"""
    flops = 2 * n * f * h * w * (c // groups) * k * k
    name = f"{'depthwise ' if depthwise else ''}conv {k}x{k} {c}->{f} {h}x{w}"
    return (name, kiln, linalg, flops, 0)


def maxpool(n, c, h, w):
    x = f"tensor<{n}x{c}x{h}x{w}xf32>"
    y = f"tensor<{n}x{c}x{h // 2}x{w // 2}xf32>"
    kiln = f"""module @pool {{
  func.func @main(%x: {x}) -> {y} {{
    %0 = kiln.max_pool2d %x {{kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}} : ({x}) -> {y}
    return %0 : {y}
  }}
}}
"""
    return (f"maxpool 3x3/2 {c}x{h}x{w}", kiln, None, 0,
            4 * n * c * (h * w + (h // 2) * (w // 2)))


LAYERS = {
    "matmul": matmul(512, 512, 512),
    "elementwise": elementwise((1, 64, 112, 112)),
    "conv": conv(1, 64, 64, 56, 56, 3),
    "dwconv": conv(1, 144, 144, 56, 56, 3, depthwise=True),
    "pool": maxpool(1, 64, 112, 112),
}

PEAK_C = r"""
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

#if defined(__AVX512F__)
typedef __m512 vec;
#define LANES 16
#define SET1 _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define STORE _mm512_storeu_ps
#elif defined(__FMA__)
typedef __m256 vec;
#define LANES 8
#define SET1 _mm256_set1_ps
#define FMA _mm256_fmadd_ps
#define STORE _mm256_storeu_ps
#endif

int main(void) {
  double best = 0;
#ifdef LANES
  /* 12 independent accumulators hide the FMA latency. */
  vec acc[12];
  vec b = SET1(1.0000001f), c = SET1(1e-7f);
  for (int i = 0; i < 12; ++i)
    acc[i] = SET1((float)i);
  long iterations = 10000000;
  for (int round = 0; round < 5; ++round) {
    double t = now();
    for (long i = 0; i < iterations; ++i)
      for (int j = 0; j < 12; ++j)
        acc[j] = FMA(acc[j], b, c);
    t = now() - t;
    double gflops = iterations * 12.0 * LANES * 2 / t / 1e9;
    if (gflops > best)
      best = gflops;
  }
  float sink[LANES], sum = 0;
  for (int i = 0; i < 12; ++i) {
    STORE(sink, acc[i]);
    sum += sink[0];
  }
  if (sum == 42)
    printf("%g\n", sum);
#endif
  printf("fma_gflops %.1f\n", best);

  /* Triad a = b + s * c over 3 x 64 MiB. */
  size_t n = (size_t)16 << 20;
  float *a = malloc(n * 4), *bb = malloc(n * 4), *cc = malloc(n * 4);
  for (size_t i = 0; i < n; ++i) {
    a[i] = 0;
    bb[i] = 1;
    cc[i] = 2;
  }
  double bw = 0;
  for (int round = 0; round < 3; ++round) {
    double t = now();
    for (size_t i = 0; i < n; ++i)
      a[i] = bb[i] + 3.0f * cc[i];
    t = now() - t;
    double gbs = 3.0 * n * 4 / t / 1e9;
    if (gbs > bw)
      bw = gbs;
  }
  printf("triad_gbs %.1f (%g)\n", bw, (double)a[n / 2]);
  return 0;
}
"""


def build_peak(workdir):
    """Compiles the peak probe; returns its path or None."""
    compiler = shutil.which("clang-22") or "/usr/lib/llvm-22/bin/clang"
    source = os.path.join(workdir, "peak.c")
    binary = os.path.join(workdir, "peak")
    with open(source, "w") as f:
        f.write(PEAK_C)
    try:
        subprocess.run([compiler, "-O2", "-march=native", source, "-o", binary],
                       check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return binary


def measure_peak(binary):
    """FMA GFLOP/s of one core and one-thread triad GB/s."""
    out = subprocess.run([binary], check=True, capture_output=True, text=True).stdout
    values = dict(re.findall(r"(\w+) ([\d.]+)", out))
    return float(values["fma_gflops"]), float(values["triad_gbs"])


def compile_layer(build, workdir, key):
    """Compiles the kiln form of a layer, else its linalg form; returns the
    .so path and which form it is."""
    name, kiln, linalg, _, _ = LAYERS[key]
    compiler = os.path.join(build, "bin", "kiln-compile")
    for form, source in (("kiln", kiln), ("linalg", linalg)):
        if source is None:
            continue
        path = os.path.join(workdir, f"{key}.{form}.mlir")
        with open(path, "w") as f:
            f.write(source)
        so = os.path.join(workdir, f"{key}.so")
        result = subprocess.run([compiler, path, "-o", so], capture_output=True, text=True)
        if result.returncode == 0:
            return so, form
    sys.exit(f"layers.py: cannot compile {name}:\n{result.stderr}")


LATENCY = re.compile(r"latency ms: min ([\d.]+) median ([\d.]+)")


def time_layer(build, so, threads, runs):
    """(min, median) latency in ms of `runs` runs after 2 warm-up runs."""
    runner = os.path.join(build, "bin", "kiln-run")
    out = subprocess.run([runner, so, "--bench", str(runs), "--warmup", "2",
                          "--threads", str(threads)],
                         check=True, capture_output=True, text=True).stdout
    match = LATENCY.search(out)
    return float(match.group(1)), float(match.group(2))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--threads", default="1,2",
                        help="comma-separated thread counts (default 1,2)")
    parser.add_argument("--runs", type=int, default=20, help="runs per measurement")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds")
    parser.add_argument("--layers", default="matmul,elementwise,conv",
                        help="comma-separated, from: " + ",".join(LAYERS))
    parser.add_argument("--keep", help="keep the models in this directory")
    args = parser.parse_args()

    keys = args.layers.split(",")
    for key in keys:
        if key not in LAYERS:
            sys.exit(f"layers.py: unknown layer '{key}'; choose from {','.join(LAYERS)}")
    threads = [int(t) for t in args.threads.split(",")]
    workdir = args.keep or tempfile.mkdtemp(prefix="kiln-bench-")
    os.makedirs(workdir, exist_ok=True)

    probe = build_peak(workdir)
    peak = None
    models = {key: compile_layer(args.build, workdir, key) for key in keys}
    medians = {(k, t): [] for k in keys for t in threads}
    minima = {(k, t): [] for k in keys for t in threads}
    for _ in range(args.rounds):
        # The peak is probed every round too, and the best kept: on a loaded
        # machine one probe says more about the load than about the CPU.
        if probe:
            fma, triad = measure_peak(probe)
            peak = (max(fma, peak[0]), max(triad, peak[1])) if peak else (fma, triad)
        for key in keys:
            for t in threads:
                low, median = time_layer(args.build, models[key][0], t, args.runs)
                minima[(key, t)].append(low)
                medians[(key, t)].append(median)

    print(f"{'layer':34} {'form':6} {'thr':>3} {'median ms':>10} {'min ms':>8}"
          f"  {'achieved':>14}  {'vs reference':>12}  {'vs this machine':>15}")
    for key in keys:
        name, _, _, flops, nbytes = LAYERS[key]
        for t in threads:
            ms = statistics.median(medians[(key, t)])
            low = min(minima[(key, t)])
            if flops:
                rate = flops / ms / 1e6
                unit = "GFLOP/s"
                reference = REFERENCE_GFLOPS_PER_CORE * t
                here = peak[0] * t if peak else None
            else:
                rate = nbytes / ms / 1e6
                unit = "GB/s"
                reference = REFERENCE_DRAM_GBS
                here = peak[1] if peak else None
            versus_here = f"{100 * rate / here:5.0f} % of {here:.0f}" if here else "n/a"
            print(f"{name:34} {models[key][1]:6} {t:3d} {ms:10.3f} {low:8.3f}  "
                  f"{rate:7.1f} {unit:7}  {100 * rate / reference:5.0f} % of {reference:.0f}"
                  f"  {versus_here:>15}")
    if peak:
        print(f"this machine: {peak[0]:.1f} GFLOP/s fp32 FMA per core, "
              f"{peak[1]:.1f} GB/s one-thread triad")
    print(f"reference (DESIGN section 5): {REFERENCE_GFLOPS_PER_CORE:.0f} GFLOP/s per core, "
          f"{REFERENCE_DRAM_GBS:.0f} GB/s DRAM; peaks scale with the thread count "
          f"(compute) or not (DRAM)")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
