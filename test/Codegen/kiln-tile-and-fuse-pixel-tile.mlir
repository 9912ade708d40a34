// RUN: kiln-opt %s --kiln-tile-and-fuse="vector-bits=256" --canonicalize --cse | FileCheck %s

// The register tile along a row of output pixels (8 lanes of f32 with AVX2)
// is two vectors, 16 pixels, unless the row or its remainder would be more
// than one vector and less than two: such an accumulator (vector<6x14xf32>,
// vector<6x12xf32>) is split into single elements across the reduction
// loop's phis by the x86 back end. Rows of 14 and 28 take tiles of 8.
// The thread tiles' scf.forall has the pixels (a product's columns) as its
// first dimensions, which the runtime's threads share out slowest
// (TilingConfig::threadOrder).

// A convolution on 14x14 (as linalg gives it; kiln's 1x1 convolutions become
// matrix products instead): 8 + 6 pixels, not the whole row of 14, and, the
// pixel tile being one vector, two output rows per tile (each broadcast
// weight feeds two FMAs).
// CHECK-LABEL: func.func @row14
// CHECK:     scf.forall ({{.*}}) = (0, 0) to (14, 256) step (2, 64)
// CHECK:     scf.for %{{.*}} = %c0 to %c1024 step %c1 iter_args(%{{.*}}) -> (tensor<1x6x2x8xf32>)
// CHECK:       linalg.conv_2d_nchw_fchw {{.*}} outs(%{{.*}} : tensor<1x6x2x8xf32>)
// CHECK:     scf.for %{{.*}} = %c0 to %c1024 step %c1 iter_args(%{{.*}}) -> (tensor<1x6x2x6xf32>)
// CHECK:       linalg.conv_2d_nchw_fchw {{.*}} outs(%{{.*}} : tensor<1x6x2x6xf32>)
// CHECK-NOT: tensor<1x6x2x14xf32>
// CHECK: return
func.func @row14(%x: tensor<1x1024x14x14xf32>, %w: tensor<256x1024x1x1xf32>) -> tensor<1x256x14x14xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x256x14x14xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x256x14x14xf32>) -> tensor<1x256x14x14xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x1024x14x14xf32>, tensor<256x1024x1x1xf32>) outs(%f : tensor<1x256x14x14xf32>) -> tensor<1x256x14x14xf32>
  return %c : tensor<1x256x14x14xf32>
}

// A stride-2 1x1 convolution to 28x28: 3 x 8 + 4 pixels, not 16 + 12; one
// output row per tile (two rows of strided reads, each a load and a shuffle,
// spill).
// CHECK-LABEL: func.func @row28
// CHECK:     scf.for %{{.*}} = %c0 to %c24 step %c8
// CHECK:       linalg.conv_2d_nchw_fchw {{.*}} outs(%{{.*}} : tensor<1x6x1x8xf32>)
// CHECK:     linalg.conv_2d_nchw_fchw {{.*}} outs(%{{.*}} : tensor<1x6x1x4xf32>)
// CHECK-NOT: tensor<1x6x1x12xf32>
// CHECK: return
func.func @row28(%x: tensor<1x256x56x56xf32>, %w: tensor<512x256x1x1xf32>) -> tensor<1x512x28x28xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x512x28x28xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x512x28x28xf32>) -> tensor<1x512x28x28xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : tensor<1x256x56x56xf32>, tensor<512x256x1x1xf32>) outs(%f : tensor<1x512x28x28xf32>) -> tensor<1x512x28x28xf32>
  return %c : tensor<1x512x28x28xf32>
}

// A row of 56 keeps tiles of 16 (3 x 16 + 8: the remainder fits a vector).
// CHECK-LABEL: func.func @row56
// CHECK:     scf.for %{{.*}} = %c0 to %c48 step %c16
// CHECK:       linalg.conv_2d_nchw_fchw {{.*}} outs(%{{.*}} : tensor<1x6x1x16xf32>)
// CHECK:     linalg.conv_2d_nchw_fchw {{.*}} outs(%{{.*}} : tensor<1x6x1x8xf32>)
// CHECK: return
func.func @row56(%x: tensor<1x64x56x56xf32>, %w: tensor<64x64x1x1xf32>) -> tensor<1x64x56x56xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x64x56x56xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x64x56x56xf32>, tensor<64x64x1x1xf32>) outs(%f : tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %c : tensor<1x64x56x56xf32>
}

