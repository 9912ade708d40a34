"""Model and numpy reference of test/Integration/CPU/conv-strided.test:
convolutions whose columns are strided, which kiln-deinterleave-strided-convs
splits by column phase on the CPU: a padded 3x3 stride-2 convolution with a
bias and ReLU, a 5-wide window with column stride 3, row dilation 2 and a
batch of two, a 7x7 stride-2 stem on 3 channels, and a 3x4 window with
uneven padding. The weights come from a fixed seed, so the reference
rebuilds them.

    conv_strided_model.py           prints the kiln MLIR model
    (imported by check-model.py)    reference()
"""
import os
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from contractions import conv, literal  # noqa: E402

RTOL = 1e-4
ATOL = 1e-4


def weights():
    rng = np.random.default_rng(11)
    return (rng.standard_normal((24, 16, 3, 3)).astype(np.float32),
            rng.standard_normal(24).astype(np.float32),
            rng.standard_normal((6, 4, 5, 5)).astype(np.float32),
            rng.standard_normal((8, 3, 7, 7)).astype(np.float32),
            rng.standard_normal((8, 16, 3, 4)).astype(np.float32))


def model():
    wa, ba, wb, wc, wd = weights()
    return f"""module @conv_strided {{
  func.func @main(%x: tensor<1x16x15x15xf32> {{kiln.name = "x"}}, %y: tensor<2x4x20x23xf32> {{kiln.name = "y"}},
                  %z: tensor<1x3x32x32xf32> {{kiln.name = "z"}})
      -> (tensor<1x24x8x8xf32> {{kiln.name = "s2"}}, tensor<2x6x12x7xf32> {{kiln.name = "s3"}},
          tensor<1x8x16x16xf32> {{kiln.name = "stem"}}, tensor<1x8x8x7xf32> {{kiln.name = "uneven"}}) {{
    %wa = kiln.constant {literal(wa)} : tensor<24x16x3x3xf32>
    %ba = kiln.constant {literal(ba)} : tensor<24xf32>
    %wb = kiln.constant {literal(wb)} : tensor<6x4x5x5xf32>
    %wc = kiln.constant {literal(wc)} : tensor<8x3x7x7xf32>
    %wd = kiln.constant {literal(wd)} : tensor<8x16x3x4xf32>
    %a = kiln.conv2d %x, %wa, %ba {{padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}}
        : (tensor<1x16x15x15xf32>, tensor<24x16x3x3xf32>, tensor<24xf32>) -> tensor<1x24x8x8xf32>
    %ar = kiln.relu %a : tensor<1x24x8x8xf32>
    %b = kiln.conv2d %y, %wb {{dilations = array<i64: 2, 1>, strides = array<i64: 1, 3>}}
        : (tensor<2x4x20x23xf32>, tensor<6x4x5x5xf32>) -> tensor<2x6x12x7xf32>
    %c = kiln.conv2d %z, %wc {{padding = array<i64: 3, 3, 3, 3>, strides = array<i64: 2, 2>}}
        : (tensor<1x3x32x32xf32>, tensor<8x3x7x7xf32>) -> tensor<1x8x16x16xf32>
    %d = kiln.conv2d %x, %wd {{padding = array<i64: 0, 1, 2, 0>, strides = array<i64: 2, 2>}}
        : (tensor<1x16x15x15xf32>, tensor<8x16x3x4xf32>) -> tensor<1x8x8x7xf32>
    return %ar, %b, %c, %d : tensor<1x24x8x8xf32>, tensor<2x6x12x7xf32>, tensor<1x8x16x16xf32>, tensor<1x8x8x7xf32>
  }}
}}
"""


def reference(x, y, z):
    wa, ba, wb, wc, wd = (a.astype(np.float64) for a in weights())
    x, y, z = (a.astype(np.float64) for a in (x, y, z))
    s2 = np.maximum(conv(x, wa, stride=2, pad=1) + ba[None, :, None, None], 0)
    s3 = conv(y, wb, stride=(1, 3), dilation=(2, 1))
    stem = conv(z, wc, stride=2, pad=3)
    uneven = conv(x, wd, stride=2, pad=(0, 1, 2, 0))
    return s2, s3, stem, uneven


if __name__ == "__main__":
    sys.stdout.write(model())
