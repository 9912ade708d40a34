// RUN: kiln-opt %s --kiln-tile-and-fuse="vector-bits=256" --canonicalize --cse | FileCheck %s

// A contraction's register tile of a single column (the last of 49 pixels,
// 3 x 16 + 1) reduces its k loop in vectors of 8 partial sums, added up once
// after the loop; the tiles of 16 columns keep one step of k at a time.
// A 1x1 convolution 512 -> 64 at 7x7 with a ReLU epilogue (weights [F, C]
// times the image [1, C, H*W]; thread tiles of 16 channels: 6 + 6 + 4 rows).
#mw = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
#mx = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
#mo = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @pixels49
// CHECK:       scf.forall
// CHECK:         scf.for %{{.*}} = %c0 to %c48 step %c16
// CHECK:           scf.for %{{.*}} = %c0 to %c512 step %c1 iter_args(%{{.*}}) -> (tensor<1x6x16xf32>)
// CHECK:             linalg.contract {{.*}} outs(%{{.*}} : tensor<1x6x16xf32>)
// CHECK:           linalg.generic {{.*}} outs(%{{.*}} : tensor<1x6x16xf32>)
// CHECK:         %[[INIT:.*]] = linalg.fill {{.*}} -> tensor<1x6x1xf32>
// CHECK:         %[[ZERO:.*]] = linalg.fill {{.*}} -> tensor<1x6x1x8xf32>
// CHECK:         %[[SUMS:.*]] = scf.for %{{.*}} = %c0 to %c512 step %c8 iter_args(%[[ACC:.*]] = %[[ZERO]]) -> (tensor<1x6x1x8xf32>)
// CHECK:           linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel"]{{.*}} ins(%{{.*}}, %{{.*}} : tensor<6x8xf32>, tensor<1x8x1xf32>) outs(%[[ACC]] : tensor<1x6x1x8xf32>)
// CHECK:         %[[SUM:.*]] = linalg.reduce ins(%[[SUMS]] : tensor<1x6x1x8xf32>) outs(%[[INIT]] : tensor<1x6x1xf32>) dimensions = [3]
// CHECK:         linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x6x1xf32>)
// The four remaining rows: the same, with 4 x 16 and 4 x 1 tiles.
// CHECK:         scf.for %{{.*}} -> (tensor<1x4x16xf32>)
// CHECK:         scf.for %{{.*}} = %c0 to %c512 step %c8 {{.*}} -> (tensor<1x4x1x8xf32>)
// CHECK:         linalg.reduce {{.*}} dimensions = [3]
// CHECK: return
func.func @pixels49(%x: tensor<1x512x49xf32>, %w: tensor<64x512xf32>) -> tensor<1x64x49xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x64x49xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x64x49xf32>) -> tensor<1x64x49xf32>
  %0 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w, %x : tensor<64x512xf32>, tensor<1x512x49xf32>) outs(%f : tensor<1x64x49xf32>) -> tensor<1x64x49xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%0 : tensor<1x64x49xf32>) outs(%e : tensor<1x64x49xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x64x49xf32>
  return %r : tensor<1x64x49xf32>
}

// Without an epilogue (the contraction is the root) and serial (too little
// work for threads): the same single-column tile.
// CHECK-LABEL: func.func @serial
// CHECK-NOT:   scf.forall
// CHECK:       scf.for %{{.*}} = %c0 to %c64 step %c8 {{.*}} -> (tensor<1x6x1x8xf32>)
// CHECK:       linalg.reduce {{.*}} dimensions = [3]
// CHECK: return
func.func @serial(%x: tensor<1x64x17xf32>, %w: tensor<12x64xf32>, %acc: tensor<1x12x17xf32>) -> tensor<1x12x17xf32> {
  %0 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w, %x : tensor<12x64xf32>, tensor<1x64x17xf32>) outs(%acc : tensor<1x12x17xf32>) -> tensor<1x12x17xf32>
  return %0 : tensor<1x12x17xf32>
}

// Not when k is no multiple of 8 (100 input channels) or shorter than two
// vectors, nor for a column tile of 4 (196 = 12 x 16 + 4), nor for f16 (33
// columns: 2 x 16 lanes + 1).
// CHECK-LABEL: func.func @kept
// CHECK-NOT:   linalg.reduce
// CHECK: return
func.func @kept(%x: tensor<1x100x17xf32>, %w: tensor<12x100xf32>, %acc: tensor<1x12x17xf32>,
                %x8: tensor<1x8x17xf32>, %w8: tensor<12x8xf32>,
                %x4: tensor<1x64x20xf32>, %w4: tensor<12x64xf32>, %acc4: tensor<1x12x20xf32>,
                %xh: tensor<1x64x33xf16>, %wh: tensor<12x64xf16>, %acch: tensor<1x12x33xf16>)
    -> (tensor<1x12x17xf32>, tensor<1x12x17xf32>, tensor<1x12x20xf32>, tensor<1x12x33xf16>) {
  %0 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w, %x : tensor<12x100xf32>, tensor<1x100x17xf32>) outs(%acc : tensor<1x12x17xf32>) -> tensor<1x12x17xf32>
  %1 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w8, %x8 : tensor<12x8xf32>, tensor<1x8x17xf32>) outs(%acc : tensor<1x12x17xf32>) -> tensor<1x12x17xf32>
  %2 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w4, %x4 : tensor<12x64xf32>, tensor<1x64x20xf32>) outs(%acc4 : tensor<1x12x20xf32>) -> tensor<1x12x20xf32>
  %3 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%wh, %xh : tensor<12x64xf16>, tensor<1x64x33xf16>) outs(%acch : tensor<1x12x33xf16>) -> tensor<1x12x33xf16>
  return %0, %1, %2, %3 : tensor<1x12x17xf32>, tensor<1x12x17xf32>, tensor<1x12x20xf32>, tensor<1x12x33xf16>
}
