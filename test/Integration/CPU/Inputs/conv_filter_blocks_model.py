"""Model and numpy reference of test/Integration/CPU/conv-filter-blocks.test:
convolutions along output channels whose filter panels are split across
thread tiles and large enough to be reduced in blocks of input channels
(TilingConfig::blockTiles, kiln-prefetch-blocks): 3x3 256 -> 64 at 14x14
(a 590 KB filter, a 200 KB input) with a bias and ReLU (the epilogue after
the blocks), the same filter without a bias into a residual add, and a
pointwise 1024 -> 64 at 14x14 alone (its initial value a fill). The weights
come from a fixed seed, so the reference rebuilds them.

    conv_filter_blocks_model.py   prints the kiln MLIR model
    (imported by check-model.py)  reference()
"""
import os
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from contractions import conv, literal  # noqa: E402

RTOL = 1e-4
ATOL = 1e-3


def weights():
    rng = np.random.default_rng(29)
    return (rng.standard_normal((64, 256, 3, 3)).astype(np.float32),
            rng.standard_normal(64).astype(np.float32),
            rng.standard_normal((64, 1024, 1, 1)).astype(np.float32))


def model():
    wa, ba, wp = weights()
    return f"""module @conv_filter_blocks {{
  func.func @main(%x: tensor<1x256x14x14xf32> {{kiln.name = "x"}}, %r: tensor<1x64x14x14xf32> {{kiln.name = "r"}},
                  %p: tensor<1x1024x14x14xf32> {{kiln.name = "p"}})
      -> (tensor<1x64x14x14xf32> {{kiln.name = "relu"}}, tensor<1x64x14x14xf32> {{kiln.name = "residual"}},
          tensor<1x64x14x14xf32> {{kiln.name = "pointwise"}}) {{
    %wa = kiln.constant {literal(wa)} : tensor<64x256x3x3xf32>
    %ba = kiln.constant {literal(ba)} : tensor<64xf32>
    %wp = kiln.constant {literal(wp)} : tensor<64x1024x1x1xf32>
    %a = kiln.conv2d %x, %wa, %ba {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x256x14x14xf32>, tensor<64x256x3x3xf32>, tensor<64xf32>) -> tensor<1x64x14x14xf32>
    %ar = kiln.relu %a : tensor<1x64x14x14xf32>
    %b = kiln.conv2d %x, %wa {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x256x14x14xf32>, tensor<64x256x3x3xf32>) -> tensor<1x64x14x14xf32>
    %bs = kiln.add %b, %r : (tensor<1x64x14x14xf32>, tensor<1x64x14x14xf32>) -> tensor<1x64x14x14xf32>
    %c = kiln.conv2d %p, %wp : (tensor<1x1024x14x14xf32>, tensor<64x1024x1x1xf32>) -> tensor<1x64x14x14xf32>
    return %ar, %bs, %c : tensor<1x64x14x14xf32>, tensor<1x64x14x14xf32>, tensor<1x64x14x14xf32>
  }}
}}
"""


def reference(x, r, p):
    wa, ba, wp = (a.astype(np.float64) for a in weights())
    x, r, p = (a.astype(np.float64) for a in (x, r, p))
    return (np.maximum(conv(x, wa, pad=1) + ba[None, :, None, None], 0),
            conv(x, wa, pad=1) + r,
            conv(p, wp))


if __name__ == "__main__":
    sys.stdout.write(model())
