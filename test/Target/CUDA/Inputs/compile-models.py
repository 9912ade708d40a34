"""Compiles models with --target=cuda for one architecture and checks each
shared object with check-cuda-model.py (a cubin that ptxas assembled,
defining every kernel, and the PTX). Prints `OK <model> kernels <n>` or
`FAIL <model>` with the output.

usage: compile-models.py KILN-COMPILE ARCH MODEL.mlir...
"""
import os
import subprocess
import sys
import tempfile

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "check-cuda-model.py")


def main():
    compiler, arch, models = sys.argv[1], sys.argv[2], sys.argv[3:]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for model in sorted(models, key=lambda m: os.path.basename(m)[:-5]):
            name = os.path.splitext(os.path.basename(model))[0]
            so = os.path.join(tmp, name + ".so")
            result = subprocess.run(
                [compiler, model, "--target=cuda", "--cuda-arch=" + arch,
                 "-o", so], capture_output=True, text=True)
            if result.returncode == 0:
                result = subprocess.run([sys.executable, CHECKER, so],
                                        capture_output=True, text=True)
            if result.returncode != 0 or "elf kernels-ok" not in result.stdout:
                print("FAIL", name)
                print(result.stdout + result.stderr)
                failed = True
                continue
            kernels = [l for l in result.stdout.splitlines()
                       if l.startswith("kernels ")][0]
            print("OK", name, kernels)
    return 1 if failed else 0


sys.exit(main())
