//===- KilnShuffleOps.td - Shuffles and resampling -*- tablegen -*-===//
//
// Channel shuffle, pixel shuffle and unshuffle (depth-to-space, space-to-depth), and resize.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNSHUFFLEOPS_TD
#define KILN_DIALECT_KILN_IR_KILNSHUFFLEOPS_TD

include "kiln/Dialect/Kiln/IR/KilnAttrs.td"

//===----------------------------------------------------------------------===//
// kiln.channel_shuffle
//===----------------------------------------------------------------------===//

def Kiln_ChannelShuffleOp : Kiln_InferOp<"channel_shuffle"> {
  let summary = "ShuffleNet channel shuffle";
  let description = [{
    Permutes dimension 1 (the channels) of an input of shape `[N, C, ...]`
    (rank at least 2) as `torch.nn.ChannelShuffle` does: the channels are
    viewed as a `[groups, C / groups]` matrix, which is transposed to
    `[C / groups, groups]` and flattened again. With `K = C / groups`, for every
    `g` in `[0, groups)` and `k` in `[0, K)`:

    ```
    output[n, k * groups + g, ...] = input[n, g * K + k, ...]
    ```

    that is, output channel `c` reads input channel
    `(c % groups) * K + c / groups`. For example `C = 6`, `groups = 2`
    (`K = 3`) gives the output channel order `0 3 1 4 2 5`.

    `groups` must be at least 1 and divide `C`. The result has the type of the
    input. `groups = 1` and `groups = C` are the identity, and a shuffle with
    `groups = g` followed by one with `groups = C / g` is the identity too
    (the second transposes the `[K, groups]` matrix back); both fold away.
    A shuffle of a `dense<...>` constant folds to the shuffled constant.

    ```mlir
    %0 = kiln.channel_shuffle %x {groups = 2 : i64}
        : (tensor<1x6x8x8xf32>) -> tensor<1x6x8x8xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, I64Attr:$groups);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// kiln.pixel_shuffle / kiln.pixel_unshuffle
//===----------------------------------------------------------------------===//

def Kiln_PixelShuffleOp : Kiln_InferOp<"pixel_shuffle"> {
  let summary = "depth-to-space rearrangement";
  let description = [{
    Moves blocks of channels into `r x r` spatial blocks, with
    `r = upscale_factor`: an input of shape `[N, C * r * r, H, W]` becomes an
    output of shape `[N, C, H * r, W * r]`. For every `c` in `[0, C)`, `h`, `w`
    and `i`, `j` in `[0, r)`:

    ```
    order = crd: output[n, c, h * r + i, w * r + j] = input[n, c * r * r + i * r + j, h, w]
    order = dcr: output[n, c, h * r + i, w * r + j] = input[n, (i * r + j) * C + c, h, w]
    ```

    `crd` (the default) is `torch.nn.PixelShuffle` and ONNX `DepthToSpace`
    with `mode = "CRD"`; `dcr` is ONNX `DepthToSpace` with its default
    `mode = "DCR"`. The input must have rank 4, `upscale_factor` must be at
    least 1 and the input channel count must be divisible by its square.

    `upscale_factor = 1` is the identity, and `kiln.pixel_shuffle` of a
    `kiln.pixel_unshuffle` with the same factor and order gives back the
    unshuffled tensor; both fold away. A shuffle of a `dense<...>` constant
    folds to the shuffled constant.

    ```mlir
    %0 = kiln.pixel_shuffle %x {upscale_factor = 2 : i64}
        : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
    %1 = kiln.pixel_shuffle %x {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64}
        : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, I64Attr:$upscale_factor,
      DefaultValuedAttr<Kiln_PixelShuffleOrderAttr,
                        "::mlir::kiln::PixelShuffleOrder::CRD">:$order);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Kiln_PixelUnshuffleOp : Kiln_InferOp<"pixel_unshuffle"> {
  let summary = "space-to-depth rearrangement";
  let description = [{
    The inverse of `kiln.pixel_shuffle`: moves every `r x r` spatial block
    into channels, with `r = downscale_factor`. An input of shape
    `[N, C, H * r, W * r]` becomes an output of shape `[N, C * r * r, H, W]`.
    For every `c` in `[0, C)`, `h`, `w` and `i`, `j` in `[0, r)`:

    ```
    order = crd: output[n, c * r * r + i * r + j, h, w] = input[n, c, h * r + i, w * r + j]
    order = dcr: output[n, (i * r + j) * C + c, h, w] = input[n, c, h * r + i, w * r + j]
    ```

    `crd` (the default) is `torch.nn.PixelUnshuffle`; `dcr` is ONNX
    `SpaceToDepth`. The input must have rank 4, `downscale_factor` must be at
    least 1 and divide both the input height and width.

    `downscale_factor = 1` is the identity, and `kiln.pixel_unshuffle` of a
    `kiln.pixel_shuffle` with the same factor and order gives back the
    shuffled tensor; both fold away. An unshuffle of a `dense<...>` constant
    folds to the unshuffled constant.

    ```mlir
    %0 = kiln.pixel_unshuffle %x {downscale_factor = 2 : i64}
        : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, I64Attr:$downscale_factor,
      DefaultValuedAttr<Kiln_PixelShuffleOrderAttr,
                        "::mlir::kiln::PixelShuffleOrder::CRD">:$order);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// kiln.resize
//===----------------------------------------------------------------------===//

def Kiln_ResizeOp : Kiln_InferOp<"resize"> {
  let summary = "resampling by nearest, linear or cubic interpolation";
  let description = [{
    Resamples every dimension of the input (rank at least 1, usually NCHW with
    `sizes` and `scales` of 1 on N and C) to the shape `sizes`, with the
    semantics of ONNX `Resize` (opset 13, without `roi`). The result has shape
    `sizes` and the input's element type; every input dimension and every
    element of `sizes` must be at least 1.

    **Scale.** In each dimension `d`, with `in = input.shape[d]` and
    `out = sizes[d]`: when `scales` is given, `scale = scales[d]` (it must be
    positive, and `out` must equal `floor(in * scale)`; a product within a
    relative 1e-9 of an integer counts as that integer, so that `45 * 1.4`,
    62.99999999999999 in double precision, gives 63); otherwise
    `scale = out / in`.

    **Coordinate transform.** Output coordinate `x` (an integer in
    `[0, out)`) maps to the input coordinate `x_in` (a real number):

    ```
    half_pixel:           x_in = (x + 0.5) / scale - 0.5
    pytorch_half_pixel:   x_in = out > 1 ? (x + 0.5) / scale - 0.5 : 0
    align_corners:        x_in = out > 1 ? x * (in - 1) / (out - 1) : 0
    asymmetric:           x_in = x / scale
    tf_half_pixel_for_nn: x_in = (x + 0.5) / scale
    ```

    `half_pixel` is the default. In PyTorch terms: `bilinear` and `bicubic`
    with `align_corners=False` are `half_pixel` (`pytorch_half_pixel` differs
    from it only for an output size of 1), `align_corners=True` is
    `align_corners`, `nearest` is `asymmetric` with `floor`, and
    `nearest-exact` is `half_pixel` with `round_prefer_ceil`.

    **Interpolation** (`mode`, default `nearest`). Sample positions outside
    `[0, in - 1]` read the nearest edge element (edge padding).

    - `nearest`: reads element `round(x_in)` in every dimension, clamped to
      `[0, in - 1]`, with the rounding `nearest_mode`:

      ```
      round_prefer_floor: ceil(x_in - 0.5)    (round half down, the default)
      round_prefer_ceil:  floor(x_in + 0.5)   (round half up)
      floor:              floor(x_in)
      ceil:               ceil(x_in)
      ```

    - `linear`: with `x0 = floor(x_in)` and `t = x_in - x0`, takes
      `(1 - t) * input[x0] + t * input[x0 + 1]` in every dimension
      (multilinear: bilinear on an NCHW image).
    - `cubic`: with `x0 = floor(x_in)`, takes
      `sum(k = -1..2) W(x_in - (x0 + k)) * input[x0 + k]` in every dimension
      (bicubic), with the Keys kernel of coefficient
      `a = cubic_coeff_a` (default -0.75, as PyTorch; TensorFlow uses -0.5):

      ```
      W(s) = (a + 2)|s|^3 - (a + 3)|s|^2 + 1      for |s| <= 1
      W(s) = a|s|^3 - 5a|s|^2 + 8a|s| - 4a         for 1 < |s| < 2
      W(s) = 0                                     otherwise
      ```

      With `exclude_outside = true` the weights of taps outside
      `[0, in - 1]` are set to 0 and the remaining weights divided by their
      sum; by default (false) those taps read the edge element.

    `linear` and `cubic` need a numeric element type (not `i1`);
    `nearest_mode` only matters for `nearest`, `cubic_coeff_a` and
    `exclude_outside` only for `cubic`.

    A resize whose `sizes` equal the input shape and whose `scales` are absent
    or all 1 is the identity and folds away, except with
    `tf_half_pixel_for_nn`, which shifts by half a pixel (then only `nearest`
    with `round_prefer_floor` or `floor` is the identity). A resize of a splat
    constant folds to a splat constant.

    ```mlir
    %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<asymmetric>,
                         nearest_mode = #kiln.nearest_mode<floor>,
                         sizes = array<i64: 1, 3, 16, 16>}
        : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
    %1 = kiln.resize %x {mode = #kiln.resize_mode<linear>,
                         scales = array<f64: 1.0, 1.0, 2.0, 2.0>,
                         sizes = array<i64: 1, 3, 16, 16>}
        : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input,
      DenseI64ArrayAttr:$sizes,
      OptionalAttr<DenseF64ArrayAttr>:$scales,
      DefaultValuedAttr<Kiln_ResizeModeAttr,
                        "::mlir::kiln::ResizeMode::Nearest">:$mode,
      DefaultValuedAttr<Kiln_CoordinateTransformAttr,
          "::mlir::kiln::CoordinateTransform::HalfPixel">:$coordinate_transform,
      DefaultValuedAttr<Kiln_NearestModeAttr,
          "::mlir::kiln::NearestMode::RoundPreferFloor">:$nearest_mode,
      DefaultValuedAttr<F64Attr, "-0.75">:$cubic_coeff_a,
      DefaultValuedAttr<BoolAttr, "false">:$exclude_outside);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

#endif // KILN_DIALECT_KILN_IR_KILNSHUFFLEOPS_TD
