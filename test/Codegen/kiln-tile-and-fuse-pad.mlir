// RUN: kiln-opt %s --kiln-tile-and-fuse="vector-bits=256" --canonicalize --cse | FileCheck %s

// A pad left in the function body and read through a slice (an image copied
// into rows of whole vectors by kiln-align-contraction-rows) with enough
// elements runs on
// threads: its first unpadded dimension is split into tiles of one size (16
// tiles of 128 of 2048 channels; 16 of 3 rows of a [48, 1000] matrix), each
// thread pads a slice of the source.
// CHECK-LABEL: func.func @image
// CHECK:       scf.forall (%[[C:.*]]) = (0) to (2048) step (128)
// CHECK:         %[[S:.*]] = tensor.extract_slice %{{.*}}[0, %[[C]], 0] [1, 128, 49] [1, 1, 1]
// CHECK:         %[[P:.*]] = tensor.pad %[[S]] low[0, 0, 0] high[0, 0, 7]
// CHECK:         tensor.parallel_insert_slice %[[P]] into %{{.*}}[0, %[[C]], 0] [1, 128, 56] [1, 1, 1]
// CHECK:       } {kiln.kernel = "pad_1x2048x56"}
// CHECK: return
func.func @image(%x: tensor<1x2048x49xf32>) -> tensor<1x2048x49xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 0] high[0, 0, 7] {
  ^bb0(%i: index, %j: index, %k: index):
    tensor.yield %zero : f32
  } : tensor<1x2048x49xf32> to tensor<1x2048x56xf32>
  %s = tensor.extract_slice %p[0, 0, 0] [1, 2048, 49] [1, 1, 1] : tensor<1x2048x56xf32> to tensor<1x2048x49xf32>
  return %s : tensor<1x2048x49xf32>
}

// CHECK-LABEL: func.func @rows
// CHECK:       scf.forall (%{{.*}}) = (0) to (48) step (3)
// CHECK:       } {kiln.kernel = "pad_48x1008"}
func.func @rows(%x: tensor<48x1000xf32>) -> tensor<48x1000xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0] high[0, 8] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zero : f32
  } : tensor<48x1000xf32> to tensor<48x1008xf32>
  %s = tensor.extract_slice %p[0, 0] [48, 1000] [1, 1] : tensor<48x1008xf32> to tensor<48x1000xf32>
  return %s : tensor<48x1000xf32>
}

// Left whole: a small pad (4K elements), one padded along every dimension
// but its last, and one read whole (as a depthwise convolution reads its
// padded input: in place, unpadded).
// CHECK-LABEL: func.func @kept
// CHECK-NOT:   scf.forall
// CHECK: return
func.func @kept(%x: tensor<1x64x56xf32>, %y: tensor<300x400xf32>, %z: tensor<1x2048x49xf32>)
    -> (tensor<1x64x64xf32>, tensor<302x400xf32>, tensor<1x2048x56xf32>) {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 0] high[0, 0, 8] {
  ^bb0(%i: index, %j: index, %k: index):
    tensor.yield %zero : f32
  } : tensor<1x64x56xf32> to tensor<1x64x64xf32>
  %q = tensor.pad %y low[1, 0] high[1, 0] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zero : f32
  } : tensor<300x400xf32> to tensor<302x400xf32>
  %r = tensor.pad %z low[0, 0, 0] high[0, 0, 7] {
  ^bb0(%i: index, %j: index, %k: index):
    tensor.yield %zero : f32
  } : tensor<1x2048x49xf32> to tensor<1x2048x56xf32>
  return %p, %q, %r : tensor<1x64x64xf32>, tensor<302x400xf32>, tensor<1x2048x56xf32>
}
