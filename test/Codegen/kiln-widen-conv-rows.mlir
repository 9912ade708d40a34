// RUN: kiln-opt %s --kiln-widen-conv-rows="vector-bits=256" --split-input-file | FileCheck %s
// RUN: not kiln-opt %s --kiln-widen-conv-rows="vector-bits=32" --split-input-file 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: error: kiln-widen-conv-rows: vector-bits must be at least 64

// Rows of 14 with 8 lanes leave 6: computed as rows of 16. The conv's own
// pad gets 2 more columns on the right, the bias broadcast is made again at
// the wider shape, and the first 14 columns are copied out.
// CHECK-LABEL: func @rows_of_14
// CHECK: %[[P:.*]] = tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 1, 3]
// CHECK: } : tensor<1x32x14x14xf32> to tensor<1x32x16x18xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x16x14x16xf32>
// CHECK: %[[B:.*]] = linalg.broadcast ins(%{{.*}} : tensor<16xf32>) outs(%[[E]] : tensor<1x16x14x16xf32>) dimensions = [0, 2, 3]
// CHECK: %[[C:.*]] = linalg.conv_2d_nchw_fchw {{.*}} ins(%[[P]], %{{.*}} : tensor<1x32x16x18xf32>, tensor<16x32x3x3xf32>) outs(%[[B]] : tensor<1x16x14x16xf32>)
// CHECK: %[[S:.*]] = tensor.extract_slice %[[C]][0, 0, 0, 0] [1, 16, 14, 14] [1, 1, 1, 1]
// CHECK: %[[R:.*]] = linalg.copy ins(%[[S]] : tensor<1x16x14x14xf32>) outs(%{{.*}} : tensor<1x16x14x14xf32>)
// CHECK: return %[[R]]
func.func @rows_of_14(%x: tensor<1x32x14x14xf32>, %w: tensor<16x32x3x3xf32>, %b: tensor<16xf32>) -> tensor<1x16x14x14xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x32x14x14xf32> to tensor<1x32x16x16xf32>
  %e = tensor.empty() : tensor<1x16x14x14xf32>
  %bias = linalg.broadcast ins(%b : tensor<16xf32>) outs(%e : tensor<1x16x14x14xf32>) dimensions = [0, 2, 3]
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%p, %w : tensor<1x32x16x16xf32>, tensor<16x32x3x3xf32>) outs(%bias : tensor<1x16x14x14xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

// Stride 2, rows of 7 -> 8: one more output column reads two more input
// columns. A fill is made again at the wider shape. The input is not a
// pad's result: a pad of zeros is added.
// CHECK-LABEL: func @stride_2_rows_of_7
// CHECK: %[[P:.*]] = tensor.pad %{{.*}} low[0, 0, 0, 0] high[0, 0, 0, 2]
// CHECK: } : tensor<1x64x15x15xf32> to tensor<1x64x15x17xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x8x7x8xf32>)
// CHECK: %[[C:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[P]], %{{.*}} : tensor<1x64x15x17xf32>, tensor<8x64x3x3xf32>) outs(%[[F]] : tensor<1x8x7x8xf32>)
// CHECK: tensor.extract_slice %[[C]][0, 0, 0, 0] [1, 8, 7, 7] [1, 1, 1, 1]
// CHECK: linalg.copy
func.func @stride_2_rows_of_7(%x: tensor<1x64x15x15xf32>, %w: tensor<8x64x3x3xf32>) -> tensor<1x8x7x7xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x7x7xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x7x7xf32>) -> tensor<1x8x7x7xf32>
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : tensor<1x64x15x15xf32>, tensor<8x64x3x3xf32>) outs(%f : tensor<1x8x7x7xf32>) -> tensor<1x8x7x7xf32>
  return %0 : tensor<1x8x7x7xf32>
}

// -----

// Any other accumulator (here an argument) is padded.
// CHECK-LABEL: func @accumulator_argument
// CHECK: tensor.pad %{{.*}} low[0, 0, 0, 0] high[0, 0, 0, 1]
// CHECK: } : tensor<1x8x5x7xf32> to tensor<1x8x5x8xf32>
// CHECK: linalg.conv_2d_nchw_fchw {{.*}} -> tensor<1x8x5x8xf32>
func.func @accumulator_argument(%x: tensor<1x16x7x9xf32>, %w: tensor<8x16x3x3xf32>, %acc: tensor<1x8x5x7xf32>) -> tensor<1x8x5x7xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x16x7x9xf32>, tensor<8x16x3x3xf32>) outs(%acc : tensor<1x8x5x7xf32>) -> tensor<1x8x5x7xf32>
  return %0 : tensor<1x8x5x7xf32>
}

// -----

// Left alone: rows of 28 (remainder 4, one load), 16 (none), 13 (16 would
// add 3 columns in 16), and a reduction of fewer than 32 multiply-adds per
// output (3 channels x 3 x 3).
// CHECK-LABEL: func @left_alone
// CHECK-NOT: tensor.extract_slice
// CHECK-NOT: linalg.copy
// CHECK: return
func.func @left_alone(%a: tensor<1x8x30x30xf32>, %b: tensor<1x8x18x18xf32>, %c: tensor<1x8x15x15xf32>,
                      %d: tensor<1x3x16x16xf32>, %w: tensor<8x8x3x3xf32>, %w3: tensor<8x3x3x3xf32>,
                      %oa: tensor<1x8x28x28xf32>, %ob: tensor<1x8x16x16xf32>, %oc: tensor<1x8x13x13xf32>,
                      %od: tensor<1x8x14x14xf32>)
    -> (tensor<1x8x28x28xf32>, tensor<1x8x16x16xf32>, tensor<1x8x13x13xf32>, tensor<1x8x14x14xf32>) {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%a, %w : tensor<1x8x30x30xf32>, tensor<8x8x3x3xf32>) outs(%oa : tensor<1x8x28x28xf32>) -> tensor<1x8x28x28xf32>
  %1 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%b, %w : tensor<1x8x18x18xf32>, tensor<8x8x3x3xf32>) outs(%ob : tensor<1x8x16x16xf32>) -> tensor<1x8x16x16xf32>
  %2 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%c, %w : tensor<1x8x15x15xf32>, tensor<8x8x3x3xf32>) outs(%oc : tensor<1x8x13x13xf32>) -> tensor<1x8x13x13xf32>
  %3 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%d, %w3 : tensor<1x3x16x16xf32>, tensor<8x3x3x3xf32>) outs(%od : tensor<1x8x14x14xf32>) -> tensor<1x8x14x14xf32>
  return %0, %1, %2, %3 : tensor<1x8x28x28xf32>, tensor<1x8x16x16xf32>, tensor<1x8x13x13xf32>, tensor<1x8x14x14xf32>
}
