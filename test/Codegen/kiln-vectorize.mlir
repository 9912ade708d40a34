// RUN: kiln-opt %s --kiln-vectorize --canonicalize --cse | FileCheck %s

// A register tile of a matmul: one vector.contract per step of k, the fill
// folded into a zero accumulator that stays in registers across the loop.
// CHECK-LABEL: func.func @matmul_tile
// CHECK: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<8x32xf32>
// CHECK: %[[ACC:.*]] = scf.for %{{.*}} iter_args(%[[A:.*]] = %[[ZERO]]) -> (vector<8x32xf32>)
// CHECK:   vector.transfer_read {{.*}} : tensor<8x64xf32>, vector<8x1xf32>
// CHECK:   vector.transfer_read {{.*}} : tensor<64x32xf32>, vector<32xf32>
// CHECK:   %[[C:.*]] = vector.contract {{.*}}, %[[A]] : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK:   scf.yield %[[C]]
// CHECK: vector.transfer_write %[[ACC]]
// CHECK-NOT: linalg.
func.func @matmul_tile(%a: tensor<8x64xf32>, %b: tensor<64x32xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %f = linalg.fill ins(%zero : f32) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  %r = scf.for %k = %c0 to %c64 step %c1 iter_args(%acc = %f) -> (tensor<8x32xf32>) {
    %sa = tensor.extract_slice %a[0, %k] [8, 1] [1, 1] : tensor<8x64xf32> to tensor<8x1xf32>
    %sb = tensor.extract_slice %b[%k, 0] [1, 32] [1, 1] : tensor<64x32xf32> to tensor<1x32xf32>
    %m = linalg.matmul ins(%sa, %sb : tensor<8x1xf32>, tensor<1x32xf32>) outs(%acc : tensor<8x32xf32>) -> tensor<8x32xf32>
    scf.yield %m : tensor<8x32xf32>
  }
  return %r : tensor<8x32xf32>
}

// One tap of a stride-2 convolution: every other element of an input row,
// read as one contiguous vector and a shuffle, broadcast over 8 output
// channels, times one weight per channel, accumulated with FMAs into
// channels x pixels.
// CHECK-LABEL: func.func @conv_tap
// CHECK: %[[ROW:.*]] = vector.transfer_read %{{.*}} : tensor<1x1x1x33xf32>, vector<31xf32>
// CHECK: %[[EVEN:.*]] = vector.shuffle %[[ROW]], %[[ROW]] [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]
// CHECK: %[[X:.*]] = vector.broadcast %[[EVEN]] : vector<16xf32> to vector<8x16xf32>
// CHECK: %[[W:.*]] = vector.transfer_read {{.*}} : tensor<8x1x1x1xf32>, vector<8x16xf32>
// CHECK: %[[O:.*]] = vector.transfer_read {{.*}} : tensor<1x8x1x16xf32>, vector<8x16xf32>
// CHECK: vector.fma %[[X]], %[[W]], %[[O]] : vector<8x16xf32>
// CHECK-NOT: linalg.
func.func @conv_tap(%x: tensor<1x1x1x33xf32>, %w: tensor<8x1x1x1xf32>, %o: tensor<1x8x1x16xf32>) -> tensor<1x8x1x16xf32> {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : tensor<1x1x1x33xf32>, tensor<8x1x1x1xf32>) outs(%o : tensor<1x8x1x16xf32>) -> tensor<1x8x1x16xf32>
  return %r : tensor<1x8x1x16xf32>
}

// One tap of a depthwise convolution with more output rows (40 channels)
// than a whole-window depthwise tile takes (32): channels x pixels, pixels
// innermost (contiguous in NCHW).
// CHECK-LABEL: func.func @depthwise_tap
// CHECK: vector.transfer_read {{.*}} : tensor<1x40x1x16xf32>, vector<40x16xf32>
// CHECK: vector.transfer_read {{.*}} : tensor<40x1x1xf32>, vector<40x16xf32>
// CHECK: vector.fma {{.*}} : vector<40x16xf32>
// CHECK-NOT: linalg.
func.func @depthwise_tap(%x: tensor<1x40x1x16xf32>, %w: tensor<40x1x1xf32>, %o: tensor<1x40x1x16xf32>) -> tensor<1x40x1x16xf32> {
  %r = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x40x1x16xf32>, tensor<40x1x1xf32>) outs(%o : tensor<1x40x1x16xf32>) -> tensor<1x40x1x16xf32>
  return %r : tensor<1x40x1x16xf32>
}

