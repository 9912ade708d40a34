// RUN: kiln-opt %s --kiln-tile-and-fuse="vector-bits=512 matmul-rows=8" --canonicalize --cse | FileCheck %s
// RUN: kiln-opt %s --kiln-tile-and-fuse="vector-bits=512 matmul-rows=8" --canonicalize --cse | FileCheck %s --check-prefix=SHARED

// A matmul: 16 thread tiles of 32 columns (two 512-bit vectors), each a loop
// over 8-row register tiles with the fill fused, then one k at a time.
// CHECK-LABEL: func.func @matmul
// CHECK: scf.forall (%[[J:.*]]) = (0) to (512) step (32) shared_outs
// CHECK:   scf.for %[[I:.*]] = %c0 to %c512 step %c8
// CHECK:     %[[FILL:.*]] = linalg.fill {{.*}} -> tensor<8x32xf32>
// CHECK:     scf.for %{{.*}} = %c0 to %c256 step %c1 iter_args(%{{.*}} = %[[FILL]])
// CHECK:       linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<8x1xf32>, tensor<1x32xf32>) outs(%{{.*}} : tensor<8x32xf32>)
// CHECK:   scf.forall.in_parallel
// CHECK-NOT: linalg.fill
func.func @matmul(%a: tensor<512x256xf32>, %b: tensor<256x512xf32>) -> tensor<512x512xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<512x512xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<512x512xf32>) -> tensor<512x512xf32>
  %r = linalg.matmul ins(%a, %b : tensor<512x256xf32>, tensor<256x512xf32>) outs(%f : tensor<512x512xf32>) -> tensor<512x512xf32>
  return %r : tensor<512x512xf32>
}

// Two matmuls accumulating into one zero fill (CSE merges equal fills):
// each gets its own copy, fused into its register tiles; no fill is left
// outside the tiles.
// CHECK-LABEL: func.func @shared_fill
// CHECK: scf.forall
// CHECK:     linalg.fill {{.*}} -> tensor<8x32xf32>
// CHECK: scf.forall
// CHECK:     linalg.fill {{.*}} -> tensor<8x32xf32>
// SHARED-LABEL: func.func @shared_fill
// SHARED-NOT: kiln.kernel = "fill_512x512"
// SHARED: return
func.func @shared_fill(%a: tensor<512x256xf32>, %b: tensor<256x512xf32>, %c: tensor<256x512xf32>)
    -> (tensor<512x512xf32>, tensor<512x512xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<512x512xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<512x512xf32>) -> tensor<512x512xf32>
  %r = linalg.matmul ins(%a, %b : tensor<512x256xf32>, tensor<256x512xf32>) outs(%f : tensor<512x512xf32>) -> tensor<512x512xf32>
  %s = linalg.matmul ins(%a, %c : tensor<512x256xf32>, tensor<256x512xf32>) outs(%f : tensor<512x512xf32>) -> tensor<512x512xf32>
  return %r, %s : tensor<512x512xf32>, tensor<512x512xf32>
}

// A kernel named by the op's maker (kiln.kernel on the op, as
// kiln-winograd-convs names its products) keeps that name.
// CHECK-LABEL: func.func @named
// CHECK: scf.forall
// CHECK: } {kiln.kernel = "winograd_products_8x8x8x8"}
func.func @named(%a: tensor<512x256xf32>, %b: tensor<256x512xf32>) -> tensor<512x512xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<512x512xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<512x512xf32>) -> tensor<512x512xf32>
  %r = linalg.matmul {kiln.kernel = "winograd_products_8x8x8x8"} ins(%a, %b : tensor<512x256xf32>, tensor<256x512xf32>) outs(%f : tensor<512x512xf32>) -> tensor<512x512xf32>
  return %r : tensor<512x512xf32>
}

// An elementwise chain: the producer is fused into the consumer's tiles;
// threads take 4 channels each; registers 64 floats along a row, whose
// remainder of 48 is peeled into a static tile.
// CHECK-LABEL: func.func @elementwise
// CHECK: scf.forall (%{{.*}}) = (0) to (64) step (4)
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x1x64xf32>, tensor<1x1x1x64xf32>)
// CHECK: arith.addf
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<1x1x1x64xf32>)
// CHECK: arith.maximumf
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x1x48xf32>, tensor<1x1x1x48xf32>)
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<1x1x1x48xf32>)
// CHECK: scf.forall.in_parallel
// CHECK-NOT: linalg.generic
// CHECK: return
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @elementwise(%a: tensor<1x64x112x112xf32>, %b: tensor<1x64x112x112xf32>) -> tensor<1x64x112x112xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x64x112x112xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%a, %b : tensor<1x64x112x112xf32>, tensor<1x64x112x112xf32>) outs(%e : tensor<1x64x112x112xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %0 = arith.addf %x, %y : f32
    linalg.yield %0 : f32
  } -> tensor<1x64x112x112xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s : tensor<1x64x112x112xf32>) outs(%e : tensor<1x64x112x112xf32>) {
  ^bb0(%x: f32, %o: f32):
    %0 = arith.maximumf %x, %zero : f32
    linalg.yield %0 : f32
  } -> tensor<1x64x112x112xf32>
  return %r : tensor<1x64x112x112xf32>
}

