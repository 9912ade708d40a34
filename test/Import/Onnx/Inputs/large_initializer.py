"""A model with a 100 MB initializer: import time and memory.

    large_initializer.py generate OUTDIR
    large_initializer.py measure OUTDIR KILN_COMPILE

`generate` writes OUTDIR/large.onnx (a MatMul with a 5000x5000 float weight)
and OUTDIR/small.onnx. `measure` (a separate, small process, so that the
children's peak memory is their own) imports each with
`kiln-compile --emit=import` into MLIR bytecode (weights stay binary; text
would spell them in hex) and measures the wall time and peak resident memory
of each run. The bounds are generous, for a loaded machine: the import takes
less than 10 seconds and needs less than 3 times the weight's size above what
a small model needs (the importer itself needs about 1 time: the weight's
bytes move from the protobuf into the IR without a copy).
"""

import os
import subprocess
import sys
import time

N = 5000
SIZE = N * N * 4


def generate(d):
    import numpy as np
    import onnx
    from onnxgen import FLOAT, helper, model, tensor

    os.makedirs(d, exist_ok=True)
    rng = np.random.default_rng(0)
    for name, n in (("large", N), ("small", 8)):
        m = model([helper.make_node("MatMul", ["x", "w"], ["y"])],
                  [("x", FLOAT, [1, n])], [("y", FLOAT, [1, n])],
                  [tensor("w", rng.standard_normal((n, n), dtype=np.float32))],
                  infer=False)
        onnx.save(m, os.path.join(d, name + ".onnx"))


def run(d, kiln_compile, name):
    """Imports NAME.onnx; returns the wall time and the peak RSS in bytes."""
    start = time.monotonic()
    process = subprocess.Popen(
        [kiln_compile, os.path.join(d, name + ".onnx"), "--emit=import",
         "-o", os.path.join(d, name + ".mlirbc")])
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - start
    if status != 0:
        sys.exit("kiln-compile failed on %s.onnx" % name)
    return elapsed, usage.ru_maxrss * 1024


def measure(d, kiln_compile):
    _, small_rss = run(d, kiln_compile, "small")
    seconds, large_rss = run(d, kiln_compile, "large")
    extra = large_rss - small_rss
    print("import of a %d MB weight: %.2f s, %.0f MB of memory above a small "
          "model's (%.2f times the weight)"
          % (SIZE // 10**6, seconds, extra / 1e6, extra / SIZE))
    if os.path.getsize(os.path.join(d, "large.mlirbc")) < SIZE:
        sys.exit("the weight is missing from the imported module")
    if seconds > 10:
        sys.exit("the import took %.1f s" % seconds)
    if extra > 3 * SIZE:
        sys.exit("the import needed %.1f times the weight's size"
                 % (extra / SIZE))
    print("OK")


if sys.argv[1] == "generate":
    generate(sys.argv[2])
else:
    measure(sys.argv[2], sys.argv[3])