// Bools are bytes in memory, bits in LLVM vectors: not vectorized.
// CHECK-LABEL: func.func @bool_tile
// CHECK-NOT: vector.
// CHECK: linalg.generic
func.func @bool_tile(%a: tensor<1x16xi1>, %o: tensor<1x16xf32>) -> tensor<1x16xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<1x16xi1>) outs(%o : tensor<1x16xf32>) {
  ^bb0(%x: i1, %y: f32):
    %0 = arith.uitofp %x : i1 to f32
    linalg.yield %0 : f32
  } -> tensor<1x16xf32>
  return %r : tensor<1x16xf32>
}

// One tap of a stride-2 pooling: rows of channels, each read contiguously
// and shuffled. (40 rows: more than a tile with its whole window takes, see
// @pool_window.)
// CHECK-LABEL: func.func @pool_tap
// CHECK: %[[ROWS:.*]] = vector.transfer_read %{{.*}} : tensor<1x40x1x17xf32>, vector<40x15xf32>
// CHECK: %[[FLAT:.*]] = vector.shape_cast %[[ROWS]] : vector<40x15xf32> to vector<600xf32>
// CHECK: %[[EVEN:.*]] = vector.shuffle %[[FLAT]], %[[FLAT]] [0, 2, 4, 6, 8, 10, 12, 14, 15, 17,
// CHECK: %[[X:.*]] = vector.shape_cast %[[EVEN]] : vector<320xf32> to vector<40x8xf32>
// CHECK: arith.maximumf %{{.*}}, %[[X]] : vector<40x8xf32>
func.func @pool_tap(%x: tensor<1x40x1x17xf32>, %o: tensor<1x40x1x8xf32>) -> tensor<1x40x1x8xf32> {
  %window = tensor.empty() : tensor<1x1xf32>
  %r = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %window : tensor<1x40x1x17xf32>, tensor<1x1xf32>) outs(%o : tensor<1x40x1x8xf32>) -> tensor<1x40x1x8xf32>
  return %r : tensor<1x40x1x8xf32>
}

// A window of three taps in a tile too large to keep in registers whole is
// not rewritten; it is decomposed into a 1-D convolution and vectorized as
// such.
// CHECK-LABEL: func.func @pool_row
// CHECK-NOT: linalg.
// CHECK: arith.maximumf {{.*}} : vector<
func.func @pool_row(%x: tensor<1x40x1x17xf32>, %o: tensor<1x40x1x8xf32>) -> tensor<1x40x1x8xf32> {
  %window = tensor.empty() : tensor<1x3xf32>
  %r = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %window : tensor<1x40x1x17xf32>, tensor<1x3xf32>) outs(%o : tensor<1x40x1x8xf32>) -> tensor<1x40x1x8xf32>
  return %r : tensor<1x40x1x8xf32>
}

// A max pooling tile with its whole window (what kiln-tile-and-fuse makes of
// a pooling: one channel, a few output rows) becomes straight-line vector
// code like a depthwise convolution's: one accumulator per output row, each
// input row read once and combined with arith.maximumf into every output row
// whose window covers it (3 x 2 for the first, 3 x 3 for the second). Its
// input, a slice of a tensor padded with -inf, is read from the unpadded
// tensor in place: the pad is gone, the row of padding above the image is
// left out (max with -inf changes nothing), and the column of padding is
// shifted in from a vector of -inf.
// CHECK-LABEL: func.func @pool_window
// CHECK-NOT: tensor.pad
// CHECK-DAG: %[[NEGINF:.*]] = arith.constant dense<0xFF800000> : vector<16xf32>
// CHECK-DAG: %[[R0:.*]] = vector.transfer_read %arg0[%c0, %c0, %c0, %c0], %{{.*}} : tensor<1x1x8x16xf32>, vector<16xf32>
// CHECK: vector.shuffle %[[R0]], %[[NEGINF]] [16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
// CHECK-COUNT-15: arith.maximumf {{.*}} : vector<8xf32>
// CHECK-NOT: arith.maximumf
// CHECK-NOT: vector.transfer_read %arg0
// CHECK: vector.transfer_write {{.*}} : vector<2x8xf32>, tensor<1x1x2x8xf32>
func.func @pool_window(%x: tensor<1x1x8x16xf32>, %o: tensor<1x1x2x8xf32>) -> tensor<1x1x2x8xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %padded = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %ninf : f32
  } : tensor<1x1x8x16xf32> to tensor<1x1x10x18xf32>
  %in = tensor.extract_slice %padded[0, 0, 0, 0] [1, 1, 5, 17] [1, 1, 1, 1] : tensor<1x1x10x18xf32> to tensor<1x1x5x17xf32>
  %window = tensor.empty() : tensor<3x3xf32>
  %r = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%in, %window : tensor<1x1x5x17xf32>, tensor<3x3xf32>) outs(%o : tensor<1x1x2x8xf32>) -> tensor<1x1x2x8xf32>
  return %r : tensor<1x1x2x8xf32>
}