// A 3x3 convolution: threads take two output rows each, with the pad of
// their four input rows fused into the tile; registers hold 8 output
// channels x 16 pixels (a row of 56 is 32 + 24 in tiles of two vectors, and
// a remainder of 24 pixels, more than one vector and less than two, is what
// the back end scalarizes: 3 x 16 + 8 instead). A pixel tile of one vector
// (16 lanes with 512-bit registers) covers two output rows, so that every
// broadcast weight feeds two FMAs. The reduction visits one input channel
// and one tap of the window at a time. The pad is not fused into register
// tiles.
// CHECK-LABEL: func.func @conv
// CHECK: scf.forall (%{{.*}}) = (0) to (56) step (2)
// CHECK:   tensor.pad
// CHECK:   } : tensor<1x64x?x56xf32> to tensor<1x64x4x58xf32>
// CHECK:   scf.for %{{.*}} = %c0 to %c64 step %c8
// CHECK:     scf.for %{{.*}} = %c0 to %c48 step %c16
// CHECK:       linalg.fill {{.*}} -> tensor<1x8x2x16xf32>
// CHECK:       scf.for %{{.*}} = %c0 to %c64 step %c1
// CHECK:         scf.for %{{.*}} = %c0 to %c3 step %c1
// CHECK:           scf.for %{{.*}} = %c0 to %c3 step %c1
// CHECK-NOT:         tensor.pad
// CHECK:             linalg.conv_2d_nchw_fchw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x2x16xf32>, tensor<8x1x1x1xf32>) outs(%{{.*}} : tensor<1x8x2x16xf32>)
// CHECK:     linalg.fill {{.*}} -> tensor<1x8x2x8xf32>
// CHECK:           linalg.conv_2d_nchw_fchw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x1x2x8xf32>, tensor<8x1x1x1xf32>) outs(%{{.*}} : tensor<1x8x2x8xf32>)
// CHECK: scf.forall.in_parallel
func.func @conv(%x: tensor<1x64x56x56xf32>, %w: tensor<64x64x3x3xf32>) -> tensor<1x64x56x56xf32> {
  %zero = arith.constant 0.0 : f32
  %xp = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x64x56x56xf32> to tensor<1x64x58x58xf32>
  %e = tensor.empty() : tensor<1x64x56x56xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%xp, %w : tensor<1x64x58x58xf32>, tensor<64x64x3x3xf32>) outs(%f : tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %c : tensor<1x64x56x56xf32>
}

// Little work: no thread tiles, only register tiles.
// CHECK-LABEL: func.func @small
// CHECK-NOT: scf.forall
// CHECK: scf.for %{{.*}} = %c0 to %c3 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c5 step %c1
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<1x1x7xf32>)
func.func @small(%a: tensor<3x5x7xf32>) -> tensor<3x5x7xf32> {
  %e = tensor.empty() : tensor<3x5x7xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%a : tensor<3x5x7xf32>) outs(%e : tensor<3x5x7xf32>) {
  ^bb0(%x: f32, %o: f32):
    %0 = math.exp %x : f32
    linalg.yield %0 : f32
  } -> tensor<3x5x7xf32>
  return %r : tensor<3x5x7xf32>
}

// A row reduction: 64K elements, which count as 512K iteration points (a
// point of an elementwise kernel or a reduction counts 8 times a
// multiply-add): 16 thread tiles of 4 rows, then one row at a time, 64
// elements per step, the remainder of 40 peeled.
// CHECK-LABEL: func.func @rowsum
// CHECK: scf.forall (%{{.*}}) = (0) to (64) step (4)
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1
// CHECK:   linalg.fill {{.*}} -> tensor<1xf32>
// CHECK:   scf.for %{{.*}} = %c0 to %c960 step %c64
// CHECK:     linalg.reduce ins(%{{.*}} : tensor<1x64xf32>)
// CHECK:   linalg.reduce ins(%{{.*}} : tensor<1x40xf32>)
func.func @rowsum(%a: tensor<64x1000xf32>) -> tensor<64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<64xf32>) -> tensor<64xf32>
  %r = linalg.reduce ins(%a : tensor<64x1000xf32>) outs(%f : tensor<64xf32>) dimensions = [1]
    (%x: f32, %acc: f32) {
      %0 = arith.addf %x, %acc : f32
      linalg.yield %0 : f32
    }
  return %r : tensor<64xf32>
}

