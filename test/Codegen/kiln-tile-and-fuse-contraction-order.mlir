// RUN: kiln-opt %s --kiln-tile-and-fuse="vector-bits=256" --canonicalize --cse | FileCheck %s

// The order of a contraction's register tiles. A 1x1 convolution 1024 -> 256
// at 14x14 (weights [F, C] times the image [1, C, H*W]): each thread tile (16
// channels, all 196 pixels) would stream its 1024 x 196 slice of the image
// (800 KB, over half an L2 cache) once per 6 channels; its pixel tiles are
// the outer loop instead and each 1024 x 16 panel serves the 3 channel tiles
// in turn. With 64 input channels the slice is 50 KB: channels outside.
#mw = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
#mx = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
#mo = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @deep
// CHECK:       scf.forall (%{{.*}}) = (0) to (256) step (16)
// CHECK:         scf.for %[[P:.*]] = %c0 to %c192 step %c16
// CHECK:           scf.for %[[F:.*]] = %c0 to %c12 step %c6
// CHECK:             scf.for %{{.*}} = %c0 to %c1024 step %c1
// CHECK:               linalg.contract {{.*}} outs(%{{.*}} : tensor<1x6x16xf32>)
// Every k loop (remainder tiles' too) prefetches the rows of the right
// operand 32 steps ahead (kiln-prefetch-blocks).
// CHECK:             } {kiln.prefetch_input_ahead = 32 : i64}
// CHECK-COUNT-3:     } {kiln.prefetch_input_ahead = 32 : i64}
// CHECK: return
func.func @deep(%x: tensor<1x1024x196xf32>, %w: tensor<256x1024xf32>, %acc: tensor<1x256x196xf32>)
    -> tensor<1x256x196xf32> {
  %0 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w, %x : tensor<256x1024xf32>, tensor<1x1024x196xf32>) outs(%acc : tensor<1x256x196xf32>) -> tensor<1x256x196xf32>
  return %0 : tensor<1x256x196xf32>
}

// CHECK-LABEL: func.func @shallow
// CHECK:       scf.forall
// CHECK:         scf.for %[[F:.*]] = %c0 to %c{{[0-9]+}} step %c6
// CHECK:           scf.for %[[P:.*]] = %c0 to %c{{[0-9]+}} step %c16
// CHECK:             scf.for %{{.*}} = %c0 to %c64 step %c1
// CHECK:               linalg.contract {{.*}} outs(%{{.*}} : tensor<1x6x16xf32>)
// CHECK: return
func.func @shallow(%x: tensor<1x64x196xf32>, %w: tensor<256x64xf32>, %acc: tensor<1x256x196xf32>)
    -> tensor<1x256x196xf32> {
  %0 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w, %x : tensor<256x64xf32>, tensor<1x64x196xf32>) outs(%acc : tensor<1x256x196xf32>) -> tensor<1x256x196xf32>
  return %0 : tensor<1x256x196xf32>
}

// The same with a ReLU epilogue, which takes the contraction's tiles and
// their order (the loops of the ReLU are those of the result).
// CHECK-LABEL: func.func @deep_relu
// CHECK:       scf.forall
// CHECK:         scf.for %{{.*}} = %c0 to %c192 step %c16
// CHECK:           scf.for %{{.*}} = %c0 to %c12 step %c6
// CHECK:             scf.for %{{.*}} = %c0 to %c1024 step %c1
// CHECK:               linalg.contract {{.*}} outs(%{{.*}} : tensor<1x6x16xf32>)
// CHECK:             linalg.generic {{.*}} outs(%{{.*}} : tensor<1x6x16xf32>)
// CHECK: return
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @deep_relu(%x: tensor<1x1024x196xf32>, %w: tensor<256x1024xf32>, %acc: tensor<1x256x196xf32>)
    -> tensor<1x256x196xf32> {
  %zero = arith.constant 0.0 : f32
  %0 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w, %x : tensor<256x1024xf32>, tensor<1x1024x196xf32>) outs(%acc : tensor<1x256x196xf32>) -> tensor<1x256x196xf32>
  %e = tensor.empty() : tensor<1x256x196xf32>
  %1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%0 : tensor<1x256x196xf32>) outs(%e : tensor<1x256x196xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.maximumf %in, %zero : f32
    linalg.yield %r : f32
  } -> tensor<1x256x196xf32>
  return %1 : tensor<1x256x196xf32>
}

// Thread tiles of a product whose right operand does not fit half an L2
// cache. A 1x1 convolution 512 -> 128 at 28x28 with 16 lanes: 784 columns do
// not divide into tiles of whole register tiles (32), so thread tiles would
// be 16 x 8 rows, each reading the whole 1.6 MB input. With a 2 MB L2 the
// columns are split in two (12 x 32 + 8, a slice of 800 KB) and the rows in
// 8; with 128 input channels (400 KB) the rows alone. With the default L2
// (512 KB) no split of the 1.6 MB input fits with 8 whole register tiles
// (7 x 112 = 3 x 32 + 16 would): rows alone; the 400 KB one is split in two
// (200 KB slices).
// RUN: kiln-opt %s --kiln-tile-and-fuse="vector-bits=512 l2-cache-kib=2048" --canonicalize --cse | FileCheck %s --check-prefix=L2
// RUN: kiln-opt %s --kiln-tile-and-fuse="vector-bits=512" --canonicalize --cse | FileCheck %s --check-prefix=SMALL
// RUN: not kiln-opt %s --kiln-tile-and-fuse="l2-cache-kib=0" 2>&1 | FileCheck %s --check-prefix=BAD
// L2-LABEL: func.func @split_columns
// L2:       scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (784, 128) step (392, 16)
// L2-LABEL: func.func @rows_fit
// L2:       scf.forall (%{{.*}}) = (0) to (512) step (32)
// SMALL-LABEL: func.func @split_columns
// SMALL:       scf.forall (%{{.*}}) = (0) to (128) step (8)
// SMALL-LABEL: func.func @rows_fit
// SMALL:       scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (784, 512) step (392, 64)
// BAD: error: kiln-tile-and-fuse: l2-cache-kib must be positive, got 0
func.func @split_columns(%x: tensor<1x512x784xf32>, %w: tensor<128x512xf32>, %acc: tensor<1x128x784xf32>)
    -> tensor<1x128x784xf32> {
  %0 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w, %x : tensor<128x512xf32>, tensor<1x512x784xf32>) outs(%acc : tensor<1x128x784xf32>) -> tensor<1x128x784xf32>
  return %0 : tensor<1x128x784xf32>
}

func.func @rows_fit(%x: tensor<1x128x784xf32>, %w: tensor<512x128xf32>, %acc: tensor<1x512x784xf32>)
    -> tensor<1x512x784xf32> {
  %0 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w, %x : tensor<512x128xf32>, tensor<1x128x784xf32>) outs(%acc : tensor<1x512x784xf32>) -> tensor<1x512x784xf32>
  return %0 : tensor<1x512x784xf32>
}

// A k of 32 steps or fewer: no prefetch mark.
// L2-LABEL: func.func @short_k
// L2-NOT:   kiln.prefetch_input_ahead
// L2:       return
func.func @short_k(%x: tensor<1x32x784xf32>, %w: tensor<128x32xf32>, %acc: tensor<1x128x784xf32>)
    -> tensor<1x128x784xf32> {
  %0 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w, %x : tensor<128x32xf32>, tensor<1x32x784xf32>) outs(%acc : tensor<1x128x784xf32>) -> tensor<1x128x784xf32>
  return %0 : tensor<1x128x784xf32>
}
