"""Compiles models of the CPU integration tests with --target=gpu-emulator
(the kernels of the CUDA pipeline run as loops on the host) and checks each
against the numpy reference its CPU test uses. Prints `PASS <model>` or
`FAIL <model>` with the checker's output.

usage: run-emulated.py KILN-COMPILE CHECK-MODEL.PY [--FLAG...] TEST.mlir...

Arguments starting with "--" go to kiln-compile (e.g. --gpu-tiling=true).
"""
import os
import re
import subprocess
import sys
import tempfile


def main():
    compiler, checker = sys.argv[1], sys.argv[2]
    flags = [a for a in sys.argv[3:] if a.startswith("--")]
    tests = [a for a in sys.argv[3:] if not a.startswith("--")]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for test in sorted(tests, key=lambda t: os.path.basename(t)[:-5]):
            name = os.path.splitext(os.path.basename(test))[0]
            text = open(test).read()
            match = re.search(r"check-model\.py %t\.so %S/(\S+)", text)
            if not match:
                print("SKIP", name, "(no numpy reference)")
                continue
            reference = os.path.join(os.path.dirname(test), match.group(1))
            model = os.path.join(tmp, name + ".so")
            steps = [[compiler, test, "--target=gpu-emulator", *flags, "-o", model],
                     [sys.executable, checker, model, reference]]
            for step in steps:
                result = subprocess.run(step, capture_output=True, text=True)
                if result.returncode != 0:
                    print("FAIL", name)
                    print(result.stdout + result.stderr)
                    failed = True
                    break
            else:
                print("PASS", name)
    return 1 if failed else 0


sys.exit(main())
