// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of every kiln op (printed, parsed and printed again, in custom
// and generic form). One section per op family.

//===----------------------------------------------------------------------===//
// Elementwise ops and activations
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @binary_broadcast
func.func @binary_broadcast(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %c: tensor<2x1xf32>) -> tensor<2x3xf32> {
  // CHECK: kiln.add %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %0 = kiln.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: kiln.sub %{{.*}}, %{{.*}} : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = kiln.sub %b, %0 : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: kiln.mul %{{.*}}, %{{.*}} : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %2 = kiln.mul %c, %b : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: kiln.div %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  %3 = kiln.div %2, %c : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  // CHECK: kiln.pow %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = kiln.pow %3, %1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: kiln.max %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = kiln.max %4, %0 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: kiln.min %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %6 = kiln.min %5, %1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %6 : tensor<2x3xf32>
}

// CHECK-LABEL: func @binary_integer
func.func @binary_integer(%a: tensor<4xi64>, %b: tensor<1xi64>) -> tensor<4xi64> {
  // CHECK: kiln.mul %{{.*}}, %{{.*}} : (tensor<4xi64>, tensor<1xi64>) -> tensor<4xi64>
  %0 = kiln.mul %a, %b : (tensor<4xi64>, tensor<1xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// CHECK-LABEL: func @equal_where
func.func @equal_where(%a: tensor<4x1xi64>, %b: tensor<5xi64>, %x: tensor<4x5xf16>, %y: tensor<f16>) -> tensor<4x5xf16> {
  // CHECK: kiln.equal %{{.*}}, %{{.*}} : (tensor<4x1xi64>, tensor<5xi64>) -> tensor<4x5xi1>
  %0 = kiln.equal %a, %b : (tensor<4x1xi64>, tensor<5xi64>) -> tensor<4x5xi1>
  // CHECK: kiln.where %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x5xi1>, tensor<4x5xf16>, tensor<f16>) -> tensor<4x5xf16>
  %1 = kiln.where %0, %x, %y : (tensor<4x5xi1>, tensor<4x5xf16>, tensor<f16>) -> tensor<4x5xf16>
  return %1 : tensor<4x5xf16>
}

// CHECK-LABEL: func @unary
func.func @unary(%x: tensor<1x8x4x4xf32>, %i: tensor<3xi32>) -> tensor<1x8x4x4xf32> {
  // CHECK: kiln.neg %{{.*}} : tensor<1x8x4x4xf32>
  %0 = kiln.neg %x : tensor<1x8x4x4xf32>
  // CHECK: kiln.abs %{{.*}} : tensor<1x8x4x4xf32>
  %1 = kiln.abs %0 : tensor<1x8x4x4xf32>
  // CHECK: kiln.exp %{{.*}} : tensor<1x8x4x4xf32>
  %2 = kiln.exp %1 : tensor<1x8x4x4xf32>
  // CHECK: kiln.log %{{.*}} : tensor<1x8x4x4xf32>
  %3 = kiln.log %2 : tensor<1x8x4x4xf32>
  // CHECK: kiln.sqrt %{{.*}} : tensor<1x8x4x4xf32>
  %4 = kiln.sqrt %3 : tensor<1x8x4x4xf32>
  // CHECK: kiln.tanh %{{.*}} : tensor<1x8x4x4xf32>
  %5 = kiln.tanh %4 : tensor<1x8x4x4xf32>
  // CHECK: kiln.erf %{{.*}} : tensor<1x8x4x4xf32>
  %6 = kiln.erf %5 : tensor<1x8x4x4xf32>
  // CHECK: kiln.sin %{{.*}} : tensor<1x8x4x4xf32>
  %s = kiln.sin %6 : tensor<1x8x4x4xf32>
  // CHECK: kiln.cos %{{.*}} : tensor<1x8x4x4xf32>
  %c = kiln.cos %s : tensor<1x8x4x4xf32>
  // CHECK: kiln.neg %{{.*}} : tensor<3xi32>
  %7 = kiln.neg %i : tensor<3xi32>
  // CHECK: kiln.abs %{{.*}} : tensor<3xi32>
  %8 = kiln.abs %7 : tensor<3xi32>
  return %c : tensor<1x8x4x4xf32>
}

// CHECK-LABEL: func @cast
func.func @cast(%x: tensor<2x3xf32>, %b: tensor<2xi1>) -> (tensor<2x3xi64>, tensor<2xbf16>) {
  // CHECK: kiln.cast %{{.*}} : tensor<2x3xf32> to tensor<2x3xi64>
  %0 = kiln.cast %x : tensor<2x3xf32> to tensor<2x3xi64>
  // CHECK: kiln.cast %{{.*}} : tensor<2xi1> to tensor<2xbf16>
  %1 = kiln.cast %b : tensor<2xi1> to tensor<2xbf16>
  return %0, %1 : tensor<2x3xi64>, tensor<2xbf16>
}

// CHECK-LABEL: func @activations
func.func @activations(%x: tensor<1x16x8x8xf32>, %s: tensor<16x1x1xf32>) -> tensor<1x16x8x8xf32> {
  // CHECK: kiln.relu %{{.*}} : tensor<1x16x8x8xf32>
  %0 = kiln.relu %x : tensor<1x16x8x8xf32>
  // CHECK: kiln.clip %{{.*}} {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : tensor<1x16x8x8xf32>
  %1 = kiln.clip %0 {min = 0.0, max = 6.0} : tensor<1x16x8x8xf32>
  // CHECK: kiln.clip %{{.*}} {min = -1.000000e+00 : f64} : tensor<1x16x8x8xf32>
  %2 = kiln.clip %1 {min = -1.0} : tensor<1x16x8x8xf32>
  // CHECK: kiln.leaky_relu %{{.*}} : tensor<1x16x8x8xf32>
  %3 = kiln.leaky_relu %2 : tensor<1x16x8x8xf32>
  // CHECK: kiln.leaky_relu %{{.*}} {alpha = 1.000000e-01 : f64} : tensor<1x16x8x8xf32>
  %4 = kiln.leaky_relu %3 {alpha = 0.1} : tensor<1x16x8x8xf32>
  // CHECK: kiln.prelu %{{.*}}, %{{.*}} : (tensor<1x16x8x8xf32>, tensor<16x1x1xf32>) -> tensor<1x16x8x8xf32>
  %5 = kiln.prelu %4, %s : (tensor<1x16x8x8xf32>, tensor<16x1x1xf32>) -> tensor<1x16x8x8xf32>
  // CHECK: kiln.elu %{{.*}} {alpha = 5.000000e-01 : f64} : tensor<1x16x8x8xf32>
  %6 = kiln.elu %5 {alpha = 0.5} : tensor<1x16x8x8xf32>
  // CHECK: kiln.selu %{{.*}} : tensor<1x16x8x8xf32>
  %7 = kiln.selu %6 : tensor<1x16x8x8xf32>
  // CHECK: kiln.sigmoid %{{.*}} : tensor<1x16x8x8xf32>
  %8 = kiln.sigmoid %7 : tensor<1x16x8x8xf32>
  // CHECK: kiln.hard_sigmoid %{{.*}} {alpha = 0.16666666666666666 : f64} : tensor<1x16x8x8xf32>
  // CHECK: kiln.hard_sigmoid %{{.*}} {beta = 2.500000e-01 : f64} : tensor<1x16x8x8xf32>
  %9 = kiln.hard_sigmoid %8 {alpha = 0.16666666666666666, beta = 0.5} : tensor<1x16x8x8xf32>
  // CHECK: kiln.hard_swish %{{.*}} : tensor<1x16x8x8xf32>
  %h = kiln.hard_sigmoid %9 {beta = 0.25} : tensor<1x16x8x8xf32>
  %10 = kiln.hard_swish %h : tensor<1x16x8x8xf32>
  // CHECK: kiln.silu %{{.*}} : tensor<1x16x8x8xf32>
  %11 = kiln.silu %10 : tensor<1x16x8x8xf32>
  // CHECK: kiln.gelu %{{.*}} : tensor<1x16x8x8xf32>
  %12 = kiln.gelu %11 : tensor<1x16x8x8xf32>
  // CHECK: kiln.gelu %{{.*}} {approximation = #kiln.gelu_approximation<tanh>} : tensor<1x16x8x8xf32>
  %13 = kiln.gelu %12 {approximation = #kiln.gelu_approximation<tanh>} : tensor<1x16x8x8xf32>
  // CHECK: kiln.softplus %{{.*}} : tensor<1x16x8x8xf32>
  %14 = kiln.softplus %13 : tensor<1x16x8x8xf32>
  return %14 : tensor<1x16x8x8xf32>
}

//===----------------------------------------------------------------------===//
// Convolutions and matrix products
//===----------------------------------------------------------------------===//

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

//===----------------------------------------------------------------------===//
// Normalization and softmax
//===----------------------------------------------------------------------===//

// Round trip of the normalization and softmax ops, in custom and generic form.

// CHECK-LABEL: func @batch_norm_default
func.func @batch_norm_default(%x: tensor<1x16x8x8xf32>, %scale: tensor<16xf32>, %bias: tensor<16xf32>, %mean: tensor<16xf32>, %var: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // CHECK: kiln.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  %0 = kiln.batch_norm %x, %scale, %bias, %mean, %var : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// CHECK-LABEL: func @batch_norm_epsilon
func.func @batch_norm_epsilon(%x: tensor<2x4x5xf16>, %p: tensor<4xf16>) -> tensor<2x4x5xf16> {
  // CHECK: kiln.batch_norm %[[X:.*]], %[[P:.*]], %[[P]], %[[P]], %[[P]] {epsilon = 1.000000e-03 : f64} : (tensor<2x4x5xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>) -> tensor<2x4x5xf16>
  %0 = kiln.batch_norm %x, %p, %p, %p, %p {epsilon = 1.0e-3 : f64} : (tensor<2x4x5xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>) -> tensor<2x4x5xf16>
  return %0 : tensor<2x4x5xf16>
}

// Rank 2 ([N, C]) and a zero epsilon are allowed.
// CHECK-LABEL: func @batch_norm_rank2_zero_epsilon
func.func @batch_norm_rank2_zero_epsilon(%x: tensor<8x3xbf16>, %p: tensor<3xbf16>) -> tensor<8x3xbf16> {
  // CHECK: kiln.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 0.000000e+00 : f64} : (tensor<8x3xbf16>, tensor<3xbf16>, tensor<3xbf16>, tensor<3xbf16>, tensor<3xbf16>) -> tensor<8x3xbf16>
  %0 = kiln.batch_norm %x, %p, %p, %p, %p {epsilon = 0.0 : f64} : (tensor<8x3xbf16>, tensor<3xbf16>, tensor<3xbf16>, tensor<3xbf16>, tensor<3xbf16>) -> tensor<8x3xbf16>
  return %0 : tensor<8x3xbf16>
}

// CHECK-LABEL: func @layer_norm_scale_bias
func.func @layer_norm_scale_bias(%x: tensor<2x128x768xf32>, %gamma: tensor<768xf32>, %beta: tensor<768xf32>) -> tensor<2x128x768xf32> {
  // CHECK: kiln.layer_norm %{{.*}} scale %{{.*}} bias %{{.*}} : (tensor<2x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<2x128x768xf32>
  %0 = kiln.layer_norm %x scale %gamma bias %beta : (tensor<2x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<2x128x768xf32>
  return %0 : tensor<2x128x768xf32>
}

// CHECK-LABEL: func @layer_norm_scale_only
func.func @layer_norm_scale_only(%x: tensor<2x3x4xf32>, %gamma: tensor<4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.layer_norm %{{.*}} scale %{{.*}} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.layer_norm %x scale %gamma : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func @layer_norm_bias_only
func.func @layer_norm_bias_only(%x: tensor<2x3x4xf32>, %beta: tensor<4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.layer_norm %{{.*}} bias %{{.*}} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.layer_norm %x bias %beta : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func @layer_norm_no_affine
func.func @layer_norm_no_affine(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.layer_norm %{{.*}} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.layer_norm %x : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// A positive axis, an explicit epsilon, and scale/bias that broadcast to the
// normalized shape [3, 4] with fewer dimensions or size-1 dimensions.
// CHECK-LABEL: func @layer_norm_axis_epsilon
func.func @layer_norm_axis_epsilon(%x: tensor<2x3x4xf64>, %gamma: tensor<3x4xf64>, %beta: tensor<1x4xf64>) -> tensor<2x3x4xf64> {
  // CHECK: kiln.layer_norm %{{.*}} scale %{{.*}} bias %{{.*}} {axis = 1 : i64, epsilon = 1.000000e-03 : f64} : (tensor<2x3x4xf64>, tensor<3x4xf64>, tensor<1x4xf64>) -> tensor<2x3x4xf64>
  %0 = kiln.layer_norm %x scale %gamma bias %beta {axis = 1 : i64, epsilon = 1.0e-3 : f64} : (tensor<2x3x4xf64>, tensor<3x4xf64>, tensor<1x4xf64>) -> tensor<2x3x4xf64>
  return %0 : tensor<2x3x4xf64>
}

// CHECK-LABEL: func @layer_norm_negative_axis
func.func @layer_norm_negative_axis(%x: tensor<2x3x4xf32>, %gamma: tensor<1xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.layer_norm %{{.*}} scale %{{.*}} {axis = -3 : i64} : (tensor<2x3x4xf32>, tensor<1xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.layer_norm %x scale %gamma {axis = -3 : i64} : (tensor<2x3x4xf32>, tensor<1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func @softmax_default
func.func @softmax_default(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  // CHECK: kiln.softmax %{{.*}} : tensor<2x10xf32>
  %0 = kiln.softmax %x : tensor<2x10xf32>
  return %0 : tensor<2x10xf32>
}

// CHECK-LABEL: func @softmax_axis
func.func @softmax_axis(%x: tensor<2x4x8x8xf16>) -> tensor<2x4x8x8xf16> {
  // CHECK: kiln.softmax %{{.*}} {axis = 1 : i64} : tensor<2x4x8x8xf16>
  %0 = kiln.softmax %x {axis = 1 : i64} : tensor<2x4x8x8xf16>
  return %0 : tensor<2x4x8x8xf16>
}

// CHECK-LABEL: func @softmax_negative_axis
func.func @softmax_negative_axis(%x: tensor<2x4x8x8xf32>) -> tensor<2x4x8x8xf32> {
  // CHECK: kiln.softmax %{{.*}} {axis = -4 : i64} : tensor<2x4x8x8xf32>
  %0 = kiln.softmax %x {axis = -4 : i64} : tensor<2x4x8x8xf32>
  return %0 : tensor<2x4x8x8xf32>
}

// CHECK-LABEL: func @log_softmax_default
func.func @log_softmax_default(%x: tensor<3xf32>) -> tensor<3xf32> {
  // CHECK: kiln.log_softmax %{{.*}} : tensor<3xf32>
  %0 = kiln.log_softmax %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}

// CHECK-LABEL: func @log_softmax_axis
func.func @log_softmax_axis(%x: tensor<2x10xbf16>) -> tensor<2x10xbf16> {
  // CHECK: kiln.log_softmax %{{.*}} {axis = 0 : i64} : tensor<2x10xbf16>
  %0 = kiln.log_softmax %x {axis = 0 : i64} : tensor<2x10xbf16>
  return %0 : tensor<2x10xbf16>
}

// CHECK-LABEL: func @log_softmax_negative_axis
func.func @log_softmax_negative_axis(%x: tensor<2x10xf64>) -> tensor<2x10xf64> {
  // CHECK: kiln.log_softmax %{{.*}} {axis = -2 : i64} : tensor<2x10xf64>
  %0 = kiln.log_softmax %x {axis = -2 : i64} : tensor<2x10xf64>
  return %0 : tensor<2x10xf64>
}

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

// Round trip of the pooling and reduction ops, in custom and generic form.
// Attributes equal to their default are not printed.

//===----------------------------------------------------------------------===//
// kiln.max_pool2d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @max_pool2d_defaults
func.func @max_pool2d_defaults(%x: tensor<1x8x6x6xf32>) -> tensor<1x8x5x4xf32> {
  // CHECK: kiln.max_pool2d %{{.*}} {kernel = array<i64: 2, 3>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x5x4xf32>
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 3>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x5x4xf32>
  return %0 : tensor<1x8x5x4xf32>
}

// CHECK-LABEL: func @max_pool2d_explicit_defaults
func.func @max_pool2d_explicit_defaults(%x: tensor<1x8x6x6xf32>) -> tensor<1x8x5x4xf32> {
  // CHECK: kiln.max_pool2d %{{.*}} {kernel = array<i64: 2, 3>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x5x4xf32>
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 3>, strides = array<i64: 1, 1>,
                           dilations = array<i64: 1, 1>, padding = array<i64: 0, 0, 0, 0>,
                           ceil_mode = false} : (tensor<1x8x6x6xf32>) -> tensor<1x8x5x4xf32>
  return %0 : tensor<1x8x5x4xf32>
}

// (112 + 1 + 1 - 3) / 2 + 1 = 56
// CHECK-LABEL: func @max_pool2d_resnet_stem
func.func @max_pool2d_resnet_stem(%x: tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32> {
  // CHECK: kiln.max_pool2d %{{.*}} {kernel = array<i64: 3, 3>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
  %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// Height: effective kernel 2 * (3 - 1) + 1 = 5, (10 + 2 + 0 - 5) / 1 + 1 = 8.
// Width: effective kernel 3 * (2 - 1) + 1 = 4, (9 + 0 + 3 - 4) / 3 + 1 = 3.
// CHECK-LABEL: func @max_pool2d_dilated_asymmetric
func.func @max_pool2d_dilated_asymmetric(%x: tensor<2x3x10x9xf16>) -> tensor<2x3x8x3xf16> {
  // CHECK: kiln.max_pool2d %{{.*}} {dilations = array<i64: 2, 3>, kernel = array<i64: 3, 2>, padding = array<i64: 2, 0, 0, 3>, strides = array<i64: 1, 3>} : (tensor<2x3x10x9xf16>) -> tensor<2x3x8x3xf16>
  %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 2>, strides = array<i64: 1, 3>, dilations = array<i64: 2, 3>, padding = array<i64: 2, 0, 0, 3>} : (tensor<2x3x10x9xf16>) -> tensor<2x3x8x3xf16>
  return %0 : tensor<2x3x8x3xf16>
}

// Floor: (7 - 2) / 2 + 1 = 3; ceil: ceil(5 / 2) + 1 = 4, last window starts at
// 6 < 7, kept.
// CHECK-LABEL: func @max_pool2d_ceil_mode
func.func @max_pool2d_ceil_mode(%x: tensor<1x4x7x7xi8>) -> (tensor<1x4x3x3xi8>, tensor<1x4x4x4xi8>) {
  // CHECK: kiln.max_pool2d %{{.*}} {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x4x7x7xi8>) -> tensor<1x4x3x3xi8>
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x4x7x7xi8>) -> tensor<1x4x3x3xi8>
  // CHECK: kiln.max_pool2d %{{.*}} {ceil_mode = true, kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x4x7x7xi8>) -> tensor<1x4x4x4xi8>
  %1 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x4x7x7xi8>) -> tensor<1x4x4x4xi8>
  return %0, %1 : tensor<1x4x3x3xi8>, tensor<1x4x4x4xi8>
}

// Ceil mode, PyTorch's correction: H = 5, pad 1 + 1, kernel 2, stride 2:
// ceil((5 + 2 - 2) / 2) + 1 = 4, but window 3 would start at 3 * 2 = 6 >= 5 + 1
// (in the trailing padding), so 3 windows.
// CHECK-LABEL: func @max_pool2d_ceil_mode_last_window
func.func @max_pool2d_ceil_mode_last_window(%x: tensor<1x1x5x5xi32>) -> tensor<1x1x3x3xi32> {
  // CHECK: kiln.max_pool2d %{{.*}} {ceil_mode = true, kernel = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x1x5x5xi32>) -> tensor<1x1x3x3xi32>
  %0 = kiln.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, ceil_mode = true} : (tensor<1x1x5x5xi32>) -> tensor<1x1x3x3xi32>
  return %0 : tensor<1x1x3x3xi32>
}

//===----------------------------------------------------------------------===//
// kiln.avg_pool2d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @avg_pool2d_defaults
func.func @avg_pool2d_defaults(%x: tensor<1x8x6x6xf32>) -> tensor<1x8x3x3xf32> {
  // CHECK: kiln.avg_pool2d %{{.*}} {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x8x6x6xf32>) -> tensor<1x8x3x3xf32>
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, count_include_pad = false} : (tensor<1x8x6x6xf32>) -> tensor<1x8x3x3xf32>
  return %0 : tensor<1x8x3x3xf32>
}

// CHECK-LABEL: func @avg_pool2d_all_attributes
func.func @avg_pool2d_all_attributes(%x: tensor<1x8x7x7xbf16>) -> tensor<1x8x4x4xbf16> {
  // CHECK: kiln.avg_pool2d %{{.*}} {ceil_mode = true, count_include_pad = true, dilations = array<i64: 1, 2>, kernel = array<i64: 3, 2>, padding = array<i64: 1, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x8x7x7xbf16>) -> tensor<1x8x4x4xbf16>
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 3, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 2>, padding = array<i64: 1, 0, 1, 1>, ceil_mode = true, count_include_pad = true} : (tensor<1x8x7x7xbf16>) -> tensor<1x8x4x4xbf16>
  return %0 : tensor<1x8x4x4xbf16>
}

// CHECK-LABEL: func @avg_pool2d_f64
func.func @avg_pool2d_f64(%x: tensor<0x3x4x4xf64>) -> tensor<0x3x1x1xf64> {
  // CHECK: kiln.avg_pool2d %{{.*}} {kernel = array<i64: 4, 4>} : (tensor<0x3x4x4xf64>) -> tensor<0x3x1x1xf64>
  %0 = kiln.avg_pool2d %x {kernel = array<i64: 4, 4>} : (tensor<0x3x4x4xf64>) -> tensor<0x3x1x1xf64>
  return %0 : tensor<0x3x1x1xf64>
}

//===----------------------------------------------------------------------===//
// kiln.global_avg_pool / kiln.global_max_pool
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @global_avg_pool_2d
func.func @global_avg_pool_2d(%x: tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32> {
  // CHECK: kiln.global_avg_pool %{{.*}} : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
  %0 = kiln.global_avg_pool %x : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
  return %0 : tensor<1x512x1x1xf32>
}

// CHECK-LABEL: func @global_avg_pool_1d_3d
func.func @global_avg_pool_1d_3d(%x: tensor<2x16x9xf16>, %y: tensor<2x4x3x5x6xf32>) -> (tensor<2x16x1xf16>, tensor<2x4x1x1x1xf32>) {
  // CHECK: kiln.global_avg_pool %{{.*}} : (tensor<2x16x9xf16>) -> tensor<2x16x1xf16>
  %0 = kiln.global_avg_pool %x : (tensor<2x16x9xf16>) -> tensor<2x16x1xf16>
  // CHECK: kiln.global_avg_pool %{{.*}} : (tensor<2x4x3x5x6xf32>) -> tensor<2x4x1x1x1xf32>
  %1 = kiln.global_avg_pool %y : (tensor<2x4x3x5x6xf32>) -> tensor<2x4x1x1x1xf32>
  return %0, %1 : tensor<2x16x1xf16>, tensor<2x4x1x1x1xf32>
}

// CHECK-LABEL: func @global_max_pool_float_and_int
func.func @global_max_pool_float_and_int(%x: tensor<1x64x8x8xf32>, %y: tensor<3x2x5xi64>) -> (tensor<1x64x1x1xf32>, tensor<3x2x1xi64>) {
  // CHECK: kiln.global_max_pool %{{.*}} : (tensor<1x64x8x8xf32>) -> tensor<1x64x1x1xf32>
  %0 = kiln.global_max_pool %x : (tensor<1x64x8x8xf32>) -> tensor<1x64x1x1xf32>
  // CHECK: kiln.global_max_pool %{{.*}} : (tensor<3x2x5xi64>) -> tensor<3x2x1xi64>
  %1 = kiln.global_max_pool %y : (tensor<3x2x5xi64>) -> tensor<3x2x1xi64>
  return %0, %1 : tensor<1x64x1x1xf32>, tensor<3x2x1xi64>
}

//===----------------------------------------------------------------------===//
// kiln.reduce_mean / kiln.reduce_sum / kiln.reduce_max
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @reduce_mean_defaults
func.func @reduce_mean_defaults(%x: tensor<2x8x16xf32>) -> tensor<1x1x1xf32> {
  // CHECK: kiln.reduce_mean %{{.*}} : (tensor<2x8x16xf32>) -> tensor<1x1x1xf32>
  %0 = kiln.reduce_mean %x : (tensor<2x8x16xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// CHECK-LABEL: func @reduce_mean_explicit_defaults
func.func @reduce_mean_explicit_defaults(%x: tensor<2x8x16xf32>) -> tensor<1x1x1xf32> {
  // CHECK: kiln.reduce_mean %{{.*}} : (tensor<2x8x16xf32>) -> tensor<1x1x1xf32>
  %0 = kiln.reduce_mean %x {axes = array<i64>, keep_dims = true} : (tensor<2x8x16xf32>) -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}

// CHECK-LABEL: func @reduce_mean_negative_axis_drop
func.func @reduce_mean_negative_axis_drop(%x: tensor<2x8x16xf32>) -> tensor<2x8xf32> {
  // CHECK: kiln.reduce_mean %{{.*}} {axes = array<i64: -1>, keep_dims = false} : (tensor<2x8x16xf32>) -> tensor<2x8xf32>
  %0 = kiln.reduce_mean %x {axes = array<i64: -1>, keep_dims = false} : (tensor<2x8x16xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// CHECK-LABEL: func @reduce_mean_int
func.func @reduce_mean_int(%x: tensor<4x6xi32>) -> tensor<4x1xi32> {
  // CHECK: kiln.reduce_mean %{{.*}} {axes = array<i64: 1>} : (tensor<4x6xi32>) -> tensor<4x1xi32>
  %0 = kiln.reduce_mean %x {axes = array<i64: 1>} : (tensor<4x6xi32>) -> tensor<4x1xi32>
  return %0 : tensor<4x1xi32>
}

// CHECK-LABEL: func @reduce_sum_axes
func.func @reduce_sum_axes(%x: tensor<2x3x4x5xf16>) -> (tensor<2x1x4x1xf16>, tensor<2x4xf16>) {
  // CHECK: kiln.reduce_sum %{{.*}} {axes = array<i64: 3, 1>} : (tensor<2x3x4x5xf16>) -> tensor<2x1x4x1xf16>
  %0 = kiln.reduce_sum %x {axes = array<i64: 3, 1>} : (tensor<2x3x4x5xf16>) -> tensor<2x1x4x1xf16>
  // CHECK: kiln.reduce_sum %{{.*}} {axes = array<i64: -3, 3>, keep_dims = false} : (tensor<2x3x4x5xf16>) -> tensor<2x4xf16>
  %1 = kiln.reduce_sum %x {axes = array<i64: -3, 3>, keep_dims = false} : (tensor<2x3x4x5xf16>) -> tensor<2x4xf16>
  return %0, %1 : tensor<2x1x4x1xf16>, tensor<2x4xf16>
}

// CHECK-LABEL: func @reduce_sum_all_to_scalar
func.func @reduce_sum_all_to_scalar(%x: tensor<3x4xi64>) -> tensor<i64> {
  // CHECK: kiln.reduce_sum %{{.*}} {keep_dims = false} : (tensor<3x4xi64>) -> tensor<i64>
  %0 = kiln.reduce_sum %x {keep_dims = false} : (tensor<3x4xi64>) -> tensor<i64>
  return %0 : tensor<i64>
}

// CHECK-LABEL: func @reduce_sum_rank0
func.func @reduce_sum_rank0(%x: tensor<f32>) -> tensor<f32> {
  // CHECK: kiln.reduce_sum %{{.*}} : (tensor<f32>) -> tensor<f32>
  %0 = kiln.reduce_sum %x : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func @reduce_max_float
func.func @reduce_max_float(%x: tensor<2x8x16xbf16>) -> tensor<2x1x16xbf16> {
  // CHECK: kiln.reduce_max %{{.*}} {axes = array<i64: -2>} : (tensor<2x8x16xbf16>) -> tensor<2x1x16xbf16>
  %0 = kiln.reduce_max %x {axes = array<i64: -2>} : (tensor<2x8x16xbf16>) -> tensor<2x1x16xbf16>
  return %0 : tensor<2x1x16xbf16>
}

// CHECK-LABEL: func @reduce_max_int
func.func @reduce_max_int(%x: tensor<5x7xi8>) -> tensor<7xi8> {
  // CHECK: kiln.reduce_max %{{.*}} {axes = array<i64: 0>, keep_dims = false} : (tensor<5x7xi8>) -> tensor<7xi8>
  %0 = kiln.reduce_max %x {axes = array<i64: 0>, keep_dims = false} : (tensor<5x7xi8>) -> tensor<7xi8>
  return %0 : tensor<7xi8>
}

//===----------------------------------------------------------------------===//
// Shuffles and resampling
//===----------------------------------------------------------------------===//

// Round trip of the shuffle and resampling ops, in custom and generic form.

// CHECK-LABEL: func @channel_shuffle_nchw
func.func @channel_shuffle_nchw(%x: tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32> {
  // CHECK: kiln.channel_shuffle %{{.*}} {groups = 3 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32>
  %0 = kiln.channel_shuffle %x {groups = 3 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x12x4x4xf32>
  return %0 : tensor<1x12x4x4xf32>
}

// CHECK-LABEL: func @channel_shuffle_rank2_i8
func.func @channel_shuffle_rank2_i8(%x: tensor<2x6xi8>) -> tensor<2x6xi8> {
  // CHECK: kiln.channel_shuffle %{{.*}} {groups = 2 : i64} : (tensor<2x6xi8>) -> tensor<2x6xi8>
  %0 = kiln.channel_shuffle %x {groups = 2 : i64} : (tensor<2x6xi8>) -> tensor<2x6xi8>
  return %0 : tensor<2x6xi8>
}

// CHECK-LABEL: func @pixel_shuffle_default_crd
func.func @pixel_shuffle_default_crd(%x: tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // CHECK: kiln.pixel_shuffle %{{.*}} {upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  %0 = kiln.pixel_shuffle %x {upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// The default order prints like an absent one.
// CHECK-LABEL: func @pixel_shuffle_explicit_crd
func.func @pixel_shuffle_explicit_crd(%x: tensor<2x18x2x3xf16>) -> tensor<2x2x6x9xf16> {
  // CHECK: kiln.pixel_shuffle %{{.*}} {upscale_factor = 3 : i64} : (tensor<2x18x2x3xf16>) -> tensor<2x2x6x9xf16>
  %0 = kiln.pixel_shuffle %x {order = #kiln.pixel_shuffle_order<crd>, upscale_factor = 3 : i64} : (tensor<2x18x2x3xf16>) -> tensor<2x2x6x9xf16>
  return %0 : tensor<2x2x6x9xf16>
}

// CHECK-LABEL: func @pixel_shuffle_dcr
func.func @pixel_shuffle_dcr(%x: tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // CHECK: kiln.pixel_shuffle %{{.*}} {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  %0 = kiln.pixel_shuffle %x {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// CHECK-LABEL: func @pixel_unshuffle_default_crd
func.func @pixel_unshuffle_default_crd(%x: tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32> {
  // CHECK: kiln.pixel_unshuffle %{{.*}} {downscale_factor = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x12x4x4xf32>
  return %0 : tensor<1x12x4x4xf32>
}

// CHECK-LABEL: func @pixel_unshuffle_dcr
func.func @pixel_unshuffle_dcr(%x: tensor<2x2x6x9xi32>) -> tensor<2x18x2x3xi32> {
  // CHECK: kiln.pixel_unshuffle %{{.*}} {downscale_factor = 3 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<2x2x6x9xi32>) -> tensor<2x18x2x3xi32>
  %0 = kiln.pixel_unshuffle %x {downscale_factor = 3 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<2x2x6x9xi32>) -> tensor<2x18x2x3xi32>
  return %0 : tensor<2x18x2x3xi32>
}

// Only `sizes`: nearest, half_pixel, round_prefer_floor, a = -0.75, no exclude_outside.
// CHECK-LABEL: func @resize_defaults
func.func @resize_defaults(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x12xf32> {
  // CHECK: kiln.resize %{{.*}} {sizes = array<i64: 1, 3, 16, 12>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x12xf32>
  %0 = kiln.resize %x {sizes = array<i64: 1, 3, 16, 12>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x12xf32>
  return %0 : tensor<1x3x16x12xf32>
}

// Defaults written out print like absent ones.
// CHECK-LABEL: func @resize_explicit_defaults
func.func @resize_explicit_defaults(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // CHECK: kiln.resize %{{.*}} {sizes = array<i64: 1, 3, 4, 4>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<half_pixel>, cubic_coeff_a = -0.75, exclude_outside = false, mode = #kiln.resize_mode<nearest>, nearest_mode = #kiln.nearest_mode<round_prefer_floor>, sizes = array<i64: 1, 3, 4, 4>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// CHECK-LABEL: func @resize_nearest_round_prefer_ceil_pytorch_half_pixel
func.func @resize_nearest_round_prefer_ceil_pytorch_half_pixel(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x1x20xf32> {
  // CHECK: kiln.resize %{{.*}} {coordinate_transform = #kiln.coordinate_transform<pytorch_half_pixel>, nearest_mode = #kiln.nearest_mode<round_prefer_ceil>, sizes = array<i64: 1, 3, 1, 20>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x1x20xf32>
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<pytorch_half_pixel>, nearest_mode = #kiln.nearest_mode<round_prefer_ceil>, sizes = array<i64: 1, 3, 1, 20>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x1x20xf32>
  return %0 : tensor<1x3x1x20xf32>
}

// CHECK-LABEL: func @resize_nearest_floor_asymmetric_scales
func.func @resize_nearest_floor_asymmetric_scales(%x: tensor<1x3x8x8xi8>) -> tensor<1x3x16x16xi8> {
  // CHECK: kiln.resize %{{.*}} {coordinate_transform = #kiln.coordinate_transform<asymmetric>, nearest_mode = #kiln.nearest_mode<floor>, scales = array<f64: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xi8>) -> tensor<1x3x16x16xi8>
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<asymmetric>, nearest_mode = #kiln.nearest_mode<floor>, scales = array<f64: 1.0, 1.0, 2.0, 2.0>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xi8>) -> tensor<1x3x16x16xi8>
  return %0 : tensor<1x3x16x16xi8>
}

// CHECK-LABEL: func @resize_nearest_ceil_tf_half_pixel_for_nn_i1
func.func @resize_nearest_ceil_tf_half_pixel_for_nn_i1(%x: tensor<2x3xi1>) -> tensor<4x3xi1> {
  // CHECK: kiln.resize %{{.*}} {coordinate_transform = #kiln.coordinate_transform<tf_half_pixel_for_nn>, nearest_mode = #kiln.nearest_mode<ceil>, sizes = array<i64: 4, 3>} : (tensor<2x3xi1>) -> tensor<4x3xi1>
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<tf_half_pixel_for_nn>, nearest_mode = #kiln.nearest_mode<ceil>, sizes = array<i64: 4, 3>} : (tensor<2x3xi1>) -> tensor<4x3xi1>
  return %0 : tensor<4x3xi1>
}

// Non-integer scales: floor(5 * 1.5) = 7, floor(7 * 0.5) = 3.
// CHECK-LABEL: func @resize_linear_align_corners_fractional_scales
func.func @resize_linear_align_corners_fractional_scales(%x: tensor<1x1x5x7xbf16>) -> tensor<1x1x7x3xbf16> {
  // CHECK: kiln.resize %{{.*}} {coordinate_transform = #kiln.coordinate_transform<align_corners>, mode = #kiln.resize_mode<linear>, scales = array<f64: 1.000000e+00, 1.000000e+00, 1.500000e+00, 5.000000e-01>, sizes = array<i64: 1, 1, 7, 3>} : (tensor<1x1x5x7xbf16>) -> tensor<1x1x7x3xbf16>
  %0 = kiln.resize %x {coordinate_transform = #kiln.coordinate_transform<align_corners>, mode = #kiln.resize_mode<linear>, scales = array<f64: 1.0, 1.0, 1.5, 0.5>, sizes = array<i64: 1, 1, 7, 3>} : (tensor<1x1x5x7xbf16>) -> tensor<1x1x7x3xbf16>
  return %0 : tensor<1x1x7x3xbf16>
}

// CHECK-LABEL: func @resize_cubic_exclude_outside
func.func @resize_cubic_exclude_outside(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  // CHECK: kiln.resize %{{.*}} {cubic_coeff_a = -5.000000e-01 : f64, exclude_outside = true, mode = #kiln.resize_mode<cubic>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  %0 = kiln.resize %x {cubic_coeff_a = -0.5, exclude_outside = true, mode = #kiln.resize_mode<cubic>, sizes = array<i64: 1, 3, 16, 16>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// A rank-1 signal; 45 * 1.4 is 62.99999999999999 in double precision and counts as 63.
// CHECK-LABEL: func @resize_rank1_rounding
func.func @resize_rank1_rounding(%x: tensor<45xf64>) -> tensor<63xf64> {
  // CHECK: kiln.resize %{{.*}} {mode = #kiln.resize_mode<linear>, scales = array<f64: 1.400000e+00>, sizes = array<i64: 63>} : (tensor<45xf64>) -> tensor<63xf64>
  %0 = kiln.resize %x {mode = #kiln.resize_mode<linear>, scales = array<f64: 1.4>, sizes = array<i64: 63>} : (tensor<45xf64>) -> tensor<63xf64>
  return %0 : tensor<63xf64>
}

//===----------------------------------------------------------------------===//
// Rotary embedding and attention
//===----------------------------------------------------------------------===//

// Round trip of kiln.rope, kiln.attention and the #kiln.rope attribute.

//===----------------------------------------------------------------------===//
// kiln.rope
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @rope_default
func.func @rope_default(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // CHECK: kiln.rope %{{.*}} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  %0 = kiln.rope %x : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// Explicit defaults are elided when printed.
// CHECK-LABEL: func @rope_explicit_defaults
func.func @rope_explicit_defaults(%x: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // CHECK: kiln.rope %{{.*}} : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  %0 = kiln.rope %x {layout = #kiln.sequence_layout<bhsd>, pairing = #kiln.rope_pairing<half>, theta = 10000.0, position_offset = 0}
      : (tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// CHECK-LABEL: func @rope_interleaved_partial
func.func @rope_interleaved_partial(%x: tensor<2x8x32x64xbf16>) -> tensor<2x8x32x64xbf16> {
  // CHECK: kiln.rope %{{.*}} {pairing = #kiln.rope_pairing<interleaved>, position_offset = 5 : i64, rotary_dim = 32 : i64, theta = 5.000000e+05 : f64} : (tensor<2x8x32x64xbf16>) -> tensor<2x8x32x64xbf16>
  %0 = kiln.rope %x {pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 32, theta = 5.0e5, position_offset = 5}
      : (tensor<2x8x32x64xbf16>) -> tensor<2x8x32x64xbf16>
  return %0 : tensor<2x8x32x64xbf16>
}

// The smallest rotary dimension.
// CHECK-LABEL: func @rope_rotary_dim_2
func.func @rope_rotary_dim_2(%x: tensor<1x1x3x5xf16>) -> tensor<1x1x3x5xf16> {
  // CHECK: kiln.rope %{{.*}} {rotary_dim = 2 : i64} : (tensor<1x1x3x5xf16>) -> tensor<1x1x3x5xf16>
  %0 = kiln.rope %x {rotary_dim = 2} : (tensor<1x1x3x5xf16>) -> tensor<1x1x3x5xf16>
  return %0 : tensor<1x1x3x5xf16>
}

// [B, S, H, D]: S = 8.
// CHECK-LABEL: func @rope_bshd
func.func @rope_bshd(%x: tensor<1x8x4x16xf32>) -> tensor<1x8x4x16xf32> {
  // CHECK: kiln.rope %{{.*}} {layout = #kiln.sequence_layout<bshd>} : (tensor<1x8x4x16xf32>) -> tensor<1x8x4x16xf32>
  %0 = kiln.rope %x {layout = #kiln.sequence_layout<bshd>} : (tensor<1x8x4x16xf32>) -> tensor<1x8x4x16xf32>
  return %0 : tensor<1x8x4x16xf32>
}

// Tables [S, r/2] with another float element type than the input.
// CHECK-LABEL: func @rope_tables
func.func @rope_tables(%x: tensor<1x4x8x16xbf16>, %cos: tensor<8x8xf32>, %sin: tensor<8x8xf32>) -> tensor<1x4x8x16xbf16> {
  // CHECK: kiln.rope %{{.*}} tables(%{{.*}}, %{{.*}}) : (tensor<1x4x8x16xbf16>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xbf16>
  %0 = kiln.rope %x tables(%cos, %sin) : (tensor<1x4x8x16xbf16>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8x16xbf16>
  return %0 : tensor<1x4x8x16xbf16>
}

// Tables with partial rotary and bshd: [S, r/2] = [8, 4].
// CHECK-LABEL: func @rope_tables_bshd_partial
func.func @rope_tables_bshd_partial(%x: tensor<1x8x4x16xf32>, %cos: tensor<8x4xf32>, %sin: tensor<8x4xf32>) -> tensor<1x8x4x16xf32> {
  // CHECK: kiln.rope %{{.*}} tables(%{{.*}}, %{{.*}}) {layout = #kiln.sequence_layout<bshd>, pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 8 : i64} : (tensor<1x8x4x16xf32>, tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<1x8x4x16xf32>
  %0 = kiln.rope %x tables(%cos, %sin) {layout = #kiln.sequence_layout<bshd>, pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 8}
      : (tensor<1x8x4x16xf32>, tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<1x8x4x16xf32>
  return %0 : tensor<1x8x4x16xf32>
}

//===----------------------------------------------------------------------===//
// #kiln.rope
//===----------------------------------------------------------------------===//

// Parameters equal to their default are omitted when printed; the rest print
// in declaration order whatever order they were written in.
// CHECK-LABEL: func @rope_attr
// CHECK-SAME: a = #kiln.rope<>
// CHECK-SAME: b = #kiln.rope<>
// CHECK-SAME: c = #kiln.rope<pairing = interleaved, rotary_dim = 64, theta = 5.000000e+05, position_offset = 3>
// CHECK-SAME: d = #kiln.rope<rotary_dim = 2>
// CHECK-SAME: e = #kiln.rope<theta = 1.000050e+04>
// CHECK-SAME: f = #kiln.rope<position_offset = 1024>
func.func @rope_attr() attributes {
    a = #kiln.rope<>,
    b = #kiln.rope<pairing = half, theta = 10000.0, position_offset = 0>,
    c = #kiln.rope<position_offset = 3, theta = 5.0e5, rotary_dim = 64, pairing = interleaved>,
    d = #kiln.rope<rotary_dim = 2>,
    e = #kiln.rope<theta = 10000.5>,
    f = #kiln.rope<position_offset = 1024>} {
  return
}

//===----------------------------------------------------------------------===//
// kiln.attention
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @attention_plain
func.func @attention_plain(%q: tensor<2x8x16x64xf32>, %k: tensor<2x8x16x64xf32>, %v: tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  %0 = kiln.attention %q, %k, %v : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// The explicit default layout is elided.
// CHECK-LABEL: func @attention_explicit_layout
func.func @attention_explicit_layout(%q: tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  %0 = kiln.attention %q, %q, %q {layout = #kiln.sequence_layout<bhsd>} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// Grouped-query heads (Hq = 8, Hkv = 2), Sq != Skv, Dv != D, causal, scale.
// CHECK-LABEL: func @attention_gqa_causal
func.func @attention_gqa_causal(%q: tensor<1x8x4x64xf16>, %k: tensor<1x2x16x64xf16>, %v: tensor<1x2x16x32xf16>) -> tensor<1x8x4x32xf16> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {causal, scale = 1.250000e-01 : f64} : (tensor<1x8x4x64xf16>, tensor<1x2x16x64xf16>, tensor<1x2x16x32xf16>) -> tensor<1x8x4x32xf16>
  %0 = kiln.attention %q, %k, %v {causal, scale = 0.125}
      : (tensor<1x8x4x64xf16>, tensor<1x2x16x64xf16>, tensor<1x2x16x32xf16>) -> tensor<1x8x4x32xf16>
  return %0 : tensor<1x8x4x32xf16>
}

// Multi-query (Hkv = 1) with a full mask [B, Hq, Sq, Skv].
// CHECK-LABEL: func @attention_mqa_mask
func.func @attention_mqa_mask(%q: tensor<2x4x8x16xf32>, %k: tensor<2x1x8x16xf32>, %v: tensor<2x1x8x16xf32>, %m: tensor<2x4x8x8xf32>) -> tensor<2x4x8x16xf32> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}}) : (tensor<2x4x8x16xf32>, tensor<2x1x8x16xf32>, tensor<2x1x8x16xf32>, tensor<2x4x8x8xf32>) -> tensor<2x4x8x16xf32>
  %0 = kiln.attention %q, %k, %v mask(%m)
      : (tensor<2x4x8x16xf32>, tensor<2x1x8x16xf32>, tensor<2x1x8x16xf32>, tensor<2x4x8x8xf32>) -> tensor<2x4x8x16xf32>
  return %0 : tensor<2x4x8x16xf32>
}

// A broadcasting mask of lower rank and another float element type.
// CHECK-LABEL: func @attention_mask_broadcast
func.func @attention_mask_broadcast(%q: tensor<2x4x8x16xbf16>, %m: tensor<1x8xf32>) -> tensor<2x4x8x16xbf16> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}}) {causal} : (tensor<2x4x8x16xbf16>, tensor<2x4x8x16xbf16>, tensor<2x4x8x16xbf16>, tensor<1x8xf32>) -> tensor<2x4x8x16xbf16>
  %0 = kiln.attention %q, %q, %q mask(%m) {causal}
      : (tensor<2x4x8x16xbf16>, tensor<2x4x8x16xbf16>, tensor<2x4x8x16xbf16>, tensor<1x8xf32>) -> tensor<2x4x8x16xbf16>
  return %0 : tensor<2x4x8x16xbf16>
}

// [B, S, H, D] operands and result, with GQA and Sq != Skv.
// CHECK-LABEL: func @attention_bshd
func.func @attention_bshd(%q: tensor<1x4x8x64xf32>, %k: tensor<1x16x2x64xf32>, %v: tensor<1x16x2x32xf32>, %m: tensor<1x8x4x16xf32>) -> tensor<1x4x8x32xf32> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}}) {layout = #kiln.sequence_layout<bshd>} : (tensor<1x4x8x64xf32>, tensor<1x16x2x64xf32>, tensor<1x16x2x32xf32>, tensor<1x8x4x16xf32>) -> tensor<1x4x8x32xf32>
  %0 = kiln.attention %q, %k, %v mask(%m) {layout = #kiln.sequence_layout<bshd>}
      : (tensor<1x4x8x64xf32>, tensor<1x16x2x64xf32>, tensor<1x16x2x32xf32>, tensor<1x8x4x16xf32>) -> tensor<1x4x8x32xf32>
  return %0 : tensor<1x4x8x32xf32>
}

// Fused RoPE from theta, with every parameter at its default.
// CHECK-LABEL: func @attention_rope_default
func.func @attention_rope_default(%q: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {causal, rope = #kiln.rope<>} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  %0 = kiln.attention %q, %q, %q {causal, rope = #kiln.rope<>}
      : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// Fused RoPE from theta with every parameter set.
// CHECK-LABEL: func @attention_rope_params
func.func @attention_rope_params(%q: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} {rope = #kiln.rope<pairing = interleaved, rotary_dim = 8, theta = 5.000000e+05, position_offset = 12>} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  %0 = kiln.attention %q, %q, %q {rope = #kiln.rope<pairing = interleaved, rotary_dim = 8, theta = 5.0e5, position_offset = 12>}
      : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// Fused RoPE from tables [T, r/2] with T = max(Sq, Skv) = 16, plus every
// other optional operand and attribute.
// CHECK-LABEL: func @attention_everything
func.func @attention_everything(%q: tensor<1x8x4x64xbf16>, %k: tensor<1x16x2x64xbf16>, %v: tensor<1x16x2x64xbf16>,
                                %m: tensor<1x1x8x16xbf16>, %cos: tensor<16x16xf32>, %sin: tensor<16x16xf32>) -> tensor<1x8x4x64xbf16> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}}) rope_tables(%{{.*}}, %{{.*}}) {causal, layout = #kiln.sequence_layout<bshd>, rope = #kiln.rope<rotary_dim = 32>, scale = 1.250000e-01 : f64} : (tensor<1x8x4x64xbf16>, tensor<1x16x2x64xbf16>, tensor<1x16x2x64xbf16>, tensor<1x1x8x16xbf16>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x8x4x64xbf16>
  %0 = kiln.attention %q, %k, %v mask(%m) rope_tables(%cos, %sin)
      {causal, layout = #kiln.sequence_layout<bshd>, rope = #kiln.rope<rotary_dim = 32>, scale = 0.125}
      : (tensor<1x8x4x64xbf16>, tensor<1x16x2x64xbf16>, tensor<1x16x2x64xbf16>, tensor<1x1x8x16xbf16>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x8x4x64xbf16>
  return %0 : tensor<1x8x4x64xbf16>
}

// Tables longer than max(Sq, Skv) are fine (the first rows are used).
// CHECK-LABEL: func @attention_rope_long_tables
func.func @attention_rope_long_tables(%q: tensor<1x4x8x16xf32>, %cos: tensor<32x8xf32>, %sin: tensor<32x8xf32>) -> tensor<1x4x8x16xf32> {
  // CHECK: kiln.attention %{{.*}}, %{{.*}}, %{{.*}} rope_tables(%{{.*}}, %{{.*}}) {rope = #kiln.rope<pairing = interleaved>} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<32x8xf32>, tensor<32x8xf32>) -> tensor<1x4x8x16xf32>
  %0 = kiln.attention %q, %q, %q rope_tables(%cos, %sin) {rope = #kiln.rope<pairing = interleaved>}
      : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<32x8xf32>, tensor<32x8xf32>) -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

//===----------------------------------------------------------------------===//
// Constants and tensor plumbing
//===----------------------------------------------------------------------===//

// Round trip of kiln.constant and the tensor plumbing ops.

// CHECK-LABEL: func @constant_dense
func.func @constant_dense() -> (tensor<2x2xf32>, tensor<3xi64>) {
  // CHECK: kiln.constant dense<{{\[}}[1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
  %0 = kiln.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  // CHECK: kiln.constant dense<7> : tensor<3xi64>
  %1 = kiln.constant dense<7> : tensor<3xi64>
  return %0, %1 : tensor<2x2xf32>, tensor<3xi64>
}

// CHECK-LABEL: func @constant_resource
func.func @constant_resource() -> tensor<2xf32> {
  // CHECK: kiln.constant dense_resource<blob> : tensor<2xf32>
  %0 = kiln.constant dense_resource<blob> : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// CHECK-LABEL: func @reshape
func.func @reshape(%x: tensor<6x4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: kiln.reshape %{{.*}} {shape = array<i64: 2, 3, 4>} : (tensor<6x4xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.reshape %x {shape = array<i64: 2, 3, 4>} : (tensor<6x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func @reshape_scalar
func.func @reshape_scalar(%x: tensor<1x1xi64>) -> tensor<i64> {
  // CHECK: kiln.reshape %{{.*}} {shape = array<i64>} : (tensor<1x1xi64>) -> tensor<i64>
  %0 = kiln.reshape %x {shape = array<i64>} : (tensor<1x1xi64>) -> tensor<i64>
  return %0 : tensor<i64>
}

// CHECK-LABEL: func @reshape_empty
func.func @reshape_empty(%x: tensor<0x4xf32>) -> tensor<2x0xf32> {
  // CHECK: kiln.reshape %{{.*}} {shape = array<i64: 2, 0>} : (tensor<0x4xf32>) -> tensor<2x0xf32>
  %0 = kiln.reshape %x {shape = array<i64: 2, 0>} : (tensor<0x4xf32>) -> tensor<2x0xf32>
  return %0 : tensor<2x0xf32>
}

// CHECK-LABEL: func @flatten_default
func.func @flatten_default(%x: tensor<2x3x4x5xf32>) -> tensor<2x60xf32> {
  // CHECK: kiln.flatten %{{.*}} : (tensor<2x3x4x5xf32>) -> tensor<2x60xf32>
  %0 = kiln.flatten %x : (tensor<2x3x4x5xf32>) -> tensor<2x60xf32>
  return %0 : tensor<2x60xf32>
}

// CHECK-LABEL: func @flatten_axis
func.func @flatten_axis(%x: tensor<2x3x4x5xf32>) -> (tensor<24x5xf32>, tensor<1x120xf32>, tensor<120x1xf32>) {
  // CHECK: kiln.flatten %{{.*}} {axis = 3 : i64} : (tensor<2x3x4x5xf32>) -> tensor<24x5xf32>
  %0 = kiln.flatten %x {axis = 3 : i64} : (tensor<2x3x4x5xf32>) -> tensor<24x5xf32>
  // CHECK: kiln.flatten %{{.*}} {axis = 0 : i64} : (tensor<2x3x4x5xf32>) -> tensor<1x120xf32>
  %1 = kiln.flatten %x {axis = 0 : i64} : (tensor<2x3x4x5xf32>) -> tensor<1x120xf32>
  // CHECK: kiln.flatten %{{.*}} {axis = 4 : i64} : (tensor<2x3x4x5xf32>) -> tensor<120x1xf32>
  %2 = kiln.flatten %x {axis = 4 : i64} : (tensor<2x3x4x5xf32>) -> tensor<120x1xf32>
  return %0, %1, %2 : tensor<24x5xf32>, tensor<1x120xf32>, tensor<120x1xf32>
}

// CHECK-LABEL: func @squeeze_axes
func.func @squeeze_axes(%x: tensor<1x3x4x1xf32>) -> tensor<3x4xf32> {
  // CHECK: kiln.squeeze %{{.*}} {axes = array<i64: 0, -1>} : (tensor<1x3x4x1xf32>) -> tensor<3x4xf32>
  %0 = kiln.squeeze %x {axes = array<i64: 0, -1>} : (tensor<1x3x4x1xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// CHECK-LABEL: func @squeeze_all
func.func @squeeze_all(%x: tensor<1x3x1x4x1xbf16>) -> tensor<3x4xbf16> {
  // CHECK: kiln.squeeze %{{.*}} : (tensor<1x3x1x4x1xbf16>) -> tensor<3x4xbf16>
  %0 = kiln.squeeze %x : (tensor<1x3x1x4x1xbf16>) -> tensor<3x4xbf16>
  return %0 : tensor<3x4xbf16>
}

// CHECK-LABEL: func @unsqueeze
func.func @unsqueeze(%x: tensor<3x4xf32>) -> (tensor<1x3x4x1xf32>, tensor<3x1x4xf32>) {
  // CHECK: kiln.unsqueeze %{{.*}} {axes = array<i64: 0, 3>} : (tensor<3x4xf32>) -> tensor<1x3x4x1xf32>
  %0 = kiln.unsqueeze %x {axes = array<i64: 0, 3>} : (tensor<3x4xf32>) -> tensor<1x3x4x1xf32>
  // CHECK: kiln.unsqueeze %{{.*}} {axes = array<i64: -2>} : (tensor<3x4xf32>) -> tensor<3x1x4xf32>
  %1 = kiln.unsqueeze %x {axes = array<i64: -2>} : (tensor<3x4xf32>) -> tensor<3x1x4xf32>
  return %0, %1 : tensor<1x3x4x1xf32>, tensor<3x1x4xf32>
}

// CHECK-LABEL: func @unsqueeze_scalar
func.func @unsqueeze_scalar(%x: tensor<i32>) -> tensor<1xi32> {
  // CHECK: kiln.unsqueeze %{{.*}} {axes = array<i64: 0>} : (tensor<i32>) -> tensor<1xi32>
  %0 = kiln.unsqueeze %x {axes = array<i64: 0>} : (tensor<i32>) -> tensor<1xi32>
  return %0 : tensor<1xi32>
}

// CHECK-LABEL: func @transpose
func.func @transpose(%x: tensor<1x3x8x16xf32>) -> tensor<1x8x16x3xf32> {
  // CHECK: kiln.transpose %{{.*}} {permutation = array<i64: 0, 2, 3, 1>} : (tensor<1x3x8x16xf32>) -> tensor<1x8x16x3xf32>
  %0 = kiln.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : (tensor<1x3x8x16xf32>) -> tensor<1x8x16x3xf32>
  return %0 : tensor<1x8x16x3xf32>
}

// CHECK-LABEL: func @expand
func.func @expand(%x: tensor<3x1xf32>) -> (tensor<2x3x4xf32>, tensor<3x5xf32>) {
  // CHECK: kiln.expand %{{.*}} {shape = array<i64: 2, 1, 4>} : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  %0 = kiln.expand %x {shape = array<i64: 2, 1, 4>} : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // A shape shorter than the input.
  // CHECK: kiln.expand %{{.*}} {shape = array<i64: 5>} : (tensor<3x1xf32>) -> tensor<3x5xf32>
  %1 = kiln.expand %x {shape = array<i64: 5>} : (tensor<3x1xf32>) -> tensor<3x5xf32>
  return %0, %1 : tensor<2x3x4xf32>, tensor<3x5xf32>
}

// CHECK-LABEL: func @concat
func.func @concat(%a: tensor<1x16x8x8xf32>, %b: tensor<1x32x8x8xf32>) -> tensor<1x48x8x8xf32> {
  // CHECK: kiln.concat %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<1x16x8x8xf32>, tensor<1x32x8x8xf32>) -> tensor<1x48x8x8xf32>
  %0 = kiln.concat %a, %b {axis = 1 : i64} : (tensor<1x16x8x8xf32>, tensor<1x32x8x8xf32>) -> tensor<1x48x8x8xf32>
  return %0 : tensor<1x48x8x8xf32>
}

// CHECK-LABEL: func @concat_default_axis
func.func @concat_default_axis(%a: tensor<2x3xi64>, %b: tensor<4x3xi64>, %c: tensor<1x3xi64>) -> tensor<7x3xi64> {
  // CHECK: kiln.concat %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x3xi64>, tensor<4x3xi64>, tensor<1x3xi64>) -> tensor<7x3xi64>
  %0 = kiln.concat %a, %b, %c : (tensor<2x3xi64>, tensor<4x3xi64>, tensor<1x3xi64>) -> tensor<7x3xi64>
  return %0 : tensor<7x3xi64>
}

// CHECK-LABEL: func @concat_negative_axis
func.func @concat_negative_axis(%a: tensor<2x3xf16>) -> tensor<2x6xf16> {
  // CHECK: kiln.concat %{{.*}}, %{{.*}} {axis = -1 : i64} : (tensor<2x3xf16>, tensor<2x3xf16>) -> tensor<2x6xf16>
  %0 = kiln.concat %a, %a {axis = -1 : i64} : (tensor<2x3xf16>, tensor<2x3xf16>) -> tensor<2x6xf16>
  return %0 : tensor<2x6xf16>
}

// CHECK-LABEL: func @split
func.func @split(%x: tensor<1x64x8x8xf32>) -> (tensor<1x16x8x8xf32>, tensor<1x48x8x8xf32>) {
  // CHECK: kiln.split %{{.*}} {axis = 1 : i64, sizes = array<i64: 16, 48>} : (tensor<1x64x8x8xf32>) -> (tensor<1x16x8x8xf32>, tensor<1x48x8x8xf32>)
  %0:2 = kiln.split %x {axis = 1 : i64, sizes = array<i64: 16, 48>} : (tensor<1x64x8x8xf32>) -> (tensor<1x16x8x8xf32>, tensor<1x48x8x8xf32>)
  return %0#0, %0#1 : tensor<1x16x8x8xf32>, tensor<1x48x8x8xf32>
}

// CHECK-LABEL: func @split_default_axis
func.func @split_default_axis(%x: tensor<6x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) {
  // CHECK: kiln.split %{{.*}} {sizes = array<i64: 2, 2, 2>} : (tensor<6x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>)
  %0:3 = kiln.split %x {sizes = array<i64: 2, 2, 2>} : (tensor<6x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>
}

// CHECK-LABEL: func @split_negative_axis
func.func @split_negative_axis(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  // CHECK: kiln.split %{{.*}} {axis = -1 : i64, sizes = array<i64: 5>} : (tensor<2x5xf32>) -> tensor<2x5xf32>
  %0 = kiln.split %x {axis = -1 : i64, sizes = array<i64: 5>} : (tensor<2x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// CHECK-LABEL: func @slice
func.func @slice(%x: tensor<5x8xf32>) -> tensor<2x8xf32> {
  // Rows 0 and 2 (4 is the end), all columns reversed (end -1 = through 0).
  // CHECK: kiln.slice %{{.*}} {ends = array<i64: 4, -1>, starts = array<i64: 0, 7>, steps = array<i64: 2, -1>} : (tensor<5x8xf32>) -> tensor<2x8xf32>
  %0 = kiln.slice %x {starts = array<i64: 0, 7>, ends = array<i64: 4, -1>, steps = array<i64: 2, -1>} : (tensor<5x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// CHECK-LABEL: func @slice_sizes
func.func @slice_sizes(%x: tensor<10x10x10xf32>) -> tensor<3x0x4xf32> {
  // ceil((8 - 1) / 3) = 3 (1, 4, 7), an empty range, ceil((1 - 9) / -2) = 4 (9, 7, 5, 3).
  // CHECK: kiln.slice %{{.*}} {ends = array<i64: 8, 4, 1>, starts = array<i64: 1, 4, 9>, steps = array<i64: 3, 1, -2>} : (tensor<10x10x10xf32>) -> tensor<3x0x4xf32>
  %0 = kiln.slice %x {starts = array<i64: 1, 4, 9>, ends = array<i64: 8, 4, 1>, steps = array<i64: 3, 1, -2>} : (tensor<10x10x10xf32>) -> tensor<3x0x4xf32>
  return %0 : tensor<3x0x4xf32>
}

// CHECK-LABEL: func @pad_constant
func.func @pad_constant(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x11x10xf32> {
  // CHECK: kiln.pad %{{.*}} {pads = array<i64: 0, 0, 1, 2, 0, 0, 2, 0>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x11x10xf32>
  %0 = kiln.pad %x {pads = array<i64: 0, 0, 1, 2, 0, 0, 2, 0>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x11x10xf32>
  return %0 : tensor<1x3x11x10xf32>
}

// CHECK-LABEL: func @pad_value
func.func @pad_value(%x: tensor<4xi32>) -> tensor<6xi32> {
  // The default mode is not printed.
  // CHECK: kiln.pad %{{.*}} {pads = array<i64: 1, 1>, value = -1.000000e+00 : f64} : (tensor<4xi32>) -> tensor<6xi32>
  %0 = kiln.pad %x {mode = #kiln.pad_mode<constant>, pads = array<i64: 1, 1>, value = -1.0 : f64} : (tensor<4xi32>) -> tensor<6xi32>
  return %0 : tensor<6xi32>
}

// CHECK-LABEL: func @pad_reflect
func.func @pad_reflect(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32> {
  // CHECK: kiln.pad %{{.*}} {mode = #kiln.pad_mode<reflect>, pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  %0 = kiln.pad %x {mode = #kiln.pad_mode<reflect>, pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  return %0 : tensor<1x3x10x10xf32>
}

// CHECK-LABEL: func @pad_edge
func.func @pad_edge(%x: tensor<1x5xf32>) -> tensor<4x5xf32> {
  // CHECK: kiln.pad %{{.*}} {mode = #kiln.pad_mode<edge>, pads = array<i64: 2, 0, 1, 0>} : (tensor<1x5xf32>) -> tensor<4x5xf32>
  %0 = kiln.pad %x {mode = #kiln.pad_mode<edge>, pads = array<i64: 2, 0, 1, 0>} : (tensor<1x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// CHECK-LABEL: func @gather
func.func @gather(%table: tensor<1000x64xf32>, %ids: tensor<1x16xi64>) -> tensor<1x16x64xf32> {
  // CHECK: kiln.gather %{{.*}}, %{{.*}} : (tensor<1000x64xf32>, tensor<1x16xi64>) -> tensor<1x16x64xf32>
  %0 = kiln.gather %table, %ids : (tensor<1000x64xf32>, tensor<1x16xi64>) -> tensor<1x16x64xf32>
  return %0 : tensor<1x16x64xf32>
}

// CHECK-LABEL: func @gather_axis
func.func @gather_axis(%x: tensor<2x5x3xf16>, %i: tensor<4x2xi32>, %s: tensor<i64>) -> (tensor<2x4x2x3xf16>, tensor<2x5xf16>) {
  // CHECK: kiln.gather %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<2x5x3xf16>, tensor<4x2xi32>) -> tensor<2x4x2x3xf16>
  %0 = kiln.gather %x, %i {axis = 1 : i64} : (tensor<2x5x3xf16>, tensor<4x2xi32>) -> tensor<2x4x2x3xf16>
  // A scalar index removes the dimension.
  // CHECK: kiln.gather %{{.*}}, %{{.*}} {axis = -1 : i64} : (tensor<2x5x3xf16>, tensor<i64>) -> tensor<2x5xf16>
  %1 = kiln.gather %x, %s {axis = -1 : i64} : (tensor<2x5x3xf16>, tensor<i64>) -> tensor<2x5xf16>
  return %0, %1 : tensor<2x4x2x3xf16>, tensor<2x5xf16>
}

{-#
  dialect_resources: {
    builtin: {
      blob: "0x040000000000803F00000040"
    }
  }
#-}