// A window of more than 81 taps is never unrolled whole: the op is left for
// the generic path (kiln-tile-and-fuse tiles its window to one row).
// CHECK-LABEL: func.func @pool_large_window
// CHECK: linalg.pooling_nchw_max
func.func @pool_large_window(%x: tensor<1x1x10x17xf32>, %o: tensor<1x1x1x8xf32>) -> tensor<1x1x1x8xf32> {
  %window = tensor.empty() : tensor<10x10xf32>
  %r = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %window : tensor<1x1x10x17xf32>, tensor<10x10xf32>) outs(%o : tensor<1x1x1x8xf32>) -> tensor<1x1x1x8xf32>
  return %r : tensor<1x1x1x8xf32>
}

// A register tile of a convolution with its bias and its activation fused:
// the bias initializes the accumulator in registers, the activation applies
// to the accumulator after the loop, and only the result is written.
// CHECK-LABEL: func.func @conv_relu_tile
// CHECK: %[[B:.*]] = vector.transfer_read %{{.*}} : tensor<8xf32>, vector<8x1x32xf32>
// CHECK: %[[INIT:.*]] = vector.shape_cast %[[B]] : vector<8x1x32xf32> to vector<8x32xf32>
// CHECK: %[[ACC:.*]] = scf.for {{.*}} iter_args(%[[A:.*]] = %[[INIT]]) -> (vector<8x32xf32>)
// CHECK:   vector.fma %{{.*}}, %{{.*}}, %[[A]] : vector<8x32xf32>
// CHECK: %[[RELU:.*]] = arith.maximumf %[[ACC]], %{{.*}} : vector<8x32xf32>
// CHECK: %[[OUT:.*]] = vector.shape_cast %[[RELU]]
// CHECK: %[[W:.*]] = vector.transfer_write %[[OUT]]
// CHECK-NOT: vector.transfer_write
// CHECK: return %[[W]]
func.func @conv_relu_tile(%x: tensor<4x3x34xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<8xf32>, %out: tensor<1x8x1x32xf32>) -> tensor<1x8x1x32xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x1x32xf32>
  %init = linalg.broadcast ins(%b : tensor<8xf32>) outs(%e : tensor<1x8x1x32xf32>) dimensions = [0, 2, 3]
  %acc = scf.for %c = %c0 to %c4 step %c1 iter_args(%a = %init) -> (tensor<1x8x1x32xf32>) {
    %xs0 = tensor.extract_slice %x[%c, 0, 0] [1, 1, 32] [1, 1, 1] : tensor<4x3x34xf32> to tensor<1x1x32xf32>
    %xs = tensor.expand_shape %xs0 [[0, 1], [2], [3]] output_shape [1, 1, 1, 32] : tensor<1x1x32xf32> into tensor<1x1x1x32xf32>
    %ws = tensor.extract_slice %w[0, %c, 0, 0] [8, 1, 1, 1] [1, 1, 1, 1] : tensor<8x4x3x3xf32> to tensor<8x1x1x1xf32>
    %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%xs, %ws : tensor<1x1x1x32xf32>, tensor<8x1x1x1xf32>) outs(%a : tensor<1x8x1x32xf32>) -> tensor<1x8x1x32xf32>
    scf.yield %r : tensor<1x8x1x32xf32>
  }
  %relu = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%acc : tensor<1x8x1x32xf32>) outs(%out : tensor<1x8x1x32xf32>) {
  ^bb0(%v: f32, %o: f32):
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x1x32xf32>
  return %relu : tensor<1x8x1x32xf32>
}

