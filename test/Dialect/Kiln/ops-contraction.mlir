// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of the contraction ops: conv2d, conv_transpose2d, matmul, gemm.

//===----------------------------------------------------------------------===//
// kiln.conv2d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @conv2d_defaults
func.func @conv2d_defaults(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // CHECK: kiln.conv2d %{{.*}}, %{{.*}} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  %0 = kiln.conv2d %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// Attributes spelled with their default values are not printed.
// CHECK-LABEL: func @conv2d_explicit_defaults
func.func @conv2d_explicit_defaults(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // CHECK: kiln.conv2d %{{.*}}, %{{.*}} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  %0 = kiln.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// CHECK-LABEL: func @conv2d_bias
func.func @conv2d_bias(%x: tensor<1x3x224x224xf32>, %w: tensor<32x3x3x3xf32>, %b: tensor<32xf32>) -> tensor<1x32x112x112xf32> {
  // CHECK: %[[X:.*]] = kiln.conv2d %{{.*}}, %{{.*}}, %{{.*}} {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<32x3x3x3xf32>, tensor<32xf32>) -> tensor<1x32x112x112xf32>
  %0 = kiln.conv2d %x, %w, %b {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<1x3x224x224xf32>, tensor<32x3x3x3xf32>, tensor<32xf32>) -> tensor<1x32x112x112xf32>
  return %0 : tensor<1x32x112x112xf32>
}

// Grouped, dilated, asymmetric padding and strides:
// OH = (16 + 1 + 3 - 2 * 2 - 1) / 2 + 1 = 8, OW = (16 + 2 + 4 - 1 * 2 - 1) / 1 + 1 = 20.
// CHECK-LABEL: func @conv2d_all_attributes
func.func @conv2d_all_attributes(%x: tensor<2x4x16x16xf32>, %w: tensor<8x2x3x3xf32>, %b: tensor<8xf32>) -> tensor<2x8x8x20xf32> {
  // CHECK: kiln.conv2d %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 2, 1>, groups = 2 : i64, padding = array<i64: 1, 2, 3, 4>, strides = array<i64: 2, 1>} : (tensor<2x4x16x16xf32>, tensor<8x2x3x3xf32>, tensor<8xf32>) -> tensor<2x8x8x20xf32>
  %0 = kiln.conv2d %x, %w, %b {strides = array<i64: 2, 1>, dilations = array<i64: 2, 1>, padding = array<i64: 1, 2, 3, 4>, groups = 2 : i64}
      : (tensor<2x4x16x16xf32>, tensor<8x2x3x3xf32>, tensor<8xf32>) -> tensor<2x8x8x20xf32>
  return %0 : tensor<2x8x8x20xf32>
}

// Depthwise: groups == C, filter [C, 1, KH, KW].
// CHECK-LABEL: func @conv2d_depthwise
func.func @conv2d_depthwise(%x: tensor<1x8x10x10xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x10x10xf32> {
  // CHECK: kiln.conv2d %{{.*}}, %{{.*}} {groups = 8 : i64, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x8x10x10xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x10x10xf32>
  %0 = kiln.conv2d %x, %w {groups = 8 : i64, padding = array<i64: 1, 1, 1, 1>}
      : (tensor<1x8x10x10xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x10x10xf32>
  return %0 : tensor<1x8x10x10xf32>
}

// Depthwise with channel multiplier 2.
// CHECK-LABEL: func @conv2d_depthwise_multiplier
func.func @conv2d_depthwise_multiplier(%x: tensor<1x4x5x5xf16>, %w: tensor<8x1x3x3xf16>) -> tensor<1x8x3x3xf16> {
  // CHECK: kiln.conv2d %{{.*}}, %{{.*}} {groups = 4 : i64} : (tensor<1x4x5x5xf16>, tensor<8x1x3x3xf16>) -> tensor<1x8x3x3xf16>
  %0 = kiln.conv2d %x, %w {groups = 4 : i64} : (tensor<1x4x5x5xf16>, tensor<8x1x3x3xf16>) -> tensor<1x8x3x3xf16>
  return %0 : tensor<1x8x3x3xf16>
}

// Pointwise (1x1).
// CHECK-LABEL: func @conv2d_pointwise
func.func @conv2d_pointwise(%x: tensor<2x16x7x7xbf16>, %w: tensor<32x16x1x1xbf16>, %b: tensor<32xbf16>) -> tensor<2x32x7x7xbf16> {
  // CHECK: kiln.conv2d %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x16x7x7xbf16>, tensor<32x16x1x1xbf16>, tensor<32xbf16>) -> tensor<2x32x7x7xbf16>
  %0 = kiln.conv2d %x, %w, %b : (tensor<2x16x7x7xbf16>, tensor<32x16x1x1xbf16>, tensor<32xbf16>) -> tensor<2x32x7x7xbf16>
  return %0 : tensor<2x32x7x7xbf16>
}

// The output size rounds down: (7 - 2) / 2 + 1 = 3.
// CHECK-LABEL: func @conv2d_floor
func.func @conv2d_floor(%x: tensor<1x1x7x8xf64>, %w: tensor<1x1x2x2xf64>) -> tensor<1x1x3x4xf64> {
  // CHECK: kiln.conv2d %{{.*}}, %{{.*}} {strides = array<i64: 2, 2>} : (tensor<1x1x7x8xf64>, tensor<1x1x2x2xf64>) -> tensor<1x1x3x4xf64>
  %0 = kiln.conv2d %x, %w {strides = array<i64: 2, 2>} : (tensor<1x1x7x8xf64>, tensor<1x1x2x2xf64>) -> tensor<1x1x3x4xf64>
  return %0 : tensor<1x1x3x4xf64>
}

// The effective kernel (2 * (3 - 1) + 1 = 5) exactly fills the padded input (3 + 1 + 1).
// CHECK-LABEL: func @conv2d_kernel_fills_input
func.func @conv2d_kernel_fills_input(%x: tensor<1x2x3x3xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x1x1xf32> {
  // CHECK: kiln.conv2d %{{.*}}, %{{.*}} {dilations = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x1x1xf32>
  %0 = kiln.conv2d %x, %w {dilations = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
      : (tensor<1x2x3x3xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x1x1xf32>
  return %0 : tensor<1x2x1x1xf32>
}

//===----------------------------------------------------------------------===//
// kiln.conv_transpose2d
//===----------------------------------------------------------------------===//

// OH = (5 - 1) * 1 + 1 * (3 - 1) + 1 = 7, F = 2 * 1.
// CHECK-LABEL: func @conv_transpose2d_defaults
func.func @conv_transpose2d_defaults(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // CHECK: kiln.conv_transpose2d %{{.*}}, %{{.*}} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  %0 = kiln.conv_transpose2d %x, %w : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// Attributes spelled with their default values are not printed.
// CHECK-LABEL: func @conv_transpose2d_explicit_defaults
func.func @conv_transpose2d_explicit_defaults(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // CHECK: kiln.conv_transpose2d %{{.*}}, %{{.*}} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  %0 = kiln.conv_transpose2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0, 0, 0>, output_padding = array<i64: 0, 0>, groups = 1 : i64}
      : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// 2x upsampling: OH = (16 - 1) * 2 - 1 - 1 + 1 * (3 - 1) + 1 + 1 = 32.
// CHECK-LABEL: func @conv_transpose2d_upsample
func.func @conv_transpose2d_upsample(%x: tensor<1x64x16x16xf32>, %w: tensor<64x32x3x3xf32>, %b: tensor<32xf32>) -> tensor<1x32x32x32xf32> {
  // CHECK: kiln.conv_transpose2d %{{.*}}, %{{.*}}, %{{.*}} {output_padding = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x64x16x16xf32>, tensor<64x32x3x3xf32>, tensor<32xf32>) -> tensor<1x32x32x32xf32>
  %0 = kiln.conv_transpose2d %x, %w, %b {output_padding = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<1x64x16x16xf32>, tensor<64x32x3x3xf32>, tensor<32xf32>) -> tensor<1x32x32x32xf32>
  return %0 : tensor<1x32x32x32xf32>
}

// Grouped (F = 3 * 2), dilated, asymmetric padding; output_padding 1 < dilation 2 (stride 1):
// OH = (5 - 1) * 1 - 0 - 2 + 2 * (3 - 1) + 1 + 1 = 8, OW = (5 - 1) * 2 - 1 - 0 + 2 * (3 - 1) + 0 + 1 = 12.
// CHECK-LABEL: func @conv_transpose2d_all_attributes
func.func @conv_transpose2d_all_attributes(%x: tensor<2x4x5x5xf16>, %w: tensor<4x3x3x3xf16>, %b: tensor<6xf16>) -> tensor<2x6x8x12xf16> {
  // CHECK: kiln.conv_transpose2d %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 2, 2>, groups = 2 : i64, output_padding = array<i64: 1, 0>, padding = array<i64: 0, 1, 2, 0>, strides = array<i64: 1, 2>} : (tensor<2x4x5x5xf16>, tensor<4x3x3x3xf16>, tensor<6xf16>) -> tensor<2x6x8x12xf16>
  %0 = kiln.conv_transpose2d %x, %w, %b {strides = array<i64: 1, 2>, dilations = array<i64: 2, 2>, padding = array<i64: 0, 1, 2, 0>, output_padding = array<i64: 1, 0>, groups = 2 : i64}
      : (tensor<2x4x5x5xf16>, tensor<4x3x3x3xf16>, tensor<6xf16>) -> tensor<2x6x8x12xf16>
  return %0 : tensor<2x6x8x12xf16>
}

// Depthwise transposed convolution (groups == C, filter [C, 1, KH, KW]), strides 3 x 2:
// OH = (4 - 1) * 3 + 1 * (2 - 1) + 1 = 11, OW = (4 - 1) * 2 + 1 * (2 - 1) + 1 = 8.
// CHECK-LABEL: func @conv_transpose2d_depthwise
func.func @conv_transpose2d_depthwise(%x: tensor<1x8x4x4xbf16>, %w: tensor<8x1x2x2xbf16>) -> tensor<1x8x11x8xbf16> {
  // CHECK: kiln.conv_transpose2d %{{.*}}, %{{.*}} {groups = 8 : i64, strides = array<i64: 3, 2>} : (tensor<1x8x4x4xbf16>, tensor<8x1x2x2xbf16>) -> tensor<1x8x11x8xbf16>
  %0 = kiln.conv_transpose2d %x, %w {groups = 8 : i64, strides = array<i64: 3, 2>}
      : (tensor<1x8x4x4xbf16>, tensor<8x1x2x2xbf16>) -> tensor<1x8x11x8xbf16>
  return %0 : tensor<1x8x11x8xbf16>
}

//===----------------------------------------------------------------------===//
// kiln.matmul
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @matmul_2d
func.func @matmul_2d(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  // CHECK: kiln.matmul %{{.*}}, %{{.*}} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  %0 = kiln.matmul %a, %b : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// CHECK-LABEL: func @matmul_batched
func.func @matmul_batched(%q: tensor<2x8x128x64xf16>, %k: tensor<2x8x64x128xf16>) -> tensor<2x8x128x128xf16> {
  // CHECK: kiln.matmul %{{.*}}, %{{.*}} : (tensor<2x8x128x64xf16>, tensor<2x8x64x128xf16>) -> tensor<2x8x128x128xf16>
  %0 = kiln.matmul %q, %k : (tensor<2x8x128x64xf16>, tensor<2x8x64x128xf16>) -> tensor<2x8x128x128xf16>
  return %0 : tensor<2x8x128x128xf16>
}

// Batch dimensions broadcast: [2, 1] with [5] gives [2, 5].
// CHECK-LABEL: func @matmul_broadcast_batch
func.func @matmul_broadcast_batch(%a: tensor<2x1x3x4xf32>, %b: tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32> {
  // CHECK: kiln.matmul %{{.*}}, %{{.*}} : (tensor<2x1x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32>
  %0 = kiln.matmul %a, %b : (tensor<2x1x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32>
  return %0 : tensor<2x5x3x6xf32>
}

// A batched lhs with a 2-D rhs (a linear layer).
// CHECK-LABEL: func @matmul_batched_lhs
func.func @matmul_batched_lhs(%x: tensor<4x16x512xbf16>, %w: tensor<512x1024xbf16>) -> tensor<4x16x1024xbf16> {
  // CHECK: kiln.matmul %{{.*}}, %{{.*}} : (tensor<4x16x512xbf16>, tensor<512x1024xbf16>) -> tensor<4x16x1024xbf16>
  %0 = kiln.matmul %x, %w : (tensor<4x16x512xbf16>, tensor<512x1024xbf16>) -> tensor<4x16x1024xbf16>
  return %0 : tensor<4x16x1024xbf16>
}

// CHECK-LABEL: func @matmul_vector_lhs
func.func @matmul_vector_lhs(%v: tensor<4xf32>, %b: tensor<4x5xf32>) -> tensor<5xf32> {
  // CHECK: kiln.matmul %{{.*}}, %{{.*}} : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<5xf32>
  %0 = kiln.matmul %v, %b : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// CHECK-LABEL: func @matmul_vector_rhs
func.func @matmul_vector_rhs(%a: tensor<3x4xf32>, %v: tensor<4xf32>) -> tensor<3xf32> {
  // CHECK: kiln.matmul %{{.*}}, %{{.*}} : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3xf32>
  %0 = kiln.matmul %a, %v : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// Two vectors give a 0-D result (dot product).
// CHECK-LABEL: func @matmul_dot
func.func @matmul_dot(%a: tensor<4xf64>, %b: tensor<4xf64>) -> tensor<f64> {
  // CHECK: kiln.matmul %{{.*}}, %{{.*}} : (tensor<4xf64>, tensor<4xf64>) -> tensor<f64>
  %0 = kiln.matmul %a, %b : (tensor<4xf64>, tensor<4xf64>) -> tensor<f64>
  return %0 : tensor<f64>
}

// CHECK-LABEL: func @matmul_vector_lhs_batched_rhs
func.func @matmul_vector_lhs_batched_rhs(%v: tensor<4xf32>, %b: tensor<2x4x6xf32>) -> tensor<2x6xf32> {
  // CHECK: kiln.matmul %{{.*}}, %{{.*}} : (tensor<4xf32>, tensor<2x4x6xf32>) -> tensor<2x6xf32>
  %0 = kiln.matmul %v, %b : (tensor<4xf32>, tensor<2x4x6xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// CHECK-LABEL: func @matmul_batched_lhs_vector_rhs
func.func @matmul_batched_lhs_vector_rhs(%a: tensor<2x3x4xf32>, %v: tensor<4xf32>) -> tensor<2x3xf32> {
  // CHECK: kiln.matmul %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  %0 = kiln.matmul %a, %v : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func @matmul_integer
func.func @matmul_integer(%a: tensor<3x4xi32>, %b: tensor<4x5xi32>) -> tensor<3x5xi32> {
  // CHECK: kiln.matmul %{{.*}}, %{{.*}} : (tensor<3x4xi32>, tensor<4x5xi32>) -> tensor<3x5xi32>
  %0 = kiln.matmul %a, %b : (tensor<3x4xi32>, tensor<4x5xi32>) -> tensor<3x5xi32>
  return %0 : tensor<3x5xi32>
}

//===----------------------------------------------------------------------===//
// kiln.gemm
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @gemm_defaults
func.func @gemm_defaults(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  // CHECK: kiln.gemm %{{.*}}, %{{.*}} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  %0 = kiln.gemm %a, %b : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// Attributes spelled with their default values are not printed.
// CHECK-LABEL: func @gemm_explicit_defaults
func.func @gemm_explicit_defaults(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  // CHECK: kiln.gemm %{{.*}}, %{{.*}} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  %0 = kiln.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false}
      : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// A fully connected layer with a PyTorch [out, in] weight.
// CHECK-LABEL: func @gemm_linear
func.func @gemm_linear(%x: tensor<8x512xf32>, %w: tensor<1000x512xf32>, %b: tensor<1000xf32>) -> tensor<8x1000xf32> {
  // CHECK: kiln.gemm %{{.*}}, %{{.*}}, %{{.*}} {trans_b = true} : (tensor<8x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>) -> tensor<8x1000xf32>
  %0 = kiln.gemm %x, %w, %b {trans_b = true} : (tensor<8x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>) -> tensor<8x1000xf32>
  return %0 : tensor<8x1000xf32>
}

// CHECK-LABEL: func @gemm_all_attributes
func.func @gemm_all_attributes(%a: tensor<4x3xf16>, %b: tensor<5x4xf16>, %c: tensor<3x5xf16>) -> tensor<3x5xf16> {
  // CHECK: kiln.gemm %{{.*}}, %{{.*}}, %{{.*}} {alpha = 5.000000e-01 : f32, beta = 2.000000e+00 : f32, trans_a = true, trans_b = true} : (tensor<4x3xf16>, tensor<5x4xf16>, tensor<3x5xf16>) -> tensor<3x5xf16>
  %0 = kiln.gemm %a, %b, %c {alpha = 0.5 : f32, beta = 2.0 : f32, trans_a = true, trans_b = true}
      : (tensor<4x3xf16>, tensor<5x4xf16>, tensor<3x5xf16>) -> tensor<3x5xf16>
  return %0 : tensor<3x5xf16>
}

// CHECK-LABEL: func @gemm_trans_a
func.func @gemm_trans_a(%a: tensor<4x3xf32>, %b: tensor<4x5xf32>, %c: tensor<3x1xf32>) -> tensor<3x5xf32> {
  // CHECK: kiln.gemm %{{.*}}, %{{.*}}, %{{.*}} {beta = 0.000000e+00 : f32, trans_a = true} : (tensor<4x3xf32>, tensor<4x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>
  %0 = kiln.gemm %a, %b, %c {trans_a = true, beta = 0.0 : f32} : (tensor<4x3xf32>, tensor<4x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// A 0-D addend broadcasts to [M, N].
// CHECK-LABEL: func @gemm_scalar_addend
func.func @gemm_scalar_addend(%a: tensor<3x4xbf16>, %b: tensor<4x5xbf16>, %c: tensor<bf16>) -> tensor<3x5xbf16> {
  // CHECK: kiln.gemm %{{.*}}, %{{.*}}, %{{.*}} : (tensor<3x4xbf16>, tensor<4x5xbf16>, tensor<bf16>) -> tensor<3x5xbf16>
  %0 = kiln.gemm %a, %b, %c : (tensor<3x4xbf16>, tensor<4x5xbf16>, tensor<bf16>) -> tensor<3x5xbf16>
  return %0 : tensor<3x5xbf16>
}

// CHECK-LABEL: func @gemm_integer
func.func @gemm_integer(%a: tensor<3x4xi64>, %b: tensor<4x5xi64>, %c: tensor<1x5xi64>) -> tensor<3x5xi64> {
  // CHECK: kiln.gemm %{{.*}}, %{{.*}}, %{{.*}} : (tensor<3x4xi64>, tensor<4x5xi64>, tensor<1x5xi64>) -> tensor<3x5xi64>
  %0 = kiln.gemm %a, %b, %c : (tensor<3x4xi64>, tensor<4x5xi64>, tensor<1x5xi64>) -> tensor<3x5xi64>
  return %0 : tensor<3x5xi64>
}
