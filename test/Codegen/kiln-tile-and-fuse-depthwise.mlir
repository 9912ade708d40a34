// RUN: kiln-opt %s --kiln-tile-and-fuse="vector-bits=256" --canonicalize --cse | FileCheck %s

// A depthwise convolution's register tile is one channel, several output
// rows (8 vectors of accumulators with AVX2: 4 rows of 2 vectors, or 8 rows
// of 1) and its whole window: no reduction loops, so that
// kiln::vectorizeDepthwiseTile keeps the accumulators in registers across
// all taps. Threads split the channels.

// 3x3 at 56x56: rows of 3 x 16 + 8 pixels, 4 rows per tile.
// CHECK-LABEL: func.func @dw56
// CHECK: scf.forall (%{{.*}}) = (0) to (144) step (9)
// CHECK:   scf.for %{{.*}} = %c0 to %c56 step %c4
// CHECK:     scf.for %{{.*}} = %c0 to %c48 step %c16
// CHECK:       scf.for %{{.*}} = %c0 to %c9 step %c1
// CHECK-NOT:     scf.for
// CHECK:         linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x6x18xf32>, tensor<1x3x3xf32>) outs(%{{.*}} : tensor<1x1x4x16xf32>)
// CHECK:     scf.for %{{.*}} = %c0 to %c9 step %c1
// CHECK-NOT:   scf.for
// CHECK:       linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x6x10xf32>, tensor<1x3x3xf32>) outs(%{{.*}} : tensor<1x1x4x8xf32>)
func.func @dw56(%x: tensor<1x144x58x58xf32>, %w: tensor<144x3x3xf32>) -> tensor<1x144x56x56xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x144x56x56xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x144x56x56xf32>) -> tensor<1x144x56x56xf32>
  %c = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x144x58x58xf32>, tensor<144x3x3xf32>) outs(%f : tensor<1x144x56x56xf32>) -> tensor<1x144x56x56xf32>
  return %c : tensor<1x144x56x56xf32>
}

// 5x5 stride 2 to 14x14: rows of 8 + 6 pixels, 8 + 6 rows per tile.
// CHECK-LABEL: func.func @dw14s2
// CHECK: scf.forall
// CHECK: linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x19x19xf32>, tensor<1x5x5xf32>) outs(%{{.*}} : tensor<1x1x8x8xf32>)
// CHECK: linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x19x15xf32>, tensor<1x5x5xf32>) outs(%{{.*}} : tensor<1x1x8x6xf32>)
// CHECK: linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x15x19xf32>, tensor<1x5x5xf32>) outs(%{{.*}} : tensor<1x1x6x8xf32>)
// CHECK: linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x15x15xf32>, tensor<1x5x5xf32>) outs(%{{.*}} : tensor<1x1x6x6xf32>)
func.func @dw14s2(%x: tensor<1x64x31x31xf32>, %w: tensor<64x5x5xf32>) -> tensor<1x64x14x14xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x64x14x14xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x64x14x14xf32>) -> tensor<1x64x14x14xf32>
  %c = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : tensor<1x64x31x31xf32>, tensor<64x5x5xf32>) outs(%f : tensor<1x64x14x14xf32>) -> tensor<1x64x14x14xf32>
  return %c : tensor<1x64x14x14xf32>
}

// bf16 stays on the one-tap-per-step tiles (kept scalar by kiln-vectorize).
// CHECK-LABEL: func.func @dw_bf16
// CHECK: scf.for %{{.*}} = %c0 to %c3 step %c1
// CHECK:   scf.for %{{.*}} = %c0 to %c3 step %c1
// CHECK:     linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x6x1x16xbf16>, tensor<6x1x1xbf16>)
func.func @dw_bf16(%x: tensor<1x12x18x18xbf16>, %w: tensor<12x3x3xbf16>, %o: tensor<1x12x16x16xbf16>) -> tensor<1x12x16x16xbf16> {
  %c = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x12x18x18xbf16>, tensor<12x3x3xbf16>) outs(%o : tensor<1x12x16x16xbf16>) -> tensor<1x12x16x16xbf16>
  return %c : tensor<1x12x16x16xbf16>
}

// Threads that split the output rows would fuse the pad with amounts that
// depend on the thread tile: the pad stays whole (static amounts), so that
// the register tiles read the unpadded input in place (kiln-vectorize).
// CHECK-LABEL: func.func @dw_rows
// CHECK: %[[PAD:.*]] = tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: scf.forall (%[[R:.*]], %[[C:.*]]) = (0, 0) to (64, 8) step (32, 1)
// CHECK-NOT: tensor.pad
// CHECK:   tensor.extract_slice %[[PAD]][0, %[[C]], %[[R]], 0] [1, 1, 34, 66]
// CHECK-NOT: tensor.pad
// CHECK: scf.forall.in_parallel
func.func @dw_rows(%x: tensor<1x8x64x64xf32>, %w: tensor<8x3x3xf32>) -> tensor<1x8x64x64xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x8x64x64xf32> to tensor<1x8x66x66xf32>
  %e = tensor.empty() : tensor<1x8x64x64xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x64x64xf32>) -> tensor<1x8x64x64xf32>
  %c = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%p, %w : tensor<1x8x66x66xf32>, tensor<8x3x3xf32>) outs(%f : tensor<1x8x64x64xf32>) -> tensor<1x8x64x64xf32>
  return %c : tensor<1x8x64x64xf32>
}