// A depthwise tile of two output rows with its whole 3x3 window
// (kiln-tile-and-fuse gives depthwise convolutions such tiles): the bias
// broadcast is the initial accumulator of each row, in registers; each input
// row is read once per column shift and feeds every output row whose window
// covers it (input row 1 feeds rows 0 and 1), one window column at a time;
// each weight is broadcast once and the tile is written once.
// CHECK-LABEL: func.func @depthwise_rows
// CHECK: %[[B:.*]] = vector.transfer_read %{{.*}} : tensor<1xf32>, vector<2x8xf32>
// CHECK-DAG: %[[A0:.*]] = vector.extract %[[B]][0] : vector<8xf32> from vector<2x8xf32>
// CHECK-DAG: %[[A1:.*]] = vector.extract %[[B]][1] : vector<8xf32> from vector<2x8xf32>
// CHECK: %[[R00:.*]] = vector.transfer_read %[[X:.*]][%c0, %c0, %c0, %c0], %{{.*}} : tensor<1x1x4x10xf32>, vector<8xf32>
// CHECK: %[[W00:.*]] = vector.broadcast %{{.*}} : f32 to vector<8xf32>
// CHECK: vector.fma %[[R00]], %[[W00]], %[[A0]] : vector<8xf32>
// CHECK: %[[R10:.*]] = vector.transfer_read %[[X]][%c0, %c0, %c1, %c0]
// CHECK: %[[W10:.*]] = vector.broadcast
// CHECK: vector.fma %[[R10]], %[[W10]], %{{.*}} : vector<8xf32>
// CHECK: vector.fma %[[R10]], %[[W00]], %[[A1]] : vector<8xf32>
// CHECK-COUNT-10: vector.transfer_read %[[X]]
// CHECK-NOT: vector.transfer_read %[[X]]
// CHECK: vector.transfer_write %{{.*}} : vector<2x8xf32>, tensor<1x1x2x8xf32>
// CHECK-NOT: vector.transfer_write
// CHECK: return
func.func @depthwise_rows(%x: tensor<1x1x4x10xf32>, %w: tensor<1x3x3xf32>, %b: tensor<1xf32>) -> tensor<1x1x2x8xf32> {
  %e = tensor.empty() : tensor<1x1x2x8xf32>
  %init = linalg.broadcast ins(%b : tensor<1xf32>) outs(%e : tensor<1x1x2x8xf32>) dimensions = [0, 2, 3]
  %c = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x1x4x10xf32>, tensor<1x3x3xf32>) outs(%init : tensor<1x1x2x8xf32>) -> tensor<1x1x2x8xf32>
  return %c : tensor<1x1x2x8xf32>
}

// Stride 2: per input row, one read of whole vectors serves the column
// shifts 0 and 1 (even and odd elements), a second one shift 2. The pixels
// are interleaved by 128-bit lane ([0, 1, 4, 5, 2, 3, 6, 7]), so that each
// pick is one shufps: the accumulator is permuted once in and once out.
// CHECK-LABEL: func.func @depthwise_stride2
// CHECK: %[[INIT:.*]] = vector.transfer_read %{{.*}} : tensor<1x1x1x8xf32>, vector<8xf32>
// CHECK: %[[ACC:.*]] = vector.shuffle %[[INIT]], %[[INIT]] [0, 1, 4, 5, 2, 3, 6, 7]
// CHECK: %[[R:.*]] = vector.transfer_read %[[X:.*]][%c0, %c0, %c0, %c0], %{{.*}} : tensor<1x1x3x17xf32>, vector<16xf32>
// CHECK: %[[E:.*]] = vector.shuffle %[[R]], %[[R]] [0, 2, 8, 10, 4, 6, 12, 14]
// CHECK: vector.fma %[[E]], %{{.*}}, %[[ACC]]
// CHECK: vector.shuffle %[[R]], %[[R]] [1, 3, 9, 11, 5, 7, 13, 15]
// CHECK: %[[S:.*]] = vector.transfer_read %[[X]][%c0, %c0, %c0, %c1], %{{.*}} : tensor<1x1x3x17xf32>, vector<16xf32>
// CHECK: vector.shuffle %[[S]], %[[S]] [1, 3, 9, 11, 5, 7, 13, 15]
// CHECK-COUNT-2: vector.transfer_read %[[X]]
// CHECK-NOT: vector.transfer_read %[[X]]
// CHECK: %[[OUT:.*]] = vector.shuffle %{{.*}}, %{{.*}} [0, 1, 4, 5, 2, 3, 6, 7]
// CHECK: vector.transfer_write %[[OUT]]
func.func @depthwise_stride2(%x: tensor<1x1x3x17xf32>, %w: tensor<1x3x3xf32>, %out: tensor<1x1x1x8xf32>) -> tensor<1x1x1x8xf32> {
  %c = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : tensor<1x1x3x17xf32>, tensor<1x3x3xf32>) outs(%out : tensor<1x1x1x8xf32>) -> tensor<1x1x1x8xf32>
  return %c : tensor<1x1x1x8xf32>
}
