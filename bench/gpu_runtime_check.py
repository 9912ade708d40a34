#!/usr/bin/env python3
"""Checks the CUDA runtime on a real GPU with the hand-written "cuda" test model.

usage: gpu_runtime_check.py CUDA_AFFINE.so

cuda_affine.so (test/Runtime/Inputs/cuda_affine.c) carries real PTX for
y = (2 * x + 0.5) + 0.5 in three launches (one with 64 KiB of dynamic
shared memory) through the arena and a stream-ordered temporary, so on a GPU
it exercises the driver path end to end: module JIT, launches, copies,
device arrays, torch interop on the caller's stream, and four threads
running one model at once. Every result must be exact. Prints one line per
check and "runtime check: N passed, M failed" last; exits 1 on a failure.
"""
import os
import sys
import threading

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import kiln  # noqa: E402

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")


def expected(x):
    return (x * np.float32(2) + np.float32(0.5)) + np.float32(0.5)


def main():
    m = kiln.load(sys.argv[1])
    print(f"device: {m.device_description}")
    rng = np.random.default_rng(0)
    x = rng.standard_normal((16, 128)).astype(np.float32)
    check("host-pointer run", np.array_equal(m(x), expected(x)))
    dx = m.to_device(x)
    dy = m.run_device(dx)
    check("device-pointer run", np.array_equal(dy.numpy(), expected(x)))
    try:
        import torch

        if torch.cuda.is_available():
            tx = torch.from_numpy(x).cuda()
            ty = torch.empty_like(tx)
            stream = torch.cuda.Stream()
            stream.wait_stream(torch.cuda.current_stream())
            with torch.cuda.stream(stream):
                tx2 = tx * 1  # queued on `stream`; kiln must run after it
                m.run_device(tx2, outputs=[ty], stream=stream)
            torch.cuda.current_stream().wait_stream(stream)
            check("torch tensors on the caller's stream",
                  np.array_equal(ty.cpu().numpy(), expected(x)))
            bf = torch.ones(4, dtype=torch.bfloat16, device="cuda")
            try:
                m.run_device(bf, outputs=[ty])
                check("bf16 tensor for an f32 input is refused", False)
            except kiln.Error as e:
                check("bf16 tensor for an f32 input is refused",
                      "expected dtype f32, got bf16" in str(e), str(e))
        else:
            print("SKIP torch interop: torch sees no CUDA device")
    except ImportError:
        print("SKIP torch interop: torch is not importable")

    failures = []

    def work(seed):
        r = np.random.default_rng(seed)
        for i in range(200):
            xi = r.standard_normal((16, 128)).astype(np.float32)
            yi = m(xi) if i % 2 else m.run_device(m.to_device(xi)).numpy()
            if not np.array_equal(yi, expected(xi)):
                failures.append((seed, i))

    threads = [threading.Thread(target=work, args=(s,)) for s in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check("4 threads x 200 runs", not failures, f"{len(failures)} wrong" if failures else "")
    m.close()
    passed = sum(results)
    print(f"runtime check: {passed} passed, {len(results) - passed} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
