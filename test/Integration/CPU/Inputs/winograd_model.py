"""Model and numpy reference of test/Integration/CPU/winograd.test: 3x3
convolutions with constant filters, unit strides and a padding of 1, which
kiln-winograd-convs computes by F(2x2, 3x3): 64 -> 64 at 14x14 with a bias
and a ReLU (applied in the output transform), 64 -> 96 on a batch of two
8x12 images feeding a residual add, 128 -> 64 at 10x10 with a bias whose
result is also read before its ReLU (so the ReLU stays apart), and 64 -> 64
at 30x30 (rows of 15 blocks: the output transform's second chunk of 8
blocks repeats its last block and writes 14 pixels), all by F(2x2, 3x3);
by F(4x4, 3x3) (images of at least 784 pixels, sides multiples of 4): 64 ->
64 at 28x28 with a bias and a ReLU, and 64 -> 64 at 32x36 feeding a
residual add (rows of 9 blocks of 4: a third chunk of 16 pixels writes 4);
128 -> 64 at 9x13 with a bias and a ReLU (odd sizes: the last row and
column of blocks half outside). Without padding (Inception-v3's 3x3
layers): 64 -> 64 from 30x30 to 28x28 by F(4x4, 3x3), and 128 -> 64 from
9x13 padded on the left and right only (7x13, F(2x2, 3x3)). Left direct: a
stride-2 one, 64 -> 64 at 7x7 (1.8M multiply-adds), 32 -> 64 at 14x14 (3.6M
multiply-adds, under min-multiply-adds) and 16 -> 64 at 28x28 (under
min-channels). The weights come from a fixed seed, so the
reference rebuilds them.

    winograd_model.py           prints the kiln MLIR model
    (imported by check-model.py)  reference()
"""
import os
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from contractions import conv, literal  # noqa: E402

# Outputs reach 50-100; F(2x2, 3x3) adds and subtracts up to 9 products per
# output in f32.
RTOL = 1e-4
ATOL = 5e-4


def weights():
    rng = np.random.default_rng(29)
    return (rng.standard_normal((64, 64, 3, 3)).astype(np.float32),
            rng.standard_normal(64).astype(np.float32),
            rng.standard_normal((96, 64, 3, 3)).astype(np.float32),
            rng.standard_normal((64, 128, 3, 3)).astype(np.float32),
            rng.standard_normal(64).astype(np.float32),
            rng.standard_normal((64, 64, 3, 3)).astype(np.float32),
            rng.standard_normal((64, 32, 3, 3)).astype(np.float32),
            rng.standard_normal((64, 16, 3, 3)).astype(np.float32),
            rng.standard_normal(64).astype(np.float32))


