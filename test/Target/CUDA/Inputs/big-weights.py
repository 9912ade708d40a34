"""Writes a model with large random weights, for the tests of the weight
upload path of --target=cuda: a [1, K] x [K, N] matmul plus a bias, with the
weights as hex dense constants.

usage: big-weights.py OUT_DIR [K N]

Writes OUT_DIR/model.mlir and the weights as OUT_DIR/weight.bin and
OUT_DIR/bias.bin (their raw little-endian float32 bytes).
"""

import os
import sys

import numpy as np


def main():
    out = sys.argv[1]
    k, n = (int(sys.argv[2]), int(sys.argv[3])) if len(sys.argv) > 3 else (1024, 1024)
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(7)
    weight = rng.standard_normal((k, n)).astype(np.float32)
    bias = rng.standard_normal((n,)).astype(np.float32)
    weight.tofile(os.path.join(out, "weight.bin"))
    bias.tofile(os.path.join(out, "bias.bin"))
    with open(os.path.join(out, "model.mlir"), "w") as f:
        f.write(f"func.func @main(%x: tensor<1x{k}xf32>) -> tensor<1x{n}xf32> {{\n")
        f.write(f'  %w = kiln.constant dense<"0x{weight.tobytes().hex().upper()}"> '
                f": tensor<{k}x{n}xf32>\n")
        f.write(f'  %b = kiln.constant dense<"0x{bias.tobytes().hex().upper()}"> '
                f": tensor<{n}xf32>\n")
        f.write(f"  %0 = kiln.matmul %x, %w : (tensor<1x{k}xf32>, tensor<{k}x{n}xf32>)"
                f" -> tensor<1x{n}xf32>\n")
        f.write(f"  %1 = kiln.add %0, %b : (tensor<1x{n}xf32>, tensor<{n}xf32>)"
                f" -> tensor<1x{n}xf32>\n")
        f.write(f"  return %1 : tensor<1x{n}xf32>\n}}\n")


if __name__ == "__main__":
    main()
