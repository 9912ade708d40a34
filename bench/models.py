#!/usr/bin/env python3
"""Whole-model latency: Kiln against ONNX Runtime and PyTorch, interleaved.

For each model: build it in PyTorch (random weights, fixed seed, batch-norm
statistics made non-trivial), export it to ONNX, compile it with kiln-compile
(recording compile time and the compiler's peak RSS), check Kiln's output
against PyTorch's, then time Kiln (the Python package over libkiln_runtime),
ONNX Runtime (CPU execution provider, all graph optimizations) and PyTorch
(TorchScript, frozen) at the same thread count, batch 1, fp32. The three run
interleaved in one loop (the order shuffled every round) so that the noise of
this shared machine falls on all of them alike; the table reports medians and
the ratios Kiln/peer (below 1.0 means Kiln is faster), and Kiln/ONNX Runtime
within each round (median and range over the rounds: the frameworks of one
round run within a second or so, at the same speed of a machine whose speed
moves from minute to minute), and of the two fastest runs (on a loaded
machine Kiln's runs spread more than ONNX Runtime's, so the fastest runs
show the code's speed, the medians what a user of that machine sees).

    scripts/setup-bench.sh                    # once: ONNX Runtime, matplotlib
    .venv-bench/bin/python bench/models.py    # all models
    .venv-bench/bin/python bench/models.py --models resnet50 --rounds 10
    .venv-bench/bin/python bench/models.py --models efficientnet_b0 \
        --kiln-compile build/bin/kiln-compile --baseline OTHER/bin/kiln-compile

--baseline also compiles every model with another kiln-compile (e.g. main's
build, for a before/after) and times that model as one more framework in the
same interleaved rounds ("baseline" in the table, kiln/baseline printed).

Writes <out>/models.csv and, when matplotlib is importable, <out>/models.png.
A peer that is not installed is reported as missing, never silently dropped.
"""

import argparse
import csv
import datetime
import os
import platform
import random
import statistics
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))


def _roformer_block(torch):
    """A RoFormer encoder block written the way PyTorch users write it: RoPE
    as rotate_half (slices, negation, concat) and multiplies."""
    nn = torch.nn

    class Block(nn.Module):
        def __init__(self, dim=256, heads=4, seq=128, ffn=1024):
            super().__init__()
            self.heads, self.hd = heads, dim // heads
            self.ln1, self.ln2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
            self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
            self.fc1, self.fc2 = nn.Linear(dim, ffn), nn.Linear(ffn, dim)
            inv = 1.0 / (10000 ** (torch.arange(0, self.hd, 2).float() / self.hd))
            ang = torch.outer(torch.arange(seq).float(), inv)
            ang = torch.cat([ang, ang], dim=-1)
            self.register_buffer("cos", ang.cos()[None, None])
            self.register_buffer("sin", ang.sin()[None, None])

        @staticmethod
        def rotate_half(x):
            h = x.shape[-1] // 2
            return torch.cat([-x[..., h:], x[..., :h]], dim=-1)

        def forward(self, x):
            b, s, d = x.shape
            q, k, v = self.qkv(self.ln1(x)).chunk(3, dim=-1)
            q, k, v = (t.view(b, s, self.heads, self.hd).transpose(1, 2)
                       for t in (q, k, v))
            q = q * self.cos + self.rotate_half(q) * self.sin
            k = k * self.cos + self.rotate_half(k) * self.sin
            att = torch.softmax(q @ k.transpose(-1, -2) / self.hd ** 0.5, -1)
            o = (att @ v).transpose(1, 2).reshape(b, s, d)
            x = x + self.proj(o)
            return x + self.fc2(nn.functional.gelu(self.fc1(self.ln2(x))))

    return Block(), (1, 128, 256)


