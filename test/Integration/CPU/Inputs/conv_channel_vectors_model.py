"""Model and numpy reference of test/Integration/CPU/conv-channel-vectors.test:
convolutions with constant filters whose output rows are not whole AVX2
vectors, which kiln-conv-channel-vectors computes along their output
channels (filters in panels of 16): a 3x3 one at 14x14 with a bias and ReLU
(rows of 5 + 5 + 4 pixels, both fused into the tiles), one at 28x28 into 48
channels feeding a residual add (rows of 7 x 4), a 3x3 stride-2 one on
30x30 (rows of 15, strided columns read in place), a 5x5 one with a batch
of two on 9x9 rows (5 + 4), and two left in
NCHW: 24 output channels (not whole panels) and rows of 16 (whole vectors).
Pointwise (1x1) ones, products over flattened images until the pass writes
them back as convolutions of one-row images: 64 -> 32 channels at 14x14 with
a bias, a residual add and ReLU, and a stride-2 one 96 -> 48 from 27x27 to
14x14 (196 pixels: 32 tiles of 6 and one of 4), and 64 -> 32 on an input
scaled channel by channel by an input gate (a squeeze-excitation gate, which
kiln-fold-gates moves into the weights: the pass packs the constant weights
and scales the panels), all three along channels; 32 ->
64 (fewer input than output channels) and 64 -> 32 at 7x7 (too few pixel
tiles) left as products, and 1024 -> 256 at 7x7 with a bias and ReLU, computed
from its input transposed to channels last (at least 1024 input channels).
The weights come from a fixed seed, so the reference rebuilds them.

    conv_channel_vectors_model.py   prints the kiln MLIR model
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
    rng = np.random.default_rng(23)
    return (rng.standard_normal((32, 32, 3, 3)).astype(np.float32),
            rng.standard_normal(32).astype(np.float32),
            rng.standard_normal((48, 16, 3, 3)).astype(np.float32),
            rng.standard_normal((16, 16, 3, 3)).astype(np.float32),
            rng.standard_normal((16, 8, 5, 5)).astype(np.float32),
            rng.standard_normal((24, 32, 3, 3)).astype(np.float32),
            rng.standard_normal((16, 8, 3, 3)).astype(np.float32),
            rng.standard_normal((32, 64, 1, 1)).astype(np.float32),
            rng.standard_normal(32).astype(np.float32),
            rng.standard_normal((48, 96, 1, 1)).astype(np.float32),
            rng.standard_normal((64, 32, 1, 1)).astype(np.float32),
            rng.standard_normal((256, 1024, 1, 1)).astype(np.float32),
            rng.standard_normal(256).astype(np.float32))


def model():
    wa, ba, wb, wc, wd, we, wf, wg, bg, wh, wi, wl, bl = weights()
    return f"""module @conv_channel_vectors {{
  func.func @main(%x: tensor<1x32x14x14xf32> {{kiln.name = "x"}}, %y: tensor<1x16x28x28xf32> {{kiln.name = "y"}},
                  %r: tensor<1x48x28x28xf32> {{kiln.name = "r"}}, %z: tensor<1x16x30x30xf32> {{kiln.name = "z"}},
                  %u: tensor<2x8x9x9xf32> {{kiln.name = "u"}}, %v: tensor<1x8x16x16xf32> {{kiln.name = "v"}},
                  %s: tensor<1x64x14x14xf32> {{kiln.name = "s"}}, %t: tensor<1x32x14x14xf32> {{kiln.name = "t"}},
                  %q: tensor<1x96x27x27xf32> {{kiln.name = "q"}}, %m: tensor<1x64x7x7xf32> {{kiln.name = "m"}},
                  %gate: tensor<1x64x1x1xf32> {{kiln.name = "gate"}}, %o: tensor<1x1024x7x7xf32> {{kiln.name = "o"}})
      -> (tensor<1x32x14x14xf32> {{kiln.name = "relu14"}}, tensor<1x48x28x28xf32> {{kiln.name = "residual28"}},
          tensor<1x16x15x15xf32> {{kiln.name = "strided"}}, tensor<2x16x9x9xf32> {{kiln.name = "window5"}},
          tensor<1x24x14x14xf32> {{kiln.name = "channels24"}}, tensor<1x16x16x16xf32> {{kiln.name = "rows16"}},
          tensor<1x32x14x14xf32> {{kiln.name = "pointwise"}}, tensor<1x48x14x14xf32> {{kiln.name = "pointwise_strided"}},
          tensor<1x64x14x14xf32> {{kiln.name = "pointwise_widening"}}, tensor<1x32x7x7xf32> {{kiln.name = "pointwise7"}},
          tensor<1x32x14x14xf32> {{kiln.name = "pointwise_gated"}},
          tensor<1x256x7x7xf32> {{kiln.name = "pointwise_channels_last"}}) {{
    %wa = kiln.constant {literal(wa)} : tensor<32x32x3x3xf32>
    %ba = kiln.constant {literal(ba)} : tensor<32xf32>
    %wb = kiln.constant {literal(wb)} : tensor<48x16x3x3xf32>
    %wc = kiln.constant {literal(wc)} : tensor<16x16x3x3xf32>
    %wd = kiln.constant {literal(wd)} : tensor<16x8x5x5xf32>
    %we = kiln.constant {literal(we)} : tensor<24x32x3x3xf32>
    %wf = kiln.constant {literal(wf)} : tensor<16x8x3x3xf32>
    %wg = kiln.constant {literal(wg)} : tensor<32x64x1x1xf32>
    %bg = kiln.constant {literal(bg)} : tensor<32xf32>
    %wh = kiln.constant {literal(wh)} : tensor<48x96x1x1xf32>
    %wi = kiln.constant {literal(wi)} : tensor<64x32x1x1xf32>
    %wl = kiln.constant {literal(wl)} : tensor<256x1024x1x1xf32>
    %bl = kiln.constant {literal(bl)} : tensor<256xf32>
    %a = kiln.conv2d %x, %wa, %ba {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x32x14x14xf32>, tensor<32x32x3x3xf32>, tensor<32xf32>) -> tensor<1x32x14x14xf32>
    %ar = kiln.relu %a : tensor<1x32x14x14xf32>
    %b = kiln.conv2d %y, %wb {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x16x28x28xf32>, tensor<48x16x3x3xf32>) -> tensor<1x48x28x28xf32>
    %bs = kiln.add %b, %r : (tensor<1x48x28x28xf32>, tensor<1x48x28x28xf32>) -> tensor<1x48x28x28xf32>
    %c = kiln.conv2d %z, %wc {{padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}}
        : (tensor<1x16x30x30xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x15x15xf32>
    %d = kiln.conv2d %u, %wd {{padding = array<i64: 2, 2, 2, 2>}}
        : (tensor<2x8x9x9xf32>, tensor<16x8x5x5xf32>) -> tensor<2x16x9x9xf32>
    %e = kiln.conv2d %x, %we {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x32x14x14xf32>, tensor<24x32x3x3xf32>) -> tensor<1x24x14x14xf32>
    %f = kiln.conv2d %v, %wf {{padding = array<i64: 1, 1, 1, 1>}}
        : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x16x16xf32>
    %g = kiln.conv2d %s, %wg, %bg : (tensor<1x64x14x14xf32>, tensor<32x64x1x1xf32>, tensor<32xf32>) -> tensor<1x32x14x14xf32>
    %gs = kiln.add %g, %t : (tensor<1x32x14x14xf32>, tensor<1x32x14x14xf32>) -> tensor<1x32x14x14xf32>
    %gr = kiln.relu %gs : tensor<1x32x14x14xf32>
    %h = kiln.conv2d %q, %wh {{strides = array<i64: 2, 2>}}
        : (tensor<1x96x27x27xf32>, tensor<48x96x1x1xf32>) -> tensor<1x48x14x14xf32>
    %i = kiln.conv2d %t, %wi : (tensor<1x32x14x14xf32>, tensor<64x32x1x1xf32>) -> tensor<1x64x14x14xf32>
    %j = kiln.conv2d %m, %wg : (tensor<1x64x7x7xf32>, tensor<32x64x1x1xf32>) -> tensor<1x32x7x7xf32>
    %sg = kiln.mul %s, %gate : (tensor<1x64x14x14xf32>, tensor<1x64x1x1xf32>) -> tensor<1x64x14x14xf32>
    %k = kiln.conv2d %sg, %wg : (tensor<1x64x14x14xf32>, tensor<32x64x1x1xf32>) -> tensor<1x32x14x14xf32>
    %l = kiln.conv2d %o, %wl, %bl : (tensor<1x1024x7x7xf32>, tensor<256x1024x1x1xf32>, tensor<256xf32>) -> tensor<1x256x7x7xf32>
    %lr = kiln.relu %l : tensor<1x256x7x7xf32>
    return %ar, %bs, %c, %d, %e, %f, %gr, %h, %i, %j, %k, %lr : tensor<1x32x14x14xf32>, tensor<1x48x28x28xf32>,
        tensor<1x16x15x15xf32>, tensor<2x16x9x9xf32>, tensor<1x24x14x14xf32>, tensor<1x16x16x16xf32>,
        tensor<1x32x14x14xf32>, tensor<1x48x14x14xf32>, tensor<1x64x14x14xf32>, tensor<1x32x7x7xf32>,
        tensor<1x32x14x14xf32>, tensor<1x256x7x7xf32>
  }}
}}
"""


def reference(x, y, r, z, u, v, s, t, q, m, gate, o):
    wa, ba, wb, wc, wd, we, wf, wg, bg, wh, wi, wl, bl = (
        a.astype(np.float64) for a in weights())
    x, y, r, z, u, v, s, t, q, m, gate, o = (
        a.astype(np.float64) for a in (x, y, r, z, u, v, s, t, q, m, gate, o))
    return (np.maximum(conv(x, wa, pad=1) + ba[None, :, None, None], 0),
            conv(y, wb, pad=1) + r,
            conv(z, wc, stride=2, pad=1),
            conv(u, wd, pad=2),
            conv(x, we, pad=1),
            conv(v, wf, pad=1),
            np.maximum(conv(s, wg) + bg[None, :, None, None] + t, 0),
            conv(q, wh, stride=2),
            conv(t, wi),
            conv(m, wg),
            conv(s * gate, wg),
            np.maximum(conv(o, wl) + bl[None, :, None, None], 0))


if __name__ == "__main__":
    sys.stdout.write(model())