// An activation after a convolution takes the convolution's tiles, and the
// convolution, its bias broadcast and its padded input are fused into them:
// the activation applies to each register tile right after its reduction.
// CHECK-LABEL: func.func @conv_relu
// CHECK: scf.forall (%{{.*}}) = (0) to (40) step (2)
// CHECK:   tensor.pad
// CHECK:   scf.for %{{.*}} = %c0 to %c48 step %c8
// CHECK:     %[[BIAS:.*]] = linalg.broadcast ins(%{{.*}} : tensor<8xf32>) outs(%{{.*}} : tensor<1x8x1x32xf32>)
// CHECK:     %[[ACC:.*]] = scf.for %{{.*}} = %c0 to %c32 step %c1 iter_args(%{{.*}} = %[[BIAS]])
// CHECK:           linalg.conv_2d_nchw_fchw {{.*}} outs(%{{.*}} : tensor<1x8x1x32xf32>)
// CHECK:     linalg.generic {{.*}} ins(%[[ACC]] : tensor<1x8x1x32xf32>)
// CHECK:       arith.maximumf
// CHECK: scf.forall.in_parallel
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// CHECK: return
func.func @conv_relu(%x: tensor<1x32x40x40xf32>, %w: tensor<48x32x3x3xf32>, %b: tensor<48xf32>) -> tensor<1x48x40x40xf32> {
  %zero = arith.constant 0.0 : f32
  %xp = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x32x40x40xf32> to tensor<1x32x42x42xf32>
  %e = tensor.empty() : tensor<1x48x40x40xf32>
  %init = linalg.broadcast ins(%b : tensor<48xf32>) outs(%e : tensor<1x48x40x40xf32>) dimensions = [0, 2, 3]
  %conv = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%xp, %w : tensor<1x32x42x42xf32>, tensor<48x32x3x3xf32>) outs(%init : tensor<1x48x40x40xf32>) -> tensor<1x48x40x40xf32>
  %relu = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%conv : tensor<1x48x40x40xf32>) outs(%e : tensor<1x48x40x40xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = arith.maximumf %v, %zero : f32
    linalg.yield %r : f32
  } -> tensor<1x48x40x40xf32>
  return %relu : tensor<1x48x40x40xf32>
}

// A matmul whose result has another use stays a kernel of its own.
// CHECK-LABEL: func.func @matmul_two_uses
// CHECK: scf.forall
// CHECK:   linalg.matmul
// CHECK: scf.forall
// CHECK:   linalg.generic
func.func @matmul_two_uses(%a: tensor<256x128xf32>, %b: tensor<128x256xf32>) -> (tensor<256x256xf32>, tensor<256x256xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256x256xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<256x256xf32>) -> tensor<256x256xf32>
  %m = linalg.matmul ins(%a, %b : tensor<256x128xf32>, tensor<128x256xf32>) outs(%f : tensor<256x256xf32>) -> tensor<256x256xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%m : tensor<256x256xf32>) outs(%e : tensor<256x256xf32>) {
  ^bb0(%v: f32, %o: f32):
    %t = math.tanh %v : f32
    linalg.yield %t : f32
  } -> tensor<256x256xf32>
  return %m, %r : tensor<256x256xf32>, tensor<256x256xf32>
}

// A transpose [2048, 49] -> [49, 2048] (f32, 16 lanes): register tiles of
// 16 x 16, read along the input's rows and transposed in registers, instead
// of 64 elements along the output's rows gathered from 64 input rows; 49 is
// 3 tiles of 16 and a remainder of 1. A broadcast along the rows (the
// input's one dimension is not the output's last) keeps tiles along rows.
// CHECK-LABEL: func.func @transpose
// CHECK: linalg.transpose ins(%{{.*}} : tensor<16x16xf32>) outs(%{{.*}} : tensor<16x16xf32>)
// CHECK: linalg.transpose ins(%{{.*}} : tensor<16x1xf32>) outs(%{{.*}} : tensor<1x16xf32>)
// CHECK-LABEL: func.func @broadcast_rows
// CHECK: linalg.broadcast ins(%{{.*}} : tensor<1xf32>) outs(%{{.*}} : tensor<1x64xf32>)
func.func @transpose(%x: tensor<2048x49xf32>) -> tensor<49x2048xf32> {
  %e = tensor.empty() : tensor<49x2048xf32>
  %t = linalg.transpose ins(%x : tensor<2048x49xf32>) outs(%e : tensor<49x2048xf32>) permutation = [1, 0]
  return %t : tensor<49x2048xf32>
}
func.func @broadcast_rows(%b: tensor<256xf32>) -> tensor<256x196xf32> {
  %e = tensor.empty() : tensor<256x196xf32>
  %t = linalg.broadcast ins(%b : tensor<256xf32>) outs(%e : tensor<256x196xf32>) dimensions = [1]
  return %t : tensor<256x196xf32>
}