def build_model(name, torch):
    """(module in eval mode, input shape) for a model name."""
    torch.manual_seed(0)
    if name == "roformer_block":
        model, shape = _roformer_block(torch)
    else:
        import torchvision

        model = getattr(torchvision.models, name)()
        shape = (1, 3, 224, 224)
    # Non-trivial batch-norm statistics, so that folding bugs show.
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            with torch.no_grad():
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 1.5)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
    return model.eval(), shape


MODELS = ["shufflenet_v2_x1_0", "mobilenet_v2", "efficientnet_b0", "resnet50",
          "roformer_block"]


def run_measured(cmd, work):
    """Runs cmd; returns (seconds, peak RSS in MiB of the command). The RSS
    comes from GNU time (a forked child of this process would also count the
    pages it shares with it, torch included); NaN without /usr/bin/time."""
    rss_file = os.path.join(work, "rss.txt")
    timed = (["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd
             if os.path.exists("/usr/bin/time") else cmd)
    start = time.perf_counter()
    proc = subprocess.run(timed, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stdout.decode()}")
    try:
        with open(rss_file) as f:
            return seconds, int(f.read().split()[-1]) / 1024.0
    except (OSError, ValueError, IndexError):
        return seconds, float("nan")


def make_runners(name, onnx_path, so_path, model, x, threads, torch,
                 baseline_so=None):
    """name -> zero-argument callable returning the output as numpy."""
    runners, missing = {}, {}
    import kiln

    km = kiln.load(so_path, threads=threads)
    runners["kiln"] = lambda: km(x)
    if baseline_so:
        kb = kiln.load(baseline_so, threads=threads)
        runners["baseline"] = lambda: kb(x)
    try:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        sess = ort.InferenceSession(onnx_path, opts,
                                    providers=["CPUExecutionProvider"])
        iname = sess.get_inputs()[0].name
        runners["onnxruntime"] = lambda: sess.run(None, {iname: x})[0]
    except ImportError as e:
        missing["onnxruntime"] = f"not installed ({e}); run scripts/setup-bench.sh"
    torch.set_num_threads(threads)
    with torch.no_grad():
        ts = torch.jit.freeze(torch.jit.trace(model, torch.from_numpy(x)))
    tx = torch.from_numpy(x)

    def run_torch():
        with torch.no_grad():
            return ts(tx).numpy()

    runners["pytorch"] = run_torch
    return runners, missing


def rel_err(a, ref):
    a, ref = np.asarray(a, np.float64), np.asarray(ref, np.float64)
    return float(np.max(np.abs(a - ref)) / max(np.max(np.abs(ref)), 1e-30))


def bench_model(name, args, torch):
    work = os.path.join(args.out, name)
    os.makedirs(work, exist_ok=True)
    model, shape = build_model(name, torch)
    rng = np.random.default_rng(0)
    x = rng.standard_normal(shape).astype(np.float32)
    onnx_path = os.path.join(work, name + ".onnx")
    so_path = os.path.join(work, name + ".so")
    with torch.no_grad():
        torch.onnx.export(model, torch.from_numpy(x), onnx_path,
                          input_names=["input"], output_names=["output"],
                          opset_version=14)
        ref = model(torch.from_numpy(x)).numpy()
    compile_s, rss = run_measured([args.kiln_compile, onnx_path, "-o", so_path],
                                   work)
    baseline_so = None
    if args.baseline:
        baseline_so = os.path.join(work, name + "-baseline.so")
        run_measured([args.baseline, onnx_path, "-o", baseline_so], work)
    runners, missing = make_runners(name, onnx_path, so_path, model, x,
                                    args.threads, torch, baseline_so)
    errors = {k: rel_err(f(), ref) for k, f in runners.items()}
    for _ in range(args.warmup):
        for f in runners.values():
            f()
    # Each round runs every framework --runs times back to back (its median
    # is the round's time), in an order shuffled every round; the result is
    # the median over rounds. Back-to-back runs keep one framework's idle
    # threads (ONNX Runtime's and OpenMP's spin after a run) from landing
    # on every single run of the next one, and a pause of --settle-ms before
    # each framework's runs lets them stop spinning and sleep first.
    times = {k: [] for k in runners}
    fastest = {k: float("inf") for k in runners}
    order = list(runners)
    shuffle = random.Random(0)
    for _ in range(args.rounds):
        shuffle.shuffle(order)
        for k in order:
            time.sleep(args.settle_ms / 1e3)
            runs = []
            for _ in range(args.runs):
                start = time.perf_counter()
                runners[k]()
                runs.append(time.perf_counter() - start)
            times[k].append(statistics.median(runs))
            fastest[k] = min(fastest[k], min(runs))
    med = {k: statistics.median(v) * 1e3 for k, v in times.items()}
    # Kiln over ONNX Runtime within each round: the frameworks of one round
    # run within a second or so of each other, at the same speed of a machine
    # whose speed moves between levels from minute to minute.
    ort_rounds = [a / b for a, b in
                  zip(times["kiln"], times.get("onnxruntime", []))]
    return {"model": name, "compile_s": compile_s, "compile_rss_mib": rss,
            "errors": errors, "median_ms": med,
            "ort_rounds": ratio_summary(ort_rounds), "missing": missing,
            "fastest_ms": {k: v * 1e3 for k, v in fastest.items()}}


def fastest_columns(fastest):
    """Kiln's and ONNX Runtime's fastest runs (ms) and their ratio, as CSV
    cells ("" for a missing peer)."""
    kiln_ms, ort_ms = fastest.get("kiln"), fastest.get("onnxruntime")
    return [f"{kiln_ms:.3f}", f"{ort_ms:.3f}" if ort_ms else "",
            f"{kiln_ms / ort_ms:.3f}" if ort_ms else ""]


def ratio_summary(ratios):
    """(median, min, max) of per-round ratios, or None."""
    if not ratios:
        return None
    return statistics.median(ratios), min(ratios), max(ratios)


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", default=",".join(MODELS),
                   help="comma-separated subset of: " + ", ".join(MODELS))
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--runs", type=int, default=5,
                   help="back-to-back runs of each framework per round")
    p.add_argument("--warmup", type=int, default=3)
    # ONNX Runtime's pool threads spin for 50-60 ms after a run (a whole
    # CPU: 0.028 s of CPU time in the first 25 ms idle, 0.02 in the next 25,
    # 0.002-0.004 from 50 to 100 ms, none after; MobileNetV2 and ResNet-50,
    # 2 threads): a pause of 50 ms left the first runs of the framework after
    # it sharing the 2 CPUs of the benchmark machine with a spinning thread.
    p.add_argument("--settle-ms", type=float, default=150,
                   help="pause before each framework's runs in a round, so "
                        "that the previous one's threads stop spinning")
    p.add_argument("--out", default=os.path.join(ROOT, "build", "bench"))
    p.add_argument("--kiln-compile",
                   default=os.path.join(ROOT, "build", "bin", "kiln-compile"))
    p.add_argument("--baseline",
                   help="another kiln-compile whose models are timed in the same rounds")
    args = p.parse_args()
    if args.baseline and not os.access(args.baseline, os.X_OK):
        p.error(f"--baseline {args.baseline} is not an executable kiln-compile")
    import torch

    names = [m for m in args.models.split(",") if m]
    unknown = [m for m in names if m not in MODELS]
    if unknown:
        p.error(f"unknown model(s): {', '.join(unknown)}")
    os.makedirs(args.out, exist_ok=True)
    print(f"# {datetime.date.today()} {platform.node()} {platform.processor() or platform.machine()}"
          f", {args.threads} threads, batch 1, fp32, {args.rounds} interleaved rounds"
          f" of {args.runs} runs, {args.settle_ms:g} ms pauses")
    rows = []
    for name in names:
        try:
            r = bench_model(name, args, torch)
        except Exception as e:  # report the model and go on with the next
            print(f"{name}: FAILED: {str(e).splitlines()[0] if str(e) else e}")
            rows.append({"model": name, "failed": str(e)})
            continue
        rows.append(r)
        m = r["median_ms"]
        ort = m.get("onnxruntime")
        print(f"{name:20s} kiln {m['kiln']:8.2f} ms  "
              f"ort {ort if ort is None else f'{ort:8.2f} ms'}  "
              f"torch {m['pytorch']:8.2f} ms  "
              f"kiln/ort {m['kiln'] / ort if ort else float('nan'):5.2f}  "
              f"kiln/torch {m['kiln'] / m['pytorch']:5.2f}  "
              f"err {r['errors']['kiln']:.1e}  "
              f"compile {r['compile_s']:.1f} s {r['compile_rss_mib']:.0f} MiB")
        rr = r["ort_rounds"]
        if rr:
            f = r["fastest_ms"]
            print(f"{'':20s} kiln/ort per round: median {rr[0]:.2f} "
                  f"(rounds {rr[1]:.2f}-{rr[2]:.2f}); fastest runs kiln "
                  f"{f['kiln']:.2f} ms, ort {f['onnxruntime']:.2f} ms, "
                  f"ratio {f['kiln'] / f['onnxruntime']:.2f}")
        if "baseline" in m:
            print(f"{'':20s} baseline {m['baseline']:8.2f} ms  "
                  f"kiln/baseline {m['kiln'] / m['baseline']:5.3f}  "
                  f"baseline err {r['errors']['baseline']:.1e}")
        for peer, why in r["missing"].items():
            print(f"{'':20s} {peer}: {why}")
    csv_path = os.path.join(args.out, "models.csv")
    with open(csv_path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["model", "kiln_ms", "onnxruntime_ms", "pytorch_ms",
                    "kiln_over_ort", "kiln_over_torch", "kiln_rel_err",
                    "compile_s", "compile_rss_mib", "status",
                    "kiln_over_ort_round_median", "kiln_over_ort_round_min",
                    "kiln_over_ort_round_max", "kiln_fastest_ms",
                    "onnxruntime_fastest_ms", "kiln_over_ort_fastest"])
        for r in rows:
            if "failed" in r:
                w.writerow([r["model"]] + [""] * 8 + ["failed"] + [""] * 6)
                continue
            rr = r["ort_rounds"]
            m = r["median_ms"]
            ort = m.get("onnxruntime")
            w.writerow([r["model"], f"{m['kiln']:.3f}",
                        f"{ort:.3f}" if ort else "", f"{m['pytorch']:.3f}",
                        f"{m['kiln'] / ort:.3f}" if ort else "",
                        f"{m['kiln'] / m['pytorch']:.3f}",
                        f"{r['errors']['kiln']:.2e}", f"{r['compile_s']:.2f}",
                        f"{r['compile_rss_mib']:.0f}", "ok"]
                       + ([f"{v:.3f}" for v in rr] if rr else [""] * 3)
                       + fastest_columns(r["fastest_ms"]))
    print(f"wrote {csv_path}")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not installed: no chart (apt-get install python3-matplotlib)")
        return 0
    ok = [r for r in rows if "failed" not in r]
    peers = ["kiln", "onnxruntime", "pytorch"]
    fig, ax = plt.subplots(figsize=(1.6 * max(len(ok), 1) + 2, 4))
    for i, peer in enumerate(peers):
        vals = [r["median_ms"].get(peer, 0.0) for r in ok]
        ax.bar([j + (i - 1) * 0.27 for j in range(len(ok))], vals, 0.27,
               label=peer)
    ax.set_xticks(range(len(ok)))
    ax.set_xticklabels([r["model"] for r in ok], rotation=15)
    ax.set_ylabel("median latency (ms), lower is better")
    ax.set_yscale("log")
    ax.set_title(f"batch 1, fp32, {args.threads} threads, {datetime.date.today()}")
    ax.legend()
    fig.tight_layout()
    png = os.path.join(args.out, "models.png")
    fig.savefig(png, dpi=100)
    print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