def model():
    wa, ba, wb, wc, bc, wd, we, wq, bo = weights()
    return f"""module @winograd {{
  func.func @main(%x: tensor<1x64x14x14xf32> {{kiln.name = "x"}}, %y: tensor<2x64x8x12xf32> {{kiln.name = "y"}},
                  %r: tensor<2x96x8x12xf32> {{kiln.name = "r"}}, %z: tensor<1x128x10x10xf32> {{kiln.name = "z"}},
                  %u: tensor<1x64x30x30xf32> {{kiln.name = "u"}}, %v: tensor<1x64x7x7xf32> {{kiln.name = "v"}},
                  %s: tensor<1x32x14x14xf32> {{kiln.name = "s"}}, %h: tensor<1x64x28x28xf32> {{kiln.name = "h"}},
                  %k: tensor<1x64x32x36xf32> {{kiln.name = "k"}}, %q: tensor<1x16x28x28xf32> {{kiln.name = "q"}},
                  %p: tensor<1x128x9x13xf32> {{kiln.name = "p"}})
      -> (tensor<1x64x14x14xf32> {{kiln.name = "relu14"}}, tensor<2x96x8x12xf32> {{kiln.name = "residual"}},
          tensor<1x64x10x10xf32> {{kiln.name = "biased10"}}, tensor<1x64x10x10xf32> {{kiln.name = "relu10"}},
          tensor<1x64x30x30xf32> {{kiln.name = "rows30"}}, tensor<1x64x7x7xf32> {{kiln.name = "strided"}},
          tensor<1x64x7x7xf32> {{kiln.name = "odd7"}}, tensor<1x64x14x14xf32> {{kiln.name = "channels32"}},
          tensor<1x64x28x28xf32> {{kiln.name = "relu28"}}, tensor<1x64x32x36xf32> {{kiln.name = "residual36"}},
          tensor<1x64x28x28xf32> {{kiln.name = "channels16"}}, tensor<1x64x9x13xf32> {{kiln.name = "odd9x13"}},
          tensor<1x64x28x28xf32> {{kiln.name = "valid28"}}, tensor<1x64x7x13xf32> {{kiln.name = "sides7x13"}}) {{
    %wa = kiln.constant {literal(wa)} : tensor<64x64x3x3xf32>
    %ba = kiln.constant {literal(ba)} : tensor<64xf32>
    %wb = kiln.constant {literal(wb)} : tensor<96x64x3x3xf32>
    %wc = kiln.constant {literal(wc)} : tensor<64x128x3x3xf32>
    %bc = kiln.constant {literal(bc)} : tensor<64xf32>
    %wd = kiln.constant {literal(wd)} : tensor<64x64x3x3xf32>
    %we = kiln.constant {literal(we)} : tensor<64x32x3x3xf32>
    %wq = kiln.constant {literal(wq)} : tensor<64x16x3x3xf32>
    %bo = kiln.constant {literal(bo)} : tensor<64xf32>
    %a = kiln.conv2d %x, %wa, %ba {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x64x14x14xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x14x14xf32>
    %ar = kiln.relu %a : tensor<1x64x14x14xf32>
    %b = kiln.conv2d %y, %wb {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<2x64x8x12xf32>, tensor<96x64x3x3xf32>) -> tensor<2x96x8x12xf32>
    %bs = kiln.add %b, %r : (tensor<2x96x8x12xf32>, tensor<2x96x8x12xf32>) -> tensor<2x96x8x12xf32>
    %c = kiln.conv2d %z, %wc, %bc {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x128x10x10xf32>, tensor<64x128x3x3xf32>, tensor<64xf32>) -> tensor<1x64x10x10xf32>
    %cr = kiln.relu %c : tensor<1x64x10x10xf32>
    %d = kiln.conv2d %u, %wd {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x64x30x30xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x30x30xf32>
    %e = kiln.conv2d %x, %wa {{padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}}
        : (tensor<1x64x14x14xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x7x7xf32>
    %f = kiln.conv2d %v, %wd {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x64x7x7xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x7x7xf32>
    %g = kiln.conv2d %s, %we {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x32x14x14xf32>, tensor<64x32x3x3xf32>) -> tensor<1x64x14x14xf32>
    %l = kiln.conv2d %h, %wa, %ba {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x64x28x28xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x28x28xf32>
    %lr = kiln.relu %l : tensor<1x64x28x28xf32>
    %o = kiln.conv2d %k, %wd {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x64x32x36xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x32x36xf32>
    %os = kiln.add %o, %k : (tensor<1x64x32x36xf32>, tensor<1x64x32x36xf32>) -> tensor<1x64x32x36xf32>
    %t = kiln.conv2d %q, %wq {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x16x28x28xf32>, tensor<64x16x3x3xf32>) -> tensor<1x64x28x28xf32>
    %pc = kiln.conv2d %p, %wc, %bo {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x128x9x13xf32>, tensor<64x128x3x3xf32>, tensor<64xf32>) -> tensor<1x64x9x13xf32>
    %pr = kiln.relu %pc : tensor<1x64x9x13xf32>
    %va = kiln.conv2d %u, %wd
        : (tensor<1x64x30x30xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x28x28xf32>
    %vb = kiln.conv2d %p, %wc, %bo {{padding = array<i64: 0, 1, 0, 1>}}
        : (tensor<1x128x9x13xf32>, tensor<64x128x3x3xf32>, tensor<64xf32>) -> tensor<1x64x7x13xf32>
    return %ar, %bs, %c, %cr, %d, %e, %f, %g, %lr, %os, %t, %pr, %va, %vb : tensor<1x64x14x14xf32>, tensor<2x96x8x12xf32>,
        tensor<1x64x10x10xf32>, tensor<1x64x10x10xf32>, tensor<1x64x30x30xf32>, tensor<1x64x7x7xf32>,
        tensor<1x64x7x7xf32>, tensor<1x64x14x14xf32>, tensor<1x64x28x28xf32>, tensor<1x64x32x36xf32>,
        tensor<1x64x28x28xf32>, tensor<1x64x9x13xf32>, tensor<1x64x28x28xf32>, tensor<1x64x7x13xf32>
  }}
}}
"""


def reference(x, y, r, z, u, v, s, h, k, q, p):
    wa, ba, wb, wc, bc, wd, we, wq, bo = (
        a.astype(np.float64) for a in weights())
    x, y, r, z, u, v, s, h, k, q, p = (
        a.astype(np.float64) for a in (x, y, r, z, u, v, s, h, k, q, p))
    biased10 = conv(z, wc, pad=1) + bc[None, :, None, None]
    return (np.maximum(conv(x, wa, pad=1) + ba[None, :, None, None], 0),
            conv(y, wb, pad=1) + r,
            biased10,
            np.maximum(biased10, 0),
            conv(u, wd, pad=1),
            conv(x, wa, stride=2, pad=1),
            conv(v, wd, pad=1),
            conv(s, we, pad=1),
            np.maximum(conv(h, wa, pad=1) + ba[None, :, None, None], 0),
            conv(k, wd, pad=1) + k,
            conv(q, wq, pad=1),
            np.maximum(conv(p, wc, pad=1) + bo[None, :, None, None], 0),
            conv(u, wd, pad=0),
            conv(np.pad(p, ((0, 0), (0, 0), (0, 0), (1, 1))), wc, pad=0)
            + bo[None, :, None, None])


if __name__ == "__main__":
    sys.stdout.write(model())
