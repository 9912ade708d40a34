"""Model and numpy reference of test/Integration/CPU/pack-weights.test:
products of one or two rows by constant matrices (what kiln-pack-weights
stores in column panels): a classifier with a [N, K] weight (gemm trans_b,
N = 37 not a multiple of the panel width), a matmul with N = 48 (whole
panels), a gemm of two rows with a bias and alpha, and a projection of 45
tokens ([1, 45, 32] by [32, 70], bias and ReLU as its epilogue: every
constant right operand is packed, whatever the rows). The weights come
from a fixed seed, so the reference rebuilds them.

    pack_weights_model.py           prints the kiln MLIR model
    (imported by check-model.py)    reference()
"""
import os
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from contractions import literal  # noqa: E402

RTOL = 1e-4
ATOL = 1e-4


def weights():
    rng = np.random.default_rng(7)
    return (rng.standard_normal((37, 64)).astype(np.float32),   # [N, K]
            rng.standard_normal(37).astype(np.float32),
            rng.standard_normal((300, 48)).astype(np.float32),  # [K, N]
            rng.standard_normal((40, 96)).astype(np.float32),   # [K, N]
            rng.standard_normal(96).astype(np.float32),
            rng.standard_normal((32, 70)).astype(np.float32),   # [K, N]
            rng.standard_normal(70).astype(np.float32))


def model():
    w1, b1, w2, w3, b3, w4, b4 = weights()
    return f"""module @pack_weights {{
  func.func @main(%x: tensor<1x64xf32> {{kiln.name = "x"}}, %y: tensor<1x300xf32> {{kiln.name = "y"}},
                  %z: tensor<2x40xf32> {{kiln.name = "z"}}, %t: tensor<1x45x32xf32> {{kiln.name = "t"}})
      -> (tensor<1x37xf32> {{kiln.name = "classifier"}}, tensor<1x48xf32> {{kiln.name = "matmul"}},
          tensor<2x96xf32> {{kiln.name = "gemm"}}, tensor<1x45x70xf32> {{kiln.name = "tokens"}}) {{
    %w1 = kiln.constant {literal(w1)} : tensor<37x64xf32>
    %b1 = kiln.constant {literal(b1)} : tensor<37xf32>
    %w2 = kiln.constant {literal(w2)} : tensor<300x48xf32>
    %w3 = kiln.constant {literal(w3)} : tensor<40x96xf32>
    %b3 = kiln.constant {literal(b3)} : tensor<96xf32>
    %w4 = kiln.constant {literal(w4)} : tensor<32x70xf32>
    %b4 = kiln.constant {literal(b4)} : tensor<70xf32>
    %0 = kiln.gemm %x, %w1, %b1 {{trans_b = true}} : (tensor<1x64xf32>, tensor<37x64xf32>, tensor<37xf32>) -> tensor<1x37xf32>
    %1 = kiln.matmul %y, %w2 : (tensor<1x300xf32>, tensor<300x48xf32>) -> tensor<1x48xf32>
    %2 = kiln.gemm %z, %w3, %b3 {{alpha = 0.5 : f32}} : (tensor<2x40xf32>, tensor<40x96xf32>, tensor<96xf32>) -> tensor<2x96xf32>
    %3 = kiln.matmul %t, %w4 : (tensor<1x45x32xf32>, tensor<32x70xf32>) -> tensor<1x45x70xf32>
    %4 = kiln.add %3, %b4 : (tensor<1x45x70xf32>, tensor<70xf32>) -> tensor<1x45x70xf32>
    %5 = kiln.relu %4 : tensor<1x45x70xf32>
    return %0, %1, %2, %5 : tensor<1x37xf32>, tensor<1x48xf32>, tensor<2x96xf32>, tensor<1x45x70xf32>
  }}
}}
"""


def reference(x, y, z, t):
    w1, b1, w2, w3, b3, w4, b4 = (a.astype(np.float64) for a in weights())
    x, y, z, t = (a.astype(np.float64) for a in (x, y, z, t))
    return x @ w1.T + b1, y @ w2, 0.5 * (z @ w3) + b3, np.maximum(t @ w4 + b4, 0)


if __name__ == "__main__":
    sys.stdout.write(model())
