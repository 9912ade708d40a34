// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | kiln-opt | FileCheck %s

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