// Thread tiles of a 1x1 convolution as kiln lowers it (a product of the
// weight [F, C] by the image [1, C, H*W]) at 14x14: 196 pixels are not a
// multiple of the 16-pixel register tile, and 4 thread tiles of 49 pixels
// (3 x 16 + 1) would each end in a one-pixel tile; 256 channels give 16
// thread tiles of 16 channels over all 196 pixels (12 x 16 + 4) instead.
// With 116 channels (at most 4 tiles of 29) that is too few thread tiles,
// and the pixels are split as before. With 112 channels (EfficientNet-B0's
// projections at 14x14), 16 thread tiles of 7 channels would each end in a
// one-row register tile (2 chains of FMAs, a quarter of the rate, a third of
// the layer's time). Tiles of 16 channels (6 + 6 + 4) are 7, too few, so
// both loops are split: 28 channels (4 x 6 + 4) x 49 pixels.
#mw = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
#mx = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
#mo = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @pointwise_14x14
// CHECK:       scf.forall (%{{.*}}) = (0) to (256) step (16)
// CHECK:         iter_args(%{{.*}}) -> (tensor<1x6x16xf32>)
// CHECK:         iter_args(%{{.*}}) -> (tensor<1x6x4xf32>)
// CHECK-NOT:     tensor<1x6x1xf32>
// CHECK:       scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (196, 116) step (49, 29)
// CHECK:       scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (196, 112) step (49, 28)
// CHECK:         iter_args(%{{.*}}) -> (tensor<1x6x16xf32>)
// CHECK:         iter_args(%{{.*}}) -> (tensor<1x4x16xf32>)
// CHECK-NOT:     -> (tensor<1x1x16xf32>)
// CHECK: return
func.func @pointwise_14x14(%x: tensor<1x1024x196xf32>, %w: tensor<256x1024xf32>, %acc: tensor<1x256x196xf32>,
                           %w116: tensor<116x1024xf32>, %acc116: tensor<1x116x196xf32>,
                           %x672: tensor<1x672x196xf32>, %w112: tensor<112x672xf32>, %acc112: tensor<1x112x196xf32>)
    -> (tensor<1x256x196xf32>, tensor<1x116x196xf32>, tensor<1x112x196xf32>) {
  %0 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w, %x : tensor<256x1024xf32>, tensor<1x1024x196xf32>) outs(%acc : tensor<1x256x196xf32>) -> tensor<1x256x196xf32>
  %1 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w116, %x : tensor<116x1024xf32>, tensor<1x1024x196xf32>) outs(%acc116 : tensor<1x116x196xf32>) -> tensor<1x116x196xf32>
  %2 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w112, %x672 : tensor<112x672xf32>, tensor<1x672x196xf32>) outs(%acc112 : tensor<1x112x196xf32>) -> tensor<1x112x196xf32>
  return %0, %1, %2 : tensor<1x256x196xf32>, tensor<1x116x196xf32>, tensor<1x112x196xf32>
}

// A grouped convolution (8 groups of 16 channels, as linalg gives it): the
// register tile is one group, 6 of its output channels, 2 rows of 8 pixels,
// like an ungrouped one; the groups are not tiled like the channels of a
// depthwise convolution (6 groups x 6 channels x 2 rows were 36 registers of
// accumulators).
// CHECK-LABEL: func.func @grouped
// CHECK:       scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (28, 8) step (14, 1)
// CHECK:         iter_args(%{{.*}}) -> (tensor<1x1x6x2x8xf32>)
// CHECK:           linalg.conv_2d_ngchw_gfchw {{.*}} outs(%{{.*}} : tensor<1x1x6x2x8xf32>)
// CHECK-NOT:     tensor<1x6x6x
// CHECK: return
func.func @grouped(%x: tensor<1x8x16x30x30xf32>, %w: tensor<8x16x16x3x3xf32>) -> tensor<1x8x16x28x28xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x16x28x28xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x16x28x28xf32>) -> tensor<1x8x16x28x28xf32>
  %c = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x8x16x30x30xf32>, tensor<8x16x16x3x3xf32>) outs(%f : tensor<1x8x16x28x28xf32>) -> tensor<1x8x16x28x28xf32>
  return %c : tensor<1x8x16x28x28xf32>
}

// A product over a 7x7 image with 16 lanes (AVX-512): the 49 columns in tiles
// of one vector, 3 x 16 + 1 (the last column in partial sums of 16 steps of
// k), not 32 + 17 (a vector<8x17xf32> accumulator became scalar inserts: a
// 1x1 464 -> 1024 convolution at 7x7 ran 13x slower).
// RUN: kiln-opt %s --kiln-tile-and-fuse="vector-bits=512" --canonicalize --cse | FileCheck %s --check-prefix=AVX512
// AVX512-LABEL: func.func @columns49
// AVX512:       scf.for %{{.*}} = %c0 to %c48 step %c16
// AVX512:         linalg.matmul {{.*}} outs(%{{.*}} : tensor<8x16xf32>)
// AVX512:       scf.for %{{.*}} = %c0 to %c464 step %c16 iter_args(%{{.*}}) -> (tensor<8x1x16xf32>)
// AVX512-NOT:   tensor<8x17xf32>
// AVX512-NOT:   tensor<8x32xf32>
// AVX512:       return
func.func @columns49(%w: tensor<1024x464xf32>, %x: tensor<464x49xf32>) -> tensor<1024x49xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1024x49xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1024x49xf32>) -> tensor<1024x49xf32>
  %m = linalg.matmul ins(%w, %x : tensor<1024x464xf32>, tensor<464x49xf32>) outs(%f : tensor<1024x49xf32>) -> tensor<1024x49xf32>
  return %m : tensor<1024x49xf32>
}
