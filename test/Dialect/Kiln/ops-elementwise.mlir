// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s --mlir-print-op-generic | kiln-opt | FileCheck %s

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
  // CHECK: kiln.neg %{{.*}} : tensor<3xi32>
  %7 = kiln.neg %i : tensor<3xi32>
  // CHECK: kiln.abs %{{.*}} : tensor<3xi32>
  %8 = kiln.abs %7 : tensor<3xi32>
  return %6 : tensor<1x8x4x4xf32>
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
