#!/usr/bin/env python3
"""Compile time of whole models, and the latency of what was compiled, for
one or more kiln-compile binaries (A/B comparisons of the compiler).

For each model directory written by `utils/check-torch-model.py export` and
each compiler: compile the model --compiles times (wall and user+sys seconds
of kiln-compile, medians; its peak RSS, the largest), then time all compiled
models interleaved: every round runs each shared object --runs times and
keeps the best run; the
table shows the median over --rounds rounds, so that the noise of a shared
machine falls on every compiler alike. Outputs are checked against the
model's reference.

    utils/check-torch-model.py export shufflenet_v2_x1_0 /tmp/cc/shufflenet_v2_x1_0
    bench/compile_time.py /tmp/cc/shufflenet_v2_x1_0 \\
        --compiler base=/tmp/kiln-compile.base --compiler new=build/bin/kiln-compile

Flags of one compiler follow its path: `--compiler one=build/bin/kiln-compile:--codegen-threads=1`.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))


def compile_once(compiler, flags, model_dir, output):
    """Wall seconds, CPU seconds (user + system) and peak RSS (MiB) of one
    compile, from /usr/bin/time."""
    proc = subprocess.run(["/usr/bin/time", "-f", "KILN-TIME %e %U %S %M", compiler,
                           os.path.join(model_dir, "model.onnx"), "-o", output] + flags,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{compiler} failed on {model_dir}:\n{proc.stderr}")
    line = [l for l in proc.stderr.splitlines() if l.startswith("KILN-TIME ")][-1]
    wall, user, system, rss = line.split()[1:]
    return float(wall), float(user) + float(system), int(rss) / 1024


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("models", nargs="+", help="directories from check-torch-model.py export")
    p.add_argument("--compiler", action="append", required=True,
                   help="name=path[:flag,flag...] of a kiln-compile binary (repeatable)")
    p.add_argument("--compiles", type=int, default=3)
    p.add_argument("--rounds", type=int, default=15)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--tol", type=float, default=1e-3)
    args = p.parse_args()

    compilers = []
    for spec in args.compiler:
        name, _, rest = spec.partition("=")
        path, _, flags = rest.partition(":")
        compilers.append((name, path, [f for f in flags.split(",") if f]))

    import kiln

    workdir = tempfile.mkdtemp(prefix="kiln-compile-time-")
    rows = []
    loaded = []
    for model_dir in args.models:
        model = os.path.basename(os.path.normpath(model_dir))
        inputs = dict(np.load(os.path.join(model_dir, "inputs.npz")))
        ref = np.load(os.path.join(model_dir, "reference.npz"))
        for name, path, flags in compilers:
            so = os.path.join(workdir, f"{model}.{name}.so")
            walls, cpus, rsss = [], [], []
            for _ in range(args.compiles):
                wall, cpu, rss = compile_once(path, flags, model_dir, so)
                walls.append(wall)
                cpus.append(cpu)
                rsss.append(rss)
            rss = max(rsss)
            m = kiln.load(so)
            feed = {info.name: inputs[info.name] for info in m.inputs}
            got = m(**feed)
            got = got if isinstance(got, tuple) else (got,)
            for info, g in zip(m.outputs, got):
                want = ref[info.name].astype(np.float64)
                err = np.max(np.abs(g.astype(np.float64) - want)) / max(np.max(np.abs(want)), 1e-30)
                if not err <= args.tol:
                    sys.exit(f"{model} compiled by {name}: output {info.name} off by {err:.2e}")
            rows.append([model, name, statistics.median(walls), statistics.median(cpus), rss])
            loaded.append((m, feed, []))
            print(f"{model} {name}: compile {rows[-1][2]:.2f} s wall, {rows[-1][3]:.2f} s cpu, "
                  f"{rss:.0f} MiB", flush=True)

    for _ in range(args.rounds):
        for m, feed, best in loaded:
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                m(**feed)
                times.append(time.perf_counter() - t0)
            best.append(min(times))

    print(f"\n| model | compiler | compile wall s | compile cpu s | peak RSS MiB | latency ms "
          f"(median of {args.rounds} rounds, best of {args.runs}) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row, (_, _, best) in zip(rows, loaded):
        print(f"| {row[0]} | {row[1]} | {row[2]:.2f} | {row[3]:.2f} | {row[4]:.0f} | "
              f"{statistics.median(best) * 1e3:.2f} |")


if __name__ == "__main__":
    main()
