#!/usr/bin/env python3
"""PyTorch reference and timing for the GPU benchmark models (bench/models).

usage: gpu_torch_ref.py MODEL INPUT_DIR OUTPUT_DIR [--reps N]

Reads the inputs kiln-run used (INPUT_DIR/<name>.npy, from --save-inputs;
bf16 as uint16 bits) and the outputs it wrote (OUTPUT_DIR/y.npy), computes
the model in float32 on the GPU with PyTorch (TF32 off), and prints one line:

    rel_l2 1.2e-03 ok; torch 0.812 ms (median of 20)

rel_l2 is ||kiln - ref|| / ||ref|| (bf16 models pass under 2e-2, f32 ones
under 1e-4; the single f32 matmul and convolutions are compared with a
float64 reference); the timing is PyTorch's own implementation at the
model's precision (bf16 attention through scaled_dot_product_attention, bf16
matmul, f32 matmul and convolutions through cuBLAS/cuDNN without TF32),
measured with CUDA events after warm-up. Exits 1 when the numerics fail, 2 when PyTorch or a
GPU is missing.
"""
import argparse
import os
import sys

import numpy as np


# Single convolutions of bench/models: stride, padding, groups, bias, ReLU.
CONVS = {
    "conv_s2_odd_n8": (2, 1, 1, True, True),
    "grouped_conv_n32": (1, 1, 4, False, False),
    "conv_256_14_n1": (1, 1, 1, False, False),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("inputs")
    parser.add_argument("outputs")
    parser.add_argument("--reps", type=int, default=20)
    args = parser.parse_args()
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        print("skipped: torch is not importable")
        return 2
    if not torch.cuda.is_available():
        print("skipped: torch sees no CUDA device")
        return 2
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    dev = torch.device("cuda")

    def load(directory, name, bf16=False):
        array = np.load(os.path.join(directory, name + ".npy"))
        if bf16:
            return torch.from_numpy(array.view(np.int16)).to(dev).view(torch.bfloat16)
        return torch.from_numpy(array).to(dev)

    def rope_half(x, theta=10000.0):
        # kiln.rope with half pairing: angles rounded to f32 as PyTorch does.
        S, D = x.shape[2], x.shape[3]
        n = D // 2
        inv_freq = theta ** (-2.0 * torch.arange(n, device=dev, dtype=torch.float64) / D)
        angle = torch.arange(S, device=dev, dtype=torch.float32)[:, None] * inv_freq.float()[None, :]
        c, s = angle.cos().to(x.dtype), angle.sin().to(x.dtype)
        x1, x2 = x[..., :n], x[..., n:]
        return torch.cat([x1 * c - x2 * s, x2 * c + x1 * s], dim=-1)

    if args.model == "attention_rope_s4096_bf16":
        q, k, v = (load(args.inputs, n, bf16=True) for n in "qkv")
        ref = F.scaled_dot_product_attention(rope_half(q.float()), rope_half(k.float()), v.float(),
                                             is_causal=True)
        run = lambda: F.scaled_dot_product_attention(rope_half(q), rope_half(k), v, is_causal=True)  # noqa: E731
        got, tolerance = load(args.outputs, "y", bf16=True).float(), 2e-2
    elif args.model == "attention_s4096_bf16":
        q, k, v = (load(args.inputs, n, bf16=True) for n in "qkv")
        ref = F.scaled_dot_product_attention(q.float(), k.float(), v.float(), is_causal=True)
        run = lambda: F.scaled_dot_product_attention(q, k, v, is_causal=True)  # noqa: E731
        got, tolerance = load(args.outputs, "y", bf16=True).float(), 2e-2
    elif args.model == "resnet_block_n32":
        x, w1, w2 = (load(args.inputs, n) for n in ("x", "w1", "w2"))

        def run():
            return F.relu(x + F.conv2d(F.relu(F.conv2d(x, w1, padding=1)), w2, padding=1))

        ref = run()
        got, tolerance = load(args.outputs, "y"), 1e-4
    elif args.model in ("matmul_2048_bf16", "matmul_2048_bf16_tc"):
        a, b = load(args.inputs, "a", bf16=True), load(args.inputs, "b", bf16=True)
        ref = a.float() @ b.float()
        run = lambda: a @ b  # noqa: E731
        got, tolerance = load(args.outputs, "y", bf16=True).float(), 2e-2
    elif args.model == "matmul_2048_f32":
        a, b = load(args.inputs, "a"), load(args.inputs, "b")
        run = lambda: a @ b  # noqa: E731
        ref = a.double() @ b.double()
        got, tolerance = load(args.outputs, "y"), 1e-4
    elif args.model in CONVS:
        stride, padding, groups, bias, relu = CONVS[args.model]
        x, w = load(args.inputs, "x"), load(args.inputs, "w")
        b = load(args.inputs, "b") if bias else None

        def run(x=x, w=w, b=b):
            y = F.conv2d(x, w, b, stride=stride, padding=padding, groups=groups)
            return F.relu(y) if relu else y

        ref = run(x.double(), w.double(), b.double() if bias else None)
        got, tolerance = load(args.outputs, "y"), 1e-4
    else:
        print(f"skipped: no PyTorch version of {args.model}")
        return 2

    ref = ref.float()
    error = (torch.linalg.vector_norm(got - ref) / torch.linalg.vector_norm(ref)).item()
    ok = bool(np.isfinite(error)) and error < tolerance

    for _ in range(3):
        run()
    torch.cuda.synchronize()
    times = []
    for _ in range(args.reps):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        run()
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end))
    median = float(np.median(times))
    print(f"rel_l2 {error:.2e} {'ok' if ok else 'FAIL'}; torch {median:.3f} ms (median of {args.reps})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
